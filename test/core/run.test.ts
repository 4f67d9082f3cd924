import type { ProgressStep } from '../../src/core/engine';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { sheetFromArray, type CellInput, type WorkbookInput } from '../../src/core/workbook';
import { card, FLAT_HEADER, flatRow, type Grid } from './grids';

const cards = (...specs: [number | string, string][]): Grid =>
  specs.flatMap(([number, status]) => card({ number, title: `項目${number}`, department: '秘書課', status }));

const withSheets = (sheets: Partial<Settings['sheets']>): Settings => ({
  ...DEFAULT_SETTINGS,
  sheets: { ...DEFAULT_SETTINGS.sheets, ...sheets },
});

const codes = (r: ReturnType<typeof analyze>) =>
  r.diagnostics.map((d) => [d.code, d.severity, d.at.sheet, d.at.row, d.at.col]);

describe('analyze: sheet selection', () => {
  it('skips hidden and very hidden sheets with SHEET_HIDDEN_SKIPPED', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('表', cards([1, '順調'])),
        sheetFromArray('控え', cards([2, '順調']), { visibility: 'hidden' }),
        sheetFromArray('作業', cards([3, '順調']), { visibility: 'veryHidden' }),
      ],
    });
    expect(codes(r)).toEqual([
      ['SHEET_HIDDEN_SKIPPED', 'info', '控え', 0, 0],
      ['SHEET_HIDDEN_SKIPPED', 'info', '作業', 0, 0],
    ]);
    expect(r.entries.map((e) => e.number)).toEqual(['1']);
    expect(r.sheets.map((s) => [s.name, s.layout, s.entries, s.skipped])).toEqual([
      ['表', 'cards', 1, undefined],
      ['控え', null, 0, 'hidden'],
      ['作業', null, 0, 'hidden'],
    ]);
  });

  it('applies settings.sheets include and exclude with SHEET_EXCLUDED', () => {
    const wb: WorkbookInput = {
      sheets: [sheetFromArray('A', cards([1, '順調'])), sheetFromArray('B', cards([2, '順調']))],
    };
    expect(codes(analyze(wb, withSheets({ exclude: ['A'] })))).toEqual([
      ['SHEET_EXCLUDED', 'info', 'A', 0, 0],
    ]);
    expect(codes(analyze(wb, withSheets({ include: ['A'] })))).toEqual([
      ['SHEET_EXCLUDED', 'info', 'B', 0, 0],
    ]);
  });

  it('reads a hidden sheet the settings include by name', () => {
    const r = analyze(
      { sheets: [sheetFromArray('控え', cards([2, '順調']), { visibility: 'hidden' })] },
      withSheets({ include: ['控え'] }),
    );
    expect(r.entries).toHaveLength(1);
    expect(r.diagnostics).toEqual([]);
  });

  it('reports EMPTY_WORKBOOK when no sheet is left to read', () => {
    const r = analyze({ sheets: [sheetFromArray('控え', cards([1, '順調']), { visibility: 'hidden' })] });
    expect(codes(r)).toEqual([
      ['SHEET_HIDDEN_SKIPPED', 'info', '控え', 0, 0],
      ['EMPTY_WORKBOOK', 'error', '控え', 0, 0],
    ]);
    expect(analyze({ sheets: [] }).diagnostics.map((d) => d.code)).toEqual(['EMPTY_WORKBOOK']);
  });

  it('reports NO_TABLE_FOUND for a visible sheet without a report table', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('メモ', [['打合せメモ'], ['次回は5月']]),
        sheetFromArray('表', cards([1, '順調'])),
      ],
    });
    expect(codes(r)).toEqual([['NO_TABLE_FOUND', 'info', 'メモ', 0, 0]]);
  });

  it("reads a user's own sheet called 集計 and checks the summary it states", () => {
    const r = analyze({
      sheets: [
        sheetFromArray('表', cards([1, '順調'])),
        sheetFromArray('集計', [
          ['達成状況', '件数'],
          ['順調', 5],
        ]),
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.at.sheet, d.params])).toEqual([
      ['NO_TABLE_FOUND', '集計', undefined],
      ['STATED_SUMMARY_MISMATCH', '集計', { label: '順調', stated: 5, counted: 1, scheme: 'progress3' }],
    ]);
  });

  it('calls onProgress per sheet, in order', () => {
    const calls: [ProgressStep, number, number][] = [];
    analyze(
      { sheets: [sheetFromArray('A', cards([1, '順調'])), sheetFromArray('B', cards([2, '順調']))] },
      DEFAULT_SETTINGS,
      { onProgress: (step, done, total) => calls.push([step, done, total]) },
    );
    expect(calls.filter((c) => c[0] === 'recognize')).toEqual([
      ['recognize', 1, 2],
      ['recognize', 2, 2],
    ]);
    expect(calls[calls.length - 1]![0]).toBe('summarize');
  });
});

describe('analyze: report title and year', () => {
  it('takes the title and year from the headings', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('表', [['せき行財政改革アクションプランⅢ'], ['R3期末報告書'], ...cards([1, '順調'])]),
      ],
    });
    expect(r.title).toBe('せき行財政改革アクションプランⅢ');
    expect(r.reportYear).toBe(2021);
  });

  it('prefers the year in the settings', () => {
    const r = analyze(
      { sheets: [sheetFromArray('表', [['令和3年度 取組状況'], ...cards([1, '順調'])])] },
      {
        ...DEFAULT_SETTINGS,
        reportYear: 2022,
      },
    );
    expect(r.reportYear).toBe(2022);
  });

  it('falls back to the year in a status label, and to the workbook name for the title', () => {
    const grid: Grid = [['改革項目', 1, '協力体制', '秘書課'], ['令和4年度進捗状況'], ['順調']];
    const r = analyze({ name: 'C:\\報告\\進捗報告.xlsx', sheets: [sheetFromArray('表', grid)] });
    expect(r.reportYear).toBe(2022);
    expect(r.title).toBe('進捗報告');
  });
});

describe('analyze: checks', () => {
  it('reports CELL_ERROR once for every error cell of the sheets read', () => {
    const err = (e: string): CellInput => ({ value: null, error: e });
    const grid: Grid = [...cards([1, '順調']), ['メモ', err('#N/A'), err('#REF!')]];
    const r = analyze({
      sheets: [
        sheetFromArray('表', grid),
        sheetFromArray('控え', [[err('#DIV/0!')]], { visibility: 'hidden' }),
      ],
    });
    const errors = r.diagnostics.filter((d) => d.code === 'CELL_ERROR');
    expect(errors.map((d) => [d.at.sheet, d.at.row, d.at.col, d.value, d.params?.['error']])).toEqual([
      ['表', grid.length - 1, 1, '#N/A', '#N/A'],
      ['表', grid.length - 1, 2, '#REF!', '#REF!'],
    ]);
  });

  it('reports CELL_ERROR for an error in the status cell, without MISSING_STATUS', () => {
    const r = analyze({
      sheets: [
        sheetFromArray(
          '表',
          card({ number: 1, title: 'a', department: '課', status: { value: null, error: '#VALUE!' } }),
        ),
      ],
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CELL_ERROR']);
    expect(r.summaries[0]!.unclassified).toBe(1);
  });

  it('reports DUPLICATE_NUMBER for a card number used twice, pointing at the first', () => {
    const r = analyze({ sheets: [sheetFromArray('表', cards([1, '順調'], [2, '順調'], [1, '遅れている']))] });
    const dup = r.diagnostics.filter((d) => d.code === 'DUPLICATE_NUMBER');
    expect(dup).toEqual([
      {
        code: 'DUPLICATE_NUMBER',
        severity: 'error',
        at: r.entries[2]!.at,
        value: '1',
        params: { number: '1', firstSheet: '表', firstCell: 'C7' },
      },
    ]);
  });

  it('does not report numbering that restarts in every group, nor department rows of one 取組', () => {
    const perGroup: Grid = [
      ['●重点項目1 行政運営'],
      ...cards([1, '順調'], [2, '順調']),
      ['●重点項目2 財政運営'],
      ...cards([1, '順調'], [2, '順調']),
    ];
    const flat: Grid = [
      ['番号', ...FLAT_HEADER],
      [1, ...flatRow('①', '使用料の適正化', '経営企画課', 'A')],
      [null, ...flatRow(null, null, 'こども保育課', 'A')],
    ];
    const r = analyze({ sheets: [sheetFromArray('カード', perGroup), sheetFromArray('一覧', flat)] });
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.filter((e) => e.layout === 'flatTable').map((e) => e.number)).toEqual(['1', '1']);
  });

  it('sorts diagnostics by sheet order, row and column', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('一', [...cards([1, '順長']), ['x', { value: null, error: '#N/A' }]]),
        sheetFromArray('二', [[{ value: null, error: '#REF!' }], ...cards([2, '順調'])]),
      ],
    });
    const keys = r.diagnostics.map((d) => [d.at.sheet === '一' ? 0 : 1, d.at.row, d.at.col]);
    const sorted = [...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
    expect(keys).toEqual(sorted);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_STATUS', 'CELL_ERROR', 'CELL_ERROR']);
  });
});

describe('analyze: stated summary', () => {
  const stated = (rows: [string, CellInput][]): Grid => [
    ['達成状況', '件数'],
    ...rows.map(([l, n]) => [l, n]),
    [],
  ];
  const items = cards([1, '順調'], [2, '達成'], [3, 'やや遅れている'], [4, '遅れている']);

  it('agrees when 達成 counts under 順調, a うち達成 row and a total row match', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('表', [
          ...stated([
            ['順調', 2],
            ['達成', 1],
            ['やや遅れている', 1],
            ['遅れている', 1],
            ['合計', 4],
          ]),
          ...items,
        ]),
      ],
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.statedSummaries).toHaveLength(1);
  });

  it('reports STATED_SUMMARY_MISMATCH at the stated cell with both numbers', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('表', [
          ...stated([
            ['順調', 3],
            ['やや遅れている', 1],
            ['遅れている', 1],
            ['合計', 6],
          ]),
          ...items,
        ]),
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.at.row, d.at.col, d.value, d.params])).toEqual([
      [
        'STATED_SUMMARY_MISMATCH',
        'error',
        1,
        1,
        '3',
        { label: '順調', stated: 3, counted: 2, scheme: 'progress3' },
      ],
      [
        'STATED_SUMMARY_MISMATCH',
        'error',
        4,
        1,
        '6',
        { label: '合計', stated: 6, counted: 4, scheme: 'progress3' },
      ],
    ]);
  });

  it('checks a summary table on a sheet of its own against the report', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('まとめ', [
          ['令和3年度 進捗状況'],
          ['達成状況', '件数'],
          ['順調', 2],
          ['やや遅れている', 2],
          ['遅れている', 1],
        ]),
        sheetFromArray('項目', items),
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.at.sheet, d.at.row, d.params])).toEqual([
      ['NO_TABLE_FOUND', 'まとめ', 0, undefined],
      [
        'STATED_SUMMARY_MISMATCH',
        'まとめ',
        3,
        { label: 'やや遅れている', stated: 2, counted: 1, scheme: 'progress3' },
      ],
    ]);
  });

  it('does not call a category left out when the table runs to the end of its sheet', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('まとめ', [
          ['達成状況', '件数'],
          ['順調', 2],
          ['やや遅れている', 1],
        ]),
        sheetFromArray('項目', items),
      ],
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NO_TABLE_FOUND']);
  });

  it('reports a category the stated table leaves out although items have it', () => {
    const r = analyze({
      sheets: [
        sheetFromArray('表', [
          ...stated([
            ['順調', 2],
            ['やや遅れている', 1],
          ]),
          ...items,
        ]),
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.at.row, d.at.col, d.params])).toEqual([
      ['STATED_SUMMARY_MISMATCH', 0, 0, { label: '遅れている', stated: 0, counted: 1, scheme: 'progress3' }],
    ]);
  });
});
