/**
 * Everything that needs ExcelJS, in one module loaded only when used (`await import('./excelFallback')`):
 * the reader for what the streaming reader refuses, and the writer for packages the zip-level writer
 * will not edit. On the normal path neither ExcelJS nor JSZip is loaded.
 */
import type ExcelJS from 'exceljs';
import type { OutputPlan, ReadLimits } from '../core/index';
import { workbookToBytes } from './bytes';
import { checkFallbackSize } from './guard';
import { loadWorkbook, readWorkbook } from './readWorkbook';
import { writePlan } from './writePlan';

export { readWorkbook };

/** The plan written by ExcelJS into the workbook (loaded from `bytes` unless the reader already did). */
export async function writeWithExcelJS(
  bytes: Uint8Array,
  plan: OutputPlan,
  options: {
    readonly workbook?: ExcelJS.Workbook;
    readonly name?: string;
    /** Why the zip-level writer gave up, for FALLBACK_TOO_LARGE. */
    readonly reason?: string;
    readonly limits?: ReadLimits | undefined;
  } = {},
): Promise<Uint8Array> {
  if (!options.workbook) {
    checkFallbackSize(bytes, {
      limits: options.limits,
      name: options.name,
      reason: options.reason ?? 'write',
    });
  }
  const workbook = options.workbook ?? (await loadWorkbook(bytes, options.name));
  writePlan(workbook, plan);
  return workbookToBytes(workbook);
}
