import type ExcelJS from 'exceljs';
import type { OutputPlan, ReadLimits } from '../core/index';
import { UnsupportedPackageError } from './unsupported';
import { writeOutputs, type WriteOutputsOptions } from './writePackage';

export interface WrittenOutput {
  readonly bytes: Uint8Array;
  /** Why the package could not be extended in place and went through ExcelJS; null when it was. */
  readonly fallback: string | null;
}

export interface WriteOutputFileOptions extends WriteOutputsOptions {
  /** The workbook ExcelJS already loaded (the reader's own fallback), so it is not loaded twice. */
  readonly workbook?: ExcelJS.Workbook;
  readonly name?: string;
  /** The read limits, so the fallback refuses a package too large to unpack (FALLBACK_TOO_LARGE). */
  readonly limits?: ReadLimits | undefined;
}

/**
 * The one write of an .xlsx output, for the command line and the browser preview alike: the output
 * sheets are added to the user's package as it is (charts, pivots and macros kept); only a package
 * that cannot be extended in place goes through ExcelJS (loaded only then), which re-saves every
 * sheet and drops what it cannot carry — and the reason is returned so the user is told.
 */
export async function writeOutputFile(
  input: Uint8Array,
  plan: OutputPlan,
  options: WriteOutputFileOptions = {},
): Promise<WrittenOutput> {
  const { workbook, name, limits, ...zip } = options;
  try {
    return { bytes: await writeOutputs(input, plan, zip), fallback: null };
  } catch (e) {
    if (!(e instanceof UnsupportedPackageError)) throw e;
    const reason = e.detail ?? e.message;
    const { writeWithExcelJS } = await import('./excelFallback');
    const bytes = await writeWithExcelJS(input, plan, {
      ...(workbook ? { workbook } : {}),
      ...(name !== undefined ? { name } : {}),
      reason,
      limits,
    });
    return { bytes, fallback: reason };
  }
}
