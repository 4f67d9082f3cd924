/**
 * Checks an .xlsx package before any reader inflates it (issue 9): the sizes its central directory
 * declares, each part inflated under a cap (so a header that lies about its size cannot exceed the
 * limit), its CRC-32, and that its XML is well-formed UTF-8. A package that passes inflates, in
 * ExcelJS or in the zip-level writer, to exactly what was checked: the limit bounds peak memory,
 * and no damaged part is ever copied into an output.
 */
import { EngineError, DEFAULT_READ_LIMITS, type ReadLimits } from '../core/index';
import { UnsupportedPackageError } from './unsupported';
import { crc32, keepInflated, readZip, webCodec, type Codec, type ZipEntry } from './zip';

const MIB = 1024 * 1024;

/** A part larger than this must not expand more than MAX_RATIO times: real XML compresses < 100:1. */
const RATIO_FLOOR = 16 * MIB;
const MAX_RATIO = 200;

/** Packages already checked, so that the reader and the writer of one run check once. */
const checked = new WeakSet<Uint8Array>();

export interface GuardOptions {
  readonly codec?: Codec | undefined;
  readonly limits?: ReadLimits | undefined;
  /** The file's name, for messages. */
  readonly name?: string | undefined;
  /**
   * The zip-level writer passes an archive it cannot parse (zip64, damaged) on to its own refusal
   * (UnsupportedPackageError, then the ExcelJS fallback); a reader refuses it here.
   */
  readonly passUnparsable?: boolean;
  /** Keep each deflated part as inflated here for the reader that follows (zip.ts keepInflated). */
  readonly keepForReader?: boolean;
}

function mib(n: number): string {
  return `${(n / MIB).toFixed(n < 10 * MIB ? 1 : 0)} MiB`;
}

/**
 * Throws EngineError WORKBOOK_TOO_LARGE or DAMAGED_PART naming the part, or UNREADABLE_WORKBOOK for
 * an archive whose directory cannot be read; returns when every part is sound and within the limit.
 */
export async function checkPackage(bytes: Uint8Array, options: GuardOptions = {}): Promise<void> {
  if (checked.has(bytes)) return;
  const name = options.name ?? '';
  const limit = (options.limits ?? DEFAULT_READ_LIMITS).maxUnpackedMegabytes * MIB;
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (e) {
    if (options.passUnparsable && e instanceof UnsupportedPackageError) return;
    if (e instanceof UnsupportedPackageError && /zip64/.test(e.detail ?? '')) {
      // Sizes past 4 GiB are declared only in zip64 records: far beyond any limit we allow.
      throw new EngineError('WORKBOOK_TOO_LARGE', 'zip64 package', `${name}: zip64`);
    }
    const why = e instanceof UnsupportedPackageError ? (e.detail ?? e.message) : String(e);
    throw new EngineError('UNREADABLE_WORKBOOK', `damaged zip: ${why}`, `${name}: ${why}`);
  }
  // Declared sizes first: nothing is inflated when the directory already says it is too much.
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > RATIO_FLOOR && e.size > e.data.length * MAX_RATIO) {
      throw new EngineError(
        'WORKBOOK_TOO_LARGE',
        `${e.name} expands ${Math.round(e.size / Math.max(1, e.data.length))} times`,
        `${name}: ${e.name} ${mib(e.data.length)} → ${mib(e.size)}`,
      );
    }
  }
  if (total > limit) {
    throw new EngineError(
      'WORKBOOK_TOO_LARGE',
      `unpacks to ${total} bytes`,
      `${name}: ${mib(total)} > ${mib(limit)}`,
    );
  }
  const codec = options.codec ?? webCodec();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const content = await inflateChecked(e, codec, name);
    const crc = codec?.crc32 ? codec.crc32(content) >>> 0 : crc32(content);
    if (crc !== e.crc32 >>> 0) damaged(name, e.name, 'CRC');
    const utf16 =
      (content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff);
    if (/\.(xml|rels|vml)$/i.test(e.name) && !utf16) {
      const bad = invalidUtf8At(content);
      if (bad >= 0) damaged(name, e.name, `UTF-8 @${bad}`);
    }
    if (options.keepForReader && e.method === 8) keepInflated(e, content);
  }
  checked.add(bytes);
}

function damaged(file: string, part: string, why: string): never {
  throw new EngineError('DAMAGED_PART', `${part}: ${why}`, `${file ? `${file}: ` : ''}${part}, ${why}`);
}

async function inflateChecked(e: ZipEntry, codec: Codec | null, file: string): Promise<Uint8Array> {
  if (e.method === 0) {
    if (e.data.length !== e.size) damaged(file, e.name, 'size');
    return e.data;
  }
  if (e.method !== 8) damaged(file, e.name, `compression method ${e.method}`);
  if (!codec) throw new EngineError('UNREADABLE_WORKBOOK', 'no inflate on this platform', file);
  let out: Uint8Array;
  try {
    // One byte over the declared size is enough to know the header lies.
    out = await codec.inflateRaw(e.data, e.size + 1);
  } catch {
    return damaged(file, e.name, 'deflate');
  }
  if (out.length !== e.size) damaged(file, e.name, 'size');
  return out;
}

/** The offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min, cp] = [1, 0x80, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, min, cp] = [2, 0x800, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, min, cp] = [3, 0x10000, c & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Before the ExcelJS fallback loads a package (to read what the streaming reader refuses, or to write
 * what the zip-level writer will not extend): ExcelJS holds about 37 times the unpacked size at its
 * peak, so it gets a smaller limit of its own. Throws FALLBACK_TOO_LARGE naming why it was needed.
 */
export function checkFallbackSize(
  bytes: Uint8Array,
  options: {
    readonly limits?: ReadLimits | undefined;
    readonly name?: string | undefined;
    readonly reason: string;
  },
): void {
  const limit =
    (options.limits?.maxFallbackUnpackedMegabytes ?? DEFAULT_READ_LIMITS.maxFallbackUnpackedMegabytes) * MIB;
  let total = 0;
  try {
    for (const e of readZip(bytes)) total += e.size;
  } catch {
    // Not a zip this module reads (an OLE file, a damaged archive): ExcelJS classifies it, unbounded
    // only by the input's own size, which the streaming limit already bounds.
    total = bytes.length;
  }
  if (total <= limit) return;
  const name = options.name ? `${options.name}: ` : '';
  throw new EngineError(
    'FALLBACK_TOO_LARGE',
    `fallback for ${options.reason}: unpacks to ${total} bytes`,
    `${name}${options.reason}; ${mib(total)} > ${mib(limit)}`,
  );
}
