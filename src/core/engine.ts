/**
 * The engine's one public façade. Pure: cell grids and settings in; entries, diagnostics,
 * summaries and an output plan out. No Office.js, no file I/O.
 */
import type { Diagnostic } from './diagnostics';
import type { Entry, SheetReport, StatedSummary, Summary } from './model';

import type { Comparison } from './compare';
import type { RunFact } from './layouts/types';
import type { Settings } from './settings';

export type ProgressStep = 'read' | 'recognize' | 'check' | 'summarize' | 'write';

export interface AnalyzeOptions {
  /** Called as each sheet is recognised and checked: step, sheets done, sheets in all. */
  readonly onProgress?: (step: ProgressStep, done: number, total: number) => void;
}

export interface AnalysisResult {
  readonly settings: Settings;
  /** Report title found in the workbook (first heading), or the workbook's name. */
  readonly title: string | null;
  /** Fiscal year judged (settings, title or headers), e.g. 2021. */
  readonly reportYear: number | null;
  /** Where the report year was read (settled once for the run, before any sheet is parsed). */
  readonly reportYearSource?: RunFact<number> | null;
  /** Where the title was read. */
  readonly titleSource?: RunFact<string> | null;
  readonly sheets: readonly SheetReport[];
  readonly entries: readonly Entry[];
  readonly summaries: readonly Summary[];
  readonly statedSummaries: readonly StatedSummary[];
  /** In sheet order, then row, then column. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many entries count under a reviewer's judgement carried over from 取組一覧 (0 when none). */
  readonly reviewedJudgements?: number;
  /** Last year's comparison, when last year's report was given (compare.ts). */
  readonly comparison?: Comparison;
}

export interface PlanOptions {
  /** Time stamp written in the 集計 sheet; fixed in tests. */
  readonly generatedAt: Date;
}

export { planOutput } from './plan';

export { analyze } from './run';

export { analyzeFiles } from './multi';
