/**
 * An output that is a workbook of its own (issue 11: the summary over several departments' files,
 * and the send-back workbook of each department): the plan's sheets written into a new, empty
 * package through the same zip-level writer as every other output, so charts and links are the same.
 */
import type { OutputPlan, ReadLimits } from '../core/index';
import { writeOutputFile, type WrittenOutput } from './writeOutputFile';
import type { Codec } from './zip';

/** The one sheet of the empty package, replaced by the plan's (a package needs a sheet to be valid). */
const PLACEHOLDER = 'KaikakuShukei_blank';

export interface NewWorkbookOptions {
  readonly codec?: Codec;
  readonly limits?: ReadLimits | undefined;
}

export async function writeNewWorkbook(
  plan: OutputPlan,
  options: NewWorkbookOptions = {},
): Promise<WrittenOutput> {
  // Loaded only here: a run over one workbook never needs ExcelJS (the bundle test holds it to that).
  const { default: ExcelJS } = await import('exceljs');
  const { workbookToBytes } = await import('./bytes');
  const blank = new ExcelJS.Workbook();
  blank.addWorksheet(PLACEHOLDER);
  const base = await workbookToBytes(blank);
  return writeOutputFile(
    base,
    { ...plan, replace: [...plan.replace, PLACEHOLDER] },
    { ...(options.codec ? { codec: options.codec } : {}), limits: options.limits },
  );
}
