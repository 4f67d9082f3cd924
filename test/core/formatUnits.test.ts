/**
 * Units are kept (issue 9, item 2): a number cell whose format shows the unit (0"回", #,##0"千円")
 * reads as the typed text 97回 does, through the judge, the run and the .xlsx reader.
 */
import { planOutput } from '../../src/core/engine';
import { analyze } from '../../src/core/run';
import { parseCellNumber, parseNumber } from '../../src/core/numbers';
import { formatLiterals, Sheet } from '../../src/core/sheet';
import { sheetFromArray, type CellInput, type WorkbookInput } from '../../src/core/workbook';
import { readWorkbook, workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { indicator, item } from './judgeGrids';

const cell = (value: number, numberFormat: string) => ({ value, numberFormat });

describe('a number format that carries the unit', () => {
  it.each([
    [cell(97, '0"回"'), '97回'],
    [cell(81571, '#,##0"千円"'), '81,571千円'],
    [cell(161.2, '0.0"時間"'), '161.2時間'],
    [cell(20, '0"人"'), '20人'],
    [cell(5, '0"件"'), '5件'],
    [cell(0.648, '0.0%'), '64.8%'],
    [cell(12, '0"日以上"'), '12日以上'],
    [cell(3, '0\\人'), '3人'],
    [cell(1483, '#,##0_);[Red](#,##0)'), '1,483'],
    [cell(45, '[$-411]0 "件"'), '45件'],
  ])('%j gives what the typed text %s gives, and shows it', (c, typed) => {
    expect(parseCellNumber(c)).toEqual(parseNumber(typed));
    expect(new Sheet(sheetFromArray('表', [[c]])).text(0, 0)).toBe(typed);
  });

  it('reads only the first section, and no colour or padding as text', () => {
    expect(formatLiterals('0"回";[Red]-0"回";"なし"')).toEqual({ percent: false, suffix: '回' });
    expect(formatLiterals('#,##0_ ')).toEqual({ percent: false, suffix: '' });
    expect(formatLiterals('0"%"')).toEqual({ percent: false, suffix: '%' });
    expect(formatLiterals('General')).toEqual({ percent: false, suffix: '' });
  });
});

/** One 江別市 indicator, every figure written as `write` gives it. */
function ebetsu(
  write: (n: number, unit: string) => CellInput,
  units: readonly string[] = ['回', '回', '回'],
) {
  const [b, a, t] = units;
  const grid = item(
    '①研修の充実',
    indicator({
      name: '研修の実施回数',
      baseline: write(40, b!),
      target: [null, null, null, null, write(90, t!)],
      actual: [write(52, a!), write(61, a!), write(97, a!)],
    }),
  );
  return analyze({ sheets: [sheetFromArray('指標', grid)] }, undefined, {});
}

const typed = (n: number, unit: string): CellInput => `${n}${unit}`;
const formatted = (n: number, unit: string): CellInput => ({ value: n, numberFormat: `0"${unit}"` });

describe('units through the run', () => {
  it('judges formatted cells as the typed text: same value, unit and reason', () => {
    const a = ebetsu(typed).entries[0]!;
    const b = ebetsu(formatted).entries[0]!;
    expect(b.indicator).toEqual(a.indicator);
    expect(b.indicator?.unit).toBe('回');
    expect([b.category, b.reason]).toEqual([a.category, a.reason]);
    // The reason's figures are as written, unit and all.
    expect(Object.values(b.reason?.params ?? {}).join(' ')).toContain('回');
    // 取組一覧 shows the same row, unit and reason included, for both ways of writing.
    const listRow = (r: ReturnType<typeof ebetsu>) => {
      const list = planOutput(r, [], { generatedAt: new Date(0) }).sheets.find((x) => x.role === 'list')!;
      return JSON.stringify(list.rows.find((row) => JSON.stringify(row).includes('研修の実施回数')));
    };
    expect(listRow(ebetsu(formatted))).toBe(listRow(ebetsu(typed)));
    expect(listRow(ebetsu(formatted))).toContain('"回"');
  });

  it('finds a unit that changes between the years in formatted cells', () => {
    const codes = (r: ReturnType<typeof ebetsu>) =>
      r.diagnostics.map((d) => d.code).filter((c) => c.startsWith('UNIT'));
    const units = ['回', '人', '回'];
    expect(codes(ebetsu(typed, units))).toEqual(codes(ebetsu(formatted, units)));
    expect(codes(ebetsu(formatted, units))).not.toEqual([]);
    expect(codes(ebetsu(formatted, ['回', '回', '人']))).not.toEqual([]);
  });

  it('reads the unit of a formatted cell through the .xlsx reader', async () => {
    const input: WorkbookInput = {
      sheets: [
        sheetFromArray('指標', [
          [cell(97, '0"回"'), cell(81571, '#,##0"千円"'), cell(161.2, '0.0"時間"'), cell(0.648, '0.0%')],
        ]),
      ],
    };
    const bytes = await workbookToBytes(workbookFromInput(input));
    const read = await readWorkbook(bytes);
    const sheet = new Sheet(read.input.sheets[0]!);
    expect([0, 1, 2, 3].map((c) => parseCellNumber(sheet.cell(0, c)))).toEqual(
      ['97回', '81,571千円', '161.2時間', '64.8%'].map(parseNumber),
    );
  });
});
