/**
 * Literal grids for the layout tests: cards and flat-table rows as offices type them, and a helper
 * that moves a grid away from A1.
 */
import type { CellInput, MergeArea } from '../../src/core/workbook';

export type Grid = CellInput[][];

export interface CardSpec {
  readonly number: CellInput;
  readonly title: string;
  readonly department: string;
  /** undefined = no status cell under the label; null = the label is left out. */
  readonly status?: CellInput;
  readonly statusLabel?: string | null;
  /** [目標名, 単位, 実績（R2）, 目標（R5）] */
  readonly indicator?: readonly [CellInput, CellInput, CellInput, CellInput];
  /** Title, then a blank cell, then the department (the slide seen in 関市). */
  readonly gap?: boolean;
}

/** One 関市 card: item row, 現状, 数値目標 sub-table, <R3期末報告>, R3目標 with the status label, 取組内容. */
export function card(spec: CardSpec): Grid {
  const rows: Grid = [
    spec.gap
      ? ['改革項目', spec.number, spec.title, null, spec.department]
      : ['改革項目', spec.number, spec.title, spec.department],
    ['現状', '・繁忙期などの現状。'],
  ];
  if (spec.indicator) {
    rows.push(['数値目標', '目標名', '単位', '実績（R2）', '目標（R5）']);
    rows.push([null, ...spec.indicator]);
  }
  rows.push([]);
  rows.push(['<R3期末報告>']);
  rows.push([]);
  const label = spec.statusLabel === undefined ? 'R3進捗状況' : spec.statusLabel;
  rows.push(label === null ? ['R3目標', '目標の説明'] : ['R3目標', '目標の説明', label]);
  if (spec.status !== undefined) rows.push([null, null, spec.status]);
  rows.push(['R3取組内容', '・取組の説明']);
  rows.push([]);
  return rows;
}

/** The grid moved down `rows` and right `cols`. */
export function offset(grid: Grid, rows: number, cols: number): Grid {
  const pad: CellInput[] = new Array<CellInput>(cols).fill(null);
  return [...Array.from({ length: rows }, () => [] as CellInput[]), ...grid.map((r) => [...pad, ...r])];
}

/** Merges moved with the grid. */
export function offsetMerges(merges: readonly MergeArea[], rows: number, cols: number): MergeArea[] {
  return merges.map((m) => ({
    top: m.top + rows,
    bottom: m.bottom + rows,
    left: m.left + cols,
    right: m.right + cols,
  }));
}

export const FLAT_HEADER = ['改革項目', '具体的取組', '内容', '所管課', 'R3取組状況', '総括', '最終評価'];

/** A flat-table data row: 改革項目, 具体的取組, 内容, 所管課, R3取組状況, 総括, 最終評価. */
export function flatRow(
  group: string | null,
  title: string | null,
  department: string | null,
  rating: CellInput,
): CellInput[] {
  return [
    group,
    title,
    title ? `${title}を進めます。` : null,
    department,
    '令和3年度は計画どおり実施した。',
    '取組期間を通じて着実に進めた。',
    rating,
  ];
}
