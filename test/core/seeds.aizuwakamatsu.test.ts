/**
 * 会津若松市 (seed 003, flat table) end to end.
 *
 * How the expected counts were made, from the seed text: the table has 66 data rows (every
 * seven-column line that is not the repeated header). Their 最終評価 cells hold A ×39, B ×16,
 * 完了 ×4, - ×2, one blank (the damaged 市民課 row, whose A slid into the 総括 column), and four cells
 * with several department ratings: 契約検査課 A 財政課 A; 企画調整課 A 公共施設管理課 A; 企画調整課 A
 * 公共施設管理課 A 市民課 A 学校教育課 B; 人事課 B 教育総務課 B. So the department ratings are
 * A 39 + 1 (市民課, recovered) + 7 = 47, B 16 + 1 + 2 = 19, 完了 4, counted 70; "-" ×2 is 対象外, out of
 * the total; 66 − 4 + 10 = 72 entries. Per section, adding the rows under each (n) heading:
 *   (1) 財政マネジメントの強化: A 31, B 6, 完了 2
 *   (2) 行政サービスのオープン化・アウトソーシング等の推進: A 12, B 8, 完了 2
 *   (3) 市民サービスの向上: A 4, B 5 (and the two "-")
 */
import { columnLetters } from '../../src/core/address';
import type { AnalysisResult } from '../../src/core/engine';
import { analyze } from '../../src/core/run';
import { seedWorkbook, type SeedVariant } from '../support/seeds';

const VARIANTS: [string, SeedVariant][] = [
  ['as exported', {}],
  ['offset, merged, real numbers', { offset: { rows: 3, cols: 2 }, merge: true, realNumbers: true }],
  ['split every 50 rows', { splitEvery: 50 }],
  ['split every 37 rows, merged', { splitEvery: 37, merge: true }],
];

const zero = { A: 0, B: 0, C: 0, D: 0, 完了: 0 };

describe.each(VARIANTS)('会津若松市 (%s)', (_name, variant) => {
  let result: AnalysisResult;
  beforeAll(() => {
    result = analyze(seedWorkbook('003', variant));
  });

  it('reads every department rating as an entry', () => {
    expect(result.sheets.every((s) => s.layout === 'flatTable')).toBe(true);
    expect(result.entries).toHaveLength(72);
  });

  it('counts the ratings per category, with "-" kept out of the total', () => {
    const [s, ...others] = result.summaries;
    expect(others).toEqual([]);
    expect(s!.total).toEqual({ ...zero, A: 47, B: 19, 完了: 4 });
    expect([s!.counted, s!.excluded, s!.unclassified]).toEqual([70, 2, 0]);
  });

  it('counts per section and per 改革項目', () => {
    const groups = result.summaries[0]!.groups;
    const sections = groups.filter((g) => g.path.length === 1);
    expect(sections.map((g) => [g.path[0], g.counts])).toEqual([
      ['(1) 財政マネジメントの強化', { ...zero, A: 31, B: 6, 完了: 2 }],
      ['(2) 行政サービスのオープン化・アウトソーシング等の推進', { ...zero, A: 12, B: 8, 完了: 2 }],
      ['(3) 市民サービスの向上', { ...zero, A: 4, B: 5 }],
    ]);
    const window = groups.find((g) => g.path[1] === '①窓口サービスの改善')!;
    expect(window.counts).toEqual({ ...zero, A: 2, B: 5 });
    // 改革項目 ①–⑦, ①–④ and ①–② of the three sections, each once although the header repeats per page.
    expect(groups.filter((g) => g.path.length === 2)).toHaveLength(13);
  });

  it('splits the multi-rating cells into one entry per department', () => {
    const ppp = result.entries.filter((e) => e.title.startsWith('PPP/PFI'));
    expect(ppp.map((e) => [e.department, e.category])).toEqual([
      ['企画調整課', 'A'],
      ['公共施設管理課', 'A'],
      ['市民課', 'A'],
      ['学校教育課', 'B'],
    ]);
  });

  it('reports the damaged 市民課 row as SHIFTED_ROW at its row, and nothing else', () => {
    const shifted = result.entries.find(
      (e) => e.title === 'コンビニ交付の拡大' && e.department === '市民課',
    )!;
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.at.sheet, d.at.row, d.params])).toEqual([
      [
        'SHIFTED_ROW',
        'warning',
        shifted.at.sheet,
        shifted.at.row,
        // 市民課 stands in the 改革項目 column, the row's first cell.
        {
          shift: 3,
          expected: '改革項目',
          column: columnLetters(result.diagnostics[0]?.at.col ?? -1),
          found: '市民課',
        },
      ],
    ]);
    expect(shifted.category).toBe('A');
  });

  it('finds the title and the year', () => {
    expect(result.title).toBe(
      '「行政サービスの向上と財政基盤の強化に向けた取組」における令和3年度取組状況と総括',
    );
    expect(result.reportYear).toBe(2021);
  });
});

describe('会津若松市 as exported', () => {
  it('places the SHIFTED_ROW on the row that starts with 市民課 and spans the row', () => {
    const wb = seedWorkbook('003');
    const cells = wb.sheets[0]!.cells;
    const row = cells.findIndex((r) => r[0] === '市民課');
    const d = analyze(wb).diagnostics.find((x) => x.code === 'SHIFTED_ROW')!;
    expect([d.at.row, d.at.col, d.to]).toEqual([row, 0, { row, col: 6 }]);
    expect(d.value).toBe('市民課');
  });
});
