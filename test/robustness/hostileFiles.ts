/**
 * Hostile .xlsx files for the robustness tests and the benchmark, made small on disk: a huge part is
 * deflated as it is generated (never held whole), and sizes, CRCs and bytes are edited in place.
 */
import { once } from 'events';
import * as zlib from 'zlib';
import { readZip, writeZip, type ZipEntry } from '../../src/xlsx/zip';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { FLAT_HEADER, xlsxBytes } from './support';

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

export interface FlatSheetOptions {
  /** Data rows under the header. */
  readonly rows: number;
  /** Characters of each row's own 内容 text (a unique shared string per row); 0 for a short shared one. */
  readonly textChars?: number;
  /** Merged ranges, one per data row from the top (columns E:F of that row). */
  readonly merges?: number;
  /** Adds one ISO 8601 date cell (t="d"), which only the ExcelJS fallback reads. */
  readonly isoDate?: boolean;
}

/**
 * A flat table of `rows` entries (the columns of FLAT_HEADER, shared strings as Excel writes them),
 * its sheet and shared strings generated chunk by chunk: 140,000 rows are made in about a second,
 * where ExcelJS takes far longer. Ratings cycle A, B, C, so the expected counts are known.
 */
export async function flatSheetWorkbook(options: FlatSheetOptions): Promise<Uint8Array> {
  const { rows, textChars = 0, merges = 0, isoDate = false } = options;
  const base = await xlsxBytes({ sheets: [{ name: '一覧', cells: [['x']] }] });
  const enc = new TextEncoder();
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  // Shared strings: the header, fixed texts, 50 groups, then one title (and one text) per row.
  const fixed = [
    ...(FLAT_HEADER as string[]),
    '毎年度、計画を作成・公表します。',
    '総務課',
    '計画どおり実施した。',
    '着実に進めた。',
    'A',
    'B',
    'C',
  ];
  const idx = (s: string): number => fixed.indexOf(s);
  const GROUP0 = fixed.length;
  const TITLE0 = GROUP0 + 50;
  const per = textChars > 0 ? 2 : 1;
  const filler = '改革を進める取組の内容。'.repeat(Math.ceil(textChars / 12) + 1);
  const ROWS_PER_CHUNK = 2000;
  const chunks = Math.ceil(rows / ROWS_PER_CHUNK);
  const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const sst = await replaceEntryAsync(base, 'xl/sharedStrings.xml', (e) =>
    streamedEntry(e, chunks + 2, (i) => {
      if (i === 0) {
        const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS_MAIN}">`;
        const groups = Array.from({ length: 50 }, (_, g) => `項目${g}`);
        return enc.encode(head + [...fixed, ...groups].map((s) => `<si><t>${esc(s)}</t></si>`).join(''));
      }
      if (i === chunks + 1) return enc.encode('</sst>');
      let s = '';
      const from = (i - 1) * ROWS_PER_CHUNK;
      for (let r = from; r < Math.min(rows, from + ROWS_PER_CHUNK); r++) {
        s += `<si><t>取組${r}</t></si>`;
        if (per === 2) s += `<si><t>${r}:${filler.slice(0, textChars - String(r).length - 1)}</t></si>`;
      }
      return enc.encode(s);
    }),
  );
  const cell = (ref: string, s: number): string => `<c r="${ref}" t="s"><v>${s}</v></c>`;
  return replaceEntryAsync(sst, 'xl/worksheets/sheet1.xml', (e) =>
    streamedEntry(e, chunks + 2, (i) => {
      if (i === 0) {
        const header = FLAT_HEADER.map((h, c) => cell(`${'ABCDEFG'[c]}1`, idx(h as string))).join('');
        return enc.encode(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS_MAIN}"><sheetData><row r="1">${header}</row>`,
        );
      }
      if (i === chunks + 1) {
        const date = isoDate
          ? `<row r="${rows + 3}"><c r="A${rows + 3}" t="d"><v>2022-04-01T00:00:00</v></c></row>`
          : '';
        let m = '';
        for (let k = 0; k < merges; k++) m += `<mergeCell ref="E${k + 2}:F${k + 2}"/>`;
        return enc.encode(
          `${date}</sheetData>${merges > 0 ? `<mergeCells count="${merges}">${m}</mergeCells>` : ''}</worksheet>`,
        );
      }
      let s = '';
      const from = (i - 1) * ROWS_PER_CHUNK;
      for (let r = from; r < Math.min(rows, from + ROWS_PER_CHUNK); r++) {
        const n = r + 2;
        const content = per === 2 ? TITLE0 + r * 2 + 1 : idx('毎年度、計画を作成・公表します。');
        s += `<row r="${n}">${cell(`A${n}`, GROUP0 + (r % 50))}${cell(`B${n}`, TITLE0 + r * per)}${cell(`C${n}`, content)}${cell(`D${n}`, idx('総務課'))}${cell(`E${n}`, idx('計画どおり実施した。'))}${cell(`F${n}`, idx('着実に進めた。'))}${cell(`G${n}`, idx('ABC'[r % 3]!))}</row>`;
      }
      return enc.encode(s);
    }),
  );
}
