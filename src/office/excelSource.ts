import { confirmOwnership, EngineError } from '../core/index';
import type { Engine, JobOptions, JobOutcome, JobSource } from '../ui/job';
import { runJob } from '../ui/job';
import { toHostError } from './errors';
import type { WorkbookListing } from './read';
import { existingSheets, readCells, readListing, TooManyCells } from './read';
import { writePlan } from './write';

/** A sheet of the listing as if no name of ours pointed at it, so that its cells are read. */
function withoutRole<T extends { role?: unknown }>(sheet: T): T {
  const copy = { ...sheet };
  delete copy.role;
  return copy;
}

/** Excel.run, or a stand-in with the same shape (the fake host in tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The open workbook as a job source: three round trips to read, one to write (more only for big payloads). */
export function excelSource(context: Excel.RequestContext, maxFilledCells?: number): JobSource {
  let listing: WorkbookListing | null = null;
  return {
    async read(onProgress) {
      listing = await readListing(context);
      // Our named sheets are read too, so that ownership is confirmed by their content (issue 9).
      const everySheet = { ...listing, sheets: listing.sheets.map(withoutRole) };
      const cells = await readCells(context, everySheet, onProgress, maxFilledCells);
      const confirmed = confirmOwnership(existingSheets(listing), cells.workbook.sheets);
      const workbook = {
        ...cells.workbook,
        sheets: confirmed.sheets,
        ...(confirmed.previousList ? { previousList: confirmed.previousList } : {}),
      };
      return {
        workbook,
        existing: confirmed.existing,
        storedSettings: listing.storedSettings,
        // Every value cell is read, however far out: nothing to warn about.
      };
    },
    async write(plan) {
      if (!listing) throw new EngineError('INTERNAL', 'write before read');
      await writePlan(context, plan, listing);
    },
  };
}

/**
 * A whole run inside one Excel.run; Excel's errors come back as HostError, the engine's as EngineError.
 * With `maxFilledCells`, a bigger workbook stops with TooManyCells before its cells are read.
 */
export async function runInExcel(
  run: ExcelRun,
  engine: Engine,
  options: JobOptions,
  maxFilledCells?: number,
  /** Adds to what the workbook gives (departments' files, src/ui/departmentFiles.ts). */
  extend: (source: JobSource) => JobSource = (source) => source,
): Promise<JobOutcome> {
  try {
    return await run((context) => runJob(extend(excelSource(context, maxFilledCells)), engine, options));
  } catch (e) {
    throw e instanceof EngineError || e instanceof TooManyCells ? e : toHostError(e);
  }
}
