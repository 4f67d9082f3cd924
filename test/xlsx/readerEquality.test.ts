/**
 * The streaming reader (readFast.ts) against the reference, the ExcelJS reader (readWorkbook.ts): on
 * every workbook the suite has — the samples, the seeds and their variants, the hostile cases, files
 * our writer wrote, hand-made packages as Excel writes Japanese text, and the same files re-saved by
 * LibreOffice — both give the same grids to the cell: values and their types, number formats,
 * formulas, errors, merges, visibility, sheet names and order, and the package's sheet list.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { isCellData, type CellInput, type WorkbookInput } from '../../src/core/workbook';
import { readWorkbookFast } from '../../src/xlsx/readFast';
import { readWorkbook, workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { hostileWorkbooks, xlsxBytes } from '../robustness/support';
import { describeLO, resaveAsXlsx } from '../support/libreoffice';
import { SEED_IDS, SEED_VARIANTS, seedWorkbook, type SeedVariant } from '../support/seeds';
import {
  CONSECUTIVE,
  DATES_1904,
  handmadeXlsx,
  JAPANESE,
  withoutReferences,
  type HandWorkbook,
} from './handmade';
import { decoratedWorkbook, run } from './packageSupport';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = fs
  .readdirSync(path.join(ROOT, 'samples'))
  .filter((f) => f.endsWith('.xlsx'))
  .map((f) => path.join(ROOT, 'samples', f));

const VARIANTS: readonly SeedVariant[] = [{}, ...SEED_VARIANTS];
async function both(bytes: Uint8Array) {
  const reference = await readWorkbook(bytes, { name: 'book.xlsx' });
  const fast = await readWorkbookFast(bytes, { name: 'book.xlsx', codec: zlibCodec });
  return { reference, fast };
}

/**
 * The grids as the ExcelJS reader shows them: ExcelJS drops a formula's cached result when it is 0 or
 * FALSE (its FormulaValue copies only truthy fields), so the reference reads such a cell as blank. The
 * streaming reader keeps the value (asserted in the Japanese report below); only that is mapped.
 */
function asExcelJsShowsIt(input: WorkbookInput): WorkbookInput {
  const cell = (c: CellInput): CellInput =>
    isCellData(c) && c.formula !== undefined && (c.value === 0 || c.value === false)
      ? { value: null, formula: c.formula }
      : c;
  return { ...input, sheets: input.sheets.map((s) => ({ ...s, cells: s.cells.map((r) => r.map(cell)) })) };
}

/** Equal to the cell, types included (toStrictEqual: 1 is not '1', null is not a missing key). */
async function expectSameGrids(bytes: Uint8Array): Promise<WorkbookInput> {
  const { reference, fast } = await both(bytes);
  expect(asExcelJsShowsIt(fast.input)).toStrictEqual(reference.input);
  expect(fast.existing).toStrictEqual(reference.existing);
  return fast.input;
}

function cellsOf(input: WorkbookInput): number {
  return input.sheets.reduce(
    (n, s) => n + s.cells.reduce((m, r) => m + r.filter((c) => c != null).length, 0),
    0,
  );
}

describe('the streaming reader gives what the ExcelJS reader gives', () => {
  it.each(SAMPLES.map((f) => [path.basename(f), f]))('on samples/%s', async (_, file) => {
    const input = await expectSameGrids(new Uint8Array(fs.readFileSync(file)));
    expect(cellsOf(input)).toBeGreaterThan(50);
  });

  describe.each(SEED_IDS)('on seed %s', (id) => {
    it.each(VARIANTS.map((v) => [JSON.stringify(v), v] as const))('as %s', async (_, variant) => {
      const input = await expectSameGrids(
        await workbookToBytes(workbookFromInput(seedWorkbook(id, variant))),
      );
      expect(cellsOf(input)).toBeGreaterThan(20);
    });
  });

  it.each(Object.entries(hostileWorkbooks()))('on the hostile workbook %s', async (_, workbook) => {
    await expectSameGrids(await xlsxBytes(workbook));
  });

  it('on a workbook with charts, styles and links, and on the output our writer made of it', async () => {
    const decorated = await decoratedWorkbook();
    await expectSameGrids(decorated);
    const { out } = await run(decorated);
    const { fast } = await both(out);
    expect(fast.existing.filter((s) => s.owned).length).toBe(3);
    await expectSameGrids(out);
  });

  it('on a Japanese report as Excel writes it: ふりがな, rich text, escapes, shared formulas, links', async () => {
    const input = await expectSameGrids(await handmadeXlsx(JAPANESE));
    const [sheet] = input.sheets;
    // The facts themselves, so that two readers agreeing on a wrong answer would not pass.
    expect(sheet!.cells[0]).toStrictEqual([
      { value: '改革項目' },
      { value: '行政改革' },
      { value: '関市' },
      { value: '  前後に空白  ' },
      { value: '1行目\r\n2行目' },
      { value: '<&> 円 円 "引用" \'' },
      { value: '_x0041_ と \t' },
      null,
      null,
      { value: 'やや 遅れている', numberFormat: '0回' },
    ]);
    expect(sheet!.cells[1]!.slice(0, 5)).toStrictEqual([
      { value: 12.5 },
      { value: 45000, numberFormat: 'mm-dd-yy' },
      { value: 45000.5, numberFormat: 'yyyy"年"m"月"d"日"' },
      { value: 97, numberFormat: '0回' },
      { value: 0.648, numberFormat: '0.00%' },
    ]);
    // A formula's cached 0 and FALSE are values (ExcelJS reads them as blank).
    expect(sheet!.cells[2]!.slice(7, 9)).toStrictEqual([
      { value: 0, formula: 'A2*0' },
      { value: false, formula: 'FALSE()' },
    ]);
    expect(sheet!.cells[3]![1]).toStrictEqual({ value: 3, formula: 'A4*2+$A$4+Sheet2!C4' });
    expect(sheet!.cells[5]![1]).toStrictEqual({ value: 7, formula: 'A6*2+$A$4+Sheet2!C6' });
    expect(sheet!.cells[7]).toStrictEqual([{ value: '順調' }]); // B8 and C8 lie under the merge
    expect(sheet!.cells[9]).toStrictEqual([{ value: '97' }, { value: '関市' }]); // a linked number reads as its text
    expect(input.sheets.map((s) => [s.name, s.visibility])).toStrictEqual([
      ['関市', undefined],
      ['メモ', 'hidden'],
      ['旧データ', 'veryHidden'],
      // Named KaikakuShukei_summary but without our signature: the user's sheet, read (ownership.ts).
      ['集計', undefined],
    ]);
  });

  it('on dates in the 1904 date system', async () => {
    const input = await expectSameGrids(await handmadeXlsx(DATES_1904));
    expect(input.sheets[0]!.cells[0]).toStrictEqual([
      { value: 1462, numberFormat: 'yyyy/m/d' },
      { value: 45000, numberFormat: 'yyyy/m/d' },
      { value: 45000.75, numberFormat: 'm/d/yy "h":mm' },
      { value: 43538 },
      { value: 45001, numberFormat: 'yyyy/m/d', formula: 'B1+1' },
    ]);
  });
});

describe('the streaming reader where ExcelJS cannot read the file', () => {
  const fast = async (wb: HandWorkbook, spelling?: 'plain' | 'prefixed' | 'strict') =>
    (await readWorkbookFast(await handmadeXlsx(wb, spelling), { codec: zlibCodec })).input;

  it.each(['prefixed', 'strict'] as const)(
    'reads %s SpreadsheetML as the plain package',
    async (spelling) => {
      const plain = await fast(JAPANESE);
      expect(await fast(JAPANESE, spelling)).toStrictEqual(plain);
      expect(cellsOf(plain)).toBeGreaterThan(30);
    },
  );

  it('reads rows and cells without `r` as following the one before', async () => {
    const sheet = CONSECUTIVE.sheets[0]!;
    const bare: HandWorkbook = {
      ...CONSECUTIVE,
      sheets: [{ ...sheet, body: withoutReferences(sheet.body) }],
    };
    expect(withoutReferences(sheet.body)).not.toContain(' r="');
    const reference = (await readWorkbook(await handmadeXlsx(CONSECUTIVE))).input;
    expect(await fast(bare)).toStrictEqual(reference);
    expect(reference.sheets[0]!.cells[1]).toStrictEqual([{ value: 1 }, { value: '窓口' }, { value: 3 }]);
  });

  it('leaves phonetic runs out of inline strings and reads their escapes and CDATA (ExcelJS does not)', async () => {
    const input = await fast({
      sheets: [
        {
          name: '読み',
          body:
            `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></is></c>` +
            `<c r="B1" t="inlineStr"><is><t>改行_x000D_まで</t></is></c>` +
            `<c r="C1" t="inlineStr"><is><t><![CDATA[<そのまま>]]></t></is></c></row></sheetData>`,
        },
      ],
    });
    expect(input.sheets[0]!.cells).toStrictEqual([
      [{ value: '漢字' }, { value: '改行\rまで' }, { value: '<そのまま>' }],
    ]);
  });
});

describeLO('the streaming reader on files re-saved by LibreOffice', () => {
  let dir: string;
  const files: string[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-reader-lo-'));
    const write = (name: string, bytes: Uint8Array): void => {
      fs.writeFileSync(path.join(dir, name), bytes);
      files.push(path.join(dir, name));
    };
    for (const f of SAMPLES) write(path.basename(f), new Uint8Array(fs.readFileSync(f)));
    write('japanese.xlsx', await handmadeXlsx(JAPANESE));
    write('dates1904.xlsx', await handmadeXlsx(DATES_1904));
    write(
      'seki-merged.xlsx',
      await workbookToBytes(workbookFromInput(seedWorkbook('001', { merge: true, realNumbers: true }))),
    );
    resaveAsXlsx(dir, files, path.join(dir, 'out'));
  }, 180000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the same grids as the ExcelJS reader on every re-saved file', async () => {
    const resaved = fs.readdirSync(path.join(dir, 'out'));
    expect(resaved.length).toBe(files.length);
    for (const f of resaved.filter((x) => x !== 'dates1904.xlsx')) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, 'out', f)));
      const input = await expectSameGrids(bytes);
      expect(cellsOf(input)).toBeGreaterThan(3);
    }
  });

  it('reads LibreOffice\'s date1904="true" as the 1904 system, where ExcelJS reads only "1"', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, 'out', 'dates1904.xlsx')));
    const { reference, fast } = await both(bytes);
    const values = (input: WorkbookInput) =>
      input.sheets[0]!.cells[0]!.map((c) => (c !== null && typeof c === 'object' ? c.value : c));
    expect(values(fast.input)).toStrictEqual([1462, 45000, 45000.75, 43538, 45001]);
    expect(values(reference.input)).toStrictEqual([0, 43538, 43538.75, 43538, 43539]);
  });
});
