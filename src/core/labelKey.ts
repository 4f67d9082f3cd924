/**
 * The one label normalisation of every layout: a cell's text split into its label key (NFKC, no
 * spaces, trailing numbering and colon dropped) and the fiscal year it names. The sheets' cell index
 * (sheet.ts) computes it once per cell; layouts compare keys.
 */
import { findFiscalYears } from './fiscalYear';
import { normalizeLabel } from './text';

/** Fiscal-year tokens inside a label: R3, R 3, 令和3年度, H31, FY2021, 2021年度, (R3). */
const YEAR_TOKEN =
  /[(（]?\s*(?:(?:明治|大正|昭和|平成|令和)\s*(?:元|\d{1,2})\s*(?:年度|年)?|(?<![A-Za-z])[MTSHR]\s*(?:元|\d{1,2})(?!\d)\s*(?:年度|年)?|FY\s*(?:19|20)\d{2}|(?<!\d)(?:19|20)\d{2}\s*年度)\s*[)）]?/g;

/** What every year token holds. */
const YEAR_HINT = /[0-9元]/;

/** Longer texts are prose, never a label or header: skipping them keeps scans of big sheets cheap. */
export const MAX_LABEL_LENGTH = 40;

/** Labels repeat on every card and page: their split form is kept (bounded, cleared when full). */
const LABEL_CACHE = new Map<string, { key: string; year: number | null }>();
const LABEL_CACHE_SIZE = 20000;

/**
 * A header or label split into its words and the fiscal year it names:
 * 'R3進捗状況' → {key '進捗状況', year 2021}; '実績（R2）' → {key '実績', year 2020}; '評価' → year null.
 * `key` is normalised (normalizeLabel) for comparing with synonyms.
 */
export function splitYearLabel(text: string): { key: string; year: number | null } {
  const cached = LABEL_CACHE.get(text);
  if (cached) return cached;
  const t = text.normalize('NFKC');
  // Every year token holds a digit or 元: most labels have neither and skip the year scan.
  const dated = YEAR_HINT.test(t);
  const years = dated ? findFiscalYears(t) : [];
  const rest = (dated ? t.replace(YEAR_TOKEN, ' ') : t).replace(/[(（]\s*[)）]/g, ' ');
  const split = { key: trimLabelTail(normalizeLabel(rest)), year: years[0] ?? null };
  if (LABEL_CACHE.size >= LABEL_CACHE_SIZE) LABEL_CACHE.clear();
  LABEL_CACHE.set(text, split);
  return split;
}

/**
 * A label's trailing numbering, bracketed note and colon are not part of it: 実績値① = 実績値,
 * 取組項目② = 取組項目, 初期値（全体） = 初期値, 所管課： = 所管課. Up to three, in any order.
 */
function trimLabelTail(key: string): string {
  let k = key;
  for (let i = 0; i < 3; i++) {
    k = k
      .replace(/[(（][^()（）]*[)）]$/, '')
      .replace(/[0-9]+$/, '')
      .replace(/[:：]$/, '');
  }
  return k;
}

/** The label's key, or '' when the text is too long to be a label. */
export function labelKey(text: string): string {
  return text.length > MAX_LABEL_LENGTH ? '' : splitYearLabel(text).key;
}
