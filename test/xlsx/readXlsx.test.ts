/**
 * readXlsx: the streaming reader on the normal path, ExcelJS only for what it refuses — and then the
 * command line says so.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { EngineError } from '../../src/core/errors';
import { readWorkbook } from '../../src/xlsx';
import { readWorkbookFast, ReaderUnsupported } from '../../src/xlsx/readFast';
import { readXlsx } from '../../src/xlsx/readXlsx';
import { readZip, type Codec } from '../../src/xlsx/zip';
import { card } from '../robustness/support';
import { handmadeXlsx, inlineSheetData, type HandWorkbook } from './handmade';

const ROOT = path.resolve(__dirname, '../..');
const SEKI = path.join(ROOT, 'samples/seki.xlsx');

/** A 関市 report whose one odd cell is an ISO 8601 date cell (t="d"), which the streaming reader refuses. */
const ISO_DATE_CELL: HandWorkbook = {
  sheets: [
    {
      name: '関市',
      body: inlineSheetData([['●重点項目1 行政運営'], ...card('1', '協力体制', '秘書課', '順調')]).replace(
        '</sheetData>',
        '<row r="20"><c r="A20" t="d"><v>2024-04-01T00:00:00</v></c></row></sheetData>',
      ),
    },
  ],
};

describe('readXlsx', () => {
  it('reads a normal workbook without ExcelJS and says nothing', async () => {
    const bytes = new Uint8Array(fs.readFileSync(SEKI));
    const read = await readXlsx(bytes, { name: 'seki.xlsx', codec: zlibCodec });
    expect(read.fallback).toBeUndefined();
    expect(read.excel).toBeUndefined();
    expect(read.input).toStrictEqual((await readWorkbook(bytes, { name: 'seki.xlsx' })).input);
  });

  it('inflates each part once: the package check hands what it inflated to the reader', async () => {
    const bytes = new Uint8Array(fs.readFileSync(SEKI));
    const inflated: number[] = [];
    const counting: Codec = {
      ...zlibCodec,
      inflateRaw: (data, maxLength) => {
        inflated.push(data.byteOffset);
        return zlibCodec.inflateRaw(data, maxLength);
      },
    };
    const read = await readXlsx(bytes, { name: 'seki.xlsx', codec: counting });
    const deflated = readZip(bytes).filter((e) => e.method === 8);
    // Every deflated part inflated by the check, none of them a second time by the reader.
    expect(inflated).toHaveLength(deflated.length);
    expect(new Set(inflated).size).toBe(inflated.length);
    expect(read.input).toStrictEqual((await readWorkbook(bytes, { name: 'seki.xlsx' })).input);
    // Nothing is kept once the read is done: reading again inflates every part again.
    inflated.length = 0;
    await readWorkbookFast(bytes, { name: 'seki.xlsx', codec: counting });
    expect(inflated.length).toBeGreaterThan(1);
  });

  it('hands what the streaming reader refuses to ExcelJS, and says why', async () => {
    const bytes = await handmadeXlsx(ISO_DATE_CELL);
    await expect(readWorkbookFast(bytes, { codec: zlibCodec })).rejects.toBeInstanceOf(ReaderUnsupported);
    const read = await readXlsx(bytes, { name: 'iso.xlsx', codec: zlibCodec });
    expect(read.fallback).toMatch(/ISO 8601/);
    expect(read.excel).toBeDefined();
    expect(read.input).toStrictEqual((await readWorkbook(bytes, { name: 'iso.xlsx' })).input);
    expect(read.input.sheets[0]!.cells[1]!.slice(0, 3)).toStrictEqual([
      { value: '改革項目' },
      { value: '1' },
      { value: '協力体制' },
    ]);
  });

  it("leaves files that are no workbook to ExcelJS reader's classification (NOT_XLSX)", async () => {
    const text = new TextEncoder().encode('番号,取組\n1,窓口\n');
    await expect(readXlsx(text, { codec: zlibCodec })).rejects.toMatchObject({ code: 'NOT_XLSX' });
    await expect(readXlsx(text, { codec: zlibCodec })).rejects.toBeInstanceOf(EngineError);
  });

  it('makes the command line say that ExcelJS read the file, in the asked language', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-fallback-'));
    try {
      const file = path.join(dir, 'iso.xlsx');
      fs.writeFileSync(file, await handmadeXlsx(ISO_DATE_CELL));
      for (const [locale, pattern] of [
        ['ja', /ISO 8601.*ExcelJS で読み取りました/],
        ['en', /read with ExcelJS.*ISO 8601/],
      ] as const) {
        const out: string[] = [];
        const code = await runCli([file, '-o', path.join(dir, 'out.xlsx'), '--locale', locale], {
          out: (l) => out.push(l),
          err: (l) => out.push(l),
        });
        expect(code).toBe(0);
        expect(out.filter((l) => pattern.test(l))).toHaveLength(1);
        expect(out.join('\n')).toMatch(locale === 'ja' ? /順調\s+1件/ : /1/);
      }
      const normal: string[] = [];
      expect(
        await runCli([SEKI, '-o', path.join(dir, 'seki.xlsx')], {
          out: (l) => normal.push(l),
          err: (l) => normal.push(l),
        }),
      ).toBe(0);
      expect(normal.join('\n')).not.toMatch(/ExcelJS/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
