/**
 * The report's title and fiscal year, from the headings a sheet opens with: 「せき行財政改革アクション
 * プランⅢ」 / 「R3期末報告書」, 「…における令和3年度取組状況と総括」. Layouts add years from their headers
 * (R3進捗状況) when the headings name none.
 */
import { headingText, headingYear, valueColumns } from './layouts/common';
import { isSectionHeading } from './layouts/headings';
import type { CellAddress } from './address';
import type { Layout, RunFact } from './layouts/types';
import type { Settings } from './settings';
import type { Sheet } from './sheet';
import { codePointCount } from './text';

export interface ReportMeta {
  /** The first heading that reads as a title, or null. */
  readonly title: string | null;
  /** The fiscal year a heading names ('令和3年度', 'R3期末報告書'), or null. */
  readonly year: number | null;
}

/** How far down a sheet headings are looked for: a report names itself near the top. */
const META_ROWS = 40;

/** Headings that are not titles: group and section headings, bracketed markers, bare years. */
function isTitleLike(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  if (codePointCount(t, 4) < 4) return false;
  if (/^[●○◎◯■□◆◇▲△▼▽★☆・※]/.test(t)) return false;
  if (/^[<＜【[［(（].*[>＞】\]］)）]$/.test(t)) return false;
  if (isSectionHeading(t)) return false;
  if (/^(?:令和|平成|R|H)?\s*[\d元]+\s*年度?$/.test(t)) return false;
  return true;
}

/** A heading's text and where it stands. */
export interface HeadingFact<T> {
  readonly value: T;
  readonly at: CellAddress;
  readonly text: string;
}

/** The title and year a sheet's opening headings name, with their cells. */
function readHeadings(sheet: Sheet): { title: HeadingFact<string> | null; year: HeadingFact<number> | null } {
  let title: HeadingFact<string> | null = null;
  let year: HeadingFact<number> | null = null;
  let tableStarted = false;
  const last = Math.min(sheet.rowCount, META_ROWS);
  for (let r = 0; r < last; r++) {
    const text = headingText(sheet, r);
    if (text === null) {
      if (valueColumns(sheet, r).length >= 2) tableStarted = true;
      continue;
    }
    const at = sheet.address(r, valueColumns(sheet, r)[0]!);
    if (title === null && !tableStarted && isTitleLike(text)) title = { value: text, at, text };
    if (year === null) {
      const y = headingYear(text);
      if (y !== null) year = { value: y, at, text };
    }
    if (title !== null && year !== null) break;
  }
  return { title, year };
}

export function readReportMeta(sheet: Sheet): ReportMeta {
  const h = readHeadings(sheet);
  return { title: h.title?.value ?? null, year: h.year?.value ?? null };
}

/** The workbook's title and year: the first sheet that names each, in sheet order. */
export function readWorkbookMeta(sheets: readonly Sheet[], workbookName?: string): ReportMeta {
  const f = settleRunFacts(sheets, [], null, workbookName);
  return { title: f.title?.value ?? null, year: f.reportYear?.value ?? null };
}

/**
 * The facts of the whole run, from every sheet before any is parsed: the title (the first heading
 * that reads as one, else the workbook's name) and the report year — the settings', else the first
 * heading naming one, else the title's, else the first a layout's own labels name (R3進捗状況), in
 * sheet order. A sheet no layout claims is asked by the layout of the sheet before it (a report
 * split over sheets). Each with where it was read.
 */
export function settleRunFacts(
  sheets: readonly Sheet[],
  layouts: readonly (Layout | null)[],
  settingsYear: number | null,
  workbookName?: string,
  settings?: Settings,
): { title: RunFact<string> | null; reportYear: RunFact<number> | null } {
  let title: RunFact<string> | null = null;
  let year: RunFact<number> | null =
    settingsYear !== null ? { value: settingsYear, text: String(settingsYear), from: 'settings' } : null;
  for (const s of sheets) {
    if (title !== null && year !== null) break;
    const h = readHeadings(s);
    if (title === null && h.title) title = { ...h.title, from: 'heading' };
    if (year === null && h.year) year = { ...h.year, from: 'heading' };
  }
  if (title === null && workbookName) {
    const base = workbookName.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xlsm|xls)$/i, '');
    if (base !== '') title = { value: base, text: workbookName, from: 'fileName' };
  }
  if (year === null && title !== null) {
    const y = headingYear(title.value);
    if (y !== null) year = { ...title, value: y };
  }
  if (year === null && settings) {
    let layout: Layout | null = null;
    for (let i = 0; i < sheets.length && year === null; i++) {
      layout = layouts[i] ?? layout;
      const hint = layout?.reportYear?.(sheets[i]!, settings);
      if (hint) year = { value: hint.year, at: hint.at, text: hint.text, from: 'label' };
    }
  }
  return { title, reportYear: year };
}
