/**
 * 「前年度比較」 (issue 11): one row per item whose category changed since last year, was added or was
 * dropped, with both years' categories, the direction (改善 / 後退 / 新規 / 終了 / 区分変更), a link to
 * this year's cell and last year's cell named as Excel names a cell of another book.
 */
import { toA1 } from '../address';
import type { Comparison, ItemSide } from '../compare';
import { previousSheetName } from '../compare';
import { formatFiscalYear } from '../fiscalYear';
import type { Summary } from '../model';
import type { PlanCell, SheetPlan } from '../outputPlan';
import { GridBuilder, link, MAX_LINKS_PER_SHEET, text } from './cells';
import type { SheetLabels } from './labels';

export function comparisonSheet(
  name: string,
  comparison: Comparison,
  summaries: readonly Summary[],
  /** The label of each summary in 取組一覧's 集計表 column (shown when there are several). */
  tableLabels: readonly string[],
  /** Sheets of this year's workbook a link may point to. */
  linkable: ReadonlySet<string>,
  heading: string,
  labels: SheetLabels,
): SheetPlan {
  const l = labels.comparison;
  const g = new GridBuilder();
  const changes = comparison.changes;
  const count = (d: string) => changes.filter((c) => c.direction === d).length;
  const changed = changes.length - count('added') - count('dropped');
  g.push([text(heading)]);
  g.style(0, 0, 0, 0, 'title');
  const year = comparison.previousYear === null ? '' : formatFiscalYear(comparison.previousYear);
  g.push([
    text(
      l.line(comparison.previousName, year, comparison.matched, changed, count('added'), count('dropped')),
    ),
  ]);
  g.style(1, 0, 1, 0, 'subtitle');
  g.push([text(l.note)]);
  g.style(2, 0, 2, 0, 'note');

  const several = summaries.length > 1;
  const headers = [
    ...(several ? [l.table] : []),
    l.direction,
    l.number,
    l.title2,
    l.department,
    l.before,
    l.after,
    l.cell,
    l.previousCell,
    l.how,
  ];
  const headerRow = g.push(headers.map(text));
  const last = headers.length - 1;
  g.style(headerRow, 0, headerRow, last, 'header');
  const state = (s: ItemSide | undefined): string =>
    s === undefined
      ? ''
      : s.excluded
        ? labels.notCounted.excluded
        : (s.category ?? l.unclassified(s.rawStatus));
  let links = 0;
  for (const c of changes) {
    const item = (c.current ?? c.previous)!;
    const cur = c.current;
    const here: PlanCell =
      cur === undefined
        ? null
        : linkable.has(cur.at.sheet) && links++ < MAX_LINKS_PER_SHEET
          ? link(`${cur.at.sheet}!${toA1(cur.at.row, cur.at.col)}`, cur.at.sheet, cur.at.row, cur.at.col)
          : text(`${cur.at.sheet}!${toA1(cur.at.row, cur.at.col)}`);
    const prev = c.previous;
    const there =
      prev === undefined
        ? null
        : text(
            `${previousSheetName(comparison.previousName, prev.at.sheet)}!${toA1(prev.at.row, prev.at.col)}`,
          );
    const how = c.match === 'number' ? l.howNumber : c.match === 'title' ? l.howTitle : '';
    const r = g.push([
      ...(several ? [text(c.summary >= 0 ? (tableLabels[c.summary] ?? '') : '')] : []),
      text(l.directions[c.direction]),
      text(item.number),
      text(item.title),
      text(item.department),
      text(state(prev)),
      text(state(cur)),
      here,
      there,
      text(how),
    ]);
    const dirCol = several ? 1 : 0;
    g.style(r, 0, r, last, 'bodyWrap');
    g.style(r, dirCol, r, dirCol, c.direction === 'worsened' ? 'warning' : 'body');
    if (here !== null && here.kind === 'link') g.style(r, dirCol + 6, r, dirCol + 6, 'link');
  }
  const first = headerRow + 1;
  if (changes.length === 0) {
    const r = g.push([text(l.none)]);
    g.style(r, 0, r, 0, 'note');
  }
  const lastRow = first + Math.max(changes.length, 1) - 1;
  return {
    role: 'comparison',
    name,
    rows: g.rows,
    styles: g.styles,
    merges: [],
    columnWidths: [...(several ? [16] : []), 10, 8, 40, 16, 16, 16, 14, 28, 22],
    freeze: { rows: first, cols: 0 },
    printTitleRows: { first: headerRow, last: headerRow },
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true },
    ...(changes.length > 0 ? { autoFilter: { top: headerRow, left: 0, bottom: lastRow, right: last } } : {}),
  };
}
