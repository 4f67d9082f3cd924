/**
 * 「集計」: the 達成状況 table as offices publish it (区分 / 件数 / 割合, 合計 100.0%) and the breakdown
 * per group, every count a COUNTIFS over 「取組一覧」 with the value cached, so that a reviewer's edit
 * in the list updates the table.
 */
import { findFiscalYear, formatFiscalYear } from '../fiscalYear';
import type { Summary } from '../model';
import type { PlanCell, SheetPlan } from '../outputPlan';
import type { Comparison, SummaryComparison } from '../compare';
import type { ShareRounding, StatusScheme } from '../settings';
import { asPrintedTenths, largestRemainderTenths } from '../shares';
import { normalizeLabel } from '../text';
import {
  columnRange,
  ColumnWidths,
  criterion,
  displayWidth,
  formula,
  GridBuilder,
  link,
  num,
  ref,
  text,
} from './cells';
import { summaryCharts, type ChartedTable } from './charts';
import type { SheetLabels } from './labels';
import type { ListColumn, ListLayout, ListRecord } from './listSheet';

/** One COUNTIFS condition: the list column and the exact text it must hold. */
interface Condition {
  readonly column: ListColumn;
  readonly value: string;
}

export interface SummaryInput {
  readonly name: string;
  readonly listName: string;
  readonly diagnosticsName: string;
  readonly heading: string;
  readonly stamp: string;
  readonly sourcesLine: string | null;
  readonly diagnosticCounts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly summaries: readonly Summary[];
  /** The label each summary has in the list's 集計表 column (used when there are several). */
  readonly tableLabels: readonly string[];
  readonly schemes: ReadonlyMap<string, StatusScheme>;
  readonly list: ListLayout;
  readonly labels: SheetLabels;
  /** Last year's counts, written beside this year's (issue 11); absent without last year's report. */
  readonly comparison?: Comparison | undefined;
  readonly shareRounding?: ShareRounding;
}

/** 「せき行財政改革アクションプランⅢ 令和3年度」: the title, and the year unless the title has it. */
export function reportName(title: string | null, year: number | null): string {
  const t = title?.replace(/\s+/g, ' ').trim() ?? '';
  const parts = t === '' ? [] : [t];
  if (year !== null && (t === '' || findFiscalYear(t) !== year)) parts.push(formatFiscalYear(year));
  return parts.join(' ');
}

/** 「せき行財政改革アクションプランⅢ 令和3年度 達成状況」 */
export function summaryHeading(title: string | null, year: number | null, labels: SheetLabels): string {
  const name = reportName(title, year);
  if (name.includes(labels.summaryTitle)) return name;
  return name === '' ? labels.summaryTitle : `${name} ${labels.summaryTitle}`;
}

/**
 * What COUNTIFS gives over the rows as written: exact text, compared without case as Excel does.
 * Answered from an index of each column's values, so that the breakdown (groups × categories) costs
 * the size of each group rather than a pass over every row per count.
 */
class RecordIndex {
  private readonly columns = new Map<ListColumn, { lower: string[]; rows: Map<string, number[]> }>();

  constructor(private readonly records: readonly ListRecord[]) {}

  private column(c: ListColumn): { lower: string[]; rows: Map<string, number[]> } {
    let col = this.columns.get(c);
    if (!col) {
      const lower = this.records.map((r) => recordValue(r, c).toLowerCase());
      const rows = new Map<string, number[]>();
      lower.forEach((v, i) => {
        const list = rows.get(v);
        if (list) list.push(i);
        else rows.set(v, [i]);
      });
      col = { lower, rows };
      this.columns.set(c, col);
    }
    return col;
  }

  count(conds: readonly Condition[]): number {
    if (conds.length === 0) return this.records.length;
    const wanted = conds.map((c) => ({ col: this.column(c.column), value: c.value.toLowerCase() }));
    let narrowest: readonly number[] | null = null;
    for (const w of wanted) {
      const rows = w.col.rows.get(w.value) ?? [];
      if (narrowest === null || rows.length < narrowest.length) narrowest = rows;
    }
    let n = 0;
    for (const i of narrowest ?? []) if (wanted.every((w) => w.col.lower[i] === w.value)) n++;
    return n;
  }
}

function same(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

function recordValue(r: ListRecord, c: ListColumn): string {
  switch (c) {
    case 'group1':
      return r.group[0];
    case 'group2':
      return r.group[1];
    case 'group3':
      return r.group[2];
    case 'category':
      return r.category;
    case 'detail':
      return r.detail;
    case 'counted':
      return r.counted;
    case 'table':
      return r.table;
    case 'year':
      return r.year;
    default:
      throw new Error(`COUNTIFS does not read list column ${c}`);
  }
}

export function summarySheet(input: SummaryInput): SheetPlan {
  const { list, labels } = input;
  const g = new GridBuilder();
  const colA: string[] = [];
  // Columns B onwards: each as wide as its headers and numbers need (a category name stays on one line).
  const widths = new ColumnWidths();

  /** A count: COUNTIFS over the list with its value cached, or the plain number when a criterion is beyond Excel's limits. */
  const index = new RecordIndex(list.records);
  const charted: ChartedTable[] = [];
  const count = (conds: readonly Condition[]): { cell: PlanCell; cached: number } => {
    const cached = index.count(conds);
    const parts: string[] = [];
    for (const c of conds) {
      const crit = criterion(c.value);
      if (crit === null) return { cell: num(cached), cached };
      parts.push(columnRange(input.listName, list.col(c.column), list.firstRow, list.lastRow), crit);
    }
    return { cell: formula(`COUNTIFS(${parts.join(',')})`, cached), cached };
  };
  const share = (row: number, col: number, totalRow: number, cached: number, total: number) =>
    formula(`IFERROR(${ref(row, col)}/${ref(totalRow, col, true)},0)`, total === 0 ? 0 : cached / total);

  g.push([text(input.heading)]);
  g.style(0, 0, 0, 0, 'title');
  g.push([text(labels.generatedAt(input.stamp))]);
  g.style(1, 0, 1, 0, 'subtitle');
  if (input.sourcesLine !== null) {
    const r = g.push([text(input.sourcesLine)]);
    g.style(r, 0, r, 0, 'subtitle');
  }
  const dc = input.diagnosticCounts;
  const dr = g.push([
    link(labels.diagnosticsLine(dc.error, dc.warning, dc.info), input.diagnosticsName, 0, 0),
  ]);
  g.style(dr, 0, dr, 0, dc.error > 0 ? 'error' : dc.warning > 0 ? 'warning' : 'link');

  if (input.summaries.length === 0) {
    g.blank();
    const r = g.push([text(labels.noEntries)]);
    g.style(r, 0, r, 0, 'note');
  }

  input.summaries.forEach((s, si) => {
    const scheme = input.schemes.get(s.scheme);
    const base: Condition[] = [{ column: 'counted', value: labels.flag.counted }];
    if (list.has('table')) base.push({ column: 'table', value: input.tableLabels[si] ?? '' });
    const inSummary = base.slice(1);

    // 達成状況: 区分 / 件数 / 割合
    g.blank();
    const h = g.push([text(s.title)]);
    g.style(h, 0, h, 0, 'title');
    colA.push(s.title);
    const sl = g.push([text(labels.schemeLine(s.schemeName))]);
    g.style(sl, 0, sl, 0, 'subtitle');
    const cmp = input.comparison?.summaries.find((c) => c.summary === si);
    const cl = labels.comparison;
    const head = g.push([
      text(labels.category),
      text(labels.count),
      text(labels.share),
      ...(cmp ? [text(cl.previous), text(cl.change)] : []),
    ]);
    g.style(head, 0, head, cmp ? 4 : 2, 'header');
    widths.header(1, labels.count);
    widths.header(2, labels.share);
    if (cmp) {
      widths.header(3, cl.previous);
      widths.header(4, cl.change);
    }
    /** Last year's count in D and the change in E (▲ for minus), when last year had the row. */
    const previousCells = (r: number, cached: number, previous: number | undefined, total = false) => {
      if (!cmp || previous === undefined) return;
      g.rows[r]![3] = num(previous);
      g.rows[r]![4] = formula(`${ref(r, 1)}-${ref(r, 3)}`, cached - previous);
      widths.count(3, previous);
      g.style(r, 3, r, 3, total ? 'total' : 'number');
      g.style(r, 4, r, 4, total ? 'totalChange' : 'change');
    };

    const rows: { row: number; cached: number; detail: boolean }[] = [];
    const categoryRows: number[] = [];
    const categoryCell = new Map<string, { row: number; cached: number }>();
    for (const cat of s.categories) {
      const c = count([...base, { column: 'category', value: cat }]);
      const r = g.push([text(cat), c.cell]);
      rows.push({ row: r, cached: c.cached, detail: false });
      categoryRows.push(r);
      categoryCell.set(cat, { row: r, cached: c.cached });
      colA.push(cat);
      previousCells(r, c.cached, cmp?.previous[cat]);
      for (const sub of rollUpsOf(scheme, cat)) {
        const conds: Condition[] = [...base, { column: 'category', value: cat }];
        const d = list.has('detail')
          ? count([...conds, { column: 'detail', value: sub }])
          : { cell: num(0), cached: 0 };
        const label = labels.detailRow(sub);
        const dr2 = g.push([text(label), d.cell]);
        rows.push({ row: dr2, cached: d.cached, detail: true });
        colA.push(label);
      }
    }
    if (categoryRows.length > 0) {
      charted.push({
        title: s.title,
        seriesName: labels.count,
        headingRow: h,
        firstRow: categoryRows[0]!,
        lastRow: categoryRows[categoryRows.length - 1]!,
        labelCol: 0,
      });
    }
    const totalCached = rows.filter((x) => !x.detail).reduce((n, x) => n + x.cached, 0);
    const totalRow = g.nextRow;
    const sumFormula = categoryRows.length > 0 ? `SUM(${categoryRows.map((r) => ref(r, 1)).join(',')})` : '0';
    g.push([text(labels.total), formula(sumFormula, totalCached)]);
    for (const x of rows) g.rows[x.row]![2] = share(x.row, 1, totalRow, x.cached, totalCached);
    g.rows[totalRow]![2] = share(totalRow, 1, totalRow, totalCached, totalCached);
    const categoryCached = categoryRows.map((r) => cachedOf(g, r, 1));
    if (input.shareRounding === 'largestRemainder') {
      const tenths = largestRemainderTenths(categoryCached);
      categoryRows.forEach((r, i) => {
        g.rows[r]![2] = formula(largestRemainderFormula(categoryRows, i, totalRow), tenths[i]! / 1000);
      });
    }
    previousCells(totalRow, totalCached, cmp?.previousCounted, true);
    // The total is the largest count, 100.0% the widest share.
    widths.count(1, totalCached);
    widths.share(2, 1);
    const first = head + 1;
    g.style(first, 0, totalRow - 1, 0, 'body');
    g.style(first, 1, totalRow - 1, 1, 'number');
    g.style(first, 2, totalRow - 1, 2, 'percent');
    g.style(totalRow, 0, totalRow, 1, 'total');
    g.style(totalRow, 2, totalRow, 2, 'totalPercent');

    // 対象外 / 未判定 / 再掲: listed, kept out of the total.
    const notCounted: [string, string][] = [
      [labels.notCounted.excluded, labels.flag.excluded],
      [labels.notCounted.unclassified, labels.flag.unclassified],
      [labels.notCounted.repeat, labels.flag.repeat],
    ];
    for (const [label, flag] of notCounted) {
      const c = count([{ column: 'counted', value: flag }, ...inSummary]);
      widths.count(1, c.cached);
      const r = g.push([text(label), c.cell, text(labels.notCountedNote)]);
      g.style(r, 0, r, 2, 'note');
      colA.push(label);
      if (flag === labels.flag.excluded) previousCells(r, c.cached, cmp?.previousExcluded);
    }
    // What the shares are of, and how they are rounded (issue 11 item 5).
    const excludedNow = count([{ column: 'counted', value: labels.flag.excluded }, ...inSummary]).cached;
    const notes = [labels.shares.denominator(totalCached, excludedNow)];
    if (input.shareRounding === 'largestRemainder') notes.push(labels.shares.largestRemainder);
    else {
      const sum = asPrintedTenths(categoryCached).reduce((a, b) => a + b, 0);
      if (totalCached > 0 && sum !== 1000) notes.push(labels.shares.notHundred(sum));
    }
    for (const n of notes) {
      const r = g.push([text(n)]);
      g.style(r, 0, r, 0, 'note');
    }

    // Breakdown per group: rows = group paths with subtotals per top level, columns = categories.
    const records = list.records.filter((rec) =>
      inSummary.every((c) => same(recordValue(rec, c.column), c.value)),
    );
    const tops = distinct(records.map((r) => r.group[0]).filter((x) => x !== ''));
    if (tops.length === 0) return;
    g.blank();
    const bt = labels.byGroupTitle(s.title);
    const bh = g.push([text(bt)]);
    g.style(bh, 0, bh, 0, 'title');
    colA.push(bt);
    const ncat = s.categories.length;
    const withTotal = [...s.categories, labels.total];
    const bhead = g.push([
      text(labels.group),
      ...s.categories.map((c) => text(c)),
      text(labels.total),
      ...(cmp
        ? [...withTotal.map((c) => text(cl.previousOf(c))), ...withTotal.map((c) => text(cl.changeOf(c)))]
        : []),
    ]);
    g.style(bhead, 0, bhead, cmp ? 3 * ncat + 3 : ncat + 1, 'header');
    if (cmp) {
      withTotal.forEach((c, i) => {
        widths.header(ncat + 2 + i, cl.previousOf(c));
        widths.header(2 * ncat + 3 + i, cl.changeOf(c));
      });
    }
    const groupPrevious = groupPreviousOf(cmp);
    /** Last year's counts of a breakdown row, then the changes (▲ for minus). */
    const previousRow = (
      r: number,
      previous: Readonly<Record<string, number>> | null | undefined,
      total = false,
    ) => {
      if (!cmp || !previous) return;
      const values = s.categories.map((c) => previous[c]);
      const sum = values.reduce<number>((a, b) => a + (b ?? 0), 0);
      [...values, sum].forEach((v, i) => {
        if (v === undefined) return;
        const pc = ncat + 2 + i;
        const cc = 2 * ncat + 3 + i;
        g.rows[r]![pc] = num(v);
        g.rows[r]![cc] = formula(`${ref(r, 1 + i)}-${ref(r, pc)}`, cachedOf(g, r, 1 + i) - v);
        widths.count(pc, v);
      });
      g.style(r, ncat + 2, r, 2 * ncat + 2, total ? 'total' : 'number');
      g.style(r, 2 * ncat + 3, r, 3 * ncat + 3, total ? 'totalChange' : 'change');
    };
    s.categories.forEach((c, i) => widths.header(i + 1, c));
    widths.header(ncat + 1, labels.total);
    const topRows: number[] = [];
    const rowSum = (r: number, cached: number[]) =>
      formula(
        ncat > 0 ? `SUM(${ref(r, 1)}:${ref(r, ncat)})` : '0',
        cached.reduce((a, b) => a + b, 0),
      );
    // The second-level groups under each top one, in order of appearance (one pass, not one per top).
    const childrenOf = new Map<string, Set<string>>();
    for (const r of records) {
      if (r.group[0] === '' || r.group[1] === '') continue;
      const set = childrenOf.get(r.group[0]) ?? new Set<string>();
      set.add(r.group[1]);
      childrenOf.set(r.group[0], set);
    }
    for (const top of tops) {
      const children = [...(childrenOf.get(top) ?? [])];
      const topConds: Condition[] = [...base, { column: 'group1', value: top }];
      const cells = s.categories.map((cat) => count([...topConds, { column: 'category', value: cat }]));
      const tr = g.push([text(top), ...cells.map((c) => c.cell)]);
      g.rows[tr]![ncat + 1] = rowSum(
        tr,
        cells.map((c) => c.cached),
      );
      topRows.push(tr);
      colA.push(top);
      if (children.length === 0) {
        g.style(tr, 0, tr, 0, 'bodyWrap');
        g.style(tr, 1, tr, ncat + 1, 'number');
        previousRow(tr, groupPrevious.get(pathKey([top])));
        continue;
      }
      g.style(tr, 0, tr, ncat + 1, 'subtotal');
      previousRow(tr, groupPrevious.get(pathKey([top])));
      for (const child of children) {
        const conds: Condition[] = [...topConds, { column: 'group2', value: child }];
        const cc = s.categories.map((cat) => count([...conds, { column: 'category', value: cat }]));
        const label = `\u3000${child}`;
        const cr = g.push([text(label), ...cc.map((c) => c.cell)]);
        g.rows[cr]![ncat + 1] = rowSum(
          cr,
          cc.map((c) => c.cached),
        );
        g.style(cr, 0, cr, 0, 'bodyWrap');
        g.style(cr, 1, cr, ncat + 1, 'number');
        previousRow(cr, groupPrevious.get(pathKey([top, child])));
        colA.push(label);
      }
    }
    const ungrouped = records.some((r) => r.group[0] === '');
    const btotalRow = g.nextRow + (ungrouped ? 1 : 0);
    const totals = s.categories.map((cat) => categoryCell.get(cat)!.cached);
    if (ungrouped) {
      const cells = s.categories.map((_, i) => {
        const col = i + 1;
        const inTops = topRows.reduce((n, r) => n + cachedOf(g, r, col), 0);
        return formula(
          `${ref(btotalRow, col)}-SUM(${topRows.map((r) => ref(r, col)).join(',')})`,
          totals[i]! - inTops,
        );
      });
      const ur = g.push([text(labels.noGroup), ...cells]);
      g.rows[ur]![ncat + 1] = rowSum(
        ur,
        cells.map((c) => (c && c.kind === 'formula' ? Number(c.cached) : 0)),
      );
      g.style(ur, 0, ur, 0, 'bodyWrap');
      g.style(ur, 1, ur, ncat + 1, 'number');
      colA.push(labels.noGroup);
    }
    const totalCells = s.categories.map((cat, i) => formula(ref(categoryCell.get(cat)!.row, 1), totals[i]!));
    const btr = g.push([text(labels.total), ...totalCells]);
    g.rows[btr]![ncat + 1] = rowSum(btr, totals);
    g.style(btr, 0, btr, ncat + 1, 'total');
    previousRow(btr, cmp?.previous, true);
    // The largest numbers of the breakdown are its totals.
    totals.forEach((n, i) => widths.count(i + 1, n));
    widths.count(
      ncat + 1,
      totals.reduce((a, b) => a + b, 0),
    );
  });

  const a = Math.min(60, Math.max(24, ...colA.map((s) => displayWidth(s) + 2)));
  const maxCols = Math.max(3, ...g.rows.map((r) => r.length));
  return {
    role: 'summary',
    name: input.name,
    rows: g.rows,
    styles: g.styles,
    merges: [],
    columnWidths: [a, ...Array.from({ length: maxCols - 1 }, (_, i) => widths.of(i + 1, MAX_COLUMN_WIDTH))],
    print: { paper: 'A4', orientation: 'portrait', fitToWidth: true },
    charts: summaryCharts(charted, g.rows),
  };
}

/** A group's path as a key: last year's 「④ 公共施設…」 is this year's 「④公共施設…」. */
function pathKey(path: readonly string[]): string {
  return path.map(normalizeLabel).join('\u0000');
}

/** Last year's counts per group path (only groups last year had). */
function groupPreviousOf(cmp: SummaryComparison | undefined): Map<string, Readonly<Record<string, number>>> {
  const out = new Map<string, Readonly<Record<string, number>>>();
  for (const g of cmp?.groups ?? []) if (g.previous) out.set(pathKey(g.path), g.previous);
  return out;
}

/**
 * A category's share rounded by the largest remainder, as a formula over the category counts, so
 * that a reviewer's edit in 取組一覧 keeps the shares adding up: the share rounded down in tenths of a
 * percent, plus one tenth when its remainder ranks among the tenths left (ties to the earlier row).
 */
function largestRemainderFormula(rows: readonly number[], i: number, totalRow: number): string {
  const t = ref(totalRow, 1, true);
  const c = (r: number) => ref(r, 1);
  const rest = (r: number) => `MOD(${c(r)}*1000,${t})`;
  const floors = rows.map((r) => `INT(${c(r)}*1000/${t})`).join('+');
  const ahead = rows.flatMap((r, j) =>
    j === i ? [] : [`(${rest(r)}${j < i ? '>=' : '>'}${rest(rows[i]!)})`],
  );
  const rank = ahead.length === 0 ? '0' : ahead.join('+');
  return `IFERROR((INT(${c(rows[i]!)}*1000/${t})+((${rank})<1000-(${floors})))/1000,0)`;
}

/** Past this width (in Excel's units) a category header wraps rather than widen the table further. */
const MAX_COLUMN_WIDTH = 32;

/** Sub-statuses that roll up into a category (達成 → 順調), in the scheme's order. */
function rollUpsOf(scheme: StatusScheme | undefined, category: string): string[] {
  return (scheme?.categories ?? []).filter((c) => c.rollUpTo === category && !c.excluded).map((c) => c.label);
}

function cachedOf(g: GridBuilder, row: number, col: number): number {
  const c = g.rows[row]?.[col];
  if (!c) return 0;
  if (c.kind === 'number') return c.value;
  if (c.kind === 'formula') return typeof c.cached === 'number' ? c.cached : 0;
  return 0;
}

function distinct(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
