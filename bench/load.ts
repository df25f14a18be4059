// The machine's load, so figures measured while other work competed for the CPU say so. On a
// 2-core machine, a 1-minute load average above 1.0 means another process had a core's worth of
// work to do: timings and Lighthouse scores of that section are not comparable with a quiet run.
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Above this 1-minute load average, a section's figures are marked as not comparable. */
export const QUIET_LOAD = 1.0;

export interface LoadProbe {
  /** The 1-minute load average; default os.loadavg()[0]. */
  load?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

/** The caveat a figure carries when its section started above QUIET_LOAD, or undefined. */
export function loadCaveat(load: number): string | undefined {
  return load > QUIET_LOAD ? `not comparable: load average ${load.toFixed(2)} > ${QUIET_LOAD.toFixed(1)}` : undefined;
}

/**
 * Waits (at most `limitMs`) for the 1-minute load average to fall to QUIET_LOAD, so the bench's own
 * previous section (Chromium, Lighthouse, the pool under load) fades out of it before the next
 * timed section; returns the load then, which the section reports. Other work keeps it high, and
 * the wait ends at the limit.
 */
export async function settledLoad(limitMs: number, probe: LoadProbe = {}): Promise<{ load: number; waitedMs: number }> {
  const { load = () => loadavg()[0]!, now = () => performance.now(), sleep: pause = sleep } = probe;
  const started = now();
  let current = load();
  while (current > QUIET_LOAD && now() - started < limitMs) {
    await pause(Math.min(2_000, limitMs - (now() - started)));
    current = load();
  }
  return { load: current, waitedMs: now() - started };
}
