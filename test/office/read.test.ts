import { readCells, readListing, existingSheets, toCell } from '../../src/office/read';
import { MAX_READ_COLS, MAX_READ_ROWS, SETTINGS_KEY } from '../../src/office/limits';
import { sheetFromArray } from '../../src/core/workbook';
import type { CellInput, SheetInput } from '../../src/core/workbook';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';

function cellAt(sheet: SheetInput | undefined, row: number, col: number): CellInput {
  return sheet?.cells[row]?.[col];
}

describe('readListing', () => {
  it('lists every sheet with visibility and protection, finds our ownership names and the stored settings', async () => {
    const wb = FakeWorkbook.fromInput({
      sheets: [
        sheetFromArray('関市', [['改革項目']]),
        sheetFromArray('メモ', [['x']], { visibility: 'hidden' }),
        sheetFromArray('集計', [['old output']]),
      ],
    });
    wb.sheet('関市')!.protected = true;
    wb.names.set('KaikakuShukei_summary', {
      sheetId: wb.sheet('集計')!.id,
      row: 0,
      col: 0,
      rows: 1,
      cols: 1,
      comment: '',
    });
    wb.names.set('KaikakuShukei_list', { sheetId: null, row: 0, col: 0, rows: 1, cols: 1, comment: '' });
    wb.names.set('予算', { sheetId: wb.sheet('関市')!.id, row: 0, col: 0, rows: 1, cols: 1, comment: '' });
    wb.settings.set(SETTINGS_KEY, '{"version":1,"reportYear":2021}');
    const host = createFakeExcel(wb);

    const listing = await host.run((ctx) => readListing(ctx));

    expect(listing.sheets).toEqual([
      { name: '関市', visibility: 'visible', protected: true },
      { name: 'メモ', visibility: 'hidden', protected: false },
      { name: '集計', visibility: 'visible', protected: false, role: 'summary' },
    ]);
    expect([...listing.ownerNames].sort()).toEqual(['KaikakuShukei_list', 'KaikakuShukei_summary']);
    expect(listing.storedSettings).toBe('{"version":1,"reportYear":2021}');
    expect(listing.workbookProtected).toBe(false);
    expect(existingSheets(listing)).toEqual([
      { name: '関市', owned: false },
      { name: 'メモ', owned: false },
      { name: '集計', owned: true, role: 'summary' },
    ]);
    expect(host.stats.syncs).toBe(1);
  });

  it('takes a sheet that merely has an output name for the user’s own', async () => {
    const host = createFakeExcel({ sheets: [sheetFromArray('集計', [['自分で作った集計']])] });
    const listing = await host.run((ctx) => readListing(ctx));
    expect(listing.sheets[0]).toEqual({ name: '集計', visibility: 'visible', protected: false });
  });
});

describe('readCells', () => {
  it('reads values, number formats, errors and merged areas of visible sheets, from A1, in two round trips', async () => {
    const host = createFakeExcel({
      sheets: [
        sheetFromArray(
          '表',
          [
            [],
            [],
            [undefined, undefined, '改革項目', 1, { value: 0.648, numberFormat: '0.0%' }],
            [
              undefined,
              undefined,
              '所管課',
              { value: null, error: '#REF!' },
              { value: 44287, numberFormat: 'yyyy/m/d' },
            ],
            [undefined, undefined, '#REF!', true, 1483],
          ],
          { merges: [{ top: 2, left: 2, bottom: 3, right: 2 }] },
        ),
        sheetFromArray('非表示', [['秘密']], { visibility: 'hidden' }),
      ],
    });

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    const sheet = read.workbook.sheets[0];
    expect(sheet?.name).toBe('表');
    expect(cellAt(sheet, 2, 2)).toBe('改革項目');
    expect(cellAt(sheet, 2, 3)).toBe(1);
    expect(cellAt(sheet, 2, 4)).toEqual({ value: 0.648, numberFormat: '0.0%' });
    expect(cellAt(sheet, 3, 3)).toEqual({ value: null, error: '#REF!' });
    expect(cellAt(sheet, 3, 4)).toEqual({ value: 44287, numberFormat: 'yyyy/m/d' });
    // A text that reads like an error literal stays text: valueTypes tells them apart.
    expect(cellAt(sheet, 4, 2)).toBe('#REF!');
    expect(cellAt(sheet, 4, 3)).toBe(true);
    expect(cellAt(sheet, 0, 0)).toBeUndefined();
    expect(sheet?.merges).toEqual([{ top: 2, left: 2, bottom: 3, right: 2 }]);
    expect(read.workbook.sheets[1]).toEqual({ name: '非表示', cells: [], visibility: 'hidden' });
    expect(read.syncs).toBe(2);
    expect(host.stats.syncs).toBe(3);
  });

  it('leaves the add-in’s own output sheets out of the input', async () => {
    const wb = FakeWorkbook.fromInput({
      sheets: [sheetFromArray('関市', [['改革項目']]), sheetFromArray('取組一覧', [['番号', '取組']])],
    });
    wb.names.set('KaikakuShukei_list', {
      sheetId: wb.sheet('取組一覧')!.id,
      row: 0,
      col: 0,
      rows: 1,
      cols: 1,
      comment: '',
    });
    const read = await createFakeExcel(wb).run(async (ctx) => readCells(ctx, await readListing(ctx)));
    expect(read.workbook.sheets.map((s) => s.name)).toEqual(['関市']);
  });

  it('ignores a stray format at the last row and caps a stray value far out, saying so', async () => {
    const wb = FakeWorkbook.fromInput({
      sheets: [sheetFromArray('書式', [['改革項目', '順調']]), sheetFromArray('値', [['改革項目', '順調']])],
    });
    wb.sheet('書式')!.cells.set('1048575:0', {
      value: null,
      formula: null,
      error: null,
      numberFormat: '0.0%',
      format: { fill: '#FFFF00' },
      hyperlink: null,
    });
    wb.sheet('値')!.cells.set('1048575:16383', {
      value: ' ',
      formula: null,
      error: null,
      numberFormat: 'General',
      format: {},
      hyperlink: null,
    });
    const host = createFakeExcel(wb);

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    expect(read.workbook.sheets[0]?.cells).toEqual([['改革項目', '順調']]);
    expect(cellAt(read.workbook.sheets[1], 0, 1)).toBe('順調');
    expect(read.notices).toEqual([
      {
        kind: 'truncated',
        sheet: '値',
        usedRows: 1048576,
        usedCols: 16384,
        readRows: MAX_READ_ROWS,
        readCols: MAX_READ_COLS,
      },
    ]);
    // Every request stayed within the 5 MB limit the fake enforces.
    expect(host.stats.requests.every((r) => r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
  });

  it('reads a sheet with more than 512 merged areas (Excel refuses more in one call)', async () => {
    const merges = Array.from({ length: 600 }, (_, i) => ({ top: i, left: 0, bottom: i, right: 1 }));
    const rows = Array.from({ length: 600 }, (_, i) => [`項目${i}`, undefined, '順調']);
    const host = createFakeExcel({ sheets: [sheetFromArray('カード', rows, { merges })] });
    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));
    expect(read.workbook.sheets[0]?.merges).toHaveLength(600);
    expect(read.syncs).toBe(2);
  });

  it('splits the read when long texts make the answer pass the payload limit', async () => {
    const long = 'あ'.repeat(4000);
    const rows = Array.from({ length: 800 }, (_, i) => [i + 1, long]);
    const host = createFakeExcel({ sheets: [sheetFromArray('長文', rows)] });

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    expect(read.workbook.sheets[0]?.cells).toHaveLength(800);
    expect(cellAt(read.workbook.sheets[0], 799, 1)).toBe(long);
    expect(host.stats.requests.some((r) => r.responseBytes > 5 * 1024 * 1024)).toBe(true);
    expect(read.syncs).toBeGreaterThan(2);
  });

  it('costs the same number of round trips for one sheet or thirty', async () => {
    const sheets = Array.from({ length: 30 }, (_, i) =>
      sheetFromArray(`課${i + 1}`, [
        ['改革項目', i],
        ['進捗', '順調'],
      ]),
    );
    const host = createFakeExcel({ sheets });
    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));
    expect(read.workbook.sheets).toHaveLength(30);
    expect(host.stats.syncs).toBe(3);
  });
});

describe('toCell', () => {
  it('maps Excel value types to engine cells', () => {
    expect(toCell('', 'Empty', 'General')).toBeUndefined();
    expect(toCell('#N/A', 'Error', 'General')).toEqual({ value: null, error: '#N/A' });
    expect(toCell(0.5, 'Double', '0%')).toEqual({ value: 0.5, numberFormat: '0%' });
    expect(toCell('順調', 'String', 'General')).toBe('順調');
  });
});
