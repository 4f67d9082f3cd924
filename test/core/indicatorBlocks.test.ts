import { soloContext } from '../../src/core/layouts/common';
import { DiagnosticBag } from '../../src/core/diagnostics';
import { indicatorBlocksLayout, indicatorBlocksSheetYear } from '../../src/core/layouts/indicatorBlocks';
import type { Entry } from '../../src/core/model';
import { reason } from '../../src/core/reasons';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray } from '../../src/core/workbook';
import { seedWorkbook, type SeedVariant } from '../support/seeds';
import { a1, indicator, item, offsetGrid, runLayout, type Grid } from './judgeGrids';

const goal1 = ['基本目標1 市民参加と協働による行政運営'];
const section1 = ['(1) 情報共有の推進'];
const section2 = ['(2) 市民参加機会の充実'];

const report: Grid = [
  ['江別市行政改革推進計画の取組状況 (令和3年度)'],
  [],
  goal1,
  section1,
  ...item(
    '①双方向性を意識した情報共有の推進',
    indicator(
      {
        name: 'フォロワー数',
        department: '広報広聴課',
        baseline: '1,483',
        actual: [null, null, null, null, '6,000'],
      },
      1,
    ),
    indicator({ name: 'オープンデータの共有', department: '総務課', actual: ['検討', null, '実施'] }, 2),
  ),
  section2,
  ...item(
    '①市民参加手続きの周知・啓発',
    indicator(
      {
        name: '市民参加の機会が十分にあると思う市民割合',
        department: '市民生活課',
        baseline: '64.8%',
        target: [null, null, null, null, '71.0%'],
        actual: ['80.2%', '77.7%', '81.9%'],
      },
      1,
    ),
  ),
];

function summary(entries: readonly Entry[]) {
  return entries.map((e) => [e.number, e.title, e.category]);
}

describe('indicatorBlocksLayout.detect', () => {
  it('is sure of indicator blocks with a 初期値 header and 実績値 rows', () => {
    expect(indicatorBlocksLayout.detect(new Sheet(sheetFromArray('表', report)), DEFAULT_SETTINGS)).toBe(0.9);
  });

  it('does not claim the other layouts', () => {
    for (const id of ['001', '002', '003', '004'] as const) {
      const sheet = new Sheet(seedWorkbook(id).sheets[0]!);
      expect([id, indicatorBlocksLayout.detect(sheet, DEFAULT_SETTINGS)]).toEqual([id, 0]);
    }
  });
});

describe('indicatorBlocksLayout.parse', () => {
  it('groups indicators under 基本目標 / (n) / 取組項目 with numbers, departments and the cells they come from', () => {
    const run = runLayout(indicatorBlocksLayout, report, { reportYear: 2021 });
    expect(run.entries.map((e) => [e.number, e.group, e.title, e.department, a1(e.at)])).toEqual([
      [
        '1-1-1-1',
        [goal1[0], section1[0], '①双方向性を意識した情報共有の推進'],
        'フォロワー数',
        '広報広聴課',
        'E9',
      ],
      [
        '1-1-1-2',
        [goal1[0], section1[0], '①双方向性を意識した情報共有の推進'],
        'オープンデータの共有',
        '総務課',
        'E14',
      ],
      [
        '1-2-1-1',
        [goal1[0], section2[0], '①市民参加手続きの周知・啓発'],
        '市民参加の機会が十分にあると思う市民割合',
        '市民生活課',
        'E23',
      ],
    ]);
    expect(run.entries.map((e) => e.category)).toEqual([null, null, '順調']);
    expect(run.codes).toEqual(['MISSING_ACTUAL@E9', 'MISSING_TARGET@B12']);
  });

  it('finds the report year in the title, then in a 令和3年度取組状況 label, and takes it when none is given', () => {
    expect(indicatorBlocksSheetYear(new Sheet(sheetFromArray('表', report)), DEFAULT_SETTINGS)?.year).toBe(
      2021,
    );
    const untitled = report.slice(2);
    const label = indicatorBlocksSheetYear(new Sheet(sheetFromArray('表', untitled)), DEFAULT_SETTINGS);
    expect(label?.year).toBe(2021);
    const r = indicatorBlocksLayout.parse(
      new Sheet(sheetFromArray('表', report)),
      soloContext(DEFAULT_SETTINGS, new DiagnosticBag(), null),
    );
    expect(r.title).toBe('江別市行政改革推進計画の取組状況 (令和3年度)');
    // The run settles the year before parsing: from the label when no heading names it.
    const run = analyze({ sheets: [sheetFromArray('表', untitled)] });
    expect([run.reportYear, run.reportYearSource?.from, run.reportYearSource?.at]).toEqual([
      2021,
      'label',
      label?.at,
    ]);
    expect(run.entries.map((e) => e.year)).toEqual([2021, 2021, 2021]);
  });

  it('does not take a title naming two years for the year reported', () => {
    const titled = [['令和4年度 行政改革推進計画の取組状況（令和3年度実績）'], ...report.slice(1)];
    const sheet = new Sheet(sheetFromArray('表', titled));
    // The 令和3年度取組状況 labels decide.
    expect(indicatorBlocksSheetYear(sheet, DEFAULT_SETTINGS)?.year).toBe(2021);
  });

  it('takes the report year from the settings over the sheet', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, reportYear: 2020 };
    const run = runLayout(indicatorBlocksLayout, report, { settings });
    expect(run.entries[2]!.year).toBe(2020);
    expect(run.entries[2]!.indicator?.actual).toBe(77.7);
  });

  it('reports NO_REPORT_YEAR once and judges nothing when no year is known', () => {
    const bare = report.slice(2).filter((r) => !String(r[0] ?? '').includes('取組状況'));
    const run = runLayout(indicatorBlocksLayout, bare);
    expect(run.entries.map((e) => e.category)).toEqual([null, null, null]);
    expect(run.entries[0]!.reason).toEqual(reason('NO_REPORT_YEAR', {}));
    expect(run.codes).toEqual(['NO_REPORT_YEAR@A1']);
  });

  it('reads (男性) / (女性) 実績値 rows as indicators of their own, the target row applying to its own label', () => {
    const grid = item(
      '①行動計画の推進',
      indicator(
        {
          name: '育児休業取得率',
          target: ['13%以上'],
          baseline: '(男性) 6.9%',
          actualLead: '(男性)',
          actual: ['15.4%', '36.7%', '38.8%'],
          moreActuals: [['(女性)', '100%', '100%', '100%']],
        },
        1,
      ),
    );
    const run = runLayout(indicatorBlocksLayout, grid, { reportYear: 2021 });
    expect(run.entries.map((e) => [e.number, e.title, e.status, e.indicator?.baseline])).toEqual([
      ['1-1(男性)', '育児休業取得率（男性）', '達成', 6.9],
      ['1-1(女性)', '育児休業取得率（女性）', null, null],
    ]);
    expect(run.codes).toEqual(['MISSING_TARGET@B3']);
  });

  it('reads the same report away from A1, with merged label cells and real numbers', () => {
    const grid = offsetGrid(
      report.map((row) => row.map((c) => (c === '81.9%' ? { value: 0.819, numberFormat: '0.0%' } : c))),
      4,
      3,
    );
    // 指標1 merged down over the header and target rows, as in the original layout.
    const merges = [{ top: 4 + 19, bottom: 4 + 21, left: 3, right: 3 }];
    const run = runLayout(indicatorBlocksLayout, [{ rows: grid, merges }], { reportYear: 2021 });
    expect(summary(run.entries)).toEqual(
      summary(runLayout(indicatorBlocksLayout, report, { reportYear: 2021 }).entries),
    );
    expect(run.entries[2]!.indicator?.actual).toBe(81.9);
    expect(a1(run.entries[2]!.at)).toBe('H27');
  });

  it('continues an indicator cut between two sheets, and finish() closes one left open', () => {
    const cut = 22; // between the target row and the 実績値 row of the last indicator
    const run = runLayout(
      indicatorBlocksLayout,
      [
        { name: '表1', rows: report.slice(0, cut) },
        { name: '表2', rows: report.slice(cut, report.length - 2) },
      ],
      { reportYear: 2021 },
    );
    expect(summary(run.entries)).toEqual(
      summary(runLayout(indicatorBlocksLayout, report, { reportYear: 2021 }).entries),
    );
    expect(run.entries[2]!.at.sheet).toBe('表2');
    expect(run.entries[2]!.group[0]).toBe(goal1[0]);
  });

  it('reads a year header typed as numbers, and a baseline year written in an era', () => {
    const year = (y: number) => ({ value: y, numberFormat: '0"年度"' });
    const grid = item('①職員提案', [
      ['指標1', '職員提案数'],
      [null, '基準値(H29)', year(2019), year(2020), year(2021), year(2022), year(2023)],
      [null, '100件', null, null, null, null, '200件'],
      ['実績', null, '110件', '130件', '162件'],
    ]);
    const run = runLayout(indicatorBlocksLayout, grid, { reportYear: 2021 });
    expect([run.entries[0]!.category, run.entries[0]!.reason]).toEqual([
      'やや遅れている',
      reason('PACE', { percent: 62, expected: 67, year: 2021, targetYear: 2023 }),
    ]);
    expect(run.entries[0]!.indicator?.baselineYear).toBe(2017);
  });

  it('takes extra label synonyms from the settings', () => {
    const grid = item('①職員提案', [
      ['成果指標1', '職員提案数'],
      [null, '基準値(2017年度)', '令和元年度', '令和2年度', '令和3年度'],
      [null, '13件', null, null, '20件'],
      ['到達値', null, '15件', '16件', '18件'],
    ]);
    const without = runLayout(indicatorBlocksLayout, grid, { reportYear: 2021 });
    expect(without.entries[0]!.reason).toEqual(reason('MISSING_ACTUAL', { year: 2021 }));
    const settings: Settings = { ...DEFAULT_SETTINGS, labels: { indicatorBlocks: { actual: ['到達値'] } } };
    const withLabel = runLayout(indicatorBlocksLayout, grid, { reportYear: 2021, settings });
    expect([withLabel.entries[0]!.category, withLabel.entries[0]!.reason]).toEqual([
      'やや遅れている',
      reason('PROGRESS', { percent: 71, target: '20件', targetYear: 2021 }),
    ]);
  });
});

describe('the 江別市 seed', () => {
  const byTitle = (entries: readonly Entry[], title: string): Entry => {
    const e = entries.find((x) => x.title.startsWith(title));
    if (!e) throw new Error(`no entry ${title}`);
    return e;
  };

  function check(variant: SeedVariant) {
    const result = analyze(seedWorkbook('000', variant));
    const { entries } = result;
    expect(result.reportYear).toBe(2021);
    expect(entries).toHaveLength(30);
    expect(new Set(result.sheets.map((s) => s.layout))).toEqual(new Set(['indicatorBlocks']));

    const participation = byTitle(entries, '市政への市民参加の機会');
    expect([participation.status, participation.category]).toEqual(['達成', '順調']);
    expect(participation.indicator).toMatchObject({ baseline: 64.8, target: 71, actual: 81.9, unit: '%' });
    expect(participation.reason).toEqual(
      reason('ACHIEVED', { target: '71.0%', actual: '81.9%', label: '達成' }),
    );
    expect(byTitle(entries, 'コミュニケーションが良好').category).toBe('遅れている');
    const overtime = byTitle(entries, '職員1人当たりの年間時間外勤務時間数');
    expect([overtime.category, overtime.indicator?.direction, overtime.indicator?.actual]).toEqual([
      '順調',
      'decrease',
      143.2,
    ]);
    const furusato = byTitle(entries, 'ふるさと納税の収納額');
    expect([furusato.status, furusato.indicator?.actual, furusato.indicator?.target]).toEqual([
      '達成',
      282448,
      90000,
    ]);

    const sns = byTitle(entries, 'SNS等広報媒体');
    expect(sns.category).toBeNull();
    const snsMissing = result.diagnostics.filter(
      (d) => d.code === 'MISSING_ACTUAL' && d.params?.['indicator'] === sns.title,
    );
    expect(snsMissing).toHaveLength(1);
    const tax = byTitle(entries, '市税の収納率');
    expect(tax.category).toBeNull();
    expect(
      result.diagnostics.filter(
        (d) => d.code === 'MISSING_TARGET' && d.params?.['indicator'] === '市税の収納率',
      ),
    ).toHaveLength(1);

    const s = result.summaries.find((x) => x.scheme === 'progress3')!;
    expect(s.total).toEqual({ 順調: 9, やや遅れている: 2, 遅れている: 3 });
    expect(s.detail).toEqual({ 達成: 5 });
    expect([s.counted, s.unclassified]).toEqual([14, 16]);
    const goals = s.groups.filter((g) => g.path.length === 1).map((g) => [g.path[0]!.slice(0, 5), g.total]);
    expect(goals).toEqual([
      ['基本目標1', 2],
      ['基本目標2', 8],
      ['基本目標3', 4],
    ]);
    return result;
  }

  it('judges the R3 report with the figures of the issue and counts per 基本目標 and in total', () => {
    const result = check({});
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'MISSING_TARGET')).toHaveLength(12);
    expect(codes.filter((c) => c === 'MISSING_ACTUAL')).toHaveLength(6);
    expect(codes).not.toContain('NO_REPORT_YEAR');
  });

  it('gives the same statuses away from A1, merged, with real numbers and split over sheets', () => {
    const plain = analyze(seedWorkbook('000')).entries.map((e) => [e.number, e.category, e.reason]);
    for (const variant of [
      { offset: { rows: 2, cols: 3 }, merge: true, realNumbers: true },
      { splitEvery: 40 },
      { splitAt: [60, 150], merge: true },
    ] satisfies SeedVariant[]) {
      const result = check(variant);
      expect(result.entries.map((e) => [e.number, e.category, e.reason])).toEqual(plain);
    }
  });

  it('judges another year when the settings give one (--year)', () => {
    const result = analyze(seedWorkbook('000'), { ...DEFAULT_SETTINGS, reportYear: 2020 });
    expect(result.reportYear).toBe(2020);
    expect(byTitle(result.entries, 'コミュニケーションが良好').indicator?.actual).toBe(68.9);
  });
});
