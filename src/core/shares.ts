/**
 * Shares that add up (issue 11 item 5): counts → shares in tenths of a percent, rounded by the
 * largest remainder so that they sum to exactly 100.0% (1000 tenths) whenever the total is not zero.
 * Each share is the exact one rounded down or up, so it is never more than 0.1 point away from it.
 * Integer arithmetic throughout: no floating-point drift at the halves.
 */
import type { ShareRounding } from './settings';

/** Tenths of a percent per count (54.8% → 548), summing to 1000; all zero when the total is zero. */
export function largestRemainderTenths(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  // count × 1000 / total as a quotient and a remainder, exactly.
  const parts = counts.map((c, i) => ({
    i,
    floor: Math.floor((c * 1000) / total),
    rest: (c * 1000) % total,
  }));
  let left = 1000 - parts.reduce((a, p) => a + p.floor, 0);
  const out = parts.map((p) => p.floor);
  // The largest remainders get the tenths left; ties go to the earlier row (the table's order).
  for (const p of [...parts].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left <= 0) break;
    out[p.i]! += 1;
    left--;
  }
  return out;
}

/** The shares in tenths as the setting output.shareRounding asks (absent = as printed). */
export function shareTenths(counts: readonly number[], rounding: ShareRounding | undefined): number[] {
  return rounding === 'largestRemainder' ? largestRemainderTenths(counts) : asPrintedTenths(counts);
}

/** Shares as printed (each rounded half up to a tenth on its own), in tenths: they may not sum to 1000. */
export function asPrintedTenths(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  return counts.map((c) => Math.floor((c * 2000 + total) / (2 * total)));
}
