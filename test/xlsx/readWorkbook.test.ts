import ExcelJS from 'exceljs';
import { EngineError } from '../../src/core/errors';
import { SHEET_LABELS } from '../../src/core/plan/labels';
import { Sheet } from '../../src/core/sheet';
import { readWorkbook } from '../../src/xlsx';
import { oleFile } from '../support/ole';

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('readWorkbook', () => {
  it('reads values, rich text, formulas with their cached result, errors, formats and dates', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('報告');
      ws.getCell('A1').value = '改革項目';
      ws.getCell('B1').value = { richText: [{ text: '順' }, { font: { bold: true }, text: '調' }] };
      ws.getCell('C1').value = 0.648;
      ws.getCell('C1').numFmt = '0.0%';
      ws.getCell('D1').value = { formula: 'SUM(1,2)', result: 3 };
      ws.getCell('E1').value = { formula: 'A9', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('F1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('G1').value = new Date(Date.UTC(2021, 3, 1));
      ws.getCell('G1').numFmt = 'yyyy/m/d';
      ws.getCell('H1').value = { text: '市HP', hyperlink: 'https://example.jp' };
      ws.getCell('I1').value = true;
      ws.getCell('J1').value = '=cmd';
    });
    const { input } = await readWorkbook(bytes);
    const row = input.sheets[0]!.cells[0]!;
    expect(row[0]).toEqual({ value: '改革項目' });
    expect(row[1]).toEqual({ value: '順調' });
    expect(row[2]).toEqual({ value: 0.648, numberFormat: '0.0%' });
    expect(row[3]).toEqual({ value: 3, formula: 'SUM(1,2)' });
    expect(row[4]).toEqual({ value: null, error: '#REF!', formula: 'A9' });
    expect(row[5]).toEqual({ value: null, error: '#N/A' });
    expect(row[6]).toEqual({ value: 44287, numberFormat: 'yyyy/m/d' });
    expect(row[7]).toEqual({ value: '市HP' });
    expect(row[8]).toEqual({ value: true });
    expect(row[9]).toEqual({ value: '=cmd' });
    expect(new Sheet(input.sheets[0]!).text(0, 2)).toBe('64.8%');
  });

  it('reads merges with the value in the top-left cell only, and sheet visibility', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.getCell('B2').value = '①安定的な財政運営';
      ws.mergeCells('B2:B5');
      ws.getCell('C2').value = 'A';
      wb.addWorksheet('隠し').state = 'hidden';
      wb.addWorksheet('とても隠し').state = 'veryHidden';
    });
    const { input } = await readWorkbook(bytes);
    const [table, hidden, veryHidden] = input.sheets;
    expect(table!.merges).toEqual([{ top: 1, left: 1, bottom: 4, right: 1 }]);
    expect(table!.cells[2]?.[1] ?? null).toBeNull();
    expect(table!.visibility).toBeUndefined();
    expect(hidden!.visibility).toBe('hidden');
    expect(veryHidden!.visibility).toBe('veryHidden');
  });

  it('does not materialise trailing empty rows and columns, even with a stray format at the last row', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.getCell('A1').value = '番号';
      ws.getCell('C3').value = 1;
      ws.getCell('XFD1048576').numFmt = '0.0';
      ws.getCell('Z2').value = '   ';
      ws.getCell('D3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    });
    const { input } = await readWorkbook(bytes);
    const cells = input.sheets[0]!.cells;
    expect(cells).toHaveLength(3);
    expect(cells.map((r) => r.length)).toEqual([1, 0, 3]);
  });

  it('lists the existing sheets and proves ours by their defined names and content, leaving ours out of the input', async () => {
    const bytes = await bytesOf((wb) => {
      wb.addWorksheet('報告').getCell('A1').value = 'x';
      wb.addWorksheet('集計').getCell('A1').value = '利用者の集計';
      // Our sheets open with the words our writer puts there (ownership.ts: signatureRole).
      const summary = wb.addWorksheet('旧集計');
      summary.getCell('A1').value = '前回の結果';
      summary.getCell('A2').value = SHEET_LABELS.ja.generatedAt('2022/05/10 12:00');
      const list = wb.addWorksheet('一覧 (旧)');
      list.getCell('A1').value = '前回の一覧';
      list.getCell('A2').value = SHEET_LABELS.ja.listNote;
      wb.definedNames.add("'旧集計'!$A$1", 'KaikakuShukei_summary');
      wb.definedNames.add("'一覧 (旧)'!$A$1", 'KaikakuShukei_list');
      wb.definedNames.add("'報告'!$A$1", 'KaikakuShukei_other');
    });
    const { existing, input } = await readWorkbook(bytes, { name: 'x.xlsx' });
    expect(existing).toEqual([
      { name: '報告', owned: false },
      { name: '集計', owned: false },
      { name: '旧集計', owned: true, role: 'summary' },
      { name: '一覧 (旧)', owned: true, role: 'list' },
    ]);
    expect(input.sheets.map((s) => s.name)).toEqual(['報告', '集計']);
    expect(input.name).toBe('x.xlsx');
  });

  it('tells apart text, encrypted, legacy .xls, damaged and non-spreadsheet zip input', async () => {
    const text = new TextEncoder().encode('改革項目\t1\n');
    expect(await codeOf(readWorkbook(text))).toBe('NOT_XLSX');
    expect(await codeOf(readWorkbook(new Uint8Array(0)))).toBe('NOT_XLSX');

    const ole = oleFile(['EncryptionInfo', 'EncryptedPackage']);
    expect(await codeOf(readWorkbook(ole))).toBe('ENCRYPTED_WORKBOOK');
    // A legacy .xls is told to be saved as .xlsx; a Word .doc is not a workbook at all.
    expect(await codeOf(readWorkbook(oleFile(['Workbook'])))).toBe('SAVE_AS_XLSX');
    expect(await codeOf(readWorkbook(oleFile(['WordDocument', '1Table'])))).toBe('NOT_XLSX');

    const good = await bytesOf((wb) => {
      wb.addWorksheet('表').getCell('A1').value = 'x';
    });
    expect(await codeOf(readWorkbook(good.slice(0, Math.floor(good.length / 2))))).toBe(
      'UNREADABLE_WORKBOOK',
    );
    const corrupt = good.slice();
    corrupt.fill(0x41, 200, 1200);
    expect(await codeOf(readWorkbook(corrupt))).toBe('UNREADABLE_WORKBOOK');
    expect(await codeOf(readWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe(
      'UNREADABLE_WORKBOOK',
    );
  });
});

describe('readWorkbook on other zip packages', () => {
  it('calls a sound zip without a workbook part not an .xlsx', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    const docx = await zip.generateAsync({ type: 'uint8array' });
    await expect(readWorkbook(docx)).rejects.toMatchObject({ code: 'NOT_XLSX' });
  });
});
