import { sheetFromArray } from '../../src/core/workbook';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';

/** The fake host's Range.getSpecialCells and Range.getUsedRange, which the adapter's reads rely on. */
function host() {
  const wb = FakeWorkbook.fromInput({
    sheets: [
      sheetFromArray('表 1', [
        ['区分', '件数', '割合'],
        ['順調', 17, { value: 0.548, formula: 'B2/B4', numberFormat: '0%' }],
        ['遅れ', 14, { value: null, error: '#DIV/0!', formula: 'B3/0' }],
        ['合計', { value: 31, formula: 'SUM(B2:B3)' }, true],
      ]),
    ],
  });
  wb.sheet('表 1')!.cells.set('9:0', {
    value: '伸びた値',
    formula: null,
    error: null,
    numberFormat: 'General',
    format: {},
    hyperlink: null,
    spilled: true,
  });
  return createFakeExcel(wb);
}

describe('fake Range.getSpecialCells', () => {
  it('gives constants and formulas as areas, filtered by value type, as an A1 address per area', async () => {
    const found = await host().run(async (context) => {
      const used = context.workbook.worksheets.getItem('表 1').getUsedRange(true);
      const asked = [
        used.getSpecialCellsOrNullObject('Constants'),
        used.getSpecialCellsOrNullObject('Formulas'),
        used.getSpecialCellsOrNullObject('Constants', 'Numbers'),
        used.getSpecialCellsOrNullObject('Formulas', 'Errors'),
        used.getSpecialCellsOrNullObject('Constants', 'LogicalNumbers'),
        used.getSpecialCellsOrNullObject('Formulas', 'Logical'),
      ];
      for (const a of asked) a.load('address');
      await context.sync();
      return asked.map((a) => (a.isNullObject ? null : a.address));
    });
    expect(found).toEqual([
      "'表 1'!A1:C1, '表 1'!A2:B3, '表 1'!A4, '表 1'!C4",
      "'表 1'!C2:C3, '表 1'!B4",
      "'表 1'!B2:B3",
      "'表 1'!C3",
      "'表 1'!B2:B3, '表 1'!C4",
      null,
    ]);
  });

  it('counts a spilled value under neither constants nor formulas, though the used range holds it', async () => {
    const found = await host().run(async (context) => {
      const used = context.workbook.worksheets.getItem('表 1').getUsedRange(true);
      used.load('address');
      const constants = used.getSpecialCellsOrNullObject('Constants');
      constants.load('address');
      await context.sync();
      const usedAddress = used.address;
      return [usedAddress, constants.address];
    });
    expect(found[0]).toBe("'表 1'!A1:C10");
    expect(found[1]).not.toContain('A10');
  });

  it('throws ItemNotFound from getSpecialCells when no cell matches, and refuses unknown types', async () => {
    const none = host().run(async (context) => {
      const a = context.workbook.worksheets.getItem('表 1').getRange('E1:F5').getSpecialCells('Constants');
      a.load('address');
      await context.sync();
    });
    await expect(none).rejects.toMatchObject({ code: 'ItemNotFound' });
    const bad = host().run(async (context) => {
      context.workbook.worksheets
        .getItem('表 1')
        .getRange('A1:C4')
        .getSpecialCellsOrNullObject('Comments' as never);
      await context.sync();
    });
    await expect(bad).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('fake Range.getUsedRangeOrNullObject', () => {
  it('gives the used cells inside the range, or a null object', async () => {
    const found = await host().run(async (context) => {
      const ws = context.workbook.worksheets.getItem('表 1');
      const inside = ws.getRangeByIndexes(1, 0, 100, 2).getUsedRangeOrNullObject(true);
      const empty = ws.getRangeByIndexes(20, 0, 1000000, 100).getUsedRangeOrNullObject(true);
      inside.load('address');
      empty.load('address');
      await context.sync();
      const address = inside.address;
      return [address, empty.isNullObject];
    });
    expect(found).toEqual(["'表 1'!A2:B10", true]);
  });
});
