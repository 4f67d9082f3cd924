import { analyze, planOutput } from '../../src/core/engine';
import { tableDefFromMapping } from '../../src/core/tableSettings';
import { sheetFromArray } from '../../src/core/workbook';
import { sheetOfAddress } from '../../src/office/addresses';
import { SETTINGS_KEY } from '../../src/office/limits';
import { createExcelHost } from '../../src/office/officeHost';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';

/** A table that starts in column B, row 3, on a sheet whose name needs quoting. */
function workbook(): FakeWorkbook {
  return FakeWorkbook.fromInput({
    sheets: [
      sheetFromArray('表紙', [['第六市 行財政改革']]),
      sheetFromArray("R3 '改革'", [
        ['令和3年度 改革項目の評価'],
        [],
        [null, '番号', '取組名', null, '担当課', '評価'],
        [null, 1, '窓口のデジタル化', null, '情報政策課', 'S'],
      ]),
    ],
  });
}

function pane(wb: FakeWorkbook) {
  return createExcelHost(createFakeExcel(wb).run, { analyze, planOutput });
}

describe('the header row from Excel’s selection', () => {
  it('reads the row of the selected cell, every cell with text and its column, in two round trips', async () => {
    const wb = workbook();
    const sheet = wb.sheet("R3 '改革'")!;
    wb.selection = { sheetId: sheet.id, box: { top: 2, left: 2, rows: 1, cols: 1 } };
    const host = createFakeExcel(wb);
    const row = await createExcelHost(host.run, { analyze, planOutput }).selectedRow!();
    expect(row).toEqual({
      sheet: "R3 '改革'",
      row: 2,
      cells: [
        { col: 1, text: '番号' },
        { col: 2, text: '取組名' },
        { col: 4, text: '担当課' },
        { col: 5, text: '評価' },
      ],
    });
    expect(host.stats.syncs).toBe(2);
  });

  it('gives an empty row when the selected row has no values', async () => {
    const wb = workbook();
    wb.selection = { sheetId: wb.sheet('表紙')!.id, box: { top: 5, left: 0, rows: 1, cols: 1 } };
    expect(await pane(wb).selectedRow!()).toEqual({ sheet: '表紙', row: 5, cells: [] });
  });

  it('reads the sheet out of the addresses Excel gives', () => {
    expect(sheetOfAddress("'R3 ''改革'''!C3")).toBe("R3 '改革'");
    expect(sheetOfAddress('表紙!A6:B7')).toBe('表紙');
    expect(sheetOfAddress('A1')).toBeNull();
  });
});

describe('saving a table into the workbook’s settings', () => {
  const def = tableDefFromMapping(
    [
      { col: 1, text: '番号' },
      { col: 5, text: '評価' },
    ],
    { 1: 'number', 5: { status: 'abcd' } },
    'city6',
    "R3 '改革'",
  );

  it('adds tables to the stored JSON and keeps everything else in it', async () => {
    const wb = workbook();
    wb.settings.set(SETTINGS_KEY, JSON.stringify({ reportYear: 2021, sheets: { exclude: ['表紙'] } }));
    await pane(wb).saveTable(def);
    expect(JSON.parse(wb.settings.get(SETTINGS_KEY) as string)).toEqual({
      reportYear: 2021,
      sheets: { exclude: ['表紙'] },
      tables: [def],
    });
  });

  it('starts from nothing when no settings are stored, and replaces the table of the same id', async () => {
    const wb = workbook();
    await pane(wb).saveTable({ ...def, name: 'old' });
    await pane(wb).saveTable(def);
    expect(JSON.parse(wb.settings.get(SETTINGS_KEY) as string)).toEqual({ tables: [def] });
  });

  it('refuses to replace stored settings that are not a JSON object', async () => {
    const wb = workbook();
    wb.settings.set(SETTINGS_KEY, '[1, 2]');
    await expect(pane(wb).saveTable(def)).rejects.toThrow(/not a JSON object/);
    expect(wb.settings.get(SETTINGS_KEY)).toBe('[1, 2]');
  });
});
