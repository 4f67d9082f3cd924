/**
 * The zip-level writer's output checked by a real spreadsheet program: LibreOffice opens what it
 * writes into workbooks other tools made (a chart, a chart sheet, prefixed XML, strict namespaces,
 * sheet parts with other names, a workbook LibreOffice itself saved) and saves it again as .xlsx, keeping the chart and every
 * sheet; `_xHHHH_` in cell text comes back as written.
 */
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { planOutput } from '../../src/core/engine';
import { readWorkbook, workbookFromInput, workbookToBytes, writeOutputs } from '../../src/xlsx';
import { entry, result } from '../plan/fixtures';
import { describeLO, exportRecalculatedCsv, resaveAsXlsx } from '../support/libreoffice';
import {
  addChartSheet,
  AT,
  decoratedWorkbook,
  editParts,
  hashes,
  loadExcelJs,
  MAIN_NS,
  run,
} from '../xlsx/packageSupport';

/** Sheet names of a workbook as LibreOffice wrote it. */
async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  return [...xml.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]!.replace(/&apos;/g, "'"));
}

describeLO('LibreOffice opens the zip-level writer’s output', () => {
  jest.setTimeout(300000);
  let dir: string;
  const inputs = new Map<string, Uint8Array>();
  const outputs = new Map<string, Uint8Array>();
  const resaved = new Map<string, Uint8Array>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-lo-pkg-'));
    const seki = new Uint8Array(fs.readFileSync(samplePath('001')));

    // A workbook LibreOffice itself saved (its own part layout, styles and names).
    fs.writeFileSync(path.join(dir, 'seki.xlsx'), seki);
    fs.mkdirSync(path.join(dir, 'lo'));
    resaveAsXlsx(dir, [path.join(dir, 'seki.xlsx')], path.join(dir, 'lo'));
    inputs.set('libreoffice', new Uint8Array(fs.readFileSync(path.join(dir, 'lo', 'seki.xlsx'))));

    inputs.set('chart', await decoratedWorkbook());
    const base = await workbookToBytes(workbookFromInput({ sheets: [{ name: '関市', cells: [] }] }), {
      fixedDate: AT,
    });
    inputs.set('chartsheet', await addChartSheet(base, 'グラフ', '関市'));
    const prefixed = (xml: string) =>
      xml
        .replace(/<(\/?)([A-Za-z][\w]*)([\s/>])/g, '<$1x:$2$3')
        .replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`);
    for (const [name, bytes] of inputs) outputs.set(name, (await run(bytes)).out);

    // ExcelJS reads neither prefixed XML nor sheet parts with other names, so these two are written
    // with the plan of the usual copy.
    const sekiPlan = (await run(seki)).plan;
    const prefixedInput = await editParts(seki, { 'xl/workbook.xml': prefixed, 'xl/styles.xml': prefixed });
    outputs.set('prefixed', await writeOutputs(prefixedInput, sekiPlan, { codec: zlibCodec, date: AT }));
    const strict = (xml: string) =>
      xml
        .split('http://schemas.openxmlformats.org/spreadsheetml/2006/main')
        .join('http://purl.oclc.org/ooxml/spreadsheetml/main')
        .split('http://schemas.openxmlformats.org/officeDocument/2006/relationships')
        .join('http://purl.oclc.org/ooxml/officeDocument/relationships');
    const strictInput = await editParts(seki, {
      'xl/workbook.xml': strict,
      'xl/styles.xml': strict,
      'xl/worksheets/sheet1.xml': strict,
      'xl/sharedStrings.xml': strict,
      'xl/_rels/workbook.xml.rels': strict,
      '_rels/.rels': strict,
    });
    outputs.set('strict', await writeOutputs(strictInput, sekiPlan, { codec: zlibCodec, date: AT }));
    const moved = await editParts(seki, {
      'xl/worksheets/sheet1.xml': null,
      'xl/report/kansai.xml': await (
        await JSZip.loadAsync(seki)
      )
        .file('xl/worksheets/sheet1.xml')!
        .async('string'),
      'xl/_rels/workbook.xml.rels': (xml) =>
        xml.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/report/kansai.xml"'),
      '[Content_Types].xml': (xml) => xml.replace('/xl/worksheets/sheet1.xml', '/xl/report/kansai.xml'),
    });
    outputs.set('moved', await writeOutputs(moved, sekiPlan, { codec: zlibCodec, date: AT }));

    // Cell text that SpreadsheetML would read as escapes if it were not escaped itself.
    const hostile = result([
      entry({ group: ['重点項目1'], title: '_x0041_ と _x000D_', raw: '順調', status: '順調' }, 0, '関市'),
    ]);
    const plan = planOutput(hostile, [{ name: '関市', owned: false }], { generatedAt: AT });
    outputs.set('escapes', await writeOutputs(base, plan, { codec: zlibCodec, date: AT }));

    fs.mkdirSync(path.join(dir, 'out'));
    fs.mkdirSync(path.join(dir, 'back'));
    const files = [...outputs].map(([name, bytes]) => {
      const file = path.join(dir, 'out', `${name}.xlsx`);
      fs.writeFileSync(file, bytes);
      return file;
    });
    resaveAsXlsx(dir, files, path.join(dir, 'back'));
    for (const name of outputs.keys()) {
      resaved.set(name, new Uint8Array(fs.readFileSync(path.join(dir, 'back', `${name}.xlsx`))));
    }
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every sheet, ours after the user’s, in each of them', async () => {
    const ours = ['集計', '取組一覧', '検証結果'];
    expect(await sheetNames(resaved.get('libreoffice')!)).toEqual(['関市', ...ours]);
    expect(await sheetNames(resaved.get('chart')!)).toEqual(['報告', 'メモ', ...ours]);
    expect(await sheetNames(resaved.get('chartsheet')!)).toEqual(['関市', 'グラフ', ...ours]);
    expect(await sheetNames(resaved.get('prefixed')!)).toEqual(['関市', ...ours]);
    expect(await sheetNames(resaved.get('moved')!)).toEqual(['関市', ...ours]);
    expect(await sheetNames(resaved.get('strict')!)).toEqual(['関市', ...ours]);
  });

  it('keeps the chart of a source sheet and the chart sheet, beside the chart of our 集計 where it has one', async () => {
    const chartsOf = async (bytes: Uint8Array): Promise<string[]> => {
      const zip = await JSZip.loadAsync(bytes);
      const names = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
      return Promise.all(names.map((c) => zip.file(c)!.async('string')));
    };
    const isOurs = (t: string): boolean => /<c:f>'?集計'?!/.test(t);
    for (const [name, ourCharts] of [
      ['chart', 1],
      ['chartsheet', 0],
    ] as const) {
      expect({ name, written: (await chartsOf(outputs.get(name)!)).filter(isOurs).length }).toEqual({
        name,
        written: ourCharts,
      });
      const texts = await chartsOf(resaved.get(name)!);
      // The user's chart (over their own sheet) and ours (over 集計, when it has categories) are kept.
      expect({ name, charts: texts.length, ours: texts.filter(isOurs).length }).toEqual({
        name,
        charts: 1 + ourCharts,
        ours: ourCharts,
      });
      for (const t of texts) expect(t).toContain('達成状況');
    }
  });

  it('reads back the source cells and our counts from a workbook LibreOffice made', async () => {
    const input = inputs.get('libreoffice')!;
    const out = outputs.get('libreoffice')!;
    // Every part LibreOffice wrote is carried over untouched but the four shared ones.
    const a = await hashes(input);
    const b = await hashes(out);
    const shared = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'];
    for (const [part, hash] of a)
      if (!shared.includes(part)) expect({ part, hash: b.get(part) }).toEqual({ part, hash });
    const before = await readWorkbook(input);
    const after = await readWorkbook(out);
    expect(after.input.sheets).toEqual(before.input.sheets);
    const wb = await loadExcelJs(resaved.get('libreoffice')!);
    const summary = wb.getWorksheet('集計')!;
    const total = summary.getColumn(1).values.findIndex((v) => v === '合計');
    expect(summary.getRow(total).getCell(2).value).toMatchObject({ result: 31 });
  });

  it('keeps our links, merges, formulas and styles when it saves the output again', async () => {
    const { plan } = await run(inputs.get('libreoffice')!);
    const wb = await loadExcelJs(resaved.get('libreoffice')!);
    const list = wb.getWorksheet('取組一覧')!;
    const header = list.findCell(3, 1)!;
    expect(header.text).toBe('区分1');
    expect(header.font?.bold).toBe(true);
    expect((header.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFDDEBF7');
    const zip = await JSZip.loadAsync(resaved.get('libreoffice')!);
    const listXml = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
    const links = [...listXml.matchAll(/<hyperlink [^>]*location="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(31);
    for (const l of links) expect(l).toMatch(/^&apos;関市&apos;![A-Z]+\d+$/);
    const summary = wb.getWorksheet('集計')!;
    const merges = Object.keys((summary as unknown as { _merges: Record<string, unknown> })._merges);
    expect(merges).toHaveLength(plan.sheets[0]!.merges.length);
    const formulas: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => void (c.formula && formulas.push(c.formula))));
    expect(formulas.some((f) => f.startsWith('COUNTIFS('))).toBe(true);
  });

  it('gives back cell text with _xHHHH_ as it was written', () => {
    // 取組一覧 is the third sheet (関市, 集計, 取組一覧); exported as CSV, cells as text.
    exportRecalculatedCsv(dir, [path.join(dir, 'out', 'escapes.xlsx')], 3, path.join(dir, 'csv'));
    const csv = fs.readdirSync(path.join(dir, 'csv')).find((f) => f.startsWith('escapes'))!;
    const text = fs.readFileSync(path.join(dir, 'csv', csv), 'utf8');
    expect(text).toContain('_x0041_ と _x000D_');
  });
});
