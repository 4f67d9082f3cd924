import type ExcelJS from 'exceljs';
import type { OutputPlan } from '../core/index';
import { workbookToBytes } from './bytes';
import { UnsupportedPackageError } from './unsupported';
import { writeOutputs, type WriteOutputsOptions } from './writePackage';
import { writePlan } from './writePlan';

export interface WrittenOutput {
  readonly bytes: Uint8Array;
  /** Why the package could not be extended in place and went through ExcelJS; null when it was. */
  readonly fallback: string | null;
}

/**
 * The one write of an .xlsx output, for the command line and the browser preview alike: the output
 * sheets are added to the user's package as it is (charts, pivots and macros kept); only a package
 * that cannot be extended in place goes through ExcelJS, which re-saves every sheet and drops what
 * it cannot carry — and the reason is returned so the user is told.
 */
export async function writeOutputFile(
  input: Uint8Array,
  opened: ExcelJS.Workbook,
  plan: OutputPlan,
  options: WriteOutputsOptions = {},
): Promise<WrittenOutput> {
  try {
    return { bytes: await writeOutputs(input, plan, options), fallback: null };
  } catch (e) {
    if (!(e instanceof UnsupportedPackageError)) throw e;
    writePlan(opened, plan);
    return { bytes: await workbookToBytes(opened), fallback: e.detail ?? e.message };
  }
}
