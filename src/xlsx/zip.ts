/**
 * A small zip reader and writer for .xlsx packages, so the output can keep every part of the input
 * exactly as it was: entries are carried over still compressed (their bytes untouched), and only the
 * parts we edit or add go through deflate. Deflate itself comes from a Codec: node's zlib on the
 * command line, the web's CompressionStream in the browser.
 *
 * What it does not read (zip64, multi-disk, encrypted entries) it refuses with
 * UnsupportedPackageError, and the caller falls back to the ExcelJS writer.
 */
import { UnsupportedPackageError } from './unsupported';

export interface Codec {
  /** Raw deflate (RFC 1951, no zlib or gzip wrapper). */
  deflateRaw(data: Uint8Array): Promise<Uint8Array> | Uint8Array;
  /** With `maxLength`, stops (throws) once the output would pass it: a streaming cap for zip bombs. */
  inflateRaw(data: Uint8Array, maxLength?: number): Promise<Uint8Array> | Uint8Array;
  /** A faster CRC-32 where the platform has one (node's zlib.crc32); the table below otherwise. */
  crc32?(data: Uint8Array): number;
}

export interface ZipEntry {
  readonly name: string;
  /** The name exactly as stored, so a carried entry keeps it byte for byte. */
  readonly rawName: Uint8Array;
  readonly flags: number;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly crc32: number;
  readonly size: number;
  /** The entry's data as stored in the archive (compressed when method is 8). */
  readonly data: Uint8Array;
  readonly versionMadeBy: number;
  readonly externalAttributes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export function readZip(bytes: Uint8Array): ZipEntry[] {
  try {
    return readEntries(bytes);
  } catch (e) {
    // An offset past the end that the checks below did not foresee: a damaged archive, not a bug.
    if (e instanceof RangeError) throw new UnsupportedPackageError(`damaged zip: ${e.message}`);
    throw e;
  }
}

function readEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(bytes, view);
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const onDisk = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw new UnsupportedPackageError('multi-disk zip');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new UnsupportedPackageError('zip64 archive');
  }
  if (cdOffset + cdSize > eocd) throw new UnsupportedPackageError('central directory out of bounds');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) {
      throw new UnsupportedPackageError('damaged central directory');
    }
    const versionMadeBy = view.getUint16(p + 4, true);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const dosTime = view.getUint16(p + 12, true);
    const dosDate = view.getUint16(p + 14, true);
    const crc32 = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const externalAttributes = view.getUint32(p + 38, true);
    const localOffset = view.getUint32(p + 42, true);
    const rawName = bytes.slice(p + 46, p + 46 + nameLength);
    const name = utf8.decode(rawName);
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & FLAG_ENCRYPTED) throw new UnsupportedPackageError(`encrypted entry ${name}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new UnsupportedPackageError('zip64 entry');
    }
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL) {
      throw new UnsupportedPackageError(`damaged local header of ${name}`);
    }
    const start =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (start + compressedSize > bytes.length) throw new UnsupportedPackageError(`${name} is cut short`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new UnsupportedPackageError(`two entries named ${name}`);
    seen.add(key);
    entries.push({
      name,
      rawName,
      flags,
      method,
      dosTime,
      dosDate,
      crc32,
      size,
      data: bytes.subarray(start, start + compressedSize),
      versionMadeBy,
      externalAttributes,
    });
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (bytes[i] === 0x50 && view.getUint32(i, true) === EOCD) return i;
  }
  throw new UnsupportedPackageError('no zip end record');
}

/**
 * Parts the package check (guard.ts) has already inflated and checked, by the archive they are in and
 * where their stored data starts there: the reader takes each once instead of inflating it a second
 * time (the two inflates of every part were a tenth of a large run's reading), and nothing stays held
 * once taken. A package the streaming reader gives up on is forgotten before ExcelJS loads it.
 */
const inflated = new WeakMap<ArrayBufferLike, Map<number, { crc32: number; content: Uint8Array }>>();

export function keepInflated(entry: ZipEntry, content: Uint8Array): void {
  let parts = inflated.get(entry.data.buffer);
  if (!parts) inflated.set(entry.data.buffer, (parts = new Map()));
  parts.set(entry.data.byteOffset, { crc32: entry.crc32, content });
}

export function forgetInflated(bytes: Uint8Array): void {
  inflated.delete(bytes.buffer);
}

function takeInflated(entry: ZipEntry): Uint8Array | undefined {
  const parts = inflated.get(entry.data.buffer);
  const kept = parts?.get(entry.data.byteOffset);
  if (!kept) return undefined;
  parts!.delete(entry.data.byteOffset);
  return kept.crc32 === entry.crc32 && kept.content.length === entry.size ? kept.content : undefined;
}

/** An entry's content, inflated when it is deflated. */
export async function entryContent(entry: ZipEntry, codec: Codec): Promise<Uint8Array> {
  if (entry.method === STORED) return entry.data;
  const kept = takeInflated(entry);
  if (kept) return kept;
  if (entry.method !== DEFLATED) {
    throw new UnsupportedPackageError(`compression method ${entry.method} of ${entry.name}`);
  }
  const out = await codec.inflateRaw(entry.data, entry.size + 1);
  if (out.length !== entry.size)
    throw new UnsupportedPackageError(`${entry.name} does not inflate to its size`);
  return out;
}

/** A new entry: content deflated by the codec, stamped with `date` (or the DOS epoch). */
export async function newEntry(
  name: string,
  content: Uint8Array,
  codec: Codec,
  date?: Date,
): Promise<ZipEntry> {
  const rawName = utf8Encoder.encode(name);
  const { dosTime, dosDate } = dosDateTime(date);
  return {
    name,
    rawName,
    flags: /[^\x20-\x7e]/.test(name) ? FLAG_UTF8 : 0,
    method: DEFLATED,
    dosTime,
    dosDate,
    crc32: codec.crc32 ? codec.crc32(content) >>> 0 : crc32(content),
    size: content.length,
    data: await codec.deflateRaw(content),
    versionMadeBy: 20,
    externalAttributes: 0,
  };
}

function dosDateTime(date: Date | undefined): { dosTime: number; dosDate: number } {
  if (!date) return { dosTime: 0, dosDate: (0 << 9) | (1 << 5) | 1 };
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    dosTime: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    dosDate: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * The archive: each entry's local header and data, then the central directory. Sizes and CRC are
 * written in the local headers (no data descriptors), and extra fields are left out: they carry
 * only timestamps and alignment, not part content.
 */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  let total = 22;
  for (const e of entries) total += 30 + e.rawName.length + e.data.length + 46 + e.rawName.length;
  if (entries.length > 0xfffe || total > 0xfffffffe) throw new UnsupportedPackageError('output needs zip64');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const e of entries) {
    offsets.push(p);
    view.setUint32(p, LOCAL, true);
    writeCommon(view, p + 4, e);
    out.set(e.rawName, p + 30);
    out.set(e.data, p + 30 + e.rawName.length);
    p += 30 + e.rawName.length + e.data.length;
  }
  const cdStart = p;
  entries.forEach((e, i) => {
    view.setUint32(p, CENTRAL, true);
    view.setUint16(p + 4, e.versionMadeBy, true);
    writeCommon(view, p + 6, e);
    // comment length, disk number, internal attributes: all 0
    view.setUint32(p + 38, e.externalAttributes, true);
    view.setUint32(p + 42, offsets[i]!, true);
    out.set(e.rawName, p + 46);
    p += 46 + e.rawName.length;
  });
  view.setUint32(p, EOCD, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - cdStart, true);
  view.setUint32(p + 16, cdStart, true);
  return out;
}

/** The fields local and central headers share, from "version needed" to "extra field length". */
function writeCommon(view: DataView, p: number, e: ZipEntry): void {
  view.setUint16(p, e.method === STORED ? 10 : 20, true);
  view.setUint16(p + 2, e.flags & ~FLAG_DATA_DESCRIPTOR, true);
  view.setUint16(p + 4, e.method, true);
  view.setUint16(p + 6, e.dosTime, true);
  view.setUint16(p + 8, e.dosDate, true);
  view.setUint32(p + 10, e.crc32, true);
  view.setUint32(p + 14, e.data.length, true);
  view.setUint32(p + 18, e.size, true);
  view.setUint16(p + 22, e.rawName.length, true);
  view.setUint16(p + 24, 0, true);
}

let table: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Deflate from the platform's CompressionStream (browsers, node ≥ 18); null where there is none. */
export function webCodec(): Codec | null {
  const g = globalThis as {
    CompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array>;
    DecompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array>;
  };
  const Compress = g.CompressionStream;
  const Decompress = g.DecompressionStream;
  if (!Compress || !Decompress) return null;
  try {
    new Compress('deflate-raw');
  } catch {
    return null;
  }
  return {
    deflateRaw: (data) => throughStream(new Compress('deflate-raw'), data),
    inflateRaw: (data, maxLength) => throughStream(new Decompress('deflate-raw'), data, maxLength),
  };
}

async function throughStream(
  stream: TransformStream<Uint8Array, Uint8Array>,
  data: Uint8Array,
  maxLength = Infinity,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Not awaited before reading: the stream holds back its input until its output is read.
  const written = writer.write(data).then(
    () => writer.close(),
    () => undefined,
  );
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length > maxLength) {
      await reader.cancel();
      throw new RangeError(`inflates past ${maxLength} bytes`);
    }
  }
  await written;
  const out = new Uint8Array(length);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

/** UTF-8 XML text; a UTF-16 part (allowed by OPC, rare in practice) is refused. */
export function decodeXml(bytes: Uint8Array, name: string): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new UnsupportedPackageError(`${name} is UTF-16`);
  }
  const text = utf8.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
