// One line per figure: what, the measured value, the budget, and whether it holds.

export interface Figure {
  name: string;
  value: string;
  /** e.g. "≤ 28.0 kB"; empty when the figure has no budget. */
  budget?: string;
  /** true/false against the budget; undefined when there is none. */
  ok?: boolean;
  /** Why the figure cannot be compared with a quiet run, e.g. the load average it was measured at. */
  caveat?: string;
}

const mark = (ok: boolean | undefined): string => (ok === undefined ? ' ' : ok ? '✓' : '✗');

export function line(f: Figure): string {
  const budget = f.budget ? `budget ${f.budget}` : '';
  const caveat = f.caveat ? `   (${f.caveat})` : '';
  return `${mark(f.ok)} ${f.name.padEnd(52)} ${f.value.padStart(24)}   ${budget}${caveat}`.trimEnd();
}

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** The q-quantile (0..1) of numbers, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
