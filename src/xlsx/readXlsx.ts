/**
 * The one entry for reading an .xlsx, for the command line and the browser preview: the streaming
 * reader (readFast.ts) on the normal path, ExcelJS — loaded only then — for what it refuses. The
 * result says when the fallback read the file and why, so the caller can tell the user.
 */
import type ExcelJS from 'exceljs';
import type { ExistingSheet, WorkbookInput, ReadLimits } from '../core/index';
import { checkWorkbookFile } from './fileKind';
import { checkFallbackSize } from './guard';
import { readWorkbookFast, type FastReadOptions } from './readFast';
import { UnsupportedPackageError } from './unsupported';
import { ReaderUnsupported } from './xmlScan';
import { forgetInflated } from './zip';

export interface ReadXlsxResult {
  /** The user's sheets, in tab order; our own output sheets from an earlier run are left out. */
  readonly input: WorkbookInput;
  /** Every sheet in the file, and which of them are ours. */
  readonly existing: readonly ExistingSheet[];
  /** Why ExcelJS read the file instead of the streaming reader; absent on the normal path. */
  readonly fallback?: string;
  /** The workbook ExcelJS loaded, when it read the file (its writer can reuse it). */
  readonly excel?: ExcelJS.Workbook;
}

export interface ReadXlsxOptions extends FastReadOptions {
  /** How much the package may unpack to (settings.limits). */
  readonly limits?: ReadLimits;
}

export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<ReadXlsxResult> {
  // Classified and bounded before either reader inflates anything (fileKind.ts, guard.ts).
  await checkWorkbookFile(bytes, {
    codec: options.codec,
    limits: options.limits,
    name: options.name,
    keepForReader: true,
  });
  let read: ReadXlsxResult;
  try {
    read = await readWorkbookFast(bytes, options);
  } catch (e) {
    // What the check kept for the streaming reader is not held while ExcelJS (or the error) goes on.
    forgetInflated(bytes);
    const reason = fallbackReason(e);
    if (reason === null) throw e;
    // ExcelJS costs several times the streaming reader's memory: its own, smaller limit.
    checkFallbackSize(bytes, { limits: options.limits, name: options.name, reason });
    const { readWorkbook } = await import('./excelFallback');
    // A file ExcelJS cannot read either ends here with its EngineError (NOT_XLSX, ENCRYPTED_WORKBOOK …).
    const excel = await readWorkbook(bytes, {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.codec ? { codec: options.codec } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    return { input: excel.input, existing: excel.existing, fallback: reason, excel: excel.workbook };
  }
  // Parts the reader did not take (a pivot cache, a drawing's XML) are not held for the rest of the run.
  forgetInflated(bytes);
  return read;
}

/** Why the streaming reader gave up, when ExcelJS may still read the file; null for a real error. */
function fallbackReason(e: unknown): string | null {
  if (e instanceof ReaderUnsupported) return e.reason;
  if (e instanceof UnsupportedPackageError) return e.detail ?? e.message;
  return null;
}
