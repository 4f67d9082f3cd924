import type { AnalysisResult, AnalyzeOptions, PlanOptions, ProgressStep } from '../core/engine';
import type { ExistingSheet, OutputPlan } from '../core/outputPlan';
import type { Settings } from '../core/settings';
import type { WorkbookInput } from '../core/workbook';
import type { EngineRunner } from './engineRunner';
import { inThreadRunner } from './engineRunner';

/**
 * One run of 集計, the same in Excel, in the ribbon command and in the browser preview:
 * read → recognise and check (the engine) → plan → write. Where the cells come from and where the
 * sheets go is the source's business (Office.js or an .xlsx file).
 */

/** The engine's two entry points, passed in so the UI can be tested with a stand-in. */
export interface Engine {
  analyze(workbook: WorkbookInput, settings: Settings, options?: AnalyzeOptions): AnalysisResult;
  planOutput(result: AnalysisResult, existing: readonly ExistingSheet[], options: PlanOptions): OutputPlan;
}

export interface SourceRead {
  readonly workbook: WorkbookInput;
  readonly existing: readonly ExistingSheet[];
  /** Settings JSON stored with the workbook; null when none. */
  readonly storedSettings: string | null;
}

export interface JobSource {
  read(onProgress: (done: number, total: number) => void): Promise<SourceRead>;
  write(plan: OutputPlan): Promise<void>;
}

export interface JobProgress {
  readonly step: ProgressStep;
  readonly done: number;
  readonly total: number;
}

export interface JobOptions {
  /** Settings to use; when absent, those stored with the workbook (or the defaults). */
  readonly settings?: Settings;
  /** Stored JSON → Settings (defaults filled in); the same reading as the command line's --config. */
  readonly resolveStored: (json: string | null) => Settings;
  readonly onProgress?: (p: JobProgress) => void;
  readonly now?: () => Date;
  /** Where the engine runs (a Web Worker in the pane, engineRunner.ts); on this thread when absent. */
  readonly runner?: EngineRunner;
}

export interface JobOutcome {
  readonly result: AnalysisResult;
  readonly plan: OutputPlan;
  /** Settings the run used. */
  readonly settings: Settings;
}

export async function runJob(source: JobSource, engine: Engine, options: JobOptions): Promise<JobOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ step: 'read', done: 0, total: 0 });
  const read = await source.read((done, total) => progress({ step: 'read', done, total }));
  const settings = options.settings ?? options.resolveStored(read.storedSettings);
  // Let the UI paint the step before the engine takes the thread (when it runs on this one).
  await nextFrame();
  const runner = options.runner ?? inThreadRunner(engine);
  const { result, plan } = await runner(
    { workbook: read.workbook, existing: read.existing, generatedAt: (options.now ?? (() => new Date()))() },
    settings,
    (step, done, total) => progress({ step, done, total }),
  );
  progress({ step: 'write', done: 0, total: plan.sheets.length });
  await source.write(plan);
  progress({ step: 'write', done: plan.sheets.length, total: plan.sheets.length });
  return { result, plan, settings };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
