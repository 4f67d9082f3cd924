import type { CellAddress } from './address';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every problem the engine can report. Detection lives with the layouts and rules;
 * the words live in messages.ts, keyed by these codes.
 */
export type DiagnosticCode =
  // workbook and sheets
  | 'SHEET_HIDDEN_SKIPPED'
  | 'SHEET_EXCLUDED'
  | 'NO_TABLE_FOUND'
  | 'EMPTY_WORKBOOK'
  | 'OUTPUT_NAME_TAKEN'
  // cells
  | 'CELL_ERROR'
  | 'UNPARSABLE_NUMBER'
  | 'DATE_FOR_NUMBER'
  | 'SHIFTED_ROW'
  | 'COLUMN_NOT_FOUND'
  // statuses
  | 'MISSING_STATUS'
  | 'UNKNOWN_STATUS'
  | 'STATUS_NOTE'
  | 'DUPLICATE_NUMBER'
  | 'STATED_SUMMARY_MISMATCH'
  // computed statuses (indicators, scores, plans)
  | 'MISSING_TARGET'
  | 'MISSING_ACTUAL'
  | 'MISSING_BASELINE'
  | 'UNIT_MISMATCH'
  | 'UNIT_CHANGED'
  | 'NO_REPORT_YEAR'
  | 'STATED_AVERAGE_MISMATCH'
  | 'STATED_LABEL_MISMATCH'
  | 'REPEATED_ENTRY'
  | 'CONFLICTING_REPEAT'
  | 'EXTRA_VALUES'
  | 'PLAN_TARGET_DIRECTION'
  | 'PLAN_FINAL_TARGET_MISMATCH'
  | SafetyDiagnosticCode
  | ReviewDiagnosticCode
  | FilesDiagnosticCode;

/** A run over several departments' files (multi.ts, issue 11). */
export type FilesDiagnosticCode =
  'FILE_UNREADABLE' | 'FILE_NOT_WORKBOOK' | 'FILE_YEAR_DIFFERS' | 'DUPLICATE_ACROSS_FILES';

/** Broken input read with a finding instead of refused (issue 9). */
export type SafetyDiagnosticCode = 'OVERLAPPING_MERGES';

/** A reviewer's change to 取組一覧's 判定区分, carried over or not (issue 9, reviewerEdits.ts). */
export type ReviewDiagnosticCode =
  | 'REVIEWER_JUDGEMENT'
  | 'REVIEWER_JUDGEMENT_REPORT_CHANGED'
  | 'REVIEWER_JUDGEMENT_UNKNOWN'
  | 'REVIEWER_ENTRY_GONE';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The sheet and cell the problem is about; the sheet's A1 for sheet-wide problems. */
  readonly at: CellAddress;
  /** Last cell when the problem covers a range (a shifted row, a table). */
  readonly to?: { readonly row: number; readonly col: number };
  /** The raw value as written in the cell, '' when there is none. */
  readonly value: string;
  /** Code-specific facts the message is built from (expected counts, suggestion, …). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * How much each problem weighs: one severity per code, whichever layout or rule finds it. An error
 * changes a count or leaves an entry uncounted; a warning may make a figure wrong; information is
 * worth knowing. GRADED codes weigh by what they caused (see reportGraded).
 */
export const SEVERITY: Readonly<Record<Exclude<DiagnosticCode, GradedCode>, Severity>> = {
  SHEET_HIDDEN_SKIPPED: 'info',
  SHEET_EXCLUDED: 'info',
  NO_TABLE_FOUND: 'info',
  EMPTY_WORKBOOK: 'error',
  OUTPUT_NAME_TAKEN: 'info',
  CELL_ERROR: 'error',
  OVERLAPPING_MERGES: 'warning',
  UNPARSABLE_NUMBER: 'warning',
  DATE_FOR_NUMBER: 'warning',
  COLUMN_NOT_FOUND: 'info',
  MISSING_STATUS: 'error',
  UNKNOWN_STATUS: 'error',
  STATUS_NOTE: 'info',
  DUPLICATE_NUMBER: 'error',
  STATED_SUMMARY_MISMATCH: 'error',
  MISSING_TARGET: 'warning',
  MISSING_ACTUAL: 'warning',
  UNIT_MISMATCH: 'warning',
  UNIT_CHANGED: 'warning',
  NO_REPORT_YEAR: 'warning',
  STATED_AVERAGE_MISMATCH: 'error',
  STATED_LABEL_MISMATCH: 'error',
  REPEATED_ENTRY: 'info',
  CONFLICTING_REPEAT: 'error',
  EXTRA_VALUES: 'warning',
  PLAN_TARGET_DIRECTION: 'warning',
  PLAN_FINAL_TARGET_MISMATCH: 'warning',
  // The reviewer's judgements carried from an earlier 取組一覧 (reviewerEdits.ts).
  REVIEWER_JUDGEMENT: 'info',
  REVIEWER_JUDGEMENT_UNKNOWN: 'warning',
  REVIEWER_JUDGEMENT_REPORT_CHANGED: 'warning',
  REVIEWER_ENTRY_GONE: 'info',
  // Several files in one run (multi.ts): a file left out or counted twice changes the counts.
  FILE_UNREADABLE: 'error',
  FILE_NOT_WORKBOOK: 'info',
  FILE_YEAR_DIFFERS: 'error',
  DUPLICATE_ACROSS_FILES: 'error',
};

/**
 * Codes whose weight is what they caused, the finder saying which: SHIFTED_ROW is a warning when
 * every rating of the row was recovered and an error when one was not; MISSING_BASELINE is
 * information when the indicator was judged without it and a warning when it could not be.
 */
export type GradedCode = 'SHIFTED_ROW' | 'MISSING_BASELINE';

/** Collects diagnostics in reading order; never throws. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  /** A problem at a cell, with the one severity of its code (SEVERITY). */
  report(
    code: Exclude<DiagnosticCode, GradedCode>,
    at: CellAddress,
    value: string,
    params?: Record<string, string | number>,
    to?: { row: number; col: number },
  ): void {
    this.push(code, SEVERITY[code], at, value, params, to);
  }

  /** A problem whose weight is what it caused (GradedCode). */
  reportGraded(
    code: GradedCode,
    severity: Severity,
    at: CellAddress,
    value: string,
    params?: Record<string, string | number>,
    to?: { row: number; col: number },
  ): void {
    this.push(code, severity, at, value, params, to);
  }

  private push(
    code: DiagnosticCode,
    severity: Severity,
    at: CellAddress,
    value: string,
    params: Record<string, string | number> | undefined,
    to: { row: number; col: number } | undefined,
  ): void {
    this.items.push({
      code,
      severity,
      at,
      value,
      ...(params ? { params } : {}),
      ...(to ? { to } : {}),
    });
  }

  get all(): readonly Diagnostic[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
