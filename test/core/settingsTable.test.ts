/**
 * A city's own table described in the settings alone (issue 10 items 4 and 5): read as the layout
 * 'table:<id>', each status column exactly in its own scheme with its own summary, every problem at
 * its cell, and nothing counted when the settings do not describe it.
 */
import { toA1 } from '../../src/core/address';
import { planOutput } from '../../src/core/engine';
import { buildJsonResult } from '../../src/core/jsonResult';
import { analyze } from '../../src/core/run';
import { resolveSettings } from '../../src/core/settingsIO';
import type { TableDef } from '../../src/core/tableSettings';
import { sheetFromArray, type CellInput } from '../../src/core/workbook';
import {
  SABC_SCHEME,
  SIXTH_COUNTS,
  SIXTH_HEADER_ROW,
  SIXTH_SHEET,
  SIXTH_STORED_SETTINGS,
  sixthCityWorkbook,
  sixthTableDef,
} from '../support/sixthCity';

const SIXTH = sixthTableDef('dairoku');

function settingsWith(...tables: TableDef[]) {
  return resolveSettings({ ...SIXTH_STORED_SETTINGS, tables });
}

const codes = (r: ReturnType<typeof analyze>) =>
  r.diagnostics.map((d) => [d.code, d.at.sheet, toA1(d.at.row, d.at.col)]);

describe('the sixth city’s table, described in the settings', () => {
  it('is counted as the layout table:<id>, each entry at its status cell, nothing unclassified', () => {
    const r = analyze(sixthCityWorkbook(), settingsWith(SIXTH));
    expect(r.sheets).toEqual([{ name: SIXTH_SHEET, layout: 'table:dairoku', entries: 12 }]);
    const [summary] = r.summaries;
    expect(r.summaries).toHaveLength(1);
    expect(summary!.scheme).toBe('sabc');
    expect(summary!.total).toEqual({
      S: SIXTH_COUNTS.S,
      A: SIXTH_COUNTS.A,
      B: SIXTH_COUNTS.B,
      C: SIXTH_COUNTS.C,
    });
    expect(summary!.excluded).toBe(SIXTH_COUNTS.対象外);
    expect(summary!.unclassified).toBe(0);
    expect(summary!.groups.map((g) => [g.path, g.total])).toEqual([
      [['1 デジタル化の推進'], 4],
      [['2 公共施設の適正化'], 3],
      [['3 財政の健全化'], 4],
    ]);
    // Column F (the 最終判定 column) of each item's row, under the header row.
    expect(r.entries.map((e) => toA1(e.at.row, e.at.col))).toEqual(
      Array.from({ length: 12 }, (_, i) => `F${SIXTH_HEADER_ROW + 2 + i}`),
    );
    expect(r.entries[0]).toMatchObject({
      layout: 'table:dairoku',
      number: '1',
      title: '窓口手続のオンライン化',
      department: '情報政策課',
      group: ['1 デジタル化の推進'],
      rawStatus: 'S',
      category: 'S',
      year: 2021,
    });
    expect(r.diagnostics).toEqual([]);
  });

  it('is not counted without the settings: the sheet is said to hold no table', () => {
    const r = analyze(sixthCityWorkbook(), resolveSettings(SIXTH_STORED_SETTINGS));
    expect(r.entries).toEqual([]);
    expect(r.sheets).toEqual([{ name: SIXTH_SHEET, layout: null, entries: 0 }]);
    expect(codes(r)).toEqual([['NO_TABLE_FOUND', SIXTH_SHEET, 'A1']]);
  });

  it('names the table in the JSON result and in the 集計 sheet', () => {
    const r = analyze(sixthCityWorkbook(), settingsWith(SIXTH));
    const json = buildJsonResult(r);
    expect(json.sheets).toEqual([{ name: SIXTH_SHEET, layout: 'table:dairoku', entries: 12 }]);
    expect(new Set(json.entries.map((e) => e.layout))).toEqual(new Set(['table:dairoku']));
    const plan = planOutput(r, [], { generatedAt: new Date(Date.UTC(2022, 4, 10)) });
    const texts = plan.sheets
      .find((s) => s.role === 'summary')!
      .rows.flat()
      .flatMap((c) => (c && c.kind === 'text' ? [c.text] : []));
    expect(texts).toContain(`集計したシート：${SIXTH_SHEET}（第六市 評価表）\u3000計12件`);
  });
});

describe('a table described in the settings: reading its rows', () => {
  const def: TableDef = {
    id: 'hyoka',
    name: '評価表',
    number: { words: ['No'] },
    title: { words: ['取組名'] },
    department: { words: ['担当'] },
    group: { words: ['分野'] },
    statusColumns: [{ words: ['判定'], scheme: 'sabc' }],
  };
  const header: CellInput[] = ['No', '取組名', '担当', '分野', '判定（R3）'];
  const rows: CellInput[][] = [
    ['評価表'],
    header,
    ['1', '窓口の電子化', '市民課', '(1) デジタル', 'S'],
    ['', '', '情報課', '', 'A'],
    [],
    [],
    ['2', '施設の再編', '財政課', '', 'Ｂ（一部）'],
    // A printed page: its title and header repeated.
    ['評価表'],
    [...header],
    ['3', '補助金の見直し', '財政課', '(2) 財政', 'SS'],
    ['4', '委託の拡大', '行政課', '', ''],
    ['5', '使用料の見直し', '財政課', '', '－'],
    ['※ 判定は担当課の自己評価による'],
  ];

  it('continues blank cells from above, skips repeated headers and notes, and lists each problem at its cell', () => {
    const r = analyze({ sheets: [sheetFromArray('評価', rows)] }, settingsWith(def));
    expect(
      r.entries.map((e) => [toA1(e.at.row, e.at.col), e.number, e.title, e.department, e.group, e.category]),
    ).toEqual([
      ['E3', '1', '窓口の電子化', '市民課', ['(1) デジタル'], 'S'],
      ['E4', '1', '窓口の電子化', '情報課', ['(1) デジタル'], 'A'],
      ['E7', '2', '施設の再編', '財政課', ['(1) デジタル'], 'B'],
      ['E10', '3', '補助金の見直し', '財政課', ['(2) 財政'], null],
      ['E11', '4', '委託の拡大', '行政課', ['(2) 財政'], null],
      ['E12', '5', '使用料の見直し', '財政課', ['(2) 財政'], '対象外'],
    ]);
    // The year in the status header is the year of its statuses.
    expect(new Set(r.entries.map((e) => e.year))).toEqual(new Set([2021]));
    expect(codes(r)).toEqual([
      ['STATUS_NOTE', '評価', 'E7'],
      ['UNKNOWN_STATUS', '評価', 'E10'],
      ['MISSING_STATUS', '評価', 'E11'],
    ]);
    expect(r.summaries[0]!.unclassified).toBe(2);
  });

  it('outranks a built-in layout that also reads the sheet', () => {
    // 番号 / 取組名 / 所管課 / 評価 is a flat table to the built-in layouts; the settings say it is S / A / B / C.
    const sheet = sheetFromArray('一覧', [
      ['番号', '取組名', '所管課', '評価'],
      ['1', '窓口の電子化', '市民課', 'S'],
      ['2', '施設の再編', '財政課', 'A'],
    ]);
    expect(analyze({ sheets: [sheet] }, resolveSettings(SIXTH_STORED_SETTINGS)).sheets[0]!.layout).toBe(
      'flatTable',
    );
    const own: TableDef = {
      id: 'ichiran',
      name: '一覧',
      title: { words: ['取組名'] },
      statusColumns: [{ words: ['評価'], scheme: 'sabc' }],
    };
    const r = analyze({ sheets: [sheet] }, settingsWith(own));
    expect(r.sheets[0]!.layout).toBe('table:ichiran');
    expect(r.summaries.map((s) => [s.scheme, s.total])).toEqual([['sabc', { S: 1, A: 1, B: 0, C: 0 }]]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads only the sheets it names, and says when a named sheet lacks its header row', () => {
    const only: TableDef = { ...def, sheets: ['評価', '別紙'] };
    const r = analyze(
      {
        sheets: [
          sheetFromArray('評価', rows),
          sheetFromArray('別紙', [
            ['No', '取組名', '担当', '分野', '評定'],
            ['9', '何か', '総務課', '', 'S'],
          ]),
          sheetFromArray('参考', rows),
        ],
      },
      settingsWith(only),
    );
    expect(r.sheets.map((s) => [s.name, s.layout, s.entries])).toEqual([
      ['評価', 'table:hyoka', 6],
      ['別紙', null, 0],
      ['参考', null, 0],
    ]);
    expect(
      codes(r).filter(([c]) => c !== 'STATUS_NOTE' && c !== 'UNKNOWN_STATUS' && c !== 'MISSING_STATUS'),
    ).toEqual([
      ['TABLE_HEADER_NOT_FOUND', '別紙', 'A1'],
      ['NO_TABLE_FOUND', '別紙', 'A1'],
      ['NO_TABLE_FOUND', '参考', 'A1'],
    ]);
  });

  it('says which named column its header row lacks, naming the setting', () => {
    const r = analyze(
      {
        sheets: [
          // In column B: the diagnostics point at the header row's first cell.
          sheetFromArray('評価', [
            [null, '取組名', '判定'],
            [null, '窓口の電子化', 'S'],
          ]),
        ],
      },
      settingsWith(def),
    );
    expect(r.entries).toHaveLength(1);
    const missing = r.diagnostics
      .filter((d) => d.code === 'COLUMN_NOT_FOUND')
      .map((d) => [d.at.sheet, toA1(d.at.row, d.at.col), d.params?.['setting']]);
    expect(missing).toEqual([
      ['評価', 'B1', 'tables[0].number.words'],
      ['評価', 'B1', 'tables[0].department.words'],
      ['評価', 'B1', 'tables[0].group.words'],
    ]);
  });
});

describe('a table described in the settings with several status columns', () => {
  const def: TableDef = {
    id: 'nido',
    name: '二年度評価',
    title: { words: ['取組'] },
    statusColumns: [
      { words: ['前年度評価'], scheme: 'sabc', title: '前年度' },
      { words: ['今年度評価'], scheme: 'sabc', title: '今年度' },
      { words: ['達成度'], scheme: 'achievement3' },
    ],
  };
  const sheet = (statedS: number) =>
    sheetFromArray('評価', [
      ['取組', '前年度評価', '今年度評価', '達成度'],
      ['窓口の電子化', 'A', 'S', '達成'],
      ['施設の再編', 'B', 'A', '一部達成'],
      ['補助金の見直し', 'C', 'B', '未達成'],
      [],
      ['今年度評価', '件数'],
      ['S', statedS],
      ['A', 1],
      ['B', 1],
    ]);

  it('gives each column its own summary, even two of one scheme', () => {
    const r = analyze({ sheets: [sheet(1)] }, resolveSettings({ schemes: [SABC_SCHEME], tables: [def] }));
    expect(r.summaries.map((s) => [s.scheme, s.column, s.title, s.total])).toEqual([
      ['sabc', '前年度', '前年度', { S: 0, A: 1, B: 1, C: 1 }],
      ['sabc', '今年度', '今年度', { S: 1, A: 1, B: 1, C: 0 }],
      ['achievement3', '達成度', '達成度', { 達成: 1, 一部達成: 1, 未達成: 1 }],
    ]);
    expect(r.entries).toHaveLength(9);
    // The stated table is read as a summary, not as items.
    expect(r.statedSummaries.map((s) => s.rows.map((x) => [x.label, x.count]))).toEqual([
      [
        ['S', 1],
        ['A', 1],
        ['B', 1],
      ],
    ]);
  });

  it('cross-checks a stated summary of its scheme and says where it disagrees', () => {
    const r = analyze({ sheets: [sheet(2)] }, resolveSettings({ schemes: [SABC_SCHEME], tables: [def] }));
    const mismatch = r.diagnostics.filter((d) => d.code === 'STATED_SUMMARY_MISMATCH');
    expect(mismatch.map((d) => [d.at.sheet, toA1(d.at.row, d.at.col), d.params?.['stated']])).toEqual([
      ['評価', 'B7', 2],
    ]);
  });

  it('keeps each column’s own table in the 取組一覧 the 集計 sheet counts', () => {
    const r = analyze({ sheets: [sheet(1)] }, resolveSettings({ schemes: [SABC_SCHEME], tables: [def] }));
    const plan = planOutput(r, [], { generatedAt: new Date(Date.UTC(2022, 4, 10)) });
    const list = plan.sheets.find((s) => s.role === 'list')!;
    const texts = list.rows.map((row) => row.flatMap((c) => (c && c.kind === 'text' ? [c.text] : [])));
    const rowOf = (status: string, title: string) =>
      texts.find(
        (t) => t.includes(title) && t.includes(status) && (t.includes('前年度') || t.includes('今年度')),
      );
    expect(rowOf('C', '補助金の見直し')).toContain('前年度');
    expect(rowOf('S', '窓口の電子化')).toContain('今年度');
  });
});
