/**
 * The report's title and fiscal year, from the headings a sheet opens with: 「せき行財政改革アクション
 * プランⅢ」 / 「R3期末報告書」, 「…における令和3年度取組状況と総括」. Layouts add years from their headers
 * (R3進捗状況) when the headings name none.
 */
import { headingText, headingYear, isSectionHeading, valueColumns } from './layouts/common';
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

export function readReportMeta(sheet: Sheet): ReportMeta {
  let title: string | null = null;
  let year: number | null = null;
  let tableStarted = false;
  const last = Math.min(sheet.rowCount, META_ROWS);
  for (let r = 0; r < last; r++) {
    const text = headingText(sheet, r);
    if (text === null) {
      if (valueColumns(sheet, r).length >= 2) tableStarted = true;
      continue;
    }
    if (title === null && !tableStarted && isTitleLike(text)) title = text;
    if (year === null) year = headingYear(text);
    if (title !== null && year !== null) break;
  }
  return { title, year };
}

/** The workbook's title and year: the first sheet that names each, in sheet order. */
export function readWorkbookMeta(sheets: readonly Sheet[], workbookName?: string): ReportMeta {
  let title: string | null = null;
  let year: number | null = null;
  for (const s of sheets) {
    const m = readReportMeta(s);
    title ??= m.title;
    year ??= m.year;
    if (title !== null && year !== null) break;
  }
  if (title === null && workbookName) {
    const base = workbookName.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xlsm|xls)$/i, '');
    title = base === '' ? null : base;
  }
  if (year === null && title !== null) year = headingYear(title);
  return { title, year };
}
