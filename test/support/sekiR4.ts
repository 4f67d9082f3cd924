/**
 * 関市's R3 report (seed 001) as last year, and an R4 report built from it by known edits, for the
 * comparison with last year (issue 11). The hand count of what changed is written in the tests.
 *
 * The edits (item numbers as the report gives them):
 *   statuses   1 順調→やや遅れている, 3 順調→遅れている, 6 遅れている→順調, 9 やや遅れている→「-」(対象外),
 *              15 やや遅れている→順調, 22 やや遅れている→遅れている, 28 遅れている→やや遅れている
 *   titles     2 「会計年度任用職員の効率的な配置」→「…配置の推進」, 15 「…あり方…」→「…在り方…」
 *   dropped    30 マイナンバーカードの普及 (順調)
 *   added      32 窓口キャッシュレス決済の導入 (遅れている), a card after item 31
 *   years      R3 → R4, 令和3年度 → 令和4年度 in every cell (the stated table updated to the new counts)
 */
import type { EngineOutput } from '../../src/core/job';
import { inThreadRunner } from '../../src/core/job';
import { planOutput } from '../../src/core/plan';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { workbookFromArrays, type WorkbookInput } from '../../src/core/workbook';
import type { ExistingSheet } from '../../src/core/outputPlan';
import { seedGrid } from './seeds';

type Grid = (string | null)[][];

export const SEKI_SHEET = '関市';
/** The report's five ●重点項目, as their headings begin. */
export const SEKI_GROUPS = [1, 2, 3, 4, 5].map((n) => `重点項目${n}`);

export function sekiR3(): WorkbookInput {
  return { name: 'seki_R3.xlsx', ...workbookFromArrays({ [SEKI_SHEET]: seedGrid('001') }) };
}

/** The row of item `n`'s 改革項目 line. */
function itemRow(grid: Grid, n: number): number {
  const r = grid.findIndex((row) => row[0] === '改革項目' && row[1] === String(n));
  if (r < 0) throw new Error(`item ${n} not in the seed`);
  return r;
}

/** Item `n`'s card: from the ●重点項目 heading above it to the next heading (exclusive). */
function cardRows(grid: Grid, n: number): [number, number] {
  const at = itemRow(grid, n);
  let top = at;
  while (top > 0 && !(grid[top]?.[0] ?? '').startsWith('●')) top--;
  let end = at + 1;
  while (end < grid.length && !(grid[end]?.[0] ?? '').startsWith('●')) end++;
  return [top, end];
}

/** The status cell of item `n`: under its 「R3進捗状況」 label. */
function statusCell(grid: Grid, n: number): [number, number] {
  const [top, end] = cardRows(grid, n);
  for (let r = top; r < end; r++) {
    const c = (grid[r] ?? []).findIndex((v) => v !== null && /進捗状況$/.test(v));
    if (c >= 0) return [r + 1, c];
  }
  throw new Error(`no status for item ${n}`);
}

function set(grid: Grid, r: number, c: number, v: string): void {
  const row = grid[r]!;
  while (row.length <= c) row.push(null);
  row[c] = v;
}

export const R4_STATUS_EDITS: readonly [number, string][] = [
  [1, 'やや遅れている'],
  [3, '遅れている'],
  [6, '順調'],
  [9, '-'],
  [15, '順調'],
  [22, '遅れている'],
  [28, 'やや遅れている'],
];

export function sekiR4(): WorkbookInput {
  const grid: Grid = seedGrid('001').map((r) => [...r]);
  for (const [n, status] of R4_STATUS_EDITS) {
    const [r, c] = statusCell(grid, n);
    set(grid, r, c, status);
  }
  set(grid, itemRow(grid, 2), 2, '会計年度任用職員の効率的な配置の推進');
  set(grid, itemRow(grid, 15), 2, '観光施設の在り方の検討');
  // Item 32: a copy of item 31's card with its own number, title and status.
  const [top31, end31] = cardRows(grid, 31);
  const card = grid.slice(top31, end31).map((r) => [...r]);
  grid.splice(end31, 0, ...card);
  const r32 = end31 + (itemRow(card, 31) ?? 0);
  set(grid, r32, 1, '32');
  set(grid, r32, 2, '窓口キャッシュレス決済の導入');
  const [s32r, s32c] = statusCell(grid, 32);
  set(grid, s32r, s32c, '遅れている');
  // Item 30 dropped.
  const [top30, end30] = cardRows(grid, 30);
  grid.splice(top30, end30 - top30);
  // The stated table (順調 / やや遅れている / 遅れている) at the head, as the R4 report would state it.
  for (const [label, n] of [
    ['順調', '16'],
    ['やや遅れている', '11'],
    ['遅れている', '3'],
  ] as const) {
    const r = grid.findIndex((row) => row[0] === label && row.length === 2);
    set(grid, r, 1, n);
  }
  const r4 = grid.map((row) =>
    row.map((v) => (v === null ? v : v.replace(/R3/g, 'R4').replace(/令和3年度/g, '令和4年度'))),
  );
  return { name: 'seki_R4.xlsx', ...workbookFromArrays({ [SEKI_SHEET]: r4 }) };
}

/** One run of the job on the R4 report with R3 as last year: the result and the plan. */
export function runR4WithR3(
  settings: Settings = DEFAULT_SETTINGS,
  read: { workbook: WorkbookInput; existing: readonly ExistingSheet[] } = {
    workbook: sekiR4(),
    existing: [],
  },
): Promise<EngineOutput> {
  return inThreadRunner({ analyze, planOutput })(
    {
      ...read,
      generatedAt: new Date(Date.UTC(2023, 4, 10)),
      previous: { workbook: sekiR3(), name: 'seki_R3.xlsx' },
    },
    settings,
    () => undefined,
  );
}
