/**
 * planOutput: the analysis result → a declarative plan of the three output sheets. Pure; the Office
 * and .xlsx adapters only carry it out.
 */
import type { Diagnostic } from '../diagnostics';
import type { AnalysisResult, PlanOptions } from '../engine';
import type { Entry, Summary } from '../model';
import type { ExistingSheet, OutputPlan } from '../outputPlan';
import type { StatusScheme } from '../settings';
import { tableColumnKey } from '../summary';
import { comparisonSheet } from './comparisonSheet';
import { departmentTables } from '../departments';
import { withDepartmentTables } from './departmentTables';
import { diagnosticsSheet } from './diagnosticsSheet';
import { formatStamp, SHEET_LABELS } from './labels';
import { layoutList, listSheet } from './listSheet';
import { nameOutputs } from './names';
import { reportName, summaryHeading, summarySheet } from './summarySheet';

export { criterion, cellSafeText, MAX_CRITERION, MAX_LINKS_PER_SHEET } from './cells';
export { SHEET_LABELS, formatStamp } from './labels';
export { validSheetName } from './names';

export function planOutput(
  result: AnalysisResult,
  existing: readonly ExistingSheet[],
  options: PlanOptions,
): OutputPlan {
  const settings = result.settings;
  const locale = settings.output.locale;
  const labels = SHEET_LABELS[locale];
  const named = nameOutputs(
    {
      summary: settings.output.summarySheet,
      list: settings.output.listSheet,
      diagnostics: settings.output.diagnosticsSheet,
      ...(result.comparison ? { comparison: labels.comparison.sheetName } : {}),
    },
    existing,
  );
  const { names } = named;

  const schemes = new Map<string, StatusScheme>(settings.schemes.map((s) => [s.id, s]));
  const tableLabels = uniqueLabels(result.summaries.map((s) => s.title));
  const tableOf = (e: Entry): string => {
    const i = summaryIndexOf(e, result.summaries);
    return i < 0 ? '' : tableLabels[i]!;
  };
  const list = layoutList(
    result.entries,
    tableOf,
    result.summaries.length > 1,
    labels,
    hasRollUps(result, schemes),
  );

  const diagnostics: Diagnostic[] = [...result.diagnostics, ...named.diagnostics];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;

  const heading = summaryHeading(result.title, result.reportYear, labels);
  const titled = (word: string): string => {
    const name = reportName(result.title, result.reportYear);
    return name === '' ? word : `${name} ${word}`;
  };
  const read = result.sheets.flatMap((s) =>
    // A sheet of one of several files is named as Excel names it: [file]sheet.
    s.layout !== null && s.entries > 0
      ? [{ name: s.file === undefined ? s.name : `[${s.file}]${s.name}`, layout: s.layout }]
      : [],
  );
  const sourcesLine =
    read.length === 0 ? null : labels.sourcesLine(read, result.entries.length, settings.tables);

  const counted = summarySheet({
    name: names.summary,
    listName: names.list,
    diagnosticsName: names.diagnostics,
    heading,
    stamp: formatStamp(options.generatedAt),
    sourcesLine,
    diagnosticCounts: counts,
    summaries: result.summaries,
    tableLabels,
    comparison: result.comparison,
    shareRounding: settings.output.shareRounding ?? 'asIs',
    schemes,
    list,
    labels,
  });
  const summary = withDepartmentTables(counted, {
    tables: departmentTables(result),
    list,
    listName: names.list,
    tableLabels,
    labels,
  });

  const replaced = new Set(named.replace);
  const linkable = new Set<string>([
    ...result.sheets.map((s) => s.name),
    ...existing.filter((s) => !replaced.has(s.name)).map((s) => s.name),
    names.summary,
    names.list,
    names.diagnostics,
    ...(names.comparison !== undefined ? [names.comparison] : []),
  ]);
  const comparison =
    result.comparison && names.comparison !== undefined
      ? [
          comparisonSheet(
            names.comparison,
            result.comparison,
            result.summaries,
            tableLabels,
            linkable,
            titled(labels.comparison.title),
            labels,
          ),
        ]
      : [];

  return {
    sheets: [
      summary,
      ...comparison,
      listSheet(names.list, list, titled(labels.listTitle), labels),
      diagnosticsSheet(
        names.diagnostics,
        diagnostics,
        linkable,
        titled(labels.diagnosticsTitle),
        labels,
        locale,
      ),
    ],
    replace: named.replace,
    activate: names.summary,
    diagnostics: named.diagnostics,
  };
}

/** The 内訳 column is needed when a scheme in use has sub-statuses (達成 under 順調) or an entry has one. */
function hasRollUps(result: AnalysisResult, schemes: ReadonlyMap<string, StatusScheme>): boolean {
  const used = new Set([...result.entries.map((e) => e.scheme), ...result.summaries.map((s) => s.scheme)]);
  for (const id of used) {
    if (schemes.get(id)?.categories.some((c) => c.rollUpTo !== undefined)) return true;
  }
  return result.entries.some((e) => e.status !== null && e.category !== null && e.status !== e.category);
}

/**
 * The summary an entry counts in, as the engine buckets them: planned entries per scheme and year
 * (「令和4年度の計画段階」), every other entry per scheme. -1 when none.
 */
export function summaryIndexOf(e: Entry, summaries: readonly Summary[]): number {
  const planned = e.source === 'planned' && e.year !== undefined;
  const column = tableColumnKey(e);
  return summaries.findIndex(
    (s) =>
      s.scheme === e.scheme &&
      (planned ? s.year === e.year : s.year === undefined) &&
      (column === '' || s.column === e.column),
  );
}

/** Titles made distinct, so each table can be told apart in the list: 「達成状況」「達成状況 (2)」. */
function uniqueLabels(titles: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return titles.map((t) => {
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    return n === 1 ? t : `${t} (${n})`;
  });
}
