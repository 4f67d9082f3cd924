/**
 * The per-department tables of 集計 (issue 11 item 3): per 所管課 (or 部局), the count of each
 * category, the total, and how many and what share are behind plan. Each count is a COUNTIFS over
 * 取組一覧 like the rest of 集計 (a reviewer's edit in the list updates it), written below
 * everything else on the sheet (charts included) so that nothing is covered.
 */
import type { DepartmentTable } from '../departments';
import type { PlanCell, SheetPlan, StyledRange } from '../outputPlan';
import { columnRange, criterion, displayWidth, formula, GridBuilder, num, ref, text } from './cells';
import type { SheetLabels } from './labels';
import type { ListLayout } from './listSheet';

export interface DepartmentTablesInput {
  readonly tables: readonly DepartmentTable[];
  readonly list: ListLayout;
  readonly listName: string;
  /** The label of each summary in the list's 集計表 column (when there are several). */
  readonly tableLabels: readonly string[];
  readonly labels: SheetLabels;
}

/** The summary sheet with the per-department tables added below what it holds. */
export function withDepartmentTables(sheet: SheetPlan, input: DepartmentTablesInput): SheetPlan {
  const tables = input.tables.filter((t) => t.rows.length > 0);
  if (tables.length === 0) return sheet;
  const chartBottom = Math.max(0, ...(sheet.charts ?? []).map((c) => c.anchor.row + c.anchor.rows));
  const g = new GridBuilder();
  const start = Math.max(sheet.rows.length, chartBottom) + 1;
  for (let i = 0; i < start; i++) g.blank();
  let widest = 0;
  let nameWidth = 0;
  for (const t of tables) {
    const w = writeTable(g, t, input);
    widest = Math.max(widest, w.columns);
    nameWidth = Math.max(nameWidth, w.nameWidth);
  }
  const rows: PlanCell[][] = sheet.rows.map((r) => [...r]);
  while (rows.length < start) rows.push([]);
  for (let r = start; r < g.rows.length; r++) rows.push(g.rows[r]!);
  const widths = [...(sheet.columnWidths ?? [])];
  widths[0] = Math.max(widths[0] ?? 0, Math.min(40, nameWidth + 2));
  for (let c = 1; c < widest; c++) widths[c] = Math.max(widths[c] ?? 0, 10);
  const styles: StyledRange[] = [...sheet.styles, ...g.styles];
  return { ...sheet, rows, styles, columnWidths: widths };
}

function writeTable(
  g: GridBuilder,
  t: DepartmentTable,
  input: DepartmentTablesInput,
): { columns: number; nameWidth: number } {
  const { list, labels } = input;
  const l = labels.departments;
  const byDivision = t.by === 'division';
  const ncat = t.categories.length;
  const totalCol = ncat + 1;
  const behindCol = ncat + 2;
  const shareCol = ncat + 3;

  const base: [number, string][] = [[list.col('counted'), labels.flag.counted]];
  if (list.has('table')) base.push([list.col('table'), input.tableLabels[t.summary] ?? '']);
  const range = (col: number): string => columnRange(input.listName, col, list.firstRow, list.lastRow);
  /** COUNTIFS of one department and category (a 部局: the sum over its 所管課), or null past Excel's limits. */
  const countFormula = (members: readonly string[], category: string): string | null => {
    const parts: string[] = [];
    for (const dept of members.length === 0 ? [''] : members) {
      const conds: [number, string][] = [
        ...base,
        [list.col('department'), dept],
        [list.col('category'), category],
      ];
      const args: string[] = [];
      for (const [col, value] of conds) {
        const crit = criterion(value);
        if (crit === null) return null;
        args.push(range(col), crit);
      }
      parts.push(`COUNTIFS(${args.join(',')})`);
    }
    return parts.length === 1 ? parts[0]! : `SUM(${parts.join(',')})`;
  };

  g.blank();
  const h = g.push([text(l.title(t.title, byDivision))]);
  g.style(h, 0, h, 0, 'title');
  if (t.behindCategories.length > 0) {
    const n = g.push([text(l.behindNote(t.behindCategories.join('・')))]);
    g.style(n, 0, n, 0, 'subtitle');
  }
  const header = [
    text(byDivision ? l.division : l.department),
    ...t.categories.map((c) => text(c)),
    text(labels.total),
    text(l.behind),
    text(l.behindShare),
  ];
  const head = g.push(header);
  g.style(head, 0, head, shareCol, 'header');
  const first = head + 1;
  let nameWidth = displayWidth(byDivision ? l.division : l.department);
  const totals = t.categories.map(() => 0);
  for (const row of t.rows) {
    const name = row.name === '' ? l.none : row.name;
    nameWidth = Math.max(nameWidth, displayWidth(name));
    const r = g.nextRow;
    const cells: PlanCell[] = [text(name)];
    t.categories.forEach((c, i) => {
      const n = row.counts[c] ?? 0;
      totals[i]! += n;
      const f = countFormula(row.members, c);
      cells.push(f === null ? num(n) : formula(f, n));
    });
    cells.push(formula(ncat > 0 ? `SUM(${ref(r, 1)}:${ref(r, ncat)})` : '0', row.total));
    const behindRefs = t.behindCategories.map((c) => ref(r, t.categories.indexOf(c) + 1));
    cells.push(formula(behindRefs.length > 0 ? `SUM(${behindRefs.join(',')})` : '0', row.behind));
    cells.push(
      formula(
        `IFERROR(${ref(r, behindCol)}/${ref(r, totalCol)},0)`,
        row.total === 0 ? 0 : row.behind / row.total,
      ),
    );
    g.push(cells);
  }
  const last = g.nextRow - 1;
  g.style(first, 0, last, 0, 'bodyWrap');
  g.style(first, 1, last, behindCol, 'number');
  g.style(first, shareCol, last, shareCol, 'percent');
  // 合計: the sum of the rows above, so the table adds up on its face.
  const tr = g.nextRow;
  const sumOf = (col: number): string => `SUM(${ref(first, col)}:${ref(last, col)})`;
  const total = totals.reduce((a, b) => a + b, 0);
  const behind = t.rows.reduce((n, r) => n + r.behind, 0);
  g.push([
    text(labels.total),
    ...totals.map((n, i) => formula(sumOf(i + 1), n)),
    formula(sumOf(totalCol), total),
    formula(sumOf(behindCol), behind),
    formula(`IFERROR(${ref(tr, behindCol)}/${ref(tr, totalCol)},0)`, total === 0 ? 0 : behind / total),
  ]);
  g.style(tr, 0, tr, behindCol, 'total');
  g.style(tr, shareCol, tr, shareCol, 'totalPercent');
  return { columns: shareCol + 1, nameWidth };
}
