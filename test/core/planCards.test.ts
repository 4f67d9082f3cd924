import { planCardsLayout } from '../../src/core/layouts/planCards';
import type { Entry } from '../../src/core/model';
import { reason } from '../../src/core/reasons';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray } from '../../src/core/workbook';
import { seedGrid, seedWorkbook, type SeedVariant } from '../support/seeds';
import { a1, offsetGrid, runLayout, type Grid } from './judgeGrids';

const YEARS = ['令和2年度', '令和3年度', '令和4年度', '令和5年度', '令和6年度'];

/** A card whose labels sit in column A, with 現状の数値 / 目標の数値 below their labels. */
const cardA: Grid = [
  ['1 市民ニーズの把握と「総働」'],
  ['(1) 市民にとってわかりやすい形での情報の提供'],
  ['① 情報提供手段の拡大'],
  ['担当課', '情報戦略課', '関係課'],
  ['目標の状態', '行政情報を適切に提供する。', '現状の数値'],
  [null, null, 'HPアクセス数 456,456件 (R2.1.15現在)'],
  [null, null, '目標の数値'],
  [null, null, 'HPアクセス数 510,000件'],
  ['年次計画', '年度', ...YEARS],
  // A label and six values under five year columns.
  ['進捗状況', '実施', '実施', '実施', '実施', '実施', '実施'],
  ['年度目標', 'HPを充実し、アクセス数を増やす。'],
  [
    '数値',
    'HPアクセス数 470,000件',
    'HPアクセス数 480,000件',
    'HPアクセス数 490,000件',
    'HPアクセス数 500,000件',
    'HPアクセス数 510,000件',
  ],
];

/** A card whose plan labels sit in column B, with the numbers written after their labels. */
const cardB: Grid = [
  ['1 市民ニーズの把握と「総動」'],
  ['(3) 市民の意見を受け止める行政'],
  ['② 審議会等への女性参加率の向上'],
  ['担当 課', '地域創造課', '関係課', '全課'],
  ['目標の状態', '多様な価値観を反映する。', '現状の数値 女性参加率 29.2%', '目標の数値 女性参加率 36.0%'],
  ['年次計画', '年度', ...YEARS],
  [null, '進捗状況', '検討', '検討', '実施', '実施', '実施'],
  [
    null,
    '数値',
    '女性参加率 31.0%',
    '女性参加率 32.0%',
    '女性参加率 33.0%',
    '女性参加率 35.0%',
    '女性参加率 35.5%',
  ],
];

const view = (entries: readonly Entry[]) =>
  entries.map((e) => [e.number, e.year, e.plannedStage ?? null, a1(e.at)]);

describe('planCardsLayout.detect', () => {
  it('is sure of plan cards with a year row, 進捗状況 and 年次計画', () => {
    expect(planCardsLayout.detect(new Sheet(sheetFromArray('表', cardA)), DEFAULT_SETTINGS)).toBe(0.9);
  });

  it('recognises a sheet holding only the plan rows of a card cut from the sheet before', () => {
    const tail = cardA.slice(9);
    expect(planCardsLayout.detect(new Sheet(sheetFromArray('表', tail)), DEFAULT_SETTINGS)).toBe(0.6);
  });

  it('does not claim the other layouts', () => {
    for (const id of ['000', '001', '002', '003'] as const) {
      expect([id, planCardsLayout.detect(new Sheet(seedWorkbook(id).sheets[0]!), DEFAULT_SETTINGS)]).toEqual([
        id,
        0,
      ]);
    }
  });
});

describe('planCardsLayout.parse', () => {
  it('makes one planned entry per year, each value placed by its own label', () => {
    const run = runLayout(planCardsLayout, [...cardA, ...cardB]);
    expect(view(run.entries)).toEqual([
      ['1-1-1', 2020, '実施', 'B10'],
      ['1-1-1', 2021, '実施', 'C10'],
      ['1-1-1', 2022, '実施', 'D10'],
      ['1-1-1', 2023, '実施', 'E10'],
      ['1-1-1', 2024, '実施', 'F10'],
      ['1-3-2', 2020, '検討', 'C19'],
      ['1-3-2', 2021, '検討', 'D19'],
      ['1-3-2', 2022, '実施', 'E19'],
      ['1-3-2', 2023, '実施', 'F19'],
      ['1-3-2', 2024, '実施', 'G19'],
    ]);
    const first = run.entries[0]!;
    expect([
      first.source,
      first.scheme,
      first.status,
      first.category,
      first.title,
      first.department,
      first.reason,
    ]).toEqual([
      'planned',
      'stage',
      '実施',
      '実施',
      '情報提供手段の拡大',
      '情報戦略課',
      reason('PLANNED', { year: 2020, stage: '実施' }),
    ]);
    expect(run.entries[5]!.department).toBe('地域創造課');
  });

  it('gives a planned year its numeric target as the figures', () => {
    const run = runLayout(planCardsLayout, cardA);
    expect(run.entries[1]!.indicator).toEqual({
      name: 'HPアクセス数',
      unit: '件',
      baseline: 456456,
      target: 480000,
      actual: null,
      direction: null,
    });
  });

  it('keeps one group for a heading spelt two ways (「総働」 / 「総動」)', () => {
    const run = runLayout(planCardsLayout, [...cardA, ...cardB]);
    expect(run.entries[0]!.group).toEqual([
      '1 市民ニーズの把握と「総働」',
      '(1) 市民にとってわかりやすい形での情報の提供',
      '① 情報提供手段の拡大',
    ]);
    expect(run.entries[5]!.group).toEqual([
      '1 市民ニーズの把握と「総働」',
      '(3) 市民の意見を受け止める行政',
      '② 審議会等への女性参加率の向上',
    ]);
  });

  it('reports a row with more values than year columns at its cells', () => {
    const run = runLayout(planCardsLayout, cardA);
    const extra = run.diagnostics.filter((d) => d.code === 'EXTRA_VALUES');
    expect(extra.map((d) => [a1(d.at), d.to, d.params])).toEqual([
      ['B10', { row: 9, col: 6 }, { years: 5, values: 6 }],
    ]);
  });

  it('checks that the last yearly target is the goal', () => {
    const run = runLayout(planCardsLayout, cardB);
    expect(run.diagnostics.map((d) => [d.code, a1(d.at), d.params])).toEqual([
      ['PLAN_FINAL_TARGET_MISMATCH', 'G8', { last: '35.5%', goal: '36%' }],
    ]);
  });

  it('checks that yearly targets move toward the goal, per indicator named in the cells', () => {
    const card: Grid = [
      ['② 働き方改革の推進'],
      ['担当課', '職員課'],
      ['目標の状態', '時間外労働のない状態', '現状の数値'],
      [null, null, '時間外23人 年休取得11.9日'],
      [null, null, '目標の数値'],
      [null, null, '時間外0人 年休取得15日'],
      ['年次計画', '年度', ...YEARS],
      [null, '進捗状況', '実施', '実施', '実施', '実施', '達成'],
      [
        null,
        '数値',
        '時間外20人 年休取得13.0日',
        '時間外25人 年休取得13.5日',
        '時間外10人 年休取得14.0日',
        '時間外5人 年休取得14.5日',
        '時間外0人 年休取得15.0日',
      ],
    ];
    const run = runLayout(planCardsLayout, card);
    expect(run.diagnostics.map((d) => [d.code, a1(d.at), d.params])).toEqual([
      ['PLAN_TARGET_DIRECTION', 'D9', { from: '20人', to: '25人', goal: '0人' }],
    ]);
  });

  it('counts the baseline as the first step: a first target below it moves away from a higher goal', () => {
    const card: Grid = [
      ['③ 道路アダプト制度の推進'],
      ['担当課', '土木課'],
      ['目標の状態', '制度の維持', '現状の数値 15団体 (321人)', '目標の数値 16団体 (320人)'],
      ['年次計画', '年度', ...YEARS],
      [null, '進捗状況', '実施', '実施', '実施', '実施', '実施'],
      [null, '数値', '14団体', '16団体', '16団体', '16団体', '16団体'],
    ];
    const run = runLayout(planCardsLayout, card);
    expect(run.codes).toEqual(['PLAN_TARGET_DIRECTION@C6']);
    expect(run.diagnostics[0]!.params).toEqual({ from: '15団体', to: '14団体', goal: '16団体' });
  });

  it('reads a year header written in one cell, and skips a year with nothing planned', () => {
    const card: Grid = offsetGrid(
      [
        ['② 職員の適正配置'],
        ['担当課', '秘書政策課 関係課 職員課'],
        ['年次計画', '年度 令和2年度 令和3年度 令和4年度 令和5年度 令和6年度'],
        ['進捗状況', null, '検討', '実施', '実施', '達成'],
      ],
      2,
      1,
    );
    const run = runLayout(planCardsLayout, card);
    expect(view(run.entries)).toEqual([
      ['2', 2021, '検討', 'D6'],
      ['2', 2022, '実施', 'E6'],
      ['2', 2023, '実施', 'F6'],
      ['2', 2024, '達成', 'G6'],
    ]);
    expect(run.entries[0]!.department).toBe('秘書政策課');
    expect(run.diagnostics).toEqual([]);
  });

  it('starts the values after a label merged across two columns', () => {
    const card: Grid = [
      ['① 組織の見直し'],
      ['担当課', '秘書政策課'],
      ['年次計画', '年度', ...YEARS],
      ['進捗状況', null, '検討', '検討', '実施', '実施', '達成'],
    ];
    const merges = [{ top: 3, bottom: 3, left: 0, right: 1 }];
    const run = runLayout(planCardsLayout, [{ rows: card, merges }]);
    expect(view(run.entries).map(([, y, stage, at]) => [y, stage, at])).toEqual([
      [2020, '検討', 'C4'],
      [2021, '検討', 'D4'],
      [2022, '実施', 'E4'],
      [2023, '実施', 'F4'],
      [2024, '達成', 'G4'],
    ]);
    expect(run.diagnostics).toEqual([]);
  });

  it('starts a card at 担当課 when it has no ① heading, outside the previous card', () => {
    const noHeading: Grid = [
      ['担当課', '財政課'],
      ['年度', ...YEARS],
      ['進捗状況', '検討', '検討', '検討', '実施', '実施'],
    ];
    const run = runLayout(planCardsLayout, [...cardA, ...noHeading]);
    const last = run.entries[run.entries.length - 1]!;
    expect([last.number, last.group, last.department, last.title]).toEqual([
      '1-1',
      ['1 市民ニーズの把握と「総働」', '(1) 市民にとってわかりやすい形での情報の提供'],
      '財政課',
      '',
    ]);
  });

  it('reports a stage the plan scheme does not know', () => {
    const card: Grid = [
      ['① 組織の見直し'],
      ['担当課', '秘書政策課'],
      ['年度', ...YEARS],
      ['進捗状況', '実施', '準備', '実施', '実施', '実施'],
    ];
    const run = runLayout(planCardsLayout, card);
    expect(run.codes).toEqual(['UNKNOWN_STATUS@C4']);
    expect(run.entries[1]!.category).toBeNull();
  });

  it('continues a card cut between two sheets', () => {
    const whole = runLayout(planCardsLayout, cardA);
    const split = runLayout(planCardsLayout, [
      { name: '表1', rows: cardA.slice(0, 9) },
      { name: '表2', rows: cardA.slice(9) },
    ]);
    expect(split.entries.map((e) => [e.number, e.year, e.plannedStage])).toEqual(
      whole.entries.map((e) => [e.number, e.year, e.plannedStage]),
    );
    expect(split.entries[0]!.at.sheet).toBe('表2');
  });
});

describe('judging a plan card with a 実績 row', () => {
  const stageCard: Grid = [
    ['① 住民団体の支援体制の確立'],
    ['担当課', '地域創造課'],
    ['年次計画', '年度', ...YEARS],
    [null, '進捗状況', '検討', '実施', '実施', '実施', '達成'],
    [null, '実績', '検討', '検討・実施'],
  ];

  it('judges the stage reached against the stage planned for the report year', () => {
    const run = runLayout(planCardsLayout, stageCard, { reportYear: 2021 });
    const computed = run.entries.filter((e) => e.source === 'computed');
    expect(computed.map((e) => [e.year, e.category, e.reason, a1(e.at)])).toEqual([
      [
        2021,
        'やや遅れている',
        reason('STAGE', { target: '実施', actual: '検討・実施', targetYear: 2021 }),
        'D5',
      ],
    ]);
    // The plan itself is still counted per year.
    expect(run.entries.filter((e) => e.source === 'planned')).toHaveLength(5);
  });

  it('judges each figure reached against the yearly numeric targets', () => {
    const card: Grid = [
      ['② オープンデータの推進'],
      ['担当課', '情報戦略課'],
      [
        '目標の状態',
        '公開している。',
        '現状の数値 オープンデータの公開数 0件',
        '目標の数値 オープンデータの公開数 10件',
      ],
      ['年次計画', '年度', ...YEARS],
      [null, '進捗状況', '実施', '実施', '実施', '実施', '実施'],
      [null, '数値', '公開数 2件', '公開数 4件', '公開数 6件', '公開数 8件', '公開数 10件'],
      [null, '実績', '公開数 2件', '公開数 3件'],
    ];
    const run = runLayout(planCardsLayout, card, { reportYear: 2021 });
    const computed = run.entries.filter((e) => e.source === 'computed');
    expect(computed.map((e) => [e.category, e.indicator?.target, e.indicator?.actual, e.reason])).toEqual([
      ['やや遅れている', 4, 3, reason('PROGRESS', { percent: 75, target: '4件', targetYear: 2021 })],
    ]);
    expect(run.diagnostics).toEqual([]);
  });

  it('reports NO_REPORT_YEAR when a 実績 row is there but no year is known', () => {
    const run = runLayout(planCardsLayout, stageCard);
    expect(run.codes).toEqual(['NO_REPORT_YEAR@C5']);
    expect(run.entries.every((e) => e.source === 'planned')).toBe(true);
  });
});

describe('the 安中市 seed', () => {
  /** Rows of the unsplit seed whose plan label is followed by more values than the five years. */
  function rowsWithExtraValues(): number[] {
    const labels = ['進捗状況', '年度目標', '数値'];
    const out: number[] = [];
    seedGrid('004').forEach((row, r) => {
      const at = row.findIndex((c, i) => i < 2 && c !== null && labels.includes(c.replace(/\s/g, '')));
      if (at < 0) return;
      const values = row.slice(at + 1).filter((c) => c !== null);
      if (values.length > 5) out.push(r);
    });
    return out;
  }

  function check(variant: SeedVariant) {
    const result = analyze(seedWorkbook('004', variant));
    const planned = result.entries.filter((e) => e.source === 'planned');
    expect(planned).toHaveLength(179);
    expect(new Set(planned.map((e) => e.number)).size).toBe(36);
    const byYear = Object.fromEntries(
      result.summaries.filter((s) => s.year !== undefined).map((s) => [s.year, s.total]),
    );
    expect(byYear).toEqual({
      2020: { 達成: 0, 実施: 28, '検討・実施': 0, 検討: 7, 未着手: 0 },
      2021: { 達成: 0, 実施: 30, '検討・実施': 0, 検討: 6, 未着手: 0 },
      2022: { 達成: 1, 実施: 31, '検討・実施': 0, 検討: 4, 未着手: 0 },
      2023: { 達成: 1, 実施: 31, '検討・実施': 0, 検討: 4, 未着手: 0 },
      2024: { 達成: 4, 実施: 29, '検討・実施': 0, 検討: 3, 未着手: 0 },
    });
    const groups = result.summaries.find((s) => s.year === 2021)!.groups.filter((g) => g.path.length === 1);
    expect(groups.map((g) => [g.path[0]!.slice(0, 1), g.total])).toEqual([
      ['1', 8],
      ['2', 4],
      ['3', 8],
      ['4', 11],
      ['5', 5],
    ]);
    const extra = result.diagnostics.filter((d) => d.code === 'EXTRA_VALUES');
    return { result, extra };
  }

  it('counts the planned stages per year and group, and reports every row with more values than years', () => {
    const { result, extra } = check({});
    expect(extra.map((d) => d.at.row)).toEqual(rowsWithExtraValues());
    const progressRows = extra.filter((d) =>
      result.entries.some((e) => e.at.row === d.at.row && e.source === 'planned'),
    );
    expect(progressRows).toHaveLength(3);
    const direction = result.diagnostics.filter((d) => d.code === 'PLAN_TARGET_DIRECTION');
    expect(direction.map((d) => d.params)).toEqual([{ from: '15団体', to: '14団体', goal: '16団体' }]);
    expect(result.diagnostics.filter((d) => d.code === 'PLAN_FINAL_TARGET_MISMATCH')).toEqual([]);
  });

  it('reads the same away from A1, merged, with real numbers and split over sheets', () => {
    const plain = analyze(seedWorkbook('004')).entries.map((e) => [e.number, e.year, e.plannedStage]);
    for (const variant of [
      { offset: { rows: 3, cols: 2 }, merge: true, realNumbers: true },
      { splitEvery: 60 },
      { splitAt: [200, 420], merge: true, realNumbers: true },
    ] satisfies SeedVariant[]) {
      const { result, extra } = check(variant);
      expect(result.entries.map((e) => [e.number, e.year, e.plannedStage])).toEqual(plain);
      expect(extra).toHaveLength(rowsWithExtraValues().length);
    }
  });
});
