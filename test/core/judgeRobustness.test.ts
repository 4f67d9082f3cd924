import fc from 'fast-check';
import { indicatorBlocksLayout } from '../../src/core/layouts/indicatorBlocks';
import { planCardsLayout } from '../../src/core/layouts/planCards';
import { scoredSheetsLayout } from '../../src/core/layouts/scoredSheets';
import type { CellInput } from '../../src/core/workbook';
import { runLayout, type Grid } from './judgeGrids';

/** Words the three layouts look for, figures of every kind, and noise. */
const WORDS = [
  '取組項目',
  '指標1',
  '実績値1',
  '初期値(2017年度)',
  '初期値',
  '所管課',
  '令和元年度',
  '令和3年度',
  'R5',
  '基本目標1 市民参加',
  '(2) 情報共有',
  '① 情報提供',
  '1 市民ニーズ',
  '担当課',
  '年次計画',
  '年度',
  '進捗状況',
  '年度目標',
  '数値',
  '実績',
  '現状の数値',
  '目標の数値',
  '現状の数値 件数 3件',
  '番号',
  '基本施策名',
  '施策名',
  '平均値',
  '基本施策全体の進捗状況',
  '2：やや遅れているが、概ね順調',
  '5-2',
  '検討',
  '検討・実施',
  '実施',
  '達成',
  '増加',
  '縮減',
  '維持',
  '13%以上',
  '5件以下',
  '64.8%',
  '1,483',
  '81,571千円',
  '(男性)',
  '(男性) 6.9%',
  '時間外20人 年休取得13.0日',
  '—',
  '-',
  '#REF!',
  '',
  '調整中',
  '年度 令和2年度 令和3年度 令和4年度',
  '令和2年12月までに確定',
];

const cell: fc.Arbitrary<CellInput> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.record({
      value: fc.double({ min: 0, max: 2, noNaN: true }),
      numberFormat: fc.constantFrom('0.0%', '0"年度"', 'yyyy/m/d', '#,##0'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ value: fc.constant(null), error: fc.constantFrom('#N/A', '#REF!') }) },
);
const grid: fc.Arbitrary<Grid> = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 40 });

describe('the judged layouts on arbitrary grids', () => {
  it.each([
    ['indicatorBlocks', indicatorBlocksLayout],
    ['scoredSheets', scoredSheetsLayout],
    ['planCards', planCardsLayout],
  ] as const)('%s never throws, and every entry and diagnostic points into the sheets read', (_, layout) => {
    fc.assert(
      fc.property(grid, grid, fc.option(fc.integer({ min: 2015, max: 2030 })), (a, b, year) => {
        const run = runLayout(
          layout,
          [
            { name: 'A', rows: a },
            { name: 'B', rows: b },
          ],
          { reportYear: year },
        );
        const rows: Record<string, number> = { A: a.length, B: b.length };
        for (const e of run.entries) {
          expect(e.at.row).toBeLessThan(Math.max(rows[e.at.sheet] ?? 0, 1));
          expect(e.category === null || typeof e.category === 'string').toBe(true);
        }
        for (const d of run.diagnostics) expect(['A', 'B']).toContain(d.at.sheet);
      }),
      { numRuns: 300 },
    );
  });
});
