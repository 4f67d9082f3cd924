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
  | TableDiagnosticCode
  | ComparisonDiagnosticCode
  | FilesDiagnosticCode;

/** A run over several departments' files (multi.ts, issue 11). */
export type FilesDiagnosticCode =
  'FILE_UNREADABLE' | 'FILE_NOT_WORKBOOK' | 'FILE_YEAR_DIFFERS' | 'DUPLICATE_ACROSS_FILES';

/** Broken input read with a finding instead of refused (issue 9). */
export type SafetyDiagnosticCode = 'OVERLAPPING_MERGES';

/** A table described in the settings (settings.tables, layouts/settingsTable.ts). */
export type TableDiagnosticCode = 'TABLE_HEADER_NOT_FOUND';

/** A reviewer's change to 取組一覧's 判定区分, carried over or not (issue 9, reviewerEdits.ts). */
export type ReviewDiagnosticCode =
  | 'REVIEWER_JUDGEMENT'
  | 'REVIEWER_JUDGEMENT_REPORT_CHANGED'
  | 'REVIEWER_JUDGEMENT_UNKNOWN'
  | 'REVIEWER_ENTRY_GONE';

/** Matching this year's items with last year's (issue 11, compare.ts). */
export type ComparisonDiagnosticCode =
  'PREVIOUS_AMBIGUOUS' | 'PREVIOUS_MATCHED_NEAR' | 'PREVIOUS_NOT_FOUND' | 'PREVIOUS_DROPPED';

/** No parameters: the code says it all. */
export type NoParams = Record<never, never>;

/**
 * The facts each code's message is built from, named as messages.ts words them (its templates are
 * typed by this map, so a message can use only the parameters its code has). They are also the
 * JSON's `params`, so a parameter kept only for programs (MISSING_STATUS's number) stays here.
 * Years in MISSING_TARGET / MISSING_ACTUAL are already written as the report writes them (令和3年度).
 */
export interface DiagnosticParamMap {
  readonly SHEET_HIDDEN_SKIPPED: NoParams;
  readonly SHEET_EXCLUDED: NoParams;
  readonly NO_TABLE_FOUND: NoParams;
  readonly EMPTY_WORKBOOK: NoParams;
  /** `name` is the user's sheet kept, `used` the name the output went to. */
  readonly OUTPUT_NAME_TAKEN: { readonly name: string; readonly used: string };
  /** The error value as written (#REF!, #N/A …). */
  readonly CELL_ERROR: { readonly error: string };
  /** `field` is the column or row as headed (目標値, 平均値). */
  readonly UNPARSABLE_NUMBER: { readonly field: string };
  readonly DATE_FOR_NUMBER: { readonly field: string };
  /** `expected` names the column the value belongs under; without it, `column` is the letter it sits in. */
  readonly SHIFTED_ROW: {
    readonly shift: number;
    readonly expected?: string;
    readonly column: string;
    readonly found: string;
  };
  /** `words` are the header words tried, joined; `setting` the key to add one to. */
  readonly COLUMN_NOT_FOUND: { readonly column: string; readonly words: string; readonly setting: string };
  readonly MISSING_STATUS: { readonly title: string; readonly number?: string };
  /** `suggestion` is the closest label, when one is close enough. */
  readonly UNKNOWN_STATUS: { readonly status: string; readonly scheme: string; readonly suggestion?: string };
  readonly STATUS_NOTE: { readonly status: string; readonly note: string };
  readonly DUPLICATE_NUMBER: RepeatParams;
  /** `scheme` is the scheme's id, for programs. */
  readonly STATED_SUMMARY_MISMATCH: {
    readonly label: string;
    readonly stated: number;
    readonly counted: number;
    readonly scheme: string;
  };
  readonly MISSING_TARGET: { readonly indicator: string; readonly year: string };
  readonly MISSING_ACTUAL: { readonly indicator: string; readonly year: string };
  /** With `target` (a direction target): not judged; without: judged as actual / target. */
  readonly MISSING_BASELINE: { readonly indicator: string; readonly target?: string };
  readonly UNIT_MISMATCH: {
    readonly indicator: string;
    readonly targetUnit: string;
    readonly actualUnit: string;
  };
  readonly UNIT_CHANGED: { readonly indicator: string; readonly from: string; readonly to: string };
  readonly NO_REPORT_YEAR: NoParams;
  readonly STATED_AVERAGE_MISMATCH: { readonly stated: string; readonly computed: string };
  readonly STATED_LABEL_MISMATCH: { readonly stated: string; readonly computed: string };
  readonly REPEATED_ENTRY: RepeatParams;
  readonly CONFLICTING_REPEAT: RepeatParams;
  readonly EXTRA_VALUES: { readonly years: number; readonly values: number };
  readonly PLAN_TARGET_DIRECTION: { readonly from: string; readonly to: string; readonly goal: string };
  readonly PLAN_FINAL_TARGET_MISMATCH: { readonly last: string; readonly goal: string };
  /** Both ranges in A1 (B2:C3). */
  readonly OVERLAPPING_MERGES: { readonly range: string; readonly other: string };
  readonly REVIEWER_JUDGEMENT: ReviewerJudgementParams;
  readonly REVIEWER_JUDGEMENT_REPORT_CHANGED: ReviewerJudgementParams;
  readonly REVIEWER_JUDGEMENT_UNKNOWN: {
    readonly after: string;
    readonly scheme: string;
    readonly sheet: string;
    readonly cell: string;
    readonly reported: string;
  };
  readonly REVIEWER_ENTRY_GONE: {
    readonly after: string;
    readonly sheet: string;
    readonly cell: string;
    readonly number: string;
  };
  /** `name` is the table's name in the settings, `words` its status columns' words, `setting` the key to fix. */
  readonly TABLE_HEADER_NOT_FOUND: {
    readonly name: string;
    readonly words: string;
    readonly setting: string;
  };
  /** `candidates` are last year's cells that could be this item, joined; `number` this year's. */
  readonly PREVIOUS_AMBIGUOUS: { readonly number: string; readonly candidates: string };
  /** `previous` is last year's cell ([file]sheet!A1). */
  readonly PREVIOUS_MATCHED_NEAR: {
    readonly number: string;
    readonly previousNumber: string;
    readonly previousTitle: string;
    readonly previous: string;
  };
  /** `file` is last year's file name. */
  readonly PREVIOUS_NOT_FOUND: { readonly number: string; readonly file: string };
  readonly PREVIOUS_DROPPED: { readonly number: string; readonly file: string };
  /** `reason` is why the file could not be read, in words (the reader's error). */
  readonly FILE_UNREADABLE: { readonly file: string; readonly reason: string };
  readonly FILE_NOT_WORKBOOK: { readonly file: string; readonly reason: string };
  /** `year` is the file's fiscal year, `runYear` the run's and `runFile` the file it came from. */
  readonly FILE_YEAR_DIFFERS: {
    readonly file: string;
    readonly year: number;
    readonly runYear: number;
    readonly runFile: string;
  };
  readonly DUPLICATE_ACROSS_FILES: {
    readonly number: string;
    readonly title: string;
    readonly firstFile: string;
    readonly firstSheet: string;
    readonly firstCell: string;
  };
}

/** A number seen before: where it was first. */
export type RepeatParams = {
  readonly number: string;
  readonly firstSheet: string;
  readonly firstCell: string;
};

/**
 * A reviewer's judgement counted: `list` is the 取組一覧 cell, `before` what it replaced, `after` the
 * judgement, `reported` the report's category now and `then` the report's when the list was written.
 */
export type ReviewerJudgementParams = {
  readonly list: string;
  readonly before: string;
  readonly after: string;
  readonly reported: string;
  readonly then: string;
};

/** The parameters of one code. */
export type DiagnosticParams<C extends DiagnosticCode> = DiagnosticParamMap[C];

/** The last cell of a problem that covers a range. */
export interface CellEnd {
  readonly row: number;
  readonly col: number;
}

interface DiagnosticBase {
  readonly severity: Severity;
  /** The sheet and cell the problem is about; the sheet's A1 for sheet-wide problems. */
  readonly at: CellAddress;
  /** Last cell when the problem covers a range (a shifted row, a table). */
  readonly to?: CellEnd;
  /** The raw value as written in the cell, '' when there is none. */
  readonly value: string;
}

/** A code without parameters has no `params`; any other has exactly its own. */
type ParamsField<C extends DiagnosticCode> = keyof DiagnosticParamMap[C] extends never
  ? { readonly params?: undefined }
  : { readonly params: DiagnosticParamMap[C] };

/** One problem found: its code, with that code's parameters (DiagnosticParamMap); any code by default. */
export type Diagnostic<C extends DiagnosticCode = DiagnosticCode> = DiagnosticOfCode[C];

type DiagnosticOfCode = {
  readonly [C in DiagnosticCode]: DiagnosticBase & { readonly code: C } & ParamsField<C>;
};

/** Narrows a diagnostic to one code, so that its parameters can be read by name. */
export function hasCode<C extends DiagnosticCode>(d: Diagnostic, code: C): d is Diagnostic<C> {
  return d.code === code;
}

/** What report() takes after the value: the code's parameters (none for a code without), then the range's end. */
export type ReportArgs<C extends DiagnosticCode> = keyof DiagnosticParamMap[C] extends never
  ? [params?: undefined, to?: CellEnd]
  : [params: DiagnosticParamMap[C], to?: CellEnd];

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
  // A table the settings describe for this sheet is not found on it: the sheet may go uncounted.
  TABLE_HEADER_NOT_FOUND: 'warning',
  // Last year's comparison (compare.ts): an ambiguous match leaves an item out of the change list.
  PREVIOUS_AMBIGUOUS: 'warning',
  PREVIOUS_MATCHED_NEAR: 'info',
  PREVIOUS_NOT_FOUND: 'info',
  PREVIOUS_DROPPED: 'info',
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

  /** A problem at a cell, with the one severity of its code (SEVERITY) and that code's parameters. */
  report<C extends Exclude<DiagnosticCode, GradedCode>>(
    code: C,
    at: CellAddress,
    value: string,
    ...args: ReportArgs<C>
  ): void {
    this.push(code, SEVERITY[code], at, value, args[0], args[1]);
  }

  /** A problem whose weight is what it caused (GradedCode). */
  reportGraded<C extends GradedCode>(
    code: C,
    severity: Severity,
    at: CellAddress,
    value: string,
    ...args: ReportArgs<C>
  ): void {
    this.push(code, severity, at, value, args[0], args[1]);
  }

  private push(
    code: DiagnosticCode,
    severity: Severity,
    at: CellAddress,
    value: string,
    params: object | undefined,
    to: CellEnd | undefined,
  ): void {
    // The public methods tie params to code (ReportArgs); here they are only stored.
    this.items.push({
      code,
      severity,
      at,
      value,
      ...(params ? { params } : {}),
      ...(to ? { to } : {}),
    } as Diagnostic);
  }

  get all(): readonly Diagnostic[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
