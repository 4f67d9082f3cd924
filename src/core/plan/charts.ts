/**
 * Charts over 集計 (issue 11): one bar chart per summary, over the 区分 and 件数 cells its table
 * already holds, drawn to the right of everything the sheet writes so that it never covers a cell.
 */
import type { ChartPlan, PlanCell } from '../outputPlan';

/** One summary's table as the sheet wrote it: its heading row and its category rows (0-based). */
export interface ChartedTable {
  readonly title: string;
  readonly seriesName: string;
  readonly headingRow: number;
  /** First and last category row; the rows between (「うち達成」) are drawn as they are printed. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** Column of the labels; the counts are in the next one. */
  readonly labelCol: number;
}

/** Size of each chart in cells: about 9 cm × 7.5 cm at the default row height and our widths. */
export const CHART_ROWS = 15;
export const CHART_COLS = 6;

export function summaryCharts(
  tables: readonly ChartedTable[],
  rows: readonly (readonly PlanCell[])[],
): ChartPlan[] {
  const col = Math.max(3, ...rows.map((r) => r.length)) + 1;
  const charts: ChartPlan[] = [];
  let free = 0;
  for (const t of tables) {
    if (t.lastRow < t.firstRow) continue;
    // Beside its own table, below the chart before it when the tables are closer than a chart is tall.
    const row = Math.max(t.headingRow, free);
    charts.push({
      kind: 'bar',
      title: t.title,
      seriesName: t.seriesName,
      categories: { top: t.firstRow, left: t.labelCol, bottom: t.lastRow, right: t.labelCol },
      values: { top: t.firstRow, left: t.labelCol + 1, bottom: t.lastRow, right: t.labelCol + 1 },
      anchor: { row, col, rows: CHART_ROWS, cols: CHART_COLS },
    });
    free = row + CHART_ROWS + 1;
  }
  return charts;
}
