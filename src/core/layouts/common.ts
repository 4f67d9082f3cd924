/**
 * Helpers every layout shares: label synonyms merged with the settings, labels that carry a fiscal
 * year (R3進捗状況), headings, merged cells, department-like text, and the stated summary table.
 */
import { findFiscalYears } from '../fiscalYear';
import type { AnyLayoutId, LayoutId, StatedSummary } from '../model';
import { parseCellNumber } from '../numbers';
import type { Settings } from '../settings';
import type { Sheet } from '../sheet';
import type { StatusScheme } from '../settings';
import { DEPARTMENT_SUFFIXES, type StatusMatch } from '../status';
import type { DiagnosticBag } from '../diagnostics';
import type { CellAddress } from '../address';
import { HEADING_MARKS } from './headings';
import type { LayoutCarry, LayoutContext } from './types';
import { normalizeText } from '../text';
import { labelKey, splitYearLabel } from '../labelKey';

export { labelKey, MAX_LABEL_LENGTH, splitYearLabel } from '../labelKey';

export type Synonyms = Readonly<Record<string, readonly string[]>>;

/** A layout's concepts for its registry record: each concept's words with what it means. */
export function describeConcepts<K extends string>(
  labels: LabelTable<K>,
  about: Readonly<Record<K, string>>,
): Readonly<Record<K, { readonly words: readonly string[]; readonly about: string }>> {
  const out = {} as Record<K, { readonly words: readonly string[]; readonly about: string }>;
  for (const k of Object.keys(labels) as K[]) out[k] = { words: labels[k], about: about[k] };
  return out;
}

/** A layout's concepts and their words, typed by concept name. */
export type LabelTable<K extends string> = Readonly<Record<K, readonly string[]>>;

/**
 * The one synonym merge of every layout: the built-in words with the user's extra ones from
 * settings.labels[layout] in front (the user's spelling wins when two concepts could claim a cell),
 * duplicates (compared as labels) dropped. Unknown concepts are kept, so a layout can look them up.
 */
export function mergeSynonyms<K extends string>(
  defaults: LabelTable<K>,
  settings: Settings,
  layout: LayoutId,
): LabelTable<K> & Synonyms {
  // Once per settings and table: the same lists each time, so their keys (wordKeys) are built once.
  let bySettings = MERGED.get(settings);
  if (!bySettings) MERGED.set(settings, (bySettings = new Map()));
  const key = `${layout}\u0000`;
  let byTable = bySettings.get(key);
  if (!byTable) bySettings.set(key, (byTable = new WeakMap()));
  const held = byTable.get(defaults);
  if (held) return held as LabelTable<K> & Synonyms;
  const merged = mergeSynonymsOnce(defaults, settings, layout);
  byTable.set(defaults, merged);
  return merged;
}

const MERGED = new WeakMap<Settings, Map<string, WeakMap<object, Synonyms>>>();

function mergeSynonymsOnce<K extends string>(
  defaults: LabelTable<K>,
  settings: Settings,
  layout: LayoutId,
): LabelTable<K> & Synonyms {
  const extra = settings.labels[layout] ?? {};
  const out: Record<string, readonly string[]> = {};
  for (const [concept, words] of Object.entries<readonly string[]>(defaults)) {
    out[concept] = dedupe([...(extra[concept] ?? []), ...words]);
  }
  for (const [concept, words] of Object.entries(extra)) {
    if (!(concept in out)) out[concept] = dedupe([...words]);
  }
  return out as LabelTable<K> & Synonyms;
}

function dedupe(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    const k = splitYearLabel(w).key;
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(w);
  }
  return out;
}

/** The normalised words of a synonym list, built once per list. */
const WORD_KEYS = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

/** normalizeLabel(word) → its index in the list (the first, when two words normalise alike). */
export function wordKeys(words: readonly string[]): ReadonlyMap<string, number> {
  let keys = WORD_KEYS.get(words);
  if (!keys) {
    const m = new Map<string, number>();
    words.forEach((w, i) => {
      const k = splitYearLabel(w).key;
      if (k !== '' && !m.has(k)) m.set(k, i);
    });
    keys = m;
    WORD_KEYS.set(words, keys);
  }
  return keys;
}

/** The concept whose synonyms equal the label (year tokens ignored), in the order given; null if none. */
export function conceptOf(
  text: string,
  synonyms: Synonyms,
  concepts: readonly string[] = Object.keys(synonyms),
): string | null {
  return conceptOfKey(labelKey(text), synonyms, concepts);
}

function conceptOfKey(key: string, synonyms: Synonyms, concepts: readonly string[]): string | null {
  if (key === '') return null;
  for (const concept of concepts) {
    if (wordKeys(synonyms[concept] ?? []).has(key)) return concept;
  }
  return null;
}

/** isLabel of a cell, from the sheet's index (its key is computed once per cell). */
export function isLabelAt(sheet: Sheet, row: number, col: number, words: readonly string[]): boolean {
  const key = sheet.labelKey(row, col);
  return key !== '' && wordKeys(words).has(key);
}

/** conceptOf a cell, from the sheet's index. */
export function conceptAt(
  sheet: Sheet,
  row: number,
  col: number,
  synonyms: Synonyms,
  concepts: readonly string[] = Object.keys(synonyms),
): string | null {
  return conceptOfKey(sheet.labelKey(row, col), synonyms, concepts);
}

/** The label keys of every word of the concepts: what recognition looks for in a sheet's index. */
export function conceptKeys(
  synonyms: Synonyms,
  concepts: readonly string[] = Object.keys(synonyms),
): string[] {
  const out: string[] = [];
  for (const c of concepts) for (const k of wordKeys(synonyms[c] ?? []).keys()) out.push(k);
  return out;
}

/** True when the label is one of the words (year tokens ignored). */
export function isLabel(text: string, words: readonly string[]): boolean {
  const key = labelKey(text);
  return key !== '' && wordKeys(words).has(key);
}

/**
 * The cell's text, or the text of the merge it belongs to (a merged cell's value sits in its
 * top-left cell only).
 */
export function mergedText(sheet: Sheet, row: number, col: number): string {
  const m = sheet.mergeAt(row, col);
  if (m && (m.top !== row || m.left !== col)) return sheet.text(m.top, m.left);
  return sheet.text(row, col);
}

/** Filled cells of a row that start a value (merged tails excluded). */
export function valueColumns(sheet: Sheet, row: number): readonly number[] {
  return sheet.valueColumns(row);
}

/** The first filled cell right of `col` on the row, or null. */
export function nextFilled(sheet: Sheet, row: number, col: number): number | null {
  for (const c of valueColumns(sheet, row)) if (c > col) return c;
  return null;
}

/**
 * Text as shown in the output: as written, line breaks and runs of spaces folded to one space.
 * Unlike normalizeText it keeps the characters (①, Ⅲ, （）), which read better in a list.
 */
export function displayText(text: string): string {
  return text.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, ' ').trim();
}

const WRITTEN_SPAN_MAX = 10000;

/**
 * The words of `source` that NFKC folds to `folded`, as written. Numbers and their labels are read
 * from folded text ('ＨＰアクセス数 470,000件' gives the label 'HPアクセス数'); a label shown to users
 * is taken back from the cell: 'ＨＰアクセス数'. `folded` itself when the source has no such words.
 */
export function writtenSpan(source: string, folded: string): string {
  const want = displayText(folded.normalize('NFKC'));
  // A cell of more than a page is no label: its folded form stands (and costs no per-character array).
  if (want === '' || source.length > WRITTEN_SPAN_MAX) return folded;
  const chars = [...displayText(source)];
  // Each character's folded form, and where it starts in the folded text.
  let text = '';
  const starts: number[] = [];
  for (const ch of chars) {
    starts.push(text.length);
    text += ch.normalize('NFKC');
  }
  starts.push(text.length);
  for (let at = text.indexOf(want); at >= 0; at = text.indexOf(want, at + 1)) {
    const first = starts.indexOf(at);
    const last = starts.indexOf(at + want.length);
    if (first >= 0 && last > first) return chars.slice(first, last).join('').trim();
  }
  return folded;
}

/** displayText of a cell. */
export function cellDisplay(sheet: Sheet, row: number, col: number): string {
  return displayText(sheet.text(row, col));
}

/** The text of a row that holds a single cell (a heading), as written; null for other rows. */
export function headingText(sheet: Sheet, row: number): string | null {
  const cols = valueColumns(sheet, row);
  if (cols.length !== 1) return null;
  const t = cellDisplay(sheet, row, cols[0]!);
  return t === '' ? null : t;
}

/** The heading without its leading marks, as written: '●重点項目1 …' → '重点項目1 …'. */
export function stripHeadingMarks(text: string): string {
  return displayText(text).replace(HEADING_MARKS, '').trim();
}

/**
 * Endings of department names (所管課): 課, 室, 局, 部, 所, 係, 館, センター, 事務局, 委員会 … A short text
 * ending so, possibly followed by a bracketed note such as （とりまとめ）, reads as a department.
 */
export const DEPARTMENT_ENDINGS: readonly string[] = DEPARTMENT_SUFFIXES;

export function looksLikeDepartment(text: string): boolean {
  const t = normalizeText(text)
    .replace(/[(（][^()（）]*[)）]\s*$/, '')
    .trim();
  if (t === '' || t.length > 24) return false;
  if (/[。、，,]/.test(t)) return false;
  return DEPARTMENT_ENDINGS.some((e) => t.endsWith(e));
}

/** A text that reads as an item number: 1, 12, 10001, 1-2, 5-3, No.3, ①, 第3. */
export function looksLikeItemNumber(text: string): boolean {
  const t = normalizeText(text);
  return /^(?:no\.?\s*|№\s*|第\s*)?\d{1,6}(?:\s*[-‐－の.]\s*\d{1,4}){0,2}(?:\s*号)?$/i.test(t);
}

/** The item number as written, normalised for comparison (NFKC, no spaces): '１' → '1'. */
export function normalizeNumber(text: string): string {
  return normalizeText(text)
    .replace(/\s+/g, '')
    .replace(/^(?:no\.?|№)/i, '');
}

export const STATED_SUMMARY_LABELS: Synonyms = {
  /** Header over the category column of a stated summary table. */
  category: ['達成状況', '進捗状況', '評価', '評価区分', '区分', '達成度', '進捗', '状況', '実施状況'],
  /** Header over its count column (this year's, when the table also states last year's). */
  count: ['件数', '項目数', '取組数', '数', '件', '事業数', '今年度', '本年度', '当年度'],
  /** Header over last year's counts. */
  previous: ['前年度', '昨年度', '前年度件数', '前年'],
  /** Header over the change from last year (▲ for minus). */
  change: ['増減', '前年度比', '差', '増減数', '対前年度'],
};

/**
 * Summary tables the sheet states itself (達成状況 | 件数, then 順調 | 17 …), anywhere on the sheet:
 * a header pair followed by rows of a label and a count, until a row that is not such a pair.
 */
export function findStatedSummaries(sheet: Sheet, labels: Synonyms = STATED_SUMMARY_LABELS): StatedSummary[] {
  const out: StatedSummary[] = [];
  const catWords = labels['category'] ?? [];
  const countWords = labels['count'] ?? [];
  for (let r = 0; r < sheet.rowCount; r++) {
    const cols = valueColumns(sheet, r);
    for (let i = 0; i + 1 < cols.length; i++) {
      const c = cols[i]!;
      const cc = cols[i + 1]!;
      if (!isLabelAt(sheet, r, c, catWords) || !isLabelAt(sheet, r, cc, countWords)) continue;
      // Last year's counts and the change, in the columns after this year's when headed so.
      const after = cols.slice(i + 2, i + 4);
      const prevCol = after.find((x) => isLabelAt(sheet, r, x, labels['previous'] ?? []));
      const changeCol = after.find((x) => isLabelAt(sheet, r, x, labels['change'] ?? []));
      const rows: StatedSummary['rows'][number][] = [];
      let rr = r + 1;
      for (; rr < sheet.rowCount; rr++) {
        const label = cellDisplay(sheet, rr, c);
        const n = parseCellNumber(sheet.cell(rr, cc));
        if (label === '' || n === null || !Number.isInteger(n.value) || n.value < 0) break;
        const prev = prevCol === undefined ? null : parseCellNumber(sheet.cell(rr, prevCol));
        const change = changeCol === undefined ? null : parseCellNumber(sheet.cell(rr, changeCol));
        rows.push({
          label,
          count: n.value,
          at: sheet.address(rr, cc),
          ...(prev !== null ? { previous: prev.value } : {}),
          ...(change !== null ? { change: change.value } : {}),
        });
      }
      if (rows.length > 0) {
        out.push({ at: sheet.address(r, c), rows });
        r = rr - 1;
        break;
      }
    }
  }
  return out;
}

/** A fiscal year named in a report heading ('R3期末報告書', '○令和3年度 進捗状況'), or null. */
export function headingYear(text: string): number | null {
  const t = text.normalize('NFKC');
  const years = [...new Set(findFiscalYears(t))];
  // A range (令和2年度～令和6年度) names a plan period, not the year reported.
  if (years.length !== 1) return null;
  const strong =
    /(?:明治|大正|昭和|平成|令和)\s*(?:元|\d{1,2})\s*年度|(?<![A-Za-z])[HR]\s*(?:元|\d{1,2})(?![\d年月])|FY\s*\d{4}|(?<!\d)\d{4}\s*年度/;
  return strong.test(t) ? years[0]! : null;
}

/** The item a status cell belongs to, as MISSING_STATUS names it. */
export interface StatusItem {
  readonly title: string;
  readonly number?: string;
}

/**
 * The one reading of a reported status cell, for every layout: the match's diagnostics with one
 * severity per code — a note after a counted status (STATUS_NOTE), nothing written
 * (MISSING_STATUS), a word not in the scheme (UNKNOWN_STATUS, with the closest label). The fields
 * an entry takes from it come from statusFields.
 */
export function reportStatusMatch(
  bag: DiagnosticBag,
  at: CellAddress,
  raw: string,
  m: StatusMatch,
  scheme: StatusScheme,
  item: StatusItem,
): void {
  if (m.kind === 'matched') reportStatusNote(bag, at, raw, m);
  else if (m.kind === 'blank') bag.report('MISSING_STATUS', at, raw, { ...item });
  else {
    bag.report('UNKNOWN_STATUS', at, raw, {
      status: displayText(raw),
      scheme: scheme.name,
      ...(m.suggestion ? { suggestion: m.suggestion } : {}),
    });
  }
}

/** An entry's status fields from a match: unclassified (all null) unless it matched. */
export function statusFields(m: StatusMatch | null): {
  status: string | null;
  category: string | null;
  excluded: boolean;
} {
  return m?.kind === 'matched'
    ? { status: m.status, category: m.category, excluded: m.excluded }
    : { status: null, category: null, excluded: false };
}

/**
 * A status counted with a note after it (「B（一部完了）」 counts as B): the note is listed as
 * information, so that a note that changes the rating is seen, and never read as a status itself.
 */
export function reportStatusNote(bag: DiagnosticBag, at: CellAddress, raw: string, m: StatusMatch): void {
  if (m.kind !== 'matched' || m.note === undefined) return;
  bag.report('STATUS_NOTE', at, raw, { status: m.status, note: m.note });
}

/**
 * The context of a layout read on its own, outside a run (a test, a trial): the given year, and
 * NO_REPORT_YEAR raised once in the bag, where the run would raise it.
 */
export function soloContext<Id extends AnyLayoutId = AnyLayoutId>(
  settings: Settings,
  diagnostics: DiagnosticBag,
  reportYear: number | null,
  carry: LayoutCarry<Id> = {},
): LayoutContext<Id> {
  let asked = false;
  return {
    settings,
    diagnostics,
    reportYear,
    carry,
    run: {
      reportYear:
        reportYear === null ? null : { value: reportYear, text: String(reportYear), from: 'settings' },
      title: null,
      needYear: (at) => {
        if (!asked) diagnostics.report('NO_REPORT_YEAR', at, '');
        asked = true;
      },
    },
  };
}
