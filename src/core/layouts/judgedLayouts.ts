/**
 * Reading helpers shared by the three layouts whose statuses are worked out (江別市 indicator blocks,
 * 府中市 scored sheets, 安中市 plan cards): label synonyms from settings, heading numbers, group paths
 * that survive spelling variants, and year header rows.
 */
import { findFiscalYears, parseFiscalYear } from '../fiscalYear';
import type { LayoutId } from '../model';
import type { Settings } from '../settings';
import type { Sheet } from '../sheet';
import { normalizeLabel } from '../text';
import { cellDisplay, mergeSynonyms, type LabelTable } from './common';
import { CIRCLED } from './headings';

export { isLabel, isLabelAt, type LabelTable } from './common';

/** The built-in synonyms of a layout with the user's extra ones: the one merge (common.ts). */
export function mergedLabels<K extends string>(
  settings: Settings,
  layout: LayoutId,
  defaults: LabelTable<K>,
): LabelTable<K> {
  return mergeSynonyms(defaults, settings, layout);
}

/**
 * The text after a label the cell starts with: '現状の数値 女性参加率 29.2%' → '女性参加率 29.2%';
 * '' when the cell is the label alone; null when the cell does not start with one.
 */
export function afterLabel(text: string, synonyms: readonly string[]): string | null {
  const t = text.normalize('NFKC').trim();
  const compact = t.replace(/[\s\u3000]+/g, '');
  for (const s of synonyms) {
    const k = normalizeLabel(s);
    if (k === '' || !compact.toLowerCase().startsWith(k)) continue;
    // Walk the original text until the label's characters are consumed, spaces skipped.
    let i = 0;
    let matched = 0;
    while (i < t.length && matched < k.length) {
      if (!/[\s\u3000]/.test(t[i]!)) matched++;
      i++;
    }
    return t
      .slice(i)
      .replace(/^[\s\u3000:：]+/, '')
      .trim();
  }
  return null;
}

/**
 * Group headings, keyed by their numbers so that one group spelt two ways (「総動」/「総働」) stays one
 * group: the first spelling used by an entry is kept for every later one with the same numbers.
 */
export interface GroupState {
  /** Open headings, outermost first: level, number key, text as written. */
  readonly open: readonly { readonly level: number; readonly key: string; readonly text: string }[];
  /** Number path → the text shown. */
  readonly names: Readonly<Record<string, string>>;
}

export const EMPTY_GROUPS: GroupState = { open: [], names: {} };

/** Opens a heading at a level, closing deeper ones. */
export function openHeading(g: GroupState, level: number, key: string, text: string): GroupState {
  const open = g.open.filter((h) => h.level < level);
  return { open: [...open, { level, key, text }], names: g.names };
}

/** The group path for an entry, registering first spellings. */
export function groupPath(g: GroupState): { path: string[]; keys: string[]; state: GroupState } {
  const names: Record<string, string> = { ...g.names };
  const path: string[] = [];
  const keys: string[] = [];
  let prefix = '';
  for (const h of g.open) {
    prefix = `${prefix}/${h.level}:${h.key}`;
    const name = names[prefix] ?? h.text;
    names[prefix] = name;
    path.push(name);
    keys.push(h.key);
  }
  return { path, keys, state: { open: g.open, names } };
}

/**
 * A cell's text for display and output: one line, single spaces, characters as written (①, ㎡). The
 * same rule as every layout's (common.ts cellDisplay): NFKC is for matching, never for display.
 */
export function displayText(sheet: Sheet, row: number, col: number): string {
  return cellDisplay(sheet, row, col);
}

/** '①双方向性…' → '1'; '(3) 協働…' → '3'; '基本目標2 …' → '2'. */
export function leadingNumber(raw: string): string | null {
  const t = raw.trim();
  const circled = CIRCLED.exec(t);
  if (circled) return circled[0].normalize('NFKC');
  const n = t.normalize('NFKC');
  const m = /^[(（]?\s*(\d{1,3})\s*[)）]?/.exec(n);
  return m ? m[1]! : null;
}

export interface YearColumns {
  /** Column → fiscal year, for a header with one year per cell. */
  readonly byCol: readonly { readonly col: number; readonly year: number }[];
  /** The columns where the years start, when all the years sit in a single cell. */
  readonly singleCell: { readonly col: number } | null;
  /** The years in order. */
  readonly years: readonly number[];
}

/**
 * A year header row: at least two cells that are each a fiscal year (令和2年度, R3, FY2021), or one
 * cell listing three or more years and nothing else (「年度 令和2年度 令和3年度 …」). Null otherwise.
 */
export function yearColumns(sheet: Sheet, row: number): YearColumns | null {
  const byCol: { col: number; year: number }[] = [];
  for (const c of sheet.filledColumns(row)) {
    const text = sheet.text(row, c);
    const y = text.length <= MAX_YEAR_LABEL ? parseFiscalYear(text) : null;
    if (y !== null) byCol.push({ col: c, year: y });
  }
  if (byCol.length >= 2) return { byCol, singleCell: null, years: byCol.map((x) => x.year) };
  const plain = plainYears(sheet, row);
  if (plain) return { byCol: plain, singleCell: null, years: plain.map((x) => x.year) };
  for (const c of sheet.filledColumns(row)) {
    const text = sheet.text(row, c);
    if (KANA.test(text)) continue;
    const years = findFiscalYears(text);
    if (years.length < 3) continue;
    const rest = text
      .normalize('NFKC')
      .replace(/(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*(年度|年)?/g, '')
      .replace(/(FY)?\s*(19|20)\d{2}\s*(年度|年)?/g, '')
      .replace(/年度|[\s\u3000~～\-－、,・]/g, '');
    if (rest === '') return { byCol: [], singleCell: { col: c }, years };
  }
  return null;
}

/**
 * Every row of every sheet is asked whether it is a year header, prose cells included; these two
 * let the long texts through without normalising and scanning them. A whole-cell year label is a few
 * characters (「令 和 3 年 度」 spaced out is 9); a cell listing years holds no kana but ・.
 */
const MAX_YEAR_LABEL = 30;
const KANA = /[\u3041-\u30fa\u30fc-\u30ff\uff66-\uff9f]/;

/**
 * Years typed as bare numbers (2019 formatted 0"年度", or the text 2019): three or more cells in a
 * row, one year apart, so that a row of counts is not taken for a header.
 */
function plainYears(sheet: Sheet, row: number): { col: number; year: number }[] | null {
  const found: { col: number; year: number }[] = [];
  for (const c of sheet.filledColumns(row)) {
    const cell = sheet.cell(row, c);
    const raw = sheet.text(row, c);
    const text = raw.length <= 8 ? raw.normalize('NFKC').trim() : '';
    const n = typeof cell?.value === 'number' ? cell.value : /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (Number.isInteger(n) && n >= 1990 && n <= 2100) found.push({ col: c, year: n });
  }
  if (found.length < 3) return null;
  for (let i = 1; i < found.length; i++) if (found[i]!.year !== found[i - 1]!.year + 1) return null;
  return found;
}
