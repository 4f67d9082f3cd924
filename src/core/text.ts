/**
 * Text normalization shared by every layout. NFKC folds full-width forms (ＡＢＣ１２３（）％, ①→1,
 * ㍻→平成); it leaves the dashes — ― ‐ − － and ▲ △ alone, which carry meaning here.
 */

const WHITESPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** NFKC, line breaks and runs of spaces folded to one space, trimmed. For titles and values. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(WHITESPACE, ' ').trim();
}

/** NFKC with every space removed: for matching labels, where `順 調` and `順\u3000調` mean 順調. */
export function normalizeLabel(s: string): string {
  return s.normalize('NFKC').replace(WHITESPACE, '').toLowerCase();
}

/** Dash-like characters that stand for "nothing" when alone in a cell. */
const PLACEHOLDER = /^[-‐‑‒–—―−－ー~～・/／]+$/;

/** Blank, or only a dash-like placeholder (—, -, －, ―). */
export function isPlaceholder(s: string): boolean {
  const t = s.normalize('NFKC').replace(WHITESPACE, '');
  return t === '' || PLACEHOLDER.test(t);
}

/** True when `label` equals one of the synonyms, comparing normalized labels. */
export function matchesAny(label: string, synonyms: readonly string[]): boolean {
  const n = normalizeLabel(label);
  if (n === '') return false;
  return synonyms.some((s) => normalizeLabel(s) === n);
}

/** True when `label` contains one of the synonyms (normalized), e.g. "R3進捗状況" contains "進捗状況". */
export function containsAny(label: string, synonyms: readonly string[]): boolean {
  const n = normalizeLabel(label);
  if (n === '') return false;
  return synonyms.some((s) => {
    const k = normalizeLabel(s);
    return k !== '' && n.includes(k);
  });
}

/** Levenshtein distance, for "did you mean" suggestions on short labels. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Appends `items` to `target` one by one: `target.push(...items)` passes every item as an argument
 * and overflows the stack past about 100,000 of them (a sheet of 140,000 rows).
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const x of items) target.push(x);
}

/** The first `n` code points of `s`, without splitting the whole string into an array. */
export function firstCodePoints(s: string, n: number): string {
  let end = 0;
  let count = 0;
  while (end < s.length && count < n) {
    const cp = s.codePointAt(end)!;
    end += cp > 0xffff ? 2 : 1;
    count++;
  }
  return s.slice(0, end);
}

/** The number of code points in `s`, counting no further than `cap` (a cell may be very long). */
export function codePointCount(s: string, cap = Infinity): number {
  let count = 0;
  for (let i = 0; i < s.length && count < cap; i++, count++) {
    if (s.codePointAt(i)! > 0xffff) i++;
  }
  return count;
}
