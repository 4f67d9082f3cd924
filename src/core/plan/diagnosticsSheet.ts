/**
 * 「検証結果」: one row per diagnostic, with a link to the cell it is about.
 */
import { toA1 } from '../address';
import type { Diagnostic } from '../diagnostics';
import { formatMessage, SEVERITY_LABEL, type Locale } from '../messages';
import type { PlanCell, SheetPlan } from '../outputPlan';
import { GridBuilder, link, MAX_LINKS_PER_SHEET, text } from './cells';
import type { SheetLabels } from './labels';

export function diagnosticsSheet(
  name: string,
  diagnostics: readonly Diagnostic[],
  /** Sheets a link may point to; a diagnostic about any other place gets its address as text. */
  linkable: ReadonlySet<string>,
  heading: string,
  labels: SheetLabels,
  locale: Locale,
): SheetPlan {
  const g = new GridBuilder();
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  g.push([text(heading)]);
  g.style(0, 0, 0, 0, 'title');
  g.push([text(labels.diagnosticsLine(counts.error, counts.warning, counts.info))]);
  g.style(1, 0, 1, 0, 'subtitle');
  const l = labels.diag;
  const headerRow = g.push([l.severity, l.sheet, l.cell, l.code, l.message, l.value].map(text));
  g.style(headerRow, 0, headerRow, 5, 'header');
  const first = headerRow + 1;
  diagnostics.forEach((d, i) => {
    const start = toA1(d.at.row, d.at.col);
    const shown = d.to ? `${start}:${toA1(d.to.row, d.to.col)}` : start;
    // A cell in another file (a department's, multi.ts) is named as text, its sheet as [file]sheet.
    const cell: PlanCell =
      d.at.file === undefined && linkable.has(d.at.sheet) && i < MAX_LINKS_PER_SHEET
        ? link(shown, d.at.sheet, d.at.row, d.at.col)
        : text(shown);
    const r = g.push([
      text(SEVERITY_LABEL[locale][d.severity]),
      text(d.at.file === undefined ? d.at.sheet : `[${d.at.file}]${d.at.sheet}`),
      cell,
      text(d.code),
      text(formatMessage(d, locale)),
      text(d.value),
    ]);
    g.style(r, 0, r, 0, d.severity);
  });
  const last = first + Math.max(diagnostics.length, 1) - 1;
  if (diagnostics.length === 0) {
    g.push([text(labels.noDiagnostics)]);
    g.style(first, 0, first, 5, 'note');
  } else {
    g.style(first, 1, last, 1, 'body');
    g.style(first, 2, last, 2, 'link');
    g.style(first, 3, last, 3, 'body');
    g.style(first, 4, last, 5, 'bodyWrap');
  }
  return {
    role: 'diagnostics',
    name,
    rows: g.rows,
    styles: g.styles,
    merges: [],
    columnWidths: [10, 16, 10, 26, 60, 30],
    freeze: { rows: first, cols: 0 },
    printTitleRows: { first: headerRow, last: headerRow },
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true },
    autoFilter: { top: headerRow, left: 0, bottom: last, right: 5 },
  };
}
