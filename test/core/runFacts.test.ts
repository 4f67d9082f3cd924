/**
 * One run: the report year is settled before any sheet is parsed, so the order of the sheets never
 * decides whether indicators are judged; NO_REPORT_YEAR is raised once for the run.
 */
import { buildJsonResult } from '../../src/core/jsonResult';
import { analyze } from '../../src/core/run';
import { sheetFromArray } from '../../src/core/workbook';
import { card } from './grids';
import { indicator, item, type Grid } from './judgeGrids';

/** An indicator sheet that names no year (no title, no 令和3年度取組状況 label). */
const indicators: Grid = item(
  '①市民参加手続きの周知・啓発',
  indicator({
    name: '参加者数',
    department: '市民生活課',
    baseline: '100',
    target: [null, null, 150],
    actual: [null, null, 160],
  }),
).filter((r) => !String(r[0] ?? '').includes('取組状況'));

/** A cards sheet whose year is only in its status label, 「R3進捗状況」. */
const cards: Grid = card({
  number: 1,
  title: '窓口業務の見直し',
  department: '市民課',
  status: '順調',
}).filter((r) => !String(r[0] ?? '').includes('期末報告'));

function run(order: 'indicatorsFirst' | 'cardsFirst') {
  const a = sheetFromArray('指標', indicators);
  const b = sheetFromArray('カード', cards);
  return analyze({ sheets: order === 'indicatorsFirst' ? [a, b] : [b, a] });
}

describe('the report year of the run', () => {
  it('is the same whatever the order of the sheets, and judges the indicators either way', () => {
    const first = run('indicatorsFirst');
    const second = run('cardsFirst');
    for (const r of [first, second]) {
      expect(r.reportYear).toBe(2021);
      expect(r.reportYearSource).toEqual({
        value: 2021,
        at: { sheet: 'カード', row: 4, col: 2 },
        text: 'R3進捗状況',
        from: 'label',
      });
      expect(r.diagnostics.filter((d) => d.code === 'NO_REPORT_YEAR')).toEqual([]);
    }
    const judged = (r: ReturnType<typeof run>) =>
      r.entries.filter((e) => e.layout === 'indicatorBlocks').map((e) => [e.title, e.year, e.category]);
    expect(judged(first)).toEqual([['参加者数', 2021, '順調']]);
    expect(judged(second)).toEqual(judged(first));
  });

  it('says where it was read in the JSON result', () => {
    const json = buildJsonResult(run('indicatorsFirst'));
    expect(json.reportYearSource).toEqual({ from: 'label', sheet: 'カード', cell: 'C5', text: 'R3進捗状況' });
  });

  it('raises NO_REPORT_YEAR once for the run, however many sheets needed it', () => {
    const r = analyze({
      sheets: [sheetFromArray('指標1', indicators), sheetFromArray('指標2', indicators)],
    });
    expect(r.reportYear).toBeNull();
    expect(r.diagnostics.filter((d) => d.code === 'NO_REPORT_YEAR').map((d) => d.at)).toEqual([
      { sheet: '指標1', row: 0, col: 0 },
    ]);
  });
});
