/**
 * Several status columns in one table: 実施状況 (完了 / 取組中 / 未着手) and 達成度 (達成 / 一部達成 /
 * 未達成) for the same items give a summary each in one run, each checked against the stated table
 * of its scheme, which may also state last year's counts and the change.
 */
import { buildJsonResult } from '../../src/core/jsonResult';
import { analyze } from '../../src/core/run';
import { sheetFromArray, type CellInput } from '../../src/core/workbook';

const items: [string, string, string][] = [
  ['窓口の電子化', '完了', '達成'],
  ['公共施設の再編', '取組中', '一部達成'],
  ['補助金の見直し', '取組中', '未達成'],
  ['事務の委託', '未着手', '未達成'],
  ['人材育成', '完了', '一部達成'],
];

const table: CellInput[][] = [
  ['第2次行政改革大綱 重点改革項目の取組状況'],
  [],
  ['番号', '取組項目', '所管課', '実施状況', '達成度'],
  ...items.map(([title, done, achieved], i) => [String(i + 1), title, '総務課', done, achieved]),
];

/** The published tables: this year's counts, last year's, and the change (▲ for minus). */
function stated(implementationDone: number): CellInput[][] {
  return [
    ['実施状況', '件数', '前年度', '増減'],
    ['完了', implementationDone, 1, `${implementationDone - 1}`],
    ['取組中', 2, 3, '▲1'],
    ['未着手', 1, 1, 0],
    [],
    ['達成度', '件数', '前年度', '増減'],
    ['達成', 1, 0, 1],
    ['一部達成', 2, 2, 0],
    ['未達成', 2, 3, '▲1'],
  ];
}

function run(implementationDone: number) {
  return analyze({
    // The published summary first, the list after it (a summary sheet after a flat table would be
    // tried as the table's continuation).
    sheets: [sheetFromArray('集計表', stated(implementationDone)), sheetFromArray('取組一覧表', table)],
  });
}

describe('a table with 実施状況 and 達成度 columns', () => {
  it('gives both summaries in one run, each headed by its column, and agrees with the stated tables', () => {
    const r = run(2);
    expect(r.summaries.map((s) => [s.scheme, s.column, s.title, s.total])).toEqual([
      ['implementation3', '実施状況', '実施状況', { 完了: 2, 取組中: 2, 未着手: 1 }],
      ['achievement3', '達成度', '達成度', { 達成: 1, 一部達成: 2, 未達成: 2 }],
    ]);
    expect(r.entries).toHaveLength(10);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    // Last year's figures and the change are kept for the comparison with last year.
    expect(r.statedSummaries.map((s) => s.rows.map((x) => [x.label, x.count, x.previous, x.change]))).toEqual(
      [
        [
          ['完了', 2, 1, 1],
          ['取組中', 2, 3, -1],
          ['未着手', 1, 1, 0],
        ],
        [
          ['達成', 1, 0, 1],
          ['一部達成', 2, 2, 0],
          ['未達成', 2, 3, -1],
        ],
      ],
    );
    const json = buildJsonResult(r);
    expect(json.summaries.map((s) => s.column)).toEqual(['実施状況', '達成度']);
    expect(json.statedSummaries[0]!.rows[1]).toEqual({
      label: '取組中',
      count: 2,
      cell: 'B3',
      previous: 3,
      change: -1,
    });
  });

  it('reports a stated count that disagrees as STATED_SUMMARY_MISMATCH naming the scheme of its table', () => {
    const r = run(3);
    const mismatches = r.diagnostics.filter((d) => d.code === 'STATED_SUMMARY_MISMATCH');
    expect(mismatches.map((d) => [d.at.sheet, d.at.row, d.at.col, d.params])).toEqual([
      ['集計表', 1, 1, { label: '完了', stated: 3, counted: 2, scheme: 'implementation3' }],
    ]);
  });

  it('does not count a column of prose headed 実施状況', () => {
    const prose = table.map((row, i) =>
      i < 3 ? row : [...row.slice(0, 3), '窓口で説明を行った。', row[4]!],
    );
    const r = analyze({ sheets: [sheetFromArray('取組一覧表', prose)] });
    expect(r.summaries.map((s) => s.scheme)).toEqual(['achievement3']);
    expect(r.diagnostics.filter((d) => d.code === 'UNKNOWN_STATUS')).toEqual([]);
  });
});
