import { DiagnosticBag } from '../../src/core/diagnostics';
import {
  averageScore,
  bandScore,
  judgeIndicator,
  readDirection,
  readFigure,
  readStage,
  type DatedFigure,
  type Figure,
} from '../../src/core/judge';
import { indicatorBlocksLayout } from '../../src/core/layouts/indicatorBlocks';
import { reason } from '../../src/core/reasons';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import {
  a1,
  indicator,
  item,
  runLayout,
  twoIndicatorItem,
  withJudge,
  type IndicatorSpec,
} from './judgeGrids';

/** Judges one indicator written as a 江別市 block, for report year R3 (2021). */
function judge(spec: IndicatorSpec, settings: Settings = DEFAULT_SETTINGS, reportYear = 2021) {
  const run = runLayout(indicatorBlocksLayout, item('①テスト項目', indicator(spec)), {
    reportYear,
    settings,
  });
  expect(run.entries).toHaveLength(1);
  return { entry: run.entries[0]!, codes: run.codes, diagnostics: run.diagnostics };
}

describe('readFigure', () => {
  const read = (text: string): Figure | string => {
    const f = readFigure({ value: text }, text, DEFAULT_SETTINGS);
    return f.kind === 'figure' ? f.figure : f.kind;
  };

  it('reads numbers with units and bounds', () => {
    expect(read('161.2時間')).toEqual({ kind: 'number', value: 161.2, unit: '時間', bound: null, label: '' });
    expect(read('13%以上')).toMatchObject({ kind: 'number', value: 13, unit: '%', bound: 'atLeast' });
    expect(read('5件以下')).toMatchObject({ kind: 'number', value: 5, unit: '件', bound: 'atMost' });
    expect(read('(男性) 6.9%')).toMatchObject({ value: 6.9, label: '男性' });
  });

  it('reads stages and direction words from the settings, and tells labels and placeholders apart', () => {
    expect(read('検討・実施')).toEqual({ kind: 'stage', stage: 2, name: '検討・実施' });
    expect(read('完了')).toEqual({ kind: 'stage', stage: 4, name: '完了' });
    expect(read('縮減')).toEqual({ kind: 'direction', direction: 'decrease' });
    expect(read('(女性)')).toBe('label');
    expect(read('—')).toBe('blank');
    expect(read('調整中です')).toBe('unreadable');
  });

  it('reads a real number with a percent format as a percent', () => {
    const f = readFigure({ value: 0.819, numberFormat: '0.0%' }, '81.9%', DEFAULT_SETTINGS);
    expect(f).toEqual({
      kind: 'figure',
      figure: { kind: 'number', value: 81.9, unit: '%', bound: null, label: '' },
    });
  });

  it('takes stage and direction words added in the settings', () => {
    const settings = withJudge({
      stages: ['未着手', '検討', '試行', '実施', '完了/達成'],
      directions: { increase: ['伸長'], decrease: ['縮減'], maintain: ['維持'] },
    });
    expect(readStage('試行', settings)).toEqual({ stage: 2, name: '試行' });
    expect(readDirection('伸長', settings.judge)).toBe('increase');
    expect(readDirection('増加', settings.judge)).toBeNull();
  });
});

describe('judging numbers against a target', () => {
  it('measures progress against the share of the plan period passed (pace-adjusted)', () => {
    // Baseline 2017, target R5 (2023): by R3 (2021) 4/6 of the way should be done.
    const { entry } = judge({
      name: '件数',
      baseline: '100件',
      target: [null, null, null, null, '200件'],
      actual: [null, null, '162件'],
    });
    expect(entry.category).toBe('やや遅れている');
    expect(entry.reason).toEqual(reason('PACE', { percent: 62, expected: 67, year: 2021, targetYear: 2023 }));
    expect(entry.indicator).toMatchObject({
      baseline: 100,
      target: 200,
      actual: 162,
      unit: '件',
      direction: 'increase',
    });
    expect(entry.year).toBe(2021);
    expect(entry.source).toBe('computed');
  });

  it('takes the year before the first plan year as the baseline year when 初期値 names none', () => {
    // Base 2018: 3/5 of the way expected, 62% done.
    const { entry } = judge({
      name: '件数',
      baselineHeader: '初期値',
      baseline: '100件',
      target: [null, null, null, null, '200件'],
      actual: [null, null, '162件'],
    });
    expect(entry.category).toBe('順調');
    expect(entry.reason).toEqual(reason('PACE', { percent: 62, expected: 60, year: 2021, targetYear: 2023 }));
  });

  it('uses the latest target at or before the report year in full, without pace', () => {
    const { entry } = judge({
      name: '割合',
      baseline: '66.7%',
      target: [null, '100%'],
      actual: [null, null, '77.6%'],
    });
    expect(entry.category).toBe('遅れている');
    expect(entry.reason).toEqual(reason('PROGRESS', { percent: 33, target: '100%', targetYear: 2020 }));
  });

  it('counts reaching the final target as 達成, rolled up into 順調, even ahead of its year', () => {
    const { entry } = judge({
      name: '市民割合',
      baseline: '64.8%',
      target: [null, null, null, null, '71.0%'],
      actual: [null, null, '81.9%'],
    });
    expect(entry.status).toBe('達成');
    expect(entry.category).toBe('順調');
    expect(entry.reason).toEqual(reason('ACHIEVED', { target: '71.0%', actual: '81.9%', label: '達成' }));
  });

  it('counts an intermediate target reached as 順調, not 達成', () => {
    const { entry } = judge({
      name: '件数',
      baseline: '10件',
      target: [null, '15件', null, null, '30件'],
      actual: [null, null, '18件'],
    });
    expect(entry.status).toBe('順調');
    expect(entry.reason).toEqual(reason('TARGET_MET', { target: '15件', actual: '18件', targetYear: 2020 }));
  });

  it('calls going backwards from the baseline 遅れている', () => {
    const { entry } = judge({
      name: '職員割合',
      baseline: '70.2%',
      target: [null, null, null, null, '77.0%'],
      actual: [null, null, '69.4%'],
    });
    expect(entry.category).toBe('遅れている');
    expect(entry.reason).toEqual(
      reason('WENT_BACK', { baseline: '70.2%', actual: '69.4%', target: '77.0%' }),
    );
  });

  it('judges lower-is-better indicators from the baseline down to the target', () => {
    const base = { name: '時間外勤務', baseline: '161.2時間', target: [null, null, null, null, '100時間'] };
    expect(judge({ ...base, actual: [null, null, '120時間'] }).entry.category).toBe('順調');
    expect(judge({ ...base, actual: [null, null, '143.2時間'] }).entry.category).toBe('遅れている');
    expect(judge({ ...base, actual: [null, null, '170時間'] }).entry.reason?.code).toBe('WENT_BACK');
    const done = judge({ ...base, actual: [null, null, '95時間'] }).entry;
    expect([done.status, done.indicator?.direction]).toEqual(['達成', 'decrease']);
  });

  it('judges bounds: 以上 and 以下 give the direction and the line to reach', () => {
    const atLeast = { name: '年休', baseline: '10.8日', target: [null, '12日以上'] };
    expect(judge({ ...atLeast, actual: [null, null, '12.6日'] }).entry.status).toBe('達成');
    // 11.7 from 10.8 toward 12: three quarters of the way, due since R2.
    expect(judge({ ...atLeast, actual: [null, null, '11.7日'] }).entry.category).toBe('やや遅れている');
    const atMost = { name: '離職率', baseline: '8%', target: [null, '5%以下'] };
    expect(judge({ ...atMost, actual: [null, null, '4.9%'] }).entry.status).toBe('達成');
    expect(judge({ ...atMost, actual: [null, null, '7%'] }).entry.category).toBe('遅れている');
  });

  it('judges without a baseline as actual / target and says so', () => {
    const { entry, codes } = judge({
      name: '訓練参加率',
      baselineHeader: '初期値',
      baseline: '—',
      target: [null, null, null, null, '100%'],
      actual: [null, null, '36.9%'],
    });
    // 36.9% of the target where 3/5 of the period has passed: 0.615 of the pace.
    expect(entry.category).toBe('やや遅れている');
    expect(entry.reason).toEqual(
      reason('NO_BASELINE', {}, reason('PACE', { percent: 37, expected: 60, year: 2021, targetYear: 2023 })),
    );
    expect(codes).toEqual(['MISSING_BASELINE@B5']);
  });

  it('takes the values after the report year in a 実績値 row as targets', () => {
    const { entry } = judge({
      name: 'ふるさと納税',
      baseline: '81,571千円',
      actual: ['130,515千円', '394,921千円', '282,448千円', null, '90,000千円'],
    });
    expect(entry.status).toBe('達成');
    expect(entry.indicator).toMatchObject({ baseline: 81571, target: 90000, actual: 282448, unit: '千円' });
    // Read for R4, the row has no R4 actual; the R5 value is still the target.
    const later = judge(
      {
        name: 'ふるさと納税',
        baseline: '81,571千円',
        actual: ['130,515千円', '394,921千円', '282,448千円', null, '90,000千円'],
      },
      DEFAULT_SETTINGS,
      2022,
    );
    expect([later.entry.category, later.entry.indicator?.target]).toEqual([null, 90000]);
    expect(later.codes).toEqual(['MISSING_ACTUAL@F5']);
  });

  it('follows the ratios in the settings', () => {
    const spec = {
      name: '件数',
      baseline: '100件',
      target: [null, null, null, null, '200件'],
      actual: [null, null, '162件'],
    };
    expect(judge(spec, withJudge({ onTrackRatio: 0.9 })).entry.category).toBe('順調');
    expect(judge(spec, withJudge({ onTrackRatio: 1, slightlyBehindRatio: 0.95 })).entry.category).toBe(
      '遅れている',
    );
  });

  it('writes the labels the settings name', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      schemes: [
        ...DEFAULT_SETTINGS.schemes,
        {
          id: 'abc',
          name: 'A/B/C',
          categories: [
            { label: 'A', aliases: [] },
            { label: 'S', aliases: [], rollUpTo: 'A' },
            { label: 'B', aliases: [] },
            { label: 'C', aliases: [] },
          ],
        },
      ],
      judge: {
        ...DEFAULT_SETTINGS.judge,
        scheme: 'abc',
        labels: { onTrack: 'A', slightlyBehind: 'B', behind: 'C', achieved: 'S' },
      },
    };
    const { entry } = judge(
      {
        name: '市民割合',
        baseline: '64.8%',
        target: [null, null, null, null, '71.0%'],
        actual: [null, null, '81.9%'],
      },
      settings,
    );
    expect([entry.scheme, entry.status, entry.category]).toEqual(['abc', 'S', 'A']);
  });
});

describe('judging directions', () => {
  const dir = (word: string, actual: string) =>
    judge({ name: '件数', baseline: '3件', target: [word], actual: [null, null, actual] }).entry;

  it('calls better than the baseline 順調, equal やや遅れている, worse 遅れている (増加)', () => {
    expect(dir('増加', '10件').category).toBe('順調');
    expect(dir('増加', '3件').category).toBe('やや遅れている');
    expect(dir('増加', '2件').category).toBe('遅れている');
    expect(dir('増加', '10件').reason).toEqual(
      reason('DIRECTION', { word: '増加', baseline: '3件', actual: '10件' }),
    );
  });

  it('reads 縮減 and 減少 as lower is better', () => {
    expect(dir('縮減', '2件').category).toBe('順調');
    expect(dir('減少', '4件').category).toBe('遅れている');
  });

  it('reads 維持 as keeping at least the baseline', () => {
    expect(dir('維持', '3件').category).toBe('順調');
    expect(dir('維持', '2件').category).toBe('遅れている');
  });

  it('cannot judge a direction without a baseline or an earlier actual, and says which target', () => {
    const { entry, diagnostics } = judge({
      name: '件数',
      baselineHeader: '初期値',
      target: ['増加'],
      actual: [null, null, '5件'],
    });
    expect(entry.category).toBeNull();
    expect(diagnostics.map((d) => [d.code, a1(d.at), d.params])).toEqual([
      ['MISSING_BASELINE', 'B5', { indicator: '件数', target: '増加' }],
    ]);
    // An earlier actual stands in for the baseline.
    expect(judge({ name: '件数', target: ['増加'], actual: ['3件', null, '5件'] }).entry.category).toBe(
      '順調',
    );
  });

  it('takes a direction word written in the 実績値 row as the target', () => {
    const { entry, codes } = judge({ name: '職員提案数', baseline: '13件', actual: ['増加'] });
    expect(entry.category).toBeNull();
    expect(entry.indicator?.target).toBe('増加');
    expect(codes).toEqual(['MISSING_ACTUAL@E5']);
  });
});

describe('judging stages', () => {
  const stage = (target: (string | null)[], actual: string, header = '初期値') =>
    judge({ name: '外部委託化', baselineHeader: header, target, actual: [null, null, actual] }).entry;

  it('calls at or past the planned stage 順調, one step behind やや遅れている, more 遅れている', () => {
    expect(stage(['検討', null, null, '実施'], '検討・実施').category).toBe('順調');
    expect(stage(['検討・実施'], '検討').category).toBe('やや遅れている');
    expect(stage(['検討・実施'], '未着手').category).toBe('遅れている');
    expect(stage(['検討・実施'], '検討').reason).toEqual(
      reason('STAGE', { target: '検討・実施', actual: '検討', targetYear: 2019 }),
    );
  });

  it('counts the final stage reached as 達成', () => {
    expect(stage(['検討', null, '実施'], '実施').status).toBe('達成');
    expect(stage(['検討', null, '完了'], '実施').category).toBe('やや遅れている');
  });

  it('judges a stage planned for a later year at pace', () => {
    // 実施 (step 3) planned for R5 from a 2018 base: by R3, 3/5 of the way = step 1 (検討).
    expect(stage([null, null, null, null, '実施'], '検討').category).toBe('順調');
    expect(stage([null, null, null, null, '実施'], '未着手').category).toBe('やや遅れている');
  });

  it('follows the number of steps the settings allow as slightly behind', () => {
    const entry = judge(
      { name: '外部委託化', target: ['検討・実施'], actual: [null, null, '未着手'] },
      withJudge({ slightlyBehindSteps: 2 }),
    ).entry;
    expect(entry.category).toBe('やや遅れている');
  });
});

describe('what cannot be judged', () => {
  it('leaves an indicator without a target unclassified, with MISSING_TARGET at its name', () => {
    const { entry, diagnostics } = judge({
      name: '市税の収納率',
      actual: ['98.1%', '97.8%', '98.3%'],
      baseline: '97.7%',
    });
    expect([entry.category, entry.reason]).toEqual([null, reason('MISSING_TARGET', {})]);
    expect(diagnostics.map((d) => [d.code, a1(d.at), d.params])).toEqual([
      ['MISSING_TARGET', 'B3', { indicator: '市税の収納率', year: '令和3年度' }],
    ]);
  });

  it('leaves an indicator without an actual for the year unclassified, with MISSING_ACTUAL at the empty cell', () => {
    const { entry, codes } = judge({
      name: 'フォロワー数',
      baseline: '1,483',
      actual: [null, null, null, null, '6,000'],
    });
    expect([entry.category, entry.reason]).toEqual([null, reason('MISSING_ACTUAL', { year: 2021 })]);
    expect(entry.at).toMatchObject({ row: 4, col: 4 });
    expect(codes).toEqual(['MISSING_ACTUAL@E5']);
  });

  it('names both when both are missing', () => {
    const { entry, codes } = judge({ name: '手法の改善', actual: ['検討・実施'] });
    expect(entry.reason).toEqual(reason('MISSING_TARGET_AND_ACTUAL', { year: 2021 }));
    expect(codes).toEqual(['MISSING_TARGET@B3', 'MISSING_ACTUAL@E5']);
  });

  it('reports units that disagree instead of guessing', () => {
    const { entry, diagnostics } = judge({
      name: '件数',
      baseline: '10件',
      target: [null, null, '20件'],
      actual: [null, null, '50%'],
    });
    expect(entry.category).toBeNull();
    expect(diagnostics.map((d) => [d.code, a1(d.at), d.params])).toEqual([
      ['UNIT_MISMATCH', 'E6', { indicator: '件数', targetUnit: '件', actualUnit: '%' }],
    ]);
  });

  it('reports a stage target for a number as a unit mismatch', () => {
    const { entry, codes } = judge({
      name: '職員数',
      baseline: '806人',
      target: ['検討'],
      actual: [null, null, '806人'],
    });
    expect(entry.category).toBeNull();
    expect(codes).toEqual(['UNIT_MISMATCH@E6']);
  });

  it('judges with the comparable target when a stage and a number are both planned', () => {
    const { entry } = judge({
      name: '訓練参加率',
      baselineHeader: '初期値',
      target: ['実施', null, null, null, '100%'],
      actual: [null, null, '70%'],
    });
    expect(entry.category).toBe('順調');
  });

  it('reports a unit that changes between baseline and actual, and judges without the baseline', () => {
    const { codes } = judge({
      name: '件数',
      baseline: '10回',
      target: [null, null, null, null, '20件'],
      actual: [null, null, '15件'],
    });
    expect(codes).toEqual(['UNIT_CHANGED@E6', 'MISSING_BASELINE@B5']);
  });
});

describe('judgeIndicator', () => {
  it('points at the indicator when nothing says where the actual would be', () => {
    const bag = new DiagnosticBag();
    const at = { sheet: 'S', row: 1, col: 1 };
    const target: DatedFigure = {
      figure: { kind: 'number', value: 10, unit: '件', bound: null, label: '' },
      at,
      text: '10件',
      year: 2023,
    };
    const j = judgeIndicator(
      { name: 'x', at, baseline: null, baselineYear: 2018, targets: [target], actuals: [] },
      2021,
      DEFAULT_SETTINGS,
      bag,
    );
    expect(j.at).toEqual(at);
    expect(j.figures.target).toBe(10);
    expect(bag.all.map((d) => d.code)).toEqual(['MISSING_ACTUAL']);
  });
});

describe('counting an item by its indicators', () => {
  const grid = twoIndicatorItem();

  it('counts every indicator by default', () => {
    const run = runLayout(indicatorBlocksLayout, grid, { reportYear: 2021 });
    expect(run.entries.map((e) => [e.title, e.category])).toEqual([
      ['年休', '順調'],
      ['時間外', '遅れている'],
    ]);
  });

  it('counts the item once by its worst indicator when the settings say so', () => {
    const run = runLayout(indicatorBlocksLayout, grid, {
      reportYear: 2021,
      settings: withJudge({ countBy: 'worstIndicator' }),
    });
    expect(run.entries).toHaveLength(1);
    const e = run.entries[0]!;
    expect([e.title, e.category, e.indicator?.name]).toEqual([
      '①職員のワークライフバランス',
      '遅れている',
      '時間外',
    ]);
    expect([e.reason?.code, e.reason?.params]).toEqual(['WORST_INDICATOR', { name: '時間外' }]);
  });

  it('keeps an item whose indicators are all unjudged once, unclassified', () => {
    const unjudged = item(
      '①オープンデータ',
      indicator({ name: '共有', actual: ['検討', null, '実施'] }, 1),
      indicator({ name: '公開数', baseline: '2件', actual: ['3件'] }, 2),
    );
    const run = runLayout(indicatorBlocksLayout, unjudged, {
      reportYear: 2021,
      settings: withJudge({ countBy: 'worstIndicator' }),
    });
    expect(run.entries.map((e) => [e.title, e.category])).toEqual([['①オープンデータ', null]]);
  });
});

describe('scores', () => {
  it('averages to one decimal, as published', () => {
    expect(averageScore([2, 3, 2])).toBe(2.3);
    expect(averageScore([1, 1])).toBe(1);
    expect(averageScore([3, 2])).toBe(2.5);
    expect(averageScore([])).toBeNull();
  });

  it('finds the band of an average, highest first, from the settings', () => {
    const js = DEFAULT_SETTINGS.judge;
    expect([bandScore(2.5, js), bandScore(2.3, js), bandScore(1.5, js), bandScore(1.4, js)]).toEqual([
      3, 2, 2, 1,
    ]);
    const custom = withJudge({
      scoreBands: [
        { min: 0, score: 1 },
        { min: 2.0, score: 3 },
      ],
    }).judge;
    expect(bandScore(2.3, custom)).toBe(3);
  });
});
