// The bench's pacing: long precomputation in slices that yield (bench/slices.ts), the load-average
// wait and caveat (bench/load.ts), and the caveat on a figure's line (bench/report.ts). Clocks and
// load readings are faked, so every case is decided by its inputs, not by the machine.
import { describe, expect, it } from 'vitest';
import { loadCaveat, settledLoad } from '../../../bench/load.ts';
import { line } from '../../../bench/report.ts';
import { mapInSlices } from '../../../bench/slices.ts';

describe('mapInSlices', () => {
  it('yields to the event loop whenever a slice has run its time, and keeps every result in order', async () => {
    let clock = 0;
    const events: string[] = [];
    const results = await mapInSlices(
      7,
      (i) => {
        clock += 4; // each item "takes" 4 ms
        events.push(`make ${i}`);
        return i * i;
      },
      {
        sliceMs: 10,
        now: () => clock,
        yieldToLoop: async () => {
          events.push('yield');
        },
      },
    );
    expect(results).toEqual([0, 1, 4, 9, 16, 25, 36]);
    // 10 ms slices of 4 ms items: a yield after every third item, none after the last.
    expect(events).toEqual(['make 0', 'make 1', 'make 2', 'yield', 'make 3', 'make 4', 'make 5', 'yield', 'make 6']);
  });

  it('lets other callbacks run between slices with the real event loop', async () => {
    let clock = 0;
    let ranBetween = -1;
    setImmediate(() => {
      ranBetween = clock;
    });
    await mapInSlices(
      4,
      () => {
        clock += 10;
      },
      { sliceMs: 10, now: () => clock },
    );
    // The immediate queued before the work ran after the first slice, not after the whole batch.
    expect(ranBetween).toBe(10);
  });
});

describe('settledLoad', () => {
  it('returns at once when the load is already quiet', async () => {
    const slept: number[] = [];
    const result = await settledLoad(45_000, {
      load: () => 0.4,
      now: () => 0,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(result).toEqual({ load: 0.4, waitedMs: 0 });
    expect(slept).toEqual([]);
  });

  it('waits while the load falls, and stops once it is at or below 1.0', async () => {
    let clock = 0;
    const readings = [1.6, 1.3, 1.0, 0.8];
    const result = await settledLoad(45_000, {
      load: () => readings.shift()!,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    expect(result).toEqual({ load: 1.0, waitedMs: 4_000 });
    expect(readings).toEqual([0.8]);
  });

  it('gives up at the limit when other work keeps the load high', async () => {
    let clock = 0;
    const result = await settledLoad(5_000, {
      load: () => 1.7,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    expect(result).toEqual({ load: 1.7, waitedMs: 5_000 });
  });
});

describe('figures measured under load', () => {
  it('are marked as not comparable above 1.0, and only then', () => {
    expect(loadCaveat(1.0)).toBeUndefined();
    expect(loadCaveat(0.3)).toBeUndefined();
    expect(loadCaveat(1.74)).toBe('not comparable: load average 1.74 > 1.0');
  });

  it('carry the caveat on their ✓/✗ line', () => {
    const figure = { name: 'submit → home painted, median', value: '120 ms', budget: '≤ 90 ms', ok: false };
    expect(line(figure)).toMatch(/^✗ submit → home painted, median +120 ms {3}budget ≤ 90 ms$/);
    expect(line({ ...figure, caveat: loadCaveat(1.74)! })).toMatch(
      /budget ≤ 90 ms {3}\(not comparable: load average 1\.74 > 1\.0\)$/,
    );
  });
});
