import { compareWithPrevious, withComparison } from './compare';
import type { Diagnostic } from './diagnostics';
import { EngineError } from './errors';
import type { AnalysisResult, AnalyzeOptions, PlanOptions, ProgressStep } from './engine';
import type { ExistingSheet, OutputPlan } from './outputPlan';
import type { Settings } from './settings';
import type { FilesInput } from './multi';
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
  /** Several workbooks in one run (multi.ts); needed only by sources that read several files. */
  analyzeFiles?(files: FilesInput, settings: Settings, options?: AnalyzeOptions): AnalysisResult;
}

export interface SourceRead {
  readonly workbook: WorkbookInput;
  readonly existing: readonly ExistingSheet[];
  /** Settings JSON stored with the workbook; null when none. */
  readonly storedSettings: string | null;
  /** Last year's report (or last year's output), read by the same reader, for the comparison. */
  readonly previous?: PreviousWorkbook;
  /** Several workbooks read for one run (departments' files); `workbook` is then not analysed alone. */
  readonly files?: FilesInput;
}

/** Last year's workbook and the name it is known by (its file name). */
export interface PreviousWorkbook {
  readonly workbook: WorkbookInput;
  readonly name: string;
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
  /** Where the engine runs (a Web Worker in the task pane, src/ui/engineRunner.ts); on this thread when absent. */
  readonly runner?: EngineRunner;
  /** Last year's report chosen apart from the source (the task pane's file input), when the source reads none. */
  readonly previous?: PreviousWorkbook;
}

/** What the engine needs of one run, all plain data so it can cross to a worker (structured clone). */
export interface EngineInput {
  readonly workbook: WorkbookInput;
  readonly existing: readonly ExistingSheet[];
  readonly generatedAt: Date;
  readonly previous?: PreviousWorkbook;
  /** Several workbooks for one run (multi.ts), analysed together instead of `workbook`. */
  readonly files?: FilesInput;
}

export interface EngineOutput {
  readonly result: AnalysisResult;
  readonly plan: OutputPlan;
}

export type EngineProgress = (step: ProgressStep, done: number, total: number) => void;

/** Runs the engine (analyze + planOutput) somewhere: on this thread or in a worker. */
export type EngineRunner = (
  input: EngineInput,
  settings: Settings,
  onProgress: EngineProgress,
) => Promise<EngineOutput>;

/** The engine on the calling thread (the command line, tests, and the worker's fallback). */
export function inThreadRunner(engine: Engine): EngineRunner {
  return async (input, settings, onProgress) => {
    let result = input.files
      ? analyzeSeveral(engine, input.files, settings, onProgress)
      : engine.analyze(input.workbook, settings, { onProgress });
    if (input.previous) result = compareRuns(engine, result, input.previous, settings);
    const plan = engine.planOutput(result, input.existing, { generatedAt: input.generatedAt });
    return { result, plan };
  };
}

/**
 * Last year's report through the same engine and settings, then matched with this year's. A report
 * year fixed in the settings is this year's: last year's is the one before.
 */
function compareRuns(
  engine: Engine,
  result: AnalysisResult,
  previous: PreviousWorkbook,
  settings: Settings,
): AnalysisResult {
  const year = settings.reportYear === null ? null : settings.reportYear - 1;
  const last = engine.analyze(previous.workbook, { ...settings, reportYear: year });
  return withComparison(result, compareWithPrevious(result, last, previous.name));
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
  const previous = read.previous ?? options.previous;
  // Let the UI paint the step before the engine takes the thread (when it runs on this one).
  await nextFrame();
  const runner = options.runner ?? inThreadRunner(engine);
  const { result, plan } = await runner(
    {
      workbook: read.workbook,
      existing: read.existing,
      generatedAt: (options.now ?? (() => new Date()))(),
      ...(previous ? { previous } : {}),
      ...(read.files ? { files: read.files } : {}),
    },
    settings,
    (step, done, total) => progress({ step, done, total }),
  );
  progress({ step: 'write', done: 0, total: plan.sheets.length });
  await source.write(plan);
  progress({ step: 'write', done: plan.sheets.length, total: plan.sheets.length });
  return { result, plan, settings, diagnostics: runDiagnostics(result, plan) };
}

function analyzeSeveral(
  engine: Engine,
  files: FilesInput,
  settings: Settings,
  onProgress: EngineProgress,
): AnalysisResult {
  if (!engine.analyzeFiles) throw new EngineError('INTERNAL', 'this engine reads one workbook only');
  return engine.analyzeFiles(files, settings, { onProgress });
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
