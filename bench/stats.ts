export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

export function stat(xs: readonly number[]): Stat {
  const runs = xs.filter((x) => Number.isFinite(x));
  return {
    median: median(runs),
    min: runs.length ? Math.min(...runs) : NaN,
    max: runs.length ? Math.max(...runs) : NaN,
    runs: runs.map((x) => Math.round(x * 100) / 100),
  };
}
