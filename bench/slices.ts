// Long synchronous work (the load generator's thousands of client key pairs) done in short slices
// that give the event loop back between them. A loop blocked for seconds cannot see the server
// close its idle kept-alive sockets, nor run the agent's own idle timers, so the next requests go
// out on sockets that are already closed; in slices, those events are handled as they happen.
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface SliceOptions {
  /** Longest the loop is held before yielding (ms); default 10. */
  sliceMs?: number;
  /** The clock slices are measured with; default performance.now. */
  now?: () => number;
  /** Gives the event loop a turn; default: setImmediate (timers and I/O run first). */
  yieldToLoop?: () => Promise<unknown>;
}

/** `[make(0), …, make(count − 1)]`, yielding to the event loop whenever a slice has run `sliceMs`. */
export async function mapInSlices<T>(count: number, make: (i: number) => T, options: SliceOptions = {}): Promise<T[]> {
  const { sliceMs = 10, now = () => performance.now(), yieldToLoop = () => nextTurn() } = options;
  const results: T[] = [];
  let sliceStart = now();
  for (let i = 0; i < count; i += 1) {
    results.push(make(i));
    if (now() - sliceStart >= sliceMs && i + 1 < count) {
      await yieldToLoop();
      sliceStart = now();
    }
  }
  return results;
}
