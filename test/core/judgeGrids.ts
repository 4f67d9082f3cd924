import { soloContext } from '../../src/core/layouts/common';
/**
 * Literal grids for the judged layouts (江別市 indicator blocks, 府中市 scored sheets, 安中市 plan
 * cards) and a runner that parses them the way analyze() does: sheet after sheet with the carry,
 * then finish().
 */
import { toA1, type CellAddress } from '../../src/core/address';
import { DiagnosticBag, type Diagnostic } from '../../src/core/diagnostics';
import type { Layout, LayoutCarry } from '../../src/core/layouts/types';
import type { Entry } from '../../src/core/model';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray, type CellInput, type MergeArea } from '../../src/core/workbook';

export type Row = CellInput[];
export type Grid = Row[];

export const EBETSU_YEARS = ['令和元年度', '令和2年度', '令和3年度', '令和4年度', '令和5年度'];

export interface IndicatorSpec {
  readonly name: string;
  readonly department?: string;
  /** The 初期値 header: '初期値(2017年度)' by default, '初期値' for one without a year. */
  readonly baselineHeader?: string;
  /** The 初期値 cell (in the target row when there is one, else in the 実績値 row). */
  readonly baseline?: CellInput;
  /** The unlabeled target row, R1 … R5; omitted = no target row. */
  readonly target?: readonly CellInput[];
  /** The 実績値 row, R1 … R5. */
  readonly actual?: readonly CellInput[];
  /** More 実績値 rows (女性 …): [label cell, R1 … R5]. */
  readonly moreActuals?: readonly (readonly CellInput[])[];
  /** The first cell of the 実績値 row after the label, when it is a sub-label such as '(男性)'. */
  readonly actualLead?: CellInput;
}

/** One 指標 block: name row, year header, optional target row, 実績値 row(s), 取組状況. */
export function indicator(spec: IndicatorSpec, n = 1): Grid {
  const rows: Grid = [
    [`指標${n}`, spec.name, null, null, null, '所管課', spec.department ?? '職員課'],
    [null, spec.baselineHeader ?? '初期値(2017年度)', ...EBETSU_YEARS],
  ];
  const pad = (xs: readonly CellInput[] | undefined): CellInput[] =>
    [...(xs ?? []), null, null, null, null, null].slice(0, 5);
  if (spec.target) rows.push([null, spec.baseline ?? null, ...pad(spec.target)]);
  const lead = spec.actualLead ?? (spec.target ? null : (spec.baseline ?? null));
  rows.push([`実績値${n}`, lead, ...pad(spec.actual)]);
  for (const more of spec.moreActuals ?? []) rows.push([null, ...more]);
  rows.push(['令和3年度取組状況', '取組の説明。']);
  rows.push(['実績値を踏まえた令和4年度の取組内容', '次年度の取組。']);
  return rows;
}

/** 取組項目 and 取組内容, then its indicators. */
export function item(title: string, ...indicators: Grid[]): Grid {
  return [['取組項目', title], ['取組内容', `${title}を進める。`], ...indicators.flat()];
}

/** Shifts a grid down and right, as a report that does not start at A1. */
export function offsetGrid(rows: Grid, down: number, right: number): Grid {
  const pad: Row = new Array<CellInput>(right).fill(null);
  return [...Array.from({ length: down }, (): Row => []), ...rows.map((r) => [...pad, ...r])];
}

export interface Run {
  readonly entries: Entry[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every diagnostic as 'CODE@A1' (sheet left out) for compact assertions. */
  readonly codes: string[];
}

export interface SheetSpec {
  readonly name?: string;
  readonly rows: Grid;
  readonly merges?: MergeArea[];
}

/** Parses the sheets in order with one layout, carrying state between them, then finish(). */
export function runLayout(
  layout: Layout,
  sheets: readonly SheetSpec[] | Grid,
  options: { reportYear?: number | null; settings?: Settings } = {},
): Run {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  // As the run settles it: the settings' year unless the test gives one.
  const reportYear = options.reportYear === undefined ? settings.reportYear : options.reportYear;
  const diagnostics = new DiagnosticBag();
  const specs: readonly SheetSpec[] = isGrid(sheets) ? [{ rows: sheets }] : sheets;
  let carry: LayoutCarry = {};
  const entries: Entry[] = [];
  specs.forEach((spec, i) => {
    const input = sheetFromArray(
      spec.name ?? `表${i + 1}`,
      spec.rows,
      spec.merges ? { merges: spec.merges } : {},
    );
    const result = layout.parse(new Sheet(input), soloContext(settings, diagnostics, reportYear, carry));
    entries.push(...result.entries);
    carry = result.carry ?? {};
  });
  if (layout.finish)
    entries.push(...layout.finish(soloContext(settings, diagnostics, reportYear, carry)).entries);
  return {
    entries,
    diagnostics: diagnostics.all,
    codes: diagnostics.all.map((d) => `${d.code}@${a1(d.at)}`),
  };
}

function isGrid(x: readonly SheetSpec[] | Grid): x is Grid {
  return x.length === 0 || Array.isArray(x[0]);
}

export function a1(at: CellAddress): string {
  return toA1(at.row, at.col);
}

/** A settings object with some judge settings changed. */
export function withJudge(judge: Partial<Settings['judge']>): Settings {
  return { ...DEFAULT_SETTINGS, judge: { ...DEFAULT_SETTINGS.judge, ...judge } };
}

/** An item with two indicators, one on track (年休) and one gone backwards (時間外), as in 江別市. */
export function twoIndicatorItem(): Grid {
  return item(
    '①職員のワークライフバランス',
    indicator(
      { name: '年休', baseline: '10.8日', target: [null, '12日以上'], actual: [null, null, '12.6日'] },
      1,
    ),
    indicator(
      {
        name: '時間外',
        baseline: '70.2%',
        target: [null, null, null, null, '77.0%'],
        actual: [null, null, '69.4%'],
      },
      2,
    ),
  );
}
