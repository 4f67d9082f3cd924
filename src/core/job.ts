import type { Diagnostic } from './diagnostics';
import type { AnalysisResult, AnalyzeOptions, PlanOptions, ProgressStep } from './engine';
import type { ExistingSheet, OutputPlan } from './outputPlan';
import type { Settings } from './settings';
import type { WorkbookInput } from './workbook';

/**
 * One run of 集計, the same on the command line, in the task pane, in the ribbon command and in the
 * browser preview: read → recognise and check (the engine) → plan → write. Where the cells come
 * from and where the sheets go is the source's business (Office.js, an .xlsx file); pure itself.
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
}

export interface JobOutcome {
  readonly result: AnalysisResult;
  readonly plan: OutputPlan;
  /** Settings the run used. */
  readonly settings: Settings;
  /** Every finding of the run: the engine's, then the plan's (runDiagnostics). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The one place the findings of a run are merged: the engine's (in sheet and cell order), then
 * the plan's own (an output name taken). The JSON, the command line's counts and the task pane
 * list the same.
 */
export function runDiagnostics(result: AnalysisResult, plan?: OutputPlan): readonly Diagnostic[] {
  const extra = plan?.diagnostics ?? [];
  return extra.length === 0 ? result.diagnostics : [...result.diagnostics, ...extra];
}

export async function runJob(source: JobSource, engine: Engine, options: JobOptions): Promise<JobOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ step: 'read', done: 0, total: 0 });
  const read = await source.read((done, total) => progress({ step: 'read', done, total }));
  const settings = options.settings ?? options.resolveStored(read.storedSettings);
  // Let the UI paint the step before the engine takes the thread.
  await nextFrame();
  const result = engine.analyze(read.workbook, settings, {
    onProgress: (step, done, total) => progress({ step, done, total }),
  });
  const plan = engine.planOutput(result, read.existing, {
    generatedAt: (options.now ?? (() => new Date()))(),
  });
  progress({ step: 'write', done: 0, total: plan.sheets.length });
  await source.write(plan);
  progress({ step: 'write', done: plan.sheets.length, total: plan.sheets.length });
  return { result, plan, settings, diagnostics: runDiagnostics(result, plan) };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
