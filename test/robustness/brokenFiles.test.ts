import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { runCli } from '../../src/cli/run';
import { card, xlsxBytes } from './support';

/** An OLE compound file as Office writes a password-protected .xlsx: EncryptionInfo and EncryptedPackage streams. */
function encryptedWorkbook(): Buffer {
  const bytes = Buffer.alloc(8192);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  bytes.writeUInt16LE(0x003e, 24); // minor version
  bytes.writeUInt16LE(0x0003, 26); // major version 3
  bytes.writeUInt16LE(0xfffe, 28); // little-endian
  // Directory entries (UTF-16LE names) at sector 1, as in a real file.
  Buffer.from('Root Entry', 'utf16le').copy(bytes, 1024);
  Buffer.from('EncryptionInfo', 'utf16le').copy(bytes, 1024 + 128);
  Buffer.from('EncryptedPackage', 'utf16le').copy(bytes, 1024 + 256);
  return bytes;
}

describe('the command line on files it cannot use', () => {
  let dir: string;
  let good: Buffer;
  const inputs = new Set<string>();
  beforeAll(async () => {
    good = Buffer.from(
      await xlsxBytes({
        sheets: [
          { name: '関市', cells: [['●重点項目1 行政運営'], ...card('1', '協力体制', '秘書課', '順調')] },
        ],
      }),
    );
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-broken-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(name: string, bytes: Buffer | Uint8Array) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    inputs.add(name);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([file, '-o', path.join(dir, 'out.xlsx')], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err, left: fs.readdirSync(dir).filter((f) => !inputs.has(f)) };
  }

  /** Exit 2, one line on standard error, nothing on standard output, no file written (not even a temporary one). */
  function expectRefused(r: Awaited<ReturnType<typeof run>>, pattern: RegExp): void {
    expect({ code: r.code, out: r.out, lines: r.err.length, left: r.left }).toEqual({
      code: 2,
      out: [],
      lines: 1,
      left: [],
    });
    expect(r.err[0]).toMatch(pattern);
    expect(r.err[0]).not.toMatch(/\n|\bat .+:\d+|Error:/);
  }

  it('refuses an encrypted (password-protected) workbook', async () => {
    expectRefused(await run('locked.xlsx', encryptedWorkbook()), /パスワード/);
  });

  it('refuses a workbook cut short in the middle of its zip', async () => {
    expectRefused(await run('cut.xlsx', good.subarray(0, Math.floor(good.length * 0.6))), /壊れている/);
  });

  it('refuses a workbook whose sheet XML is damaged inside a sound zip', async () => {
    const zip = await JSZip.loadAsync(good);
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0',
    );
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expectRefused(await run('damaged.xlsx', bytes), /壊れている/);
  });

  it('refuses an empty file and a zip that is not a workbook', async () => {
    expectRefused(await run('empty.xlsx', Buffer.alloc(0)), /\.xlsx）ではありません/);
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    expectRefused(
      await run('letter.xlsx', await docx.generateAsync({ type: 'uint8array' })),
      /\.xlsx）ではありません/,
    );
  });

  it('reads the sound workbook the broken ones were made from', async () => {
    const r = await run('good.xlsx', good);
    expect(r.code).toBe(0);
    expect(r.left).toEqual(['out.xlsx']);
  });
});
