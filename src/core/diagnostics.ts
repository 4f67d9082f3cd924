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
  | ReviewDiagnosticCode;

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

/** Collects diagnostics in reading order; never throws. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  report(
    code: DiagnosticCode,
    severity: Severity,
    at: CellAddress,
    value: string,
    params?: Record<string, string | number>,
    to?: { row: number; col: number },
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
