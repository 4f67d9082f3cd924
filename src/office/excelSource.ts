import { EngineError } from '../core/index';
import type { Engine, JobOptions, JobOutcome, JobSource } from '../ui/job';
import { runJob } from '../ui/job';
import { toHostError } from './errors';
import type { WorkbookListing } from './read';
import { existingSheets, readCells, readListing } from './read';
import { writePlan } from './write';

/** Excel.run, or a stand-in with the same shape (the fake host in tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The open workbook as a job source: three round trips to read, one to write (more only for big payloads). */
export function excelSource(context: Excel.RequestContext): JobSource {
  let listing: WorkbookListing | null = null;
  return {
    async read(onProgress) {
      listing = await readListing(context);
      const cells = await readCells(context, listing, onProgress);
      return {
        workbook: cells.workbook,
        existing: existingSheets(listing),
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

/** A whole run inside one Excel.run; Excel's errors come back as HostError, the engine's as EngineError. */
export async function runInExcel(run: ExcelRun, engine: Engine, options: JobOptions): Promise<JobOutcome> {
  try {
    return await run((context) => runJob(excelSource(context), engine, options));
  } catch (e) {
    throw e instanceof EngineError ? e : toHostError(e);
  }
}
