/**
 * What a file is, before any reader opens it: an encrypted .xlsx, a legacy .xls, an .ods or .xlsb
 * (save as .xlsx), another program's file, a damaged zip; then the package checks of guard.ts. Both
 * readers (the streaming one and the ExcelJS fallback) call this first, so a file is classified and
 * bounded the same way whichever reads it. No ExcelJS or JSZip here: it runs on the normal path.
 */
import { EngineError, type ReadLimits } from '../core/index';
import { checkPackage } from './guard';
import { oleStreamNames } from './ole';
import { UnsupportedPackageError } from './unsupported';
import { readZip, type Codec } from './zip';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b];

export interface FileCheckOptions {
  readonly codec?: Codec | undefined;
  readonly limits?: ReadLimits | undefined;
  readonly name?: string | undefined;
  /** The streaming reader reads next: keep the parts the check inflates for it (guard.ts). */
  readonly keepForReader?: boolean;
}

/** Throws EngineError (NOT_XLSX, ENCRYPTED_WORKBOOK, SAVE_AS_XLSX, UNREADABLE_WORKBOOK, WORKBOOK_TOO_LARGE, DAMAGED_PART). */
export async function checkWorkbookFile(bytes: Uint8Array, options: FileCheckOptions = {}): Promise<void> {
  const name = options.name ?? '';
  if (startsWith(bytes, OLE_MAGIC)) oleKind(bytes, name);
  if (!startsWith(bytes, ZIP_MAGIC)) throw new EngineError('NOT_XLSX', 'not a zip package', name);
  if (containsAscii(bytes, 'mimetype') && containsAscii(bytes, 'application/vnd.oasis.opendocument')) {
    throw new EngineError('SAVE_AS_XLSX', 'OpenDocument file', `${name ? `${name}: ` : ''}.ods`);
  }
  if (!containsAscii(bytes, 'xl/workbook.xml') && containsAscii(bytes, 'xl/workbook.bin')) {
    throw new EngineError('SAVE_AS_XLSX', 'binary workbook', `${name ? `${name}: ` : ''}.xlsb`);
  }
  if (!containsAscii(bytes, 'xl/workbook.xml')) {
    // No workbook part named anywhere: a sound zip of something else (.docx) is not an .xlsx; a zip
    // that does not open is a damaged file.
    let names: string[];
    try {
      names = readZip(bytes).map((e) => e.name);
    } catch (e) {
      const why = e instanceof UnsupportedPackageError ? (e.detail ?? e.message) : String(e);
      throw new EngineError('UNREADABLE_WORKBOOK', `damaged zip: ${why}`, name);
    }
    // A package may keep its workbook part elsewhere (found through _rels/.rels by the reader).
    if (!names.some((n) => /(?:^|\/)workbook\.xml$/i.test(n))) {
      throw new EngineError('NOT_XLSX', 'no workbook part', name);
    }
  }
  await checkPackage(bytes, {
    codec: options.codec,
    limits: options.limits,
    name,
    ...(options.keepForReader ? { keepForReader: true } : {}),
  });
}

/**
 * An OLE compound file is never read; this says which kind it is: an encrypted .xlsx, a legacy .xls
 * (save as .xlsx) or another program's file (.doc, .ppt…), by the streams its directory lists.
 */
function oleKind(bytes: Uint8Array, name: string): never {
  const streams = oleStreamNames(bytes);
  const has = (s: string): boolean => (streams !== null ? streams.includes(s) : containsUtf16(bytes, s));
  if (has('EncryptedPackage') && has('EncryptionInfo')) {
    throw new EngineError('ENCRYPTED_WORKBOOK', 'encrypted workbook (OLE compound file)', name);
  }
  if (has('Workbook') || has('Book')) {
    throw new EngineError('SAVE_AS_XLSX', 'legacy .xls (BIFF) workbook', `${name ? `${name}: ` : ''}.xls`);
  }
  throw new EngineError('NOT_XLSX', 'OLE compound file that is not a workbook', name);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function containsBytes(bytes: Uint8Array, needle: readonly number[]): boolean {
  const n = needle.length;
  const first = needle[0];
  outer: for (let i = 0; i + n <= bytes.length; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < n; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function containsAscii(bytes: Uint8Array, s: string): boolean {
  return containsBytes(
    bytes,
    Array.from(s, (c) => c.charCodeAt(0)),
  );
}

function containsUtf16(bytes: Uint8Array, s: string): boolean {
  return containsBytes(bytes, Array.from(s, (c) => [c.charCodeAt(0), 0]).flat());
}
