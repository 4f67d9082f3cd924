import { readCells, readListing, existingSheets, toCell } from '../../src/office/read';
import { SETTINGS_KEY } from '../../src/office/limits';
import { sheetFromArray } from '../../src/core/workbook';
import type { CellInput, SheetInput } from '../../src/core/workbook';
import type { FakeCell, FakeHost } from '../support/fakeExcel';
import { createFakeExcel, FAKE_PAYLOAD_LIMIT, FakeWorkbook } from '../support/fakeExcel';

function cellAt(sheet: SheetInput | undefined, row: number, col: number): CellInput {
  return sheet?.cells[row]?.[col];
}

function value(v: string | number, extra: Partial<FakeCell> = {}): FakeCell {
  return {
    value: v,
    formula: null,
    error: null,
    numberFormat: 'General',
    format: {},
    hyperlink: null,
    ...extra,
  };
}

/** Rows that hold at least one value. */
function filledRows(sheet: SheetInput | undefined): number {
  return (sheet?.cells ?? []).filter((row) => row?.some((c) => c !== undefined)).length;
}

const answered = (host: FakeHost) => host.stats.requests.filter((r) => r.responseBytes <= FAKE_PAYLOAD_LIMIT);
const responseTotal = (host: FakeHost) => host.stats.requests.reduce((n, r) => n + r.responseBytes, 0);

/** A square of `size` rows and columns, filled like a checkerboard. */
function board(name: string, size: number): SheetInput {
  const rows = Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => ((r + c) % 2 === 0 ? 1 : undefined)),
  );
  return sheetFromArray(name, rows);
}

/** A flat list of `rows` 取組 under a header, as one sheet: seven columns, a group name every 20 rows. */
function flatList(rows: number): CellInput[][] {
  const cells: CellInput[][] = [
    ['改革項目', '具体的取組', '内容', '所管課', 'R3取組状況', '総括', '最終評価'],
  ];
  for (let i = 0; i < rows; i++) {
    cells.push([
      i % 20 === 0 ? `①改革項目${i / 20 + 1}` : undefined,
      `取組${i + 1}`,
      '毎年度、計画を作成・公表します。',
      '財政課',
      '計画どおり実施した。',
      '着実に進めた。',
      ['A', 'B', 'C'][i % 3],
    ]);
  }
  return cells;
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

  it('ignores a stray format at the last row, and reads a stray value at XFD1048576 without the rows between', async () => {
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
      value: '備考',
      formula: null,
      error: null,
      numberFormat: 'General',
      format: {},
      hyperlink: null,
    });
    const host = createFakeExcel(wb);

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    expect(read.workbook.sheets[0]?.cells).toEqual([['改革項目', '順調']]);
    const stretched = read.workbook.sheets[1];
    expect(cellAt(stretched, 0, 1)).toBe('順調');
    expect(cellAt(stretched, 1048575, 16383)).toBe('備考');
    // The rows between are not there, not even as empty arrays.
    expect(Object.keys(stretched!.cells)).toEqual(['0', '1048575']);
    expect(read.syncs).toBe(2);
    // Three cells' worth of answers and a handful of calls, not 17 billion cells.
    const responses = host.stats.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(responses).toBeLessThan(4000);
    expect(host.stats.operations).toBeLessThan(40);
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

  it('reads every row of a dense 25,000-row sheet, each request under the payload limit', async () => {
    const host = createFakeExcel({ sheets: [sheetFromArray('一覧', flatList(25000))] });

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    const sheet = read.workbook.sheets[0];
    expect(filledRows(sheet)).toBe(25001);
    expect(cellAt(sheet, 25000, 1)).toBe('取組25000');
    expect(cellAt(sheet, 24981, 0)).toBe('①改革項目1250');
    // Nothing refused; as many requests as the bytes need, and at most one more.
    expect(answered(host)).toHaveLength(host.stats.requests.length);
    const values = host.stats.requests.slice(2);
    const floor = Math.ceil(values.reduce((n, r) => n + r.responseBytes, 0) / FAKE_PAYLOAD_LIMIT);
    expect(values.length).toBeGreaterThan(1);
    expect(values.length).toBeLessThanOrEqual(floor + 1);
  });

  it('reads a stray value far below and one far right of a table without the empty cells between', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [sheetFromArray('一覧', flatList(3000))] });
    const sheet = wb.sheet('一覧')!;
    sheet.cells.set('1048575:2', value('メモ'));
    sheet.cells.set('10:16383', value(42, { numberFormat: '0.0' }));
    const progress: [number, number][] = [];
    const host = createFakeExcel(wb);

    const read = await host.run(async (ctx) =>
      readCells(ctx, await readListing(ctx), (done, total) => progress.push([done, total])),
    );

    const got = read.workbook.sheets[0];
    expect(filledRows(got)).toBe(3002);
    expect(cellAt(got, 1048575, 2)).toBe('メモ');
    expect(cellAt(got, 10, 16383)).toEqual({ value: 42, numberFormat: '0.0' });
    expect(cellAt(got, 3000, 1)).toBe('取組3000');
    expect(read.syncs).toBe(2);
    // The table's answer and little more: the million rows between cost a few calls.
    expect(responseTotal(host)).toBeLessThan(3001 * 7 * 60);
    expect(host.stats.operations).toBeLessThan(100);
    expect(progress[progress.length - 1]).toEqual([1, 1]);
  });

  it('finds values the filled areas leave out (a dynamic array’s spill) by looking into the empty stretches', async () => {
    const wb = FakeWorkbook.fromInput({
      sheets: [
        sheetFromArray('集計表', [
          ['区分', '件数'],
          ['順調', 17],
          ['遅れ', 2],
        ]),
      ],
    });
    const sheet = wb.sheet('集計表')!;
    // A spill next to its formula is read with the table; one far down only after a look finds it.
    sheet.cells.set('0:2', value('順調', { formula: '=UNIQUE(A2:A3)' }));
    sheet.cells.set('1:2', value('遅れ', { spilled: true }));
    sheet.cells.set('20000:0', value(1, { formula: '=SEQUENCE(5000)' }));
    for (let i = 1; i < 5000; i++) sheet.cells.set(`${20000 + i}:0`, value(i + 1, { spilled: true }));
    const host = createFakeExcel(wb);

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    const got = read.workbook.sheets[0];
    expect(cellAt(got, 1, 2)).toBe('遅れ');
    expect(cellAt(got, 20000, 0)).toBe(1);
    expect(cellAt(got, 24999, 0)).toBe(5000);
    expect(filledRows(got)).toBe(3 + 5000);
    // One more round trip, for the cells the look found.
    expect(read.syncs).toBe(3);
  });

  it('measures the used ranges alone when Excel will not give the filled areas, and still reads every value', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [sheetFromArray('一覧', flatList(100))] });
    wb.sheet('一覧')!.cells.set('1048575:16383', value('メモ'));
    const host = createFakeExcel(wb, {
      failWhen: (op) => (op.member === 'getSpecialCellsOrNullObject' ? 'GeneralException' : null),
    });

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    const got = read.workbook.sheets[0];
    expect(filledRows(got)).toBe(102);
    expect(cellAt(got, 1048575, 16383)).toBe('メモ');
    // The refused request, the used ranges, a look into each half, then the cells.
    expect(read.syncs).toBe(4);
    expect(responseTotal(host)).toBeLessThan(101 * 7 * 60);
  });

  it('asks for the filled areas in halves when their addresses pass the payload limit', async () => {
    // Checkerboards: every filled cell an area of its own, named with its sheet: 2.8 MB of addresses.
    const host = createFakeExcel({
      sheets: [board(`${'市'.repeat(30)}1`, 240), board(`${'市'.repeat(30)}2`, 240)],
    });

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    for (const sheet of read.workbook.sheets) {
      expect(filledRows(sheet)).toBe(240);
      expect(cellAt(sheet, 239, 239)).toBe(1);
      expect(cellAt(sheet, 239, 238)).toBeUndefined();
    }
    // Listing, the refused extents, the extents of each sheet alone, then the cells.
    const [, refused, first, second] = host.stats.requests;
    expect(refused!.responseBytes).toBeGreaterThan(FAKE_PAYLOAD_LIMIT);
    expect(first!.responseBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(first!.responseBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
    expect(second!.responseBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(second!.responseBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
    expect(read.syncs).toBeLessThanOrEqual(5);
  });

  it('measures a sheet by its used range alone when its filled areas pass the payload limit', async () => {
    const host = createFakeExcel({ sheets: [board(`${'市'.repeat(30)}3`, 340)] });

    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));

    expect(filledRows(read.workbook.sheets[0])).toBe(340);
    expect(cellAt(read.workbook.sheets[0], 339, 339)).toBe(1);
    const [, refused, alone] = host.stats.requests;
    expect(refused!.responseBytes).toBeGreaterThan(FAKE_PAYLOAD_LIMIT);
    expect(alone!.operations).toBe(1); // the used range's size, no areas
    expect(alone!.responseBytes).toBeLessThan(1000);
  });

  it('reads more than 512 merged areas in one wide row', async () => {
    const merges = Array.from({ length: 700 }, (_, i) => ({
      top: 0,
      left: 2 * i,
      bottom: 0,
      right: 2 * i + 1,
    }));
    const row = Array.from({ length: 1400 }, (_, c) => (c % 2 === 0 ? `見出し${c / 2}` : undefined));
    const host = createFakeExcel({ sheets: [sheetFromArray('横長', [row], { merges })] });
    const read = await host.run(async (ctx) => readCells(ctx, await readListing(ctx)));
    expect(read.workbook.sheets[0]?.merges).toHaveLength(700);
    expect(cellAt(read.workbook.sheets[0], 0, 1398)).toBe('見出し699');
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
