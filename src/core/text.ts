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
