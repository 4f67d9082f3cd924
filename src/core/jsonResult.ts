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
import { formatMessage, type Locale } from './messages';
import type { Direction, Entry, LayoutId, StatusSource, Summary } from './model';
import { sheetChanges, type OutputPlan } from './outputPlan';
import type { ReasonCode } from './reasons';
import type { RunFact } from './layouts/types';

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
  readonly layout: LayoutId | null;
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
  readonly layout: LayoutId;
  readonly source: StatusSource;
  readonly year?: number;
  readonly indicator?: JsonIndicator;
  readonly plannedStage?: string;
  readonly reason?: string;
  /** The code of the reason (reasons.ts): 'PACE', 'ACHIEVED', 'PLANNED' … */
  readonly reasonCode?: ReasonCode;
  readonly repeatOf?: JsonCellRef;
  /** True when the entry counts under the office's own judgement (二次評価) from 取組一覧. */
  readonly reviewed?: true;
  /** With `reviewed`: the category and label the report itself gave. */
  readonly reportedCategory?: string | null;
  readonly reportedStatus?: string | null;
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
  /** Percent of `counted`, one decimal (54.8 for 54.8%). */
  readonly shares: Readonly<Record<string, number>>;
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
  /** Per 所管課 (or 部局 when the settings list them) of each summary: counts, total, items behind (issue 11). */
  readonly departments?: readonly JsonDepartmentTable[];
  /** The output sheets written, by role, when the result went into a workbook. */
  readonly output?: { readonly summary: string; readonly list: string; readonly diagnostics: string };
  /** Output sheets added anew, when the result went into a workbook. */
  readonly createdSheets?: readonly string[];
  /** Our old output sheets deleted and written again, when the result went into a workbook. */
  readonly replacedSheets?: readonly string[];
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
  const sheetOf = (role: 'summary' | 'list' | 'diagnostics'): string =>
    plan?.sheets.find((s) => s.role === role)?.name ?? '';
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
    entries: result.entries.map(jsonEntry),
    summaries: result.summaries.map(jsonSummary),
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
    ...jsonDepartments(result),
    ...(plan
      ? {
          output: { summary: sheetOf('summary'), list: sheetOf('list'), diagnostics: sheetOf('diagnostics') },
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

function jsonEntry(e: Entry): JsonEntry {
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
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    ...(e.reasonCode !== undefined ? { reasonCode: e.reasonCode } : {}),
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

/** Percent with one decimal, as offices publish it: 17 of 31 → 54.8. */
export function sharePercent(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
}

function jsonSummary(s: Summary): JsonSummary {
  return {
    scheme: s.scheme,
    ...(s.column !== undefined ? { column: s.column } : {}),
    schemeName: s.schemeName,
    title: s.title,
    ...(s.year !== undefined ? { year: s.year } : {}),
    categories: s.categories,
    total: Object.fromEntries(s.categories.map((c) => [c, s.total[c] ?? 0])),
    shares: Object.fromEntries(s.categories.map((c) => [c, sharePercent(s.total[c] ?? 0, s.counted)])),
    detail: s.detail,
    counted: s.counted,
    groups: s.groups.map((g) => ({ path: g.path, counts: g.counts, total: g.total })),
    unclassified: s.unclassified,
    excluded: s.excluded,
    repeats: s.repeats,
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
