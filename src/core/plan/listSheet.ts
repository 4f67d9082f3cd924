/**
 * 「取組一覧」: one row per entry, the columns the 集計 sheet's COUNTIFS read.
 */
import { toA1 } from '../address';
import { formatFiscalYear } from '../fiscalYear';
import type { Entry } from '../model';
import { encodeRecord, listRowRecord } from '../reviewerEdits';
import type { PlanCell, SheetPlan, StyledRange, StyleName } from '../outputPlan';
import { link, MAX_LINKS_PER_SHEET, oneLine, text, value } from './cells';
import type { SheetLabels } from './labels';

export type ListColumn =
  | 'group1'
  | 'group2'
  | 'group3'
  | 'number'
  | 'title'
  | 'department'
  | 'rawStatus'
  | 'category'
  | 'detail'
  | 'counted'
  | 'table'
  | 'year'
  | 'reason'
  | 'file'
  | 'sheet'
  | 'cell'
  | 'indicator'
  | 'unit'
  | 'baseline'
  | 'target'
  | 'actual'
  | 'review'
  | 'record';

/** The list's layout: which columns, where, and each entry's values in the columns COUNTIFS read. */
export interface ListLayout {
  readonly columns: readonly ListColumn[];
  readonly col: (c: ListColumn) => number;
  readonly has: (c: ListColumn) => boolean;
  readonly headerRow: number;
  readonly firstRow: number;
  /** Last data row (firstRow when empty, so ranges stay valid). */
  readonly lastRow: number;
  /** Per entry, the text written in the criteria columns: what COUNTIFS compares. */
  readonly records: readonly ListRecord[];
}

export interface ListRecord {
  readonly entry: Entry;
  readonly group: readonly [string, string, string];
  readonly category: string;
  readonly detail: string;
  readonly counted: string;
  /** Title of the summary table the entry counts in ('' when none). */
  readonly table: string;
  readonly year: string;
}

const WIDTHS: Record<ListColumn, number> = {
  group1: 26,
  group2: 26,
  group3: 20,
  number: 8,
  title: 40,
  department: 16,
  rawStatus: 16,
  category: 14,
  detail: 10,
  counted: 8,
  table: 18,
  year: 12,
  reason: 30,
  file: 18,
  sheet: 14,
  cell: 8,
  indicator: 30,
  unit: 8,
  baseline: 12,
  target: 12,
  actual: 12,
  review: 16,
  record: 12,
};

const WRAPPED = new Set<ListColumn>(['group1', 'group2', 'group3', 'title', 'reason', 'indicator']);

/** The 集計 flag of an entry: repeats first, then 対象外, then unjudged; counted otherwise. */
export function countedFlag(e: Entry, labels: SheetLabels): string {
  if (e.repeatOf) return labels.flag.repeat;
  if (e.excluded) return labels.flag.excluded;
  if (e.category === null) return labels.flag.unclassified;
  return labels.flag.counted;
}

export function layoutList(
  entries: readonly Entry[],
  /** The summary table each entry counts in, and that table's label, when there are several tables. */
  tableOf: (e: Entry) => string,
  multipleTables: boolean,
  labels: SheetLabels,
  /** Whether to show the 内訳 column (sub-statuses such as 達成 under 順調). */
  withDetail: boolean,
): ListLayout {
  const columns: ListColumn[] = [
    'group1',
    'group2',
    'group3',
    'number',
    'title',
    'department',
    'rawStatus',
    'category',
  ];
  // 「うち達成」 counts read the sub-status.
  if (withDetail) columns.push('detail');
  columns.push('counted');
  if (multipleTables) columns.push('table');
  columns.push('year', 'reason');
  // A run over several files names each entry's file (multi.ts).
  if (entries.some((e) => e.at.file !== undefined)) columns.push('file');
  columns.push('sheet', 'cell');
  if (entries.some((e) => e.indicator !== undefined)) {
    columns.push('indicator', 'unit', 'baseline', 'target', 'actual');
  }
  if (entries.some((e) => e.reported !== undefined)) columns.push('review');
  // Last and hidden: what this run wrote, so that the next run tells a reviewer's change.
  columns.push('record');
  const index = new Map(columns.map((c, i) => [c, i] as const));
  const headerRow = 2;
  const firstRow = headerRow + 1;
  const records = entries.map((entry): ListRecord => {
    const g = entry.group.map(oneLine).filter((s) => s !== '');
    return {
      entry,
      group: [g[0] ?? '', g[1] ?? '', g.slice(2).join(' ／ ')],
      category: entry.category ?? '',
      detail: entry.status !== null && entry.status !== entry.category ? entry.status : '',
      counted: countedFlag(entry, labels),
      table: tableOf(entry),
      year: entry.year !== undefined ? formatFiscalYear(entry.year) : '',
    };
  });
  return {
    columns,
    col: (c) => {
      const i = index.get(c);
      if (i === undefined) throw new Error(`list column ${c} is not in this list`);
      return i;
    },
    has: (c) => index.has(c),
    headerRow,
    firstRow,
    lastRow: firstRow + Math.max(records.length, 1) - 1,
    records,
  };
}

function cellFor(c: ListColumn, r: ListRecord, linkAllowed: boolean, labels: SheetLabels): PlanCell {
  const e = r.entry;
  switch (c) {
    case 'group1':
      return text(r.group[0]);
    case 'group2':
      return text(r.group[1]);
    case 'group3':
      return text(r.group[2]);
    case 'number':
      return text(e.number);
    case 'title':
      return text(e.title);
    case 'department':
      return text(e.department);
    case 'rawStatus':
      return text(e.rawStatus);
    case 'category':
      return text(r.category);
    case 'detail':
      return text(r.detail);
    case 'counted':
      return text(r.counted);
    case 'table':
      return text(r.table);
    case 'year':
      return text(r.year);
    case 'reason':
      return text(e.reason && labels.reasonText(e.reason));
    case 'file':
      return text(e.at.file);
    case 'sheet':
      return text(e.at.sheet);
    case 'cell': {
      const shown = toA1(e.at.row, e.at.col);
      // A cell in another file is named as text: links stay inside the output.
      return linkAllowed && e.at.file === undefined
        ? link(shown, e.at.sheet, e.at.row, e.at.col)
        : text(shown);
    }
    case 'indicator':
      return text(e.indicator?.name);
    case 'unit':
      return text(e.indicator?.unit);
    case 'baseline':
      return value(e.indicator?.baseline);
    case 'target':
      return value(e.indicator?.target);
    case 'actual':
      return value(e.indicator?.actual);
    case 'review':
      return text(e.reported ? labels.reviewMark(e.reported.category ?? '') : '');
    case 'record':
      return text(encodeRecord(listRowRecord(e)));
  }
}

function header(c: ListColumn, labels: SheetLabels): string {
  const l = labels.list;
  switch (c) {
    case 'group1':
      return l.group(1);
    case 'group2':
      return l.group(2);
    case 'group3':
      return l.group(3);
    default:
      return l[c];
  }
}

export function listSheet(name: string, list: ListLayout, title: string, labels: SheetLabels): SheetPlan {
  const width = list.columns.length;
  const rows: PlanCell[][] = [
    [text(title)],
    [text(labels.listNote)],
    list.columns.map((c) => text(header(c, labels))),
  ];
  list.records.forEach((r, i) => {
    rows.push(list.columns.map((c) => cellFor(c, r, i < MAX_LINKS_PER_SHEET, labels)));
  });
  const last = list.lastRow;
  const styles: StyledRange[] = [
    { top: 0, left: 0, bottom: 0, right: 0, style: 'title' },
    { top: 1, left: 0, bottom: 1, right: 0, style: 'note' },
    { top: list.headerRow, left: 0, bottom: list.headerRow, right: width - 1, style: 'header' },
  ];
  if (list.records.length > 0) {
    list.columns.forEach((c, i) => {
      // Figures keep the General format: a '#,##0' would show a ratio of 0.648 as 1.
      const style: StyleName = c === 'cell' ? 'link' : WRAPPED.has(c) ? 'bodyWrap' : 'body';
      styles.push({ top: list.firstRow, left: i, bottom: last, right: i, style });
    });
  }
  return {
    role: 'list',
    name,
    rows,
    styles,
    merges: [],
    columnWidths: list.columns.map((c) => WIDTHS[c]),
    hiddenColumns: [list.col('record')],
    freeze: { rows: list.firstRow, cols: 0 },
    printTitleRows: { first: list.headerRow, last: list.headerRow },
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true },
    autoFilter: { top: list.headerRow, left: 0, bottom: last, right: width - 1 },
  };
}
