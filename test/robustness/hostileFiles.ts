/**
 * Hostile .xlsx files for the robustness tests and the benchmark, made small on disk: a huge part is
 * deflated as it is generated (never held whole), and sizes, CRCs and bytes are edited in place.
 */
import { once } from 'events';
import * as zlib from 'zlib';
import { readZip, writeZip, type ZipEntry } from '../../src/xlsx/zip';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { xlsxBytes } from './support';

const crc32 = (data: Uint8Array, value?: number): number =>
  (zlib as unknown as { crc32: (d: Uint8Array, v?: number) => number }).crc32(data, value);

/** A one-sheet workbook whose A1 is the shared string 0 (ExcelJS writes text cells as shared strings). */
export async function baseWorkbook(): Promise<Uint8Array> {
  return xlsxBytes({ sheets: [{ name: '表', cells: [['改革項目の一覧'], ['番号', '取組']] }] });
}

function replaceEntry(bytes: Uint8Array, name: string, edit: (e: ZipEntry) => ZipEntry): Uint8Array {
  const entries = readZip(bytes);
  if (!entries.some((e) => e.name === name)) throw new Error(`no ${name}`);
  return writeZip(entries.map((e) => (e.name === name ? edit(e) : e)));
}

/** A deflated entry generated chunk by chunk (`chunks` calls of `chunk(i)`), never held whole. */
async function streamedEntry(
  template: ZipEntry,
  chunks: number,
  chunk: (i: number) => Uint8Array,
): Promise<ZipEntry> {
  const parts: Buffer[] = [];
  const z = zlib.createDeflateRaw({ level: 9 });
  z.on('data', (b: Buffer) => parts.push(b));
  const ended = once(z, 'end');
  let crc = 0;
  let size = 0;
  for (let i = 0; i < chunks; i++) {
    const c = chunk(i);
    crc = crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await once(z, 'drain');
  }
  z.end();
  await ended;
  return { ...template, method: 8, crc32: crc >>> 0, size, data: new Uint8Array(Buffer.concat(parts)) };
}

async function replaceEntryAsync(
  bytes: Uint8Array,
  name: string,
  edit: (e: ZipEntry) => Promise<ZipEntry>,
): Promise<Uint8Array> {
  const entries = readZip(bytes);
  const at = entries.findIndex((e) => e.name === name);
  if (at < 0) throw new Error(`no ${name}`);
  entries[at] = await edit(entries[at]!);
  return writeZip(entries);
}

/** xl/sharedStrings.xml holding one string of `chars` characters: 400 million fit in ~400 KB. */
export async function hugeSharedString(chars: number): Promise<Uint8Array> {
  const base = await baseWorkbook();
  const enc = new TextEncoder();
  const head = enc.encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>',
  );
  const tail = enc.encode('</t></si><si><t>取組</t></si></sst>');
  const CHUNK = 1 << 20;
  const block = new Uint8Array(CHUNK).fill(0x61);
  const full = Math.floor(chars / CHUNK);
  const rest = chars - full * CHUNK;
  const pieces: (() => Uint8Array)[] = [() => head];
  for (let i = 0; i < full; i++) pieces.push(() => block);
  if (rest > 0) pieces.push(() => block.subarray(0, rest));
  pieces.push(() => tail);
  return replaceEntryAsync(base, 'xl/sharedStrings.xml', (e) =>
    streamedEntry(e, pieces.length, (i) => pieces[i]!()),
  );
}

/** A part whose central directory declares `declared` bytes (a zip bomb as its header announces it). */
export async function declaredBomb(declared: number): Promise<Uint8Array> {
  return replaceEntry(await baseWorkbook(), 'xl/worksheets/sheet1.xml', (e) => ({ ...e, size: declared }));
}

/** A part that declares its true small size but inflates to `actual` bytes of zeros (a lying header). */
export async function lyingBomb(actual: number): Promise<Uint8Array> {
  const CHUNK = 1 << 20;
  const zeros = new Uint8Array(CHUNK);
  const n = Math.ceil(actual / CHUNK);
  return replaceEntryAsync(await baseWorkbook(), 'docProps/app.xml', async (e) => ({
    ...(await streamedEntry(e, n, () => zeros)),
    size: 1024,
  }));
}

/** A part whose stored CRC-32 does not match its content (a damaged copy). */
export async function badCrc(part: string): Promise<Uint8Array> {
  return replaceEntry(await baseWorkbook(), part, (e) => ({ ...e, crc32: (e.crc32 ^ 0x5a5a5a5a) >>> 0 }));
}

/** A part with a byte that is not UTF-8 inside a string (CRC and sizes correct). */
export async function invalidUtf8(part: string): Promise<Uint8Array> {
  const base = await baseWorkbook();
  const entries = readZip(base);
  const entry = entries.find((e) => e.name === part)!;
  const xml = new Uint8Array(zlibCodec.inflateRaw(entry.data) as Uint8Array);
  const at = Buffer.from(xml).indexOf('取組');
  const broken = new Uint8Array(xml);
  broken[at] = 0xff;
  return replaceEntry(base, part, (e) => ({
    ...e,
    crc32: crc32(broken) >>> 0,
    size: broken.length,
    data: new Uint8Array(zlib.deflateRawSync(broken)),
  }));
}

/** A sheet XML with two merged ranges that overlap (B2:C3 and C3:D4). */
export async function overlappingMerges(): Promise<Uint8Array> {
  const base = await xlsxBytes({
    sheets: [{ name: '表', cells: [['改革項目の一覧'], [null, '結合', null, null], [], []], merges: [] }],
  });
  const part = 'xl/worksheets/sheet1.xml';
  const entry = readZip(base).find((e) => e.name === part)!;
  const xml = Buffer.from(zlibCodec.inflateRaw(entry.data) as Uint8Array).toString('utf8');
  const merged = xml.replace(
    /<\/sheetData>/,
    '</sheetData><mergeCells count="2"><mergeCell ref="B2:C3"/><mergeCell ref="C3:D4"/></mergeCells>',
  );
  if (merged === xml) throw new Error('no sheetData');
  const bytes = new TextEncoder().encode(merged);
  return replaceEntry(base, part, (e) => ({
    ...e,
    crc32: crc32(bytes) >>> 0,
    size: bytes.length,
    data: new Uint8Array(zlib.deflateRawSync(bytes)),
  }));
}
