/**
 * The analysis as JSON for other programs (`kaikaku-shukei --json`). A contract: fields may be added,
 * never renamed or dropped; `version` changes only if that promise has to be broken.
 * docs/cli.md describes every field.
 */
import { toA1 } from './address';
import type { Diagnostic, Severity } from './diagnostics';
import type { AnalysisResult } from './engine';
import { runDiagnostics } from './job';
import { departmentTables } from './departments';
import { formatMessage, formatReason, type Locale } from './messages';
import type { AnyLayoutId, Direction, Entry, StatusSource, Summary } from './model';
import { sheetChanges, type OutputPlan, type OutputRole } from './outputPlan';
import type { Reason, ReasonCode } from './reasons';
import type { RunFact } from './layouts/types';
import type { ChangeDirection, Comparison, ItemSide, MatchKind, SummaryComparison } from './compare';
import { SHEET_LABELS } from './plan/labels';
import type { ShareRounding } from './settings';
import { shareTenths } from './shares';

export interface JsonCellRef {
  /** The department's file, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly sheet: string;
  readonly cell: string;
}

export interface JsonSheet {
  /** The department's file, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly name: string;
  /** A built-in layout's id, or 'table:<id>' for a table described in the settings. */
  readonly layout: AnyLayoutId | null;
  readonly entries: number;
  readonly skipped?: 'hidden' | 'excluded';
}

export interface JsonIndicator {
  readonly name: string;
  readonly unit: string;
  readonly baseline: number | string | null;
  readonly target: number | string | null;
  readonly actual: number | string | null;
  readonly direction: Direction | null;
  readonly baselineYear?: number;
  readonly targetYear?: number;
}

export interface JsonEntry {
  /** The department's file, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly sheet: string;
  readonly cell: string;
  readonly group: readonly string[];
  readonly number: string;
  readonly title: string;
  readonly department: string;
  readonly rawStatus: string;
  readonly category: string | null;
  readonly status: string | null;
  readonly excluded: boolean;
  readonly counted: boolean;
  readonly scheme: string;
  /** The status column's header, for a table with several status columns (実施状況, 達成度). */
  readonly column?: string;
  readonly layout: AnyLayoutId;
  readonly source: StatusSource;
  readonly year?: number;
  readonly indicator?: JsonIndicator;
  readonly plannedStage?: string;
  /** Why the category, in words, in the output locale. */
  readonly reason?: string;
  /** The code of the reason (reasons.ts): 'PACE', 'ACHIEVED', 'PLANNED' … */
  readonly reasonCode?: ReasonCode;
  /** The reason's parameters, as its code names them (reasons.ts ReasonParamMap). */
  readonly reasonParams?: Readonly<Record<string, string | number>>;
  /** For a reason that qualifies another (NO_BASELINE, WORST_INDICATOR): that one. */
  readonly reasonCause?: JsonReason;
  readonly repeatOf?: JsonCellRef;
  /** True when the entry counts under the office's own judgement (二次評価) from 取組一覧. */
  readonly reviewed?: true;
  /** With `reviewed`: the category and label the report itself gave. */
  readonly reportedCategory?: string | null;
  readonly reportedStatus?: string | null;
}

/** A reason as data: its code, its parameters, and the reason it qualifies. */
export interface JsonReason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly cause?: JsonReason;
}

export interface JsonSummary {
  readonly scheme: string;
  /** The status column's header, for a table with several status columns (実施状況, 達成度). */
  readonly column?: string;
  readonly schemeName: string;
  readonly title: string;
  readonly year?: number;
  readonly categories: readonly string[];
  readonly total: Readonly<Record<string, number>>;
  /** Percent of `counted`, one decimal (54.8 for 54.8%), rounded as `shareRounding` says. */
  readonly shares: Readonly<Record<string, number>>;
  /** How `shares` were rounded (settings output.shareRounding): 'asIs' or 'largestRemainder'. */
  readonly shareRounding: ShareRounding;
  /** The shares added up, one decimal: 100 unless 'asIs' rounding leaves them off (99.9, 100.1); 0 when nothing counted. */
  readonly sharesTotal: number;
  readonly detail: Readonly<Record<string, number>>;
  readonly counted: number;
  readonly groups: readonly {
    readonly path: readonly string[];
    readonly counts: Readonly<Record<string, number>>;
    readonly total: number;
  }[];
  readonly unclassified: number;
  readonly excluded: number;
  readonly repeats: number;
}

export interface JsonStatedSummary {
  /** The department's file, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly sheet: string;
  readonly cell: string;
  readonly rows: readonly {
    readonly label: string;
    readonly count: number;
    readonly cell: string;
    /** Last year's count, when the table states it (前年度). */
    readonly previous?: number;
    /** The change stated (増減; ▲ is minus). */
    readonly change?: number;
  }[];
}

export interface JsonDiagnostic {
  readonly severity: Severity;
  readonly code: string;
  /** The department's file, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly sheet: string;
  /** A1 of the cell the problem is about (the first cell of a range). */
  readonly cell: string;
  /** "A5:G5" when the problem covers a range. */
  readonly range?: string;
  readonly message: string;
  readonly value: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface JsonDepartmentTable {
  /** The summary's title (summaries[] has the same). */
  readonly title: string;
  readonly scheme: string;
  readonly by: 'division' | 'department';
  /** The categories counted as behind plan. */
  readonly behindCategories: readonly string[];
  readonly rows: readonly {
    readonly name: string;
    /** The 所管課 as written, counted under this row. */
    readonly members: readonly string[];
    readonly counts: Readonly<Record<string, number>>;
    readonly total: number;
    readonly behind: number;
    /** behind / total in percent, one decimal (0 when the total is 0). */
    readonly behindShare: number;
    readonly excluded: number;
    readonly unclassified: number;
  }[];
}

export interface JsonFactSource {
  readonly from: 'settings' | 'heading' | 'label' | 'fileName';
  /** The department's file, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly text: string;
}

/** The `file` field: the department's file, when a run reads several (multi.ts); absent otherwise. */
function fileField(at: { readonly file?: string } | undefined): { file?: string } {
  return at?.file !== undefined ? { file: at.file } : {};
}

function factSource(f: RunFact<unknown> | null | undefined): { reportYearSource?: JsonFactSource } {
  if (!f) return {};
  const at = f.at ? { ...fileField(f.at), sheet: f.at.sheet, cell: toA1(f.at.row, f.at.col) } : {};
  return { reportYearSource: { from: f.from, ...at, text: f.text } };
}

export interface JsonResult {
  readonly version: 1;
  readonly title: string | null;
  readonly reportYear: number | null;
  /**
   * Where the report year was read: `from` settings / heading / label / fileName, with the sheet,
   * cell and text when read from a cell. Absent when no year was found.
   */
  readonly reportYearSource?: JsonFactSource;
  readonly sheets: readonly JsonSheet[];
  readonly entries: readonly JsonEntry[];
  readonly summaries: readonly JsonSummary[];
  readonly statedSummaries: readonly JsonStatedSummary[];
  readonly diagnostics: readonly JsonDiagnostic[];
  /** Entries counted under a reviewer's judgement carried over from the previous 取組一覧. */
  readonly reviewedJudgements: number;
  /** Last year's comparison, when last year's report was given (--previous). */
  readonly comparison?: JsonComparison;
  /** Per 所管課 (or 部局 when the settings list them) of each summary: counts, total, items behind (issue 11). */
  readonly departments?: readonly JsonDepartmentTable[];
  /** The output sheets written, by role, when the result went into a workbook. */
  readonly output?: {
    readonly summary: string;
    readonly list: string;
    readonly diagnostics: string;
    /** The 前年度比較 sheet, when last year's report was given. */
    readonly comparison?: string;
  };
  /** Output sheets added anew, when the result went into a workbook. */
  readonly createdSheets?: readonly string[];
  /** Our old output sheets deleted and written again, when the result went into a workbook. */
  readonly replacedSheets?: readonly string[];
}

/** One side of a changed item: where it is and how that year's report rates it. */
export interface JsonItemSide {
  /** For last year's side, the sheet as in last year's workbook (see `comparison.previous.file`). */
  readonly sheet: string;
  readonly cell: string;
  readonly number: string;
  readonly title: string;
  readonly department: string;
  readonly rawStatus: string;
  readonly category: string | null;
  readonly excluded: boolean;
  readonly scheme: string;
}

export interface JsonComparison {
  readonly previous: { readonly file: string; readonly reportYear: number | null };
  /** Items found in both years. */
  readonly matched: number;
  /**
   * Per summary paired with last year's table: `summary` (index in `summaries`), last year's title,
   * scheme, counts per category, the change, totals and groups, as compare.ts defines them.
   */
  readonly summaries: readonly SummaryComparison[];
  /** Items whose category changed, new ones, then dropped ones. */
  readonly changes: readonly {
    /** Index in `summaries` (-1 for a dropped item of a table this year does not have). */
    readonly summary: number;
    readonly direction: ChangeDirection;
    /** The direction in words: 改善 / 後退 / 新規 / 終了 / 区分変更. */
    readonly directionLabel: string;
    /** How the pair was matched: 'exact', 'number' (near title) or 'title' (number changed). */
    readonly match?: MatchKind;
    readonly current?: JsonItemSide;
    readonly previous?: JsonItemSide;
  }[];
}

export interface JsonOptions {
  readonly locale?: Locale;
  /** The plan carried out: adds its own diagnostics and the output sheet names. */
  readonly plan?: OutputPlan;
}

export function buildJsonResult(result: AnalysisResult, options: JsonOptions = {}): JsonResult {
  const locale = options.locale ?? result.settings.output.locale;
  const diagnostics = runDiagnostics(result, options.plan);
  const plan = options.plan;
  const sheetOf = (role: OutputRole): string => plan?.sheets.find((s) => s.role === role)?.name ?? '';
  return {
    version: 1,
    title: result.title,
    reportYear: result.reportYear,
    ...factSource(result.reportYearSource),
    sheets: result.sheets.map((s) => ({
      ...(s.file !== undefined ? { file: s.file } : {}),
      name: s.name,
      layout: s.layout,
      entries: s.entries,
      ...(s.skipped ? { skipped: s.skipped } : {}),
    })),
    entries: result.entries.map((e) => jsonEntry(e, locale)),
    summaries: result.summaries.map((s) => jsonSummary(s, result.settings.output.shareRounding ?? 'asIs')),
    statedSummaries: result.statedSummaries.map((s) => ({
      ...fileField(s.at),
      sheet: s.at.sheet,
      cell: toA1(s.at.row, s.at.col),
      rows: s.rows.map((r) => ({
        label: r.label,
        count: r.count,
        cell: toA1(r.at.row, r.at.col),
        ...(r.previous !== undefined ? { previous: r.previous } : {}),
        ...(r.change !== undefined ? { change: r.change } : {}),
      })),
    })),
    diagnostics: diagnostics.map((d) => jsonDiagnostic(d, locale)),
    reviewedJudgements: result.reviewedJudgements ?? 0,
    ...(result.comparison ? { comparison: jsonComparison(result.comparison, locale) } : {}),
    ...jsonDepartments(result),
    ...(plan
      ? {
          output: {
            summary: sheetOf('summary'),
            list: sheetOf('list'),
            diagnostics: sheetOf('diagnostics'),
            ...(plan.sheets.some((s) => s.role === 'comparison')
              ? { comparison: sheetOf('comparison') }
              : {}),
          },
          createdSheets: sheetChanges(plan).created,
          replacedSheets: sheetChanges(plan).replaced,
        }
      : {}),
  };
}

function jsonDepartments(result: AnalysisResult): { departments?: JsonDepartmentTable[] } {
  const tables = departmentTables(result);
  if (tables.length === 0) return {};
  return {
    departments: tables.map((t) => ({
      title: t.title,
      scheme: result.summaries[t.summary]?.scheme ?? '',
      by: t.by,
      behindCategories: t.behindCategories,
      rows: t.rows.map((r) => ({ ...r, behindShare: sharePercent(r.behind, r.total) })),
    })),
  };
}

function jsonEntry(e: Entry, locale: Locale): JsonEntry {
  return {
    ...fileField(e.at),
    sheet: e.at.sheet,
    cell: toA1(e.at.row, e.at.col),
    group: e.group,
    number: e.number,
    title: e.title,
    department: e.department,
    rawStatus: e.rawStatus,
    category: e.category,
    status: e.status,
    excluded: e.excluded,
    counted: !e.repeatOf && !e.excluded && e.category !== null,
    scheme: e.scheme,
    ...(e.column !== undefined ? { column: e.column } : {}),
    layout: e.layout,
    source: e.source,
    ...(e.year !== undefined ? { year: e.year } : {}),
    ...(e.indicator ? { indicator: { ...e.indicator } } : {}),
    ...(e.plannedStage !== undefined ? { plannedStage: e.plannedStage } : {}),
    ...(e.reason !== undefined
      ? {
          reason: formatReason(e.reason, locale),
          reasonCode: e.reason.code,
          reasonParams: e.reason.params,
          ...(e.reason.cause ? { reasonCause: jsonReason(e.reason.cause) } : {}),
        }
      : {}),
    ...(e.repeatOf
      ? {
          repeatOf: {
            ...fileField(e.repeatOf),
            sheet: e.repeatOf.sheet,
            cell: toA1(e.repeatOf.row, e.repeatOf.col),
          },
        }
      : {}),
    ...(e.reported
      ? { reviewed: true, reportedCategory: e.reported.category, reportedStatus: e.reported.status }
      : {}),
  };
}

function jsonReason(r: Reason): JsonReason {
  return { code: r.code, params: r.params, ...(r.cause ? { cause: jsonReason(r.cause) } : {}) };
}

/** Percent with one decimal, as offices publish it: 17 of 31 → 54.8. */
export function sharePercent(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
}

function jsonSummary(s: Summary, shareRounding: ShareRounding): JsonSummary {
  const tenths = shareTenths(
    s.categories.map((c) => s.total[c] ?? 0),
    shareRounding,
  );
  return {
    scheme: s.scheme,
    ...(s.column !== undefined ? { column: s.column } : {}),
    schemeName: s.schemeName,
    title: s.title,
    ...(s.year !== undefined ? { year: s.year } : {}),
    categories: s.categories,
    total: Object.fromEntries(s.categories.map((c) => [c, s.total[c] ?? 0])),
    shares: Object.fromEntries(s.categories.map((c, i) => [c, tenths[i]! / 10])),
    shareRounding,
    sharesTotal: tenths.reduce((a, b) => a + b, 0) / 10,
    detail: s.detail,
    counted: s.counted,
    groups: s.groups.map((g) => ({ path: g.path, counts: g.counts, total: g.total })),
    unclassified: s.unclassified,
    excluded: s.excluded,
    repeats: s.repeats,
  };
}

function jsonSide(s: ItemSide): JsonItemSide {
  return {
    sheet: s.at.sheet,
    cell: toA1(s.at.row, s.at.col),
    number: s.number,
    title: s.title,
    department: s.department,
    rawStatus: s.rawStatus,
    category: s.category,
    excluded: s.excluded,
    scheme: s.scheme,
  };
}

function jsonComparison(c: Comparison, locale: Locale): JsonComparison {
  const words = SHEET_LABELS[locale].comparison.directions;
  return {
    previous: { file: c.previousName, reportYear: c.previousYear },
    matched: c.matched,
    summaries: c.summaries.map((s) => ({
      summary: s.summary,
      previousTitle: s.previousTitle,
      previousScheme: s.previousScheme,
      previous: s.previous,
      change: s.change,
      previousCounted: s.previousCounted,
      changeCounted: s.changeCounted,
      previousExcluded: s.previousExcluded,
      groups: s.groups.map((g) => ({ path: g.path, previous: g.previous, previousTotal: g.previousTotal })),
    })),
    changes: c.changes.map((x) => ({
      summary: x.summary,
      direction: x.direction,
      directionLabel: words[x.direction],
      ...(x.match !== undefined ? { match: x.match } : {}),
      ...(x.current ? { current: jsonSide(x.current) } : {}),
      ...(x.previous ? { previous: jsonSide(x.previous) } : {}),
    })),
  };
}

function jsonDiagnostic(d: Diagnostic, locale: Locale): JsonDiagnostic {
  const cell = toA1(d.at.row, d.at.col);
  const end = d.to ? toA1(d.to.row, d.to.col) : cell;
  return {
    severity: d.severity,
    code: d.code,
    ...fileField(d.at),
    sheet: d.at.sheet,
    cell,
    ...(end !== cell ? { range: `${cell}:${end}` } : {}),
    message: formatMessage(d, locale),
    value: d.value,
    ...(d.params ? { params: d.params } : {}),
  };
}
