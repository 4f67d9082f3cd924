/**
 * Issue 9, "nothing lost, bounded cost": every hostile case the issue names, made in the test and
 * small on disk, with its outcome asserted. Peak memory is measured in the benchmark (npm run bench),
 * not here.
 */
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { analyze } from '../../src/core/engine';
import type { JsonResult } from '../../src/core/jsonResult';
import { readWorkbook } from '../../src/xlsx';
import { oleFile } from '../support/ole';
import {
  badCrc,
  declaredBomb,
  hugeSharedString,
  invalidUtf8,
  lyingBomb,
  overlappingMerges,
} from './hostileFiles';
import { card, FLAT_HEADER, flatRow, xlsxBytes, type Row } from './support';
import { runCliCaptured } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const hash = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The command line in this process, its lines captured. */
const cli = (args: string[]) => runCliCaptured(args);

/** Exit 2, one line on standard error matching `pattern`, no stack trace. */
function expectRefused(r: { code: number; out: string[]; err: string[] }, pattern: RegExp): void {
  expect({ code: r.code, lines: r.err.length }).toEqual({ code: 2, lines: 1 });
  expect(r.err[0]).toMatch(pattern);
  expect(r.err[0]).not.toMatch(/\n|\bat .+:\d+/);
}

/** The command line as a process (tsx), for inputs that would take the whole process down. */
function runProcess(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120000,
  });
}

let dir = '';
let input = '';
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-safety-'));
  input = path.join(dir, 'report.xlsx');
  fs.writeFileSync(
    input,
    await xlsxBytes({
      sheets: [
        { name: '関市', cells: [['●重点項目1 行政運営'], ...card('1', '協力体制', '秘書課', '順調')] },
      ],
    }),
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('output paths never overwrite the user’s files', () => {
  it('refuses -o that is the input, by name, through a symbolic link and through a hard link', async () => {
    const before = hash(input);
    expectRefused(await cli([input, '-o', input]), /入力のブック/);
    const link = path.join(dir, 'link.xlsx');
    fs.symlinkSync(input, link);
    expectRefused(await cli([input, '-o', link]), /入力のブック/);
    const hard = path.join(dir, 'hard.xlsx');
    fs.linkSync(input, hard);
    expectRefused(await cli([input, '-o', hard]), /入力のブック/);
    expectRefused(await cli([input, '-o', path.join(dir, 'sub', '..', 'report.xlsx')]), /入力のブック/);
    expect(hash(input)).toBe(before);
  });

  it('refuses --json that is the input or the -o workbook', async () => {
    const before = hash(input);
    expectRefused(await cli([input, '-o', path.join(dir, 'o.xlsx'), '--json', input]), /入力のブック/);
    const out = path.join(dir, 'o.xlsx');
    expectRefused(await cli([input, '-o', out, '--json', out]), /もう一方の出力/);
    expect(hash(input)).toBe(before);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an existing -o that this tool did not write, and replaces one it did', async () => {
    const other = path.join(dir, 'budget.xlsx');
    fs.copyFileSync(input, other);
    const text = path.join(dir, 'notes.xlsx');
    fs.writeFileSync(text, 'メモ');
    const before = [hash(other), hash(text)];
    expectRefused(await cli([input, '-o', other]), /このツールが書いたブックではありません/);
    expectRefused(await cli([input, '-o', text]), /このツールが書いたブックではありません/);
    expect([hash(other), hash(text)]).toEqual(before);

    const ours = path.join(dir, 'ours.xlsx');
    expect((await cli([input, '-o', ours])).code).toBe(0);
    expect((await cli([input, '-o', ours])).code).toBe(0);
  });

  it('says which sheets it created and which it replaced, on the command line and in the JSON', async () => {
    const first = path.join(dir, 'first.xlsx');
    const r1 = await cli([input, '-o', first, '--json', path.join(dir, 'r1.json')]);
    expect(r1.out).toContain('シート: 新規 「集計」「取組一覧」「検証結果」、置き換え なし');
    const j1 = JSON.parse(fs.readFileSync(path.join(dir, 'r1.json'), 'utf8')) as JsonResult;
    expect({ created: j1.createdSheets, replaced: j1.replacedSheets }).toEqual({
      created: ['集計', '取組一覧', '検証結果'],
      replaced: [],
    });
    const r2 = await cli([first, '-o', path.join(dir, 'second.xlsx'), '--json', path.join(dir, 'r2.json')]);
    expect(r2.out).toContain('シート: 新規 なし、置き換え 「集計」「取組一覧」「検証結果」');
    const j2 = JSON.parse(fs.readFileSync(path.join(dir, 'r2.json'), 'utf8')) as JsonResult;
    expect(j2.replacedSheets).toEqual(['集計', '取組一覧', '検証結果']);
  });

  it('says why a write failed: a folder that does not exist', async () => {
    const r = await cli([input, '-o', path.join(dir, 'missing', 'out.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/フォルダーがありません/);
  });
});

describe('broken input gets a clear answer and bounded cost', () => {
  async function refusedFile(name: string, bytes: Uint8Array, pattern: RegExp): Promise<void> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const out = path.join(dir, 'out.xlsx');
    expectRefused(await cli([file, '-o', out]), pattern);
    expect(fs.existsSync(out)).toBe(false);
  }

  it('refuses a 400-million-character shared string (a 400 KB file) before inflating it', async () => {
    const bytes = await hugeSharedString(400_000_000);
    expect(bytes.length).toBeLessThan(1_000_000);
    const file = path.join(dir, 'huge.xlsx');
    fs.writeFileSync(file, bytes);
    // As a process: on failure this input takes the whole process down.
    const r = runProcess([file, '-o', path.join(dir, 'out.xlsx')]);
    expect({ status: r.status, lines: r.stderr.trim().split('\n').length }).toEqual({ status: 2, lines: 1 });
    expect(r.stderr).toMatch(/大きすぎる.*xl\/sharedStrings\.xml|大きすぎる/);
    expect(r.stderr).not.toMatch(/\bat .+:\d+/);
  });

  it('refuses a part whose directory entry declares gigabytes, without inflating it', async () => {
    await refusedFile('declared.xlsx', await declaredBomb(3_900_000_000), /大きすぎる/);
  });

  it('takes the limit from the settings (limits.maxUnpackedMegabytes)', async () => {
    const config = path.join(dir, 'settings.json');
    fs.writeFileSync(config, JSON.stringify({ limits: { maxUnpackedMegabytes: 0.001 } }));
    expectRefused(await cli([input, '-o', path.join(dir, 'out.xlsx'), '-c', config]), /大きすぎる/);
    fs.writeFileSync(config, JSON.stringify({ limits: { maxUnpackedMegabytes: 1 } }));
    expect((await cli([input, '-o', path.join(dir, 'out.xlsx'), '-c', config])).code).toBe(0);
  });

  it('stops inflating a part whose header lies about its size, naming the part', async () => {
    await refusedFile('lying.xlsx', await lyingBomb(64 * 1024 * 1024), /壊れて.*docProps\/app\.xml/);
  });

  it('refuses a part with a bad CRC and one with invalid UTF-8, naming the part, writing nothing', async () => {
    await refusedFile('crc.xlsx', await badCrc('docProps/core.xml'), /壊れて.*docProps\/core\.xml.*CRC/);
    await refusedFile(
      'utf8.xlsx',
      await invalidUtf8('xl/sharedStrings.xml'),
      /壊れて.*xl\/sharedStrings\.xml/,
    );
  });

  it('tells a Word .doc from a password-protected workbook, and asks for .xls and .ods as .xlsx', async () => {
    await refusedFile(
      'letter.doc',
      oleFile(['WordDocument', '1Table']),
      /Excel ブック（\.xlsx）ではありません/,
    );
    await refusedFile('old.xls', oleFile(['Workbook']), /「Excel ブック \(\*\.xlsx\)」形式で保存し直して/);
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file('content.xml', '<office:document-content/>');
    await refusedFile(
      'sheet.ods',
      await ods.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
      /\.ods.*保存し直して/,
    );
    const locked = oleFile(['EncryptionInfo', 'EncryptedPackage']);
    await refusedFile('locked.xlsx', locked, /パスワード/);
  });

  it('reads overlapping merged cells (Excel repairs them) with a diagnostic naming both ranges', async () => {
    const read = await readWorkbook(await overlappingMerges());
    const result = analyze(read.input);
    const found = result.diagnostics.filter((d) => d.code === 'OVERLAPPING_MERGES');
    expect(found).toHaveLength(1);
    expect(found[0]!.params).toEqual({ range: 'C3:D4', other: 'B2:C3' });
    expect(found[0]!.at).toEqual({ sheet: '表', row: 2, col: 2 });
  });

  it('never writes a control character of a configured sheet name into workbook.xml', async () => {
    const config = path.join(dir, 'settings.json');
    fs.writeFileSync(config, JSON.stringify({ output: { summarySheet: '集\u0001計' } }));
    const out = path.join(dir, 'out.xlsx');
    const r = await cli([input, '-o', out, '-c', config]);
    if (r.code === 2) {
      // Refused by the settings check: nothing written.
      expect(fs.existsSync(out)).toBe(false);
    } else {
      expect(r.code).toBe(0);
      const book = await (
        await JSZip.loadAsync(fs.readFileSync(out))
      )
        .file('xl/workbook.xml')!
        .async('string');
      // eslint-disable-next-line no-control-regex
      expect(book).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      const back = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
      expect(back.existing.filter((s) => s.owned)).toHaveLength(3);
    }
  });

  it('counts a single sheet of 140,000 rows (no argument spreading of unbounded lists)', () => {
    const rows: Row[] = [FLAT_HEADER];
    for (let i = 0; i < 140_000; i++)
      rows.push(flatRow(`項目${i % 50}`, `取組${i}`, '総務課', 'ABC'[i % 3]!));
    const result = analyze({ sheets: [{ name: '一覧', cells: rows }] });
    expect(result.entries).toHaveLength(140_000);
  }, 180000);

  it('ends quietly when standard output is closed (EPIPE), still writing the workbook', async () => {
    const out = path.join(dir, 'out.xlsx');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), input, '-o', out],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The reader goes away before the first line, as `| head -0` would.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(fs.existsSync(out)).toBe(true);
  }, 60000);
});
