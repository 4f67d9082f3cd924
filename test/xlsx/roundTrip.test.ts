import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { analyze, planOutput } from '../../src/core/engine';
import type { CellData, SheetInput, WorkbookInput } from '../../src/core/workbook';
import { toCellData } from '../../src/core/workbook';
import { readWorkbook, workbookFromInput, workbookToBytes, writePlan } from '../../src/xlsx';
import { entry, result } from '../plan/fixtures';
import { seedWorkbook } from '../support/seeds';

const AT = { generatedAt: new Date(Date.UTC(2022, 4, 10, 5, 3)) };

/** A workbook as offices keep it: the 会津若松市 table moved, merged, real numbers, plus odd cells and a user sheet named 集計. */
function sourceWorkbook(): WorkbookInput {
  const seed = seedWorkbook('003', {
    offset: { rows: 2, cols: 1 },
    merge: true,
    realNumbers: true,
    splitAt: [90],
  });
  const extra: SheetInput = {
    name: 'メモ',
    cells: [
      ['件数', { value: 3, formula: 'SUM(1,2)' }, { value: null, error: '#REF!', formula: 'Z99' }],
      ['日付', { value: 44287, numberFormat: 'yyyy/m/d' }, { value: 0.648, numberFormat: '0.0%' }],
      ['危険', "=cmd|' /C calc'!A0", '@SUM(1)'],
    ],
  };
  const userSummary: SheetInput = { name: '集計', cells: [['利用者が作った集計表'], ['順調', 17]] };
  return { sheets: [...seed.sheets, extra, userSummary] };
}

async function run(bytes: Uint8Array): Promise<{ out: Uint8Array; plan: ReturnType<typeof planOutput> }> {
  const { workbook, input, existing } = await readWorkbook(bytes);
  const plan = planOutput(analyze(input), existing, AT);
  writePlan(workbook, plan);
  return { out: await workbookToBytes(workbook), plan };
}

function cellMap(sheet: SheetInput): Map<string, CellData> {
  const m = new Map<string, CellData>();
  sheet.cells.forEach((row, r) =>
    row.forEach((x, c) => {
      const d = toCellData(x);
      if (d !== null) m.set(`${r},${c}`, d);
    }),
  );
  return m;
}

describe('the .xlsx adapter, read → plan → write → read', () => {
  let original: Uint8Array;
  beforeAll(async () => {
    original = await workbookToBytes(workbookFromInput(sourceWorkbook()));
  });

  it('leaves every source cell as it was: value, formula, number format, merges', async () => {
    const before = await readWorkbook(original);
    const { out } = await run(original);
    const after = await readWorkbook(out);
    for (const sheet of before.input.sheets) {
      const again = after.input.sheets.find((s) => s.name === sheet.name)!;
      expect(again).toBeDefined();
      const a = cellMap(sheet);
      const b = cellMap(again);
      expect(a.size).toBeGreaterThan(0);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [k, v] of a) expect({ k, ...b.get(k) }).toEqual({ k, ...v });
      expect(again.merges ?? []).toEqual(sheet.merges ?? []);
    }
  });

  it('adds the three output sheets beside a user sheet named 集計, marked ours by defined names', async () => {
    const { out, plan } = await run(original);
    expect(plan.sheets.map((s) => s.name)).toEqual(['集計 (2)', '取組一覧', '検証結果']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '会津若松市1',
      '会津若松市2',
      'メモ',
      '集計',
      '集計 (2)',
      '取組一覧',
      '検証結果',
    ]);
    expect(wb.getWorksheet('集計')!.getCell('A1').value).toBe('利用者が作った集計表');
    const names = Object.fromEntries(wb.definedNames.model.map((d) => [d.name, d.ranges]));
    expect(names['KaikakuShukei_summary']).toEqual(["'集計 (2)'!$A$1"]);
    expect(names['KaikakuShukei_list']).toEqual(["'取組一覧'!$A$1"]);
    expect(names['KaikakuShukei_diagnostics']).toEqual(["'検証結果'!$A$1"]);
    expect(wb.views[0]!.activeTab).toBe(4);
  });

  it('replaces only its own sheets on a re-run, even renamed, and keeps the user’s', async () => {
    const first = (await run(original)).out;
    // The user renames our summary and adds a sheet of their own; the re-run must find ours by its mark.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    wb.getWorksheet('集計 (2)')!.name = '前回の集計';
    wb.definedNames.model = wb.definedNames.model.map((d) =>
      d.name === 'KaikakuShukei_summary' ? { ...d, ranges: ["'前回の集計'!$A$1"] } : d,
    );
    wb.addWorksheet('所感').getCell('A1').value = 'メモ';
    const edited = await workbookToBytes(wb);

    const { out, plan } = await run(edited);
    expect(plan.replace).toEqual(['前回の集計', '取組一覧', '検証結果']);
    const again = await readWorkbook(out);
    expect(again.existing.map((s) => s.name)).toEqual([
      '会津若松市1',
      '会津若松市2',
      'メモ',
      '集計',
      '所感',
      '集計 (2)',
      '取組一覧',
      '検証結果',
    ]);
    expect(again.existing.filter((s) => s.owned).map((s) => s.name)).toEqual([
      '集計 (2)',
      '取組一覧',
      '検証結果',
    ]);
    expect(again.input.sheets.map((s) => s.name)).not.toContain('取組一覧');
  });

  it('writes counts as formulas with cached values, shares in percent, and the list with links into the sources', async () => {
    const { out, plan } = await run(original);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('集計 (2)')!;
    const summary = plan.sheets[0]!;
    const total = summary.rows.findIndex((r) => r[0]?.kind === 'text' && r[0].text === '合計');
    const cell = cellAt(ws, total + 1, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.Formula);
    expect(cell.formula).toMatch(/^SUM\(/);
    expect((cell.value as ExcelJS.CellFormulaValue).result).toBe(70);
    const share = cellAt(ws, total + 1, 3);
    expect(share.numFmt).toBe('0.0%');
    expect((share.value as ExcelJS.CellFormulaValue).result).toBe(1);

    const zip = await JSZip.loadAsync(out);
    const list = await sheetXml(zip, wb, '取組一覧');
    expect(list).toMatch(/<hyperlink ref="[A-Z]+\d+" location="&apos;会津若松市1&apos;![A-Z]+\d+"\s*\/>/);
    expect(list).not.toMatch(/<hyperlink[^>]*r:id=/);
    const rels = Object.keys(zip.files).filter((n) => n.endsWith('.rels'));
    for (const n of rels) expect(await zip.file(n)!.async('string')).not.toContain('Target="#');
  });

  it('formats the output like a printed report: header fill, borders, frozen header, filter, A4 fit to width', async () => {
    const { out } = await run(original);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const list = wb.getWorksheet('取組一覧')!;
    const header = cellAt(list, 3, 1);
    expect(header.value).toBe('区分1');
    expect(header.font?.bold).toBe(true);
    expect((header.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
    expect(header.border?.top?.style).toBe('thin');
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(list.autoFilter).toBeDefined();
    expect(list.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(list.pageSetup.printTitlesRow).toBe('3:3');
    expect(list.getColumn(5).width).toBe(40);
  });

  it('writes hostile text from cells as plain strings, never as formulas', async () => {
    const hostile = ["=cmd|' /C calc'!A0", '@SUM(1+1)', '+1+1', '-2+3'];
    const r = result(
      hostile.map((h, i) => entry({ group: [h], title: h, department: h, raw: h, status: null }, i)),
    );
    const wb = workbookFromInput({ sheets: [{ name: '報告', cells: [['x']] }] });
    writePlan(wb, planOutput(r, [{ name: '報告', owned: false }], AT));
    const out = await workbookToBytes(wb);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(out as unknown as ArrayBuffer);
    const list = back.getWorksheet('取組一覧')!;
    let seen = 0;
    list.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string' && hostile.includes(c.value)) {
          expect(c.type).toBe(ExcelJS.ValueType.String);
          seen++;
        }
      }),
    );
    expect(seen).toBeGreaterThanOrEqual(hostile.length * 4);
    const zip = await JSZip.loadAsync(out);
    const xml = await sheetXml(zip, back, '取組一覧');
    for (const f of xml.match(/<f>[^<]*<\/f>/g) ?? []) expect(f).not.toMatch(/cmd|@SUM/);
  });
});

async function sheetXml(zip: JSZip, wb: ExcelJS.Workbook, name: string): Promise<string> {
  const index = wb.worksheets.findIndex((w) => w.name === name);
  // Sheets are stored as sheet<n>.xml in tab order by ExcelJS.
  const file = `xl/worksheets/sheet${index + 1}.xml`;
  return zip.file(file)!.async('string');
}

/** ExcelJS's cell (1-based); a plain object, not an Office.js proxy, whatever the add-in lint rules think. */
function cellAt(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell {
  return ws.findCell(row, col) ?? ws.getRow(row).getCell(col);
}
