// A user-timing mark at the first frame painted after a change, so "how soon did the rider see it"
// can be read from the page itself (performance.getEntriesByName), by the bench as by any real-user
// monitoring, prerendered or not. requestAnimationFrame runs just before the next frame is painted;
// a task queued from it runs once that frame is out.

/** Runs `work` once the frame showing the current DOM is painted (at once where nothing paints). */
export function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') work();
  else requestAnimationFrame(() => setTimeout(work, 0));
}

/** Marks `name` once the frame showing the current DOM is painted (first time only). */
export function markWhenPainted(name: string): void {
  if (typeof requestAnimationFrame !== 'function' || performance.getEntriesByName(name).length) return;
  afterNextPaint(() => {
    if (!performance.getEntriesByName(name).length) performance.mark(name);
  });
}
