import { scoredSheetsLayout } from '../../src/core/layouts/scoredSheets';
import type { Entry } from '../../src/core/model';
import { reason } from '../../src/core/reasons';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray, type CellInput } from '../../src/core/workbook';
import { seedWorkbook, type SeedVariant } from '../support/seeds';
import { a1, offsetGrid, runLayout, withJudge, type Grid } from './judgeGrids';

const HEADER = ['番号', '基本施策名', '主担当部', '主担当課', '関係課', 'ver 情報'];
const TABLE = ['基本施策全体の進捗状況', '平均値', '施策名', '進捗状況', '施策名', '進捗状況'];

/** One 見直し論点シート: header, values, and the progress table with (施策名, 進捗状況) per row. */
function policySheet(
  number: string,
  name: string,
  overall: CellInput,
  average: CellInput,
  measures: readonly (readonly [string, string])[],
  group = 'グループ①',
): Grid {
  const rows: Grid = [
    ['見直し論点シート'],
    [],
    HEADER,
    [number, name, '政策総務部', '政策課', '職員課', group],
    [],
    ['ア. 第6次総合計画後期基本計画の進捗状況'],
    [],
    TABLE,
  ];
  measures.forEach(([m, status], i) =>
    rows.push(i === 0 ? [overall, average, m, status] : [null, null, m, status]),
  );
  rows.push([], ['イ. これまでに得られた成果・残された課題']);
  return rows;
}

const p52 = policySheet('5-2', '経営的な視点に立った市政運営', 'やや遅れているが、概ね順調', '2.3', [
  ['PDCAサイクルの充実', '2：やや遅れているが、概ね順調'],
  ['公共資産の維持・活用', '3：目標達成に向けて順調'],
  ['人材の育成', '2：やや遅れているが、概ね順調'],
]);
const p53 = policySheet('5-3', '継続的かつ安定的な市政運営', '遅れが生じている', '1.0', [
  ['安定的な行政サービスの提供', '1：遅れが生じている'],
  ['情報通信技術の活用', '1：遅れが生じている'],
]);

const view = (entries: readonly Entry[]) =>
  entries.map((e) => [e.number, e.title, e.category, e.repeatOf ? a1(e.repeatOf) : null]);

describe('scoredSheetsLayout.detect', () => {
  it('is sure of a sheet with a 施策名 / 進捗状況 / 平均値 table', () => {
    expect(scoredSheetsLayout.detect(new Sheet(sheetFromArray('表', p52)), DEFAULT_SETTINGS)).toBe(0.95);
  });

  it('does not claim the other layouts', () => {
    for (const id of ['000', '001', '003', '004'] as const) {
      expect([
        id,
        scoredSheetsLayout.detect(new Sheet(seedWorkbook(id).sheets[0]!), DEFAULT_SETTINGS),
      ]).toEqual([id, 0]);
    }
  });
});

describe('scoredSheetsLayout.parse', () => {
  it('reads one entry per 施策 with its score as the category, grouped by 基本施策', () => {
    const run = runLayout(scoredSheetsLayout, [...p52, ...p53]);
    expect(
      run.entries.map((e) => [
        e.number,
        e.group[0],
        e.title,
        e.department,
        e.rawStatus,
        e.category,
        e.reason,
        a1(e.at),
      ]),
    ).toEqual([
      [
        '5-2-1',
        '5-2 経営的な視点に立った市政運営',
        'PDCAサイクルの充実',
        '政策課',
        '2：やや遅れているが、概ね順調',
        'やや遅れているが、概ね順調',
        reason('SCORE', { score: 2 }),
        'D9',
      ],
      [
        '5-2-2',
        '5-2 経営的な視点に立った市政運営',
        '公共資産の維持・活用',
        '政策課',
        '3：目標達成に向けて順調',
        '目標達成に向けて順調',
        reason('SCORE', { score: 3 }),
        'D10',
      ],
      [
        '5-2-3',
        '5-2 経営的な視点に立った市政運営',
        '人材の育成',
        '政策課',
        '2：やや遅れているが、概ね順調',
        'やや遅れているが、概ね順調',
        reason('SCORE', { score: 2 }),
        'D11',
      ],
      [
        '5-3-1',
        '5-3 継続的かつ安定的な市政運営',
        '安定的な行政サービスの提供',
        '政策課',
        '1：遅れが生じている',
        '遅れが生じている',
        reason('SCORE', { score: 1 }),
        'D22',
      ],
      [
        '5-3-2',
        '5-3 継続的かつ安定的な市政運営',
        '情報通信技術の活用',
        '政策課',
        '1：遅れが生じている',
        '遅れが生じている',
        reason('SCORE', { score: 1 }),
        'D23',
      ],
    ]);
    expect(run.entries.every((e) => e.source === 'reported' && e.scheme === 'score3')).toBe(true);
    expect(run.diagnostics).toEqual([]);
  });

  it('reads two 施策 pairs across a row, away from A1', () => {
    const grid = offsetGrid(
      [
        HEADER,
        ['1-1', '子育て支援', '子ども家庭部', '子育て応援課'],
        [],
        TABLE,
        ['目標達成に向けて順調', 2.5, '保育の充実', '3：目標達成に向けて順調', '相談体制', '2'],
      ],
      2,
      1,
    );
    const run = runLayout(scoredSheetsLayout, grid);
    expect(run.entries.map((e) => [e.title, e.category, a1(e.at)])).toEqual([
      ['保育の充実', '目標達成に向けて順調', 'E7'],
      ['相談体制', 'やや遅れているが、概ね順調', 'G7'],
    ]);
    // 2.5 is on the edge of the first band: the stated label agrees.
    expect(run.diagnostics).toEqual([]);
  });

  it('reports a stated average that disagrees with the scores, with both values', () => {
    const wrong = policySheet('5-2', '経営的な視点', 'やや遅れているが、概ね順調', '2.5', [
      ['A', '2'],
      ['B', '3'],
      ['C', '2'],
    ]);
    const run = runLayout(scoredSheetsLayout, wrong);
    expect(run.diagnostics.map((d) => [d.code, d.severity, a1(d.at), d.params])).toEqual([
      ['STATED_AVERAGE_MISMATCH', 'error', 'B9', { stated: '2.5', computed: '2.3' }],
    ]);
  });

  it('reports a stated label that disagrees with the band of the average', () => {
    const wrong = policySheet('5-3', '継続的', '目標達成に向けて順調', '1.5', [
      ['A', '2'],
      ['B', '1'],
    ]);
    const run = runLayout(scoredSheetsLayout, wrong);
    expect(run.diagnostics.map((d) => [d.code, a1(d.at), d.params])).toEqual([
      [
        'STATED_LABEL_MISMATCH',
        'A9',
        { stated: '目標達成に向けて順調', computed: 'やや遅れているが、概ね順調' },
      ],
    ]);
  });

  it('takes the score bands from the settings', () => {
    const grid = policySheet('5-2', '経営的な視点', '目標達成に向けて順調', '2.3', [
      ['A', '2'],
      ['B', '3'],
      ['C', '2'],
    ]);
    expect(runLayout(scoredSheetsLayout, grid).codes).toEqual(['STATED_LABEL_MISMATCH@A9']);
    const lenient = withJudge({
      scoreBands: [
        { min: 2.2, score: 3 },
        { min: 1.5, score: 2 },
        { min: 0, score: 1 },
      ],
    });
    expect(runLayout(scoredSheetsLayout, grid, { settings: lenient }).codes).toEqual([]);
  });

  it('reads a stated average typed as a number with one decimal', () => {
    const grid = policySheet('5-3', '継続的', '遅れが生じている', { value: 1, numberFormat: '0.0' }, [
      ['A', '1'],
      ['B', '1'],
    ]);
    expect(runLayout(scoredSheetsLayout, grid).codes).toEqual([]);
  });

  it('lists the same 番号 again with the same content as a repeat, counted once', () => {
    const again = policySheet(
      '5-2',
      '経営的な視点に立った市政運営',
      'やや遅れているが、概ね順調',
      '2.3',
      [
        ['PDCAサイクルの充実', '2：やや遅れているが、概ね順調'],
        ['公共資産の維持・活用', '3：目標達成に向けて順調'],
        ['人材の育成', '2：やや遅れているが、概ね順調'],
      ],
      'グループ②',
    );
    const run = runLayout(scoredSheetsLayout, [...p52, ...again]);
    expect(view(run.entries).slice(3)).toEqual([
      ['5-2-1', 'PDCAサイクルの充実', 'やや遅れているが、概ね順調', 'D9'],
      ['5-2-2', '公共資産の維持・活用', '目標達成に向けて順調', 'D10'],
      ['5-2-3', '人材の育成', 'やや遅れているが、概ね順調', 'D11'],
    ]);
    expect(run.diagnostics.map((d) => [d.code, d.severity, a1(d.at), d.params])).toEqual([
      ['REPEATED_ENTRY', 'info', 'A17', { number: '5-2', firstSheet: '表1', firstCell: 'A4' }],
    ]);
  });

  it('reports the same 番号 with different content as an error, still counting each 施策 once', () => {
    const changed = policySheet('5-2', '経営的な視点に立った市政運営', 'やや遅れているが、概ね順調', '2.0', [
      ['PDCAサイクルの充実', '2：やや遅れているが、概ね順調'],
      ['公共資産の維持・活用', '2：やや遅れているが、概ね順調'],
      ['人材の育成', '2：やや遅れているが、概ね順調'],
    ]);
    const run = runLayout(scoredSheetsLayout, [...p52, ...changed]);
    expect(run.codes).toEqual(['CONFLICTING_REPEAT@A17']);
    expect(run.entries.slice(3).every((e) => e.repeatOf !== undefined)).toBe(true);
  });

  it('finds a repeat on a later sheet through the carry', () => {
    const run = runLayout(scoredSheetsLayout, [
      { name: 'グループ1', rows: p52 },
      { name: 'グループ2', rows: p52 },
    ]);
    expect(run.entries.slice(3).map((e) => e.repeatOf?.sheet)).toEqual([
      'グループ1',
      'グループ1',
      'グループ1',
    ]);
    expect(run.codes).toEqual(['REPEATED_ENTRY@A4']);
  });

  it('reads a header and a table cut between sheets, and closes a table the last sheet leaves open', () => {
    const whole = runLayout(scoredSheetsLayout, [...p52, ...p53]);
    // Cut after the 番号 header (values on the next sheet), then inside the 5-2 table.
    const grid = [...p52, ...p53];
    const parts = [grid.slice(0, 3), grid.slice(3, 9), grid.slice(9, grid.length - 2)];
    const run = runLayout(
      scoredSheetsLayout,
      parts.map((rows, i) => ({ name: `表${i + 1}`, rows })),
    );
    expect(view(run.entries)).toEqual(view(whole.entries));
    expect(run.entries.map((e) => e.at.sheet)).toEqual(['表2', '表3', '表3', '表3', '表3']);
    expect(run.entries[0]!.group).toEqual(['5-2 経営的な視点に立った市政運営']);
    expect(run.diagnostics).toEqual([]);
  });

  it('reports unknown and missing scores', () => {
    const grid = policySheet('5-2', '経営的な視点', 'やや遅れているが、概ね順調', '2.0', [
      ['A', '2'],
      ['B', '4：すばらしい'],
      ['C', ''],
    ]);
    const run = runLayout(scoredSheetsLayout, grid);
    expect(run.codes).toEqual(['UNKNOWN_STATUS@D10', 'MISSING_STATUS@D11']);
    expect(run.entries.map((e) => e.category)).toEqual(['やや遅れているが、概ね順調', null, null]);
  });
});

describe('the 府中市 seed', () => {
  function check(variant: SeedVariant) {
    const result = analyze(seedWorkbook('002', variant));
    expect(new Set(result.sheets.map((s) => s.layout).filter((l) => l !== null))).toEqual(
      new Set(['scoredSheets']),
    );
    const entries = result.entries;
    expect(entries).toHaveLength(10);
    const counted = entries.filter((e) => !e.repeatOf);
    expect(counted.map((e) => [e.number, e.category])).toEqual([
      ['5-2-1', 'やや遅れているが、概ね順調'],
      ['5-2-2', '目標達成に向けて順調'],
      ['5-2-3', 'やや遅れているが、概ね順調'],
      ['5-3-1', '遅れが生じている'],
      ['5-3-2', '遅れが生じている'],
    ]);
    // The グループ② copies are repeats of the グループ① sheets.
    expect(entries.filter((e) => e.repeatOf).map((e) => e.number)).toEqual([
      '5-2-1',
      '5-2-2',
      '5-2-3',
      '5-3-1',
      '5-3-2',
    ]);
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'REPEATED_ENTRY')).toHaveLength(2);
    // 5-2 averages 2.3 and 5-3 1.0, as stated; the stated labels agree.
    expect(codes).not.toContain('STATED_AVERAGE_MISMATCH');
    expect(codes).not.toContain('STATED_LABEL_MISMATCH');
    expect(codes).not.toContain('CONFLICTING_REPEAT');
    const s = result.summaries.find((x) => x.scheme === 'score3')!;
    expect([s.total, s.counted, s.repeats]).toEqual([
      { 目標達成に向けて順調: 1, 'やや遅れているが、概ね順調': 2, 遅れが生じている: 2 },
      5,
      5,
    ]);
    return result;
  }

  it('counts each 施策 once, checks the stated averages and labels, and lists the グループ② copies as repeats', () => {
    check({});
  });

  it('reads the same away from A1, merged, with real numbers and split over sheets', () => {
    check({ offset: { rows: 1, cols: 2 }, merge: true, realNumbers: true });
    check({ splitEvery: 45 });
    check({ splitAt: [100], merge: true, realNumbers: true });
  });

  it('catches a stated average edited to disagree', () => {
    const wb = seedWorkbook('002');
    const sheet = wb.sheets[0]!;
    const cells = sheet.cells.map((row) => row.map((c) => (c === '2.3' ? '2.6' : c)));
    const result = analyze({ ...wb, sheets: [{ ...sheet, cells }] });
    const mismatches = result.diagnostics.filter((d) => d.code === 'STATED_AVERAGE_MISMATCH');
    expect(mismatches.map((d) => d.params)).toEqual([
      { stated: '2.6', computed: '2.3' },
      { stated: '2.6', computed: '2.3' },
    ]);
  });
});

describe('one severity per code', () => {
  it('reports a measure with no status as MISSING_STATUS, an error as in cards and flat tables', () => {
    const sheet = policySheet('5-2', '経営的な視点に立った市政運営', '目標達成に向けて順調', '3.0', [
      ['PDCAサイクルの充実', '3：目標達成に向けて順調'],
      ['人材の育成', ''],
    ]);
    const r = analyze({ sheets: [sheetFromArray('5-2', sheet)] }, DEFAULT_SETTINGS);
    const missing = r.diagnostics.filter((d) => d.code === 'MISSING_STATUS');
    expect(missing.map((d) => [d.severity, d.at.row, d.at.col, d.params])).toEqual([
      ['error', 9, 3, { title: '人材の育成' }],
    ]);
  });
});

describe('a sheet after the scored sheets', () => {
  // The carried state is compared as the run stores it: a sheet that neither adds an entry nor moves
  // that state on is not taken for the report's continuation (it once was, through a copy flag).
  it('is no continuation when it adds nothing', () => {
    const r = analyze({
      name: 'book.xlsx',
      sheets: [sheetFromArray('5-2', p52), sheetFromArray('メモ', [['会議メモ'], ['次回 4月']])],
    });
    expect(r.sheets.map((s) => [s.name, s.layout])).toEqual([
      ['5-2', 'scoredSheets'],
      ['メモ', null],
    ]);
    expect(r.diagnostics.filter((d) => d.at.sheet === 'メモ').map((d) => d.code)).toEqual(['NO_TABLE_FOUND']);
  });
});
