/**
 * One run over several workbooks (issue 11 item 2): each department's copy of the 調書 is analysed on
 * its own — so what a layout carries from one sheet to the next never leaks from one file into the
 * next — and the results are put together into one: every address names its file, the report year is
 * settled over all files, the same item in two files is reported, and the counts are made again over
 * every entry. A file that could not be read is a diagnostic naming it; the rest are counted.
 */
import { addr, toA1, type CellAddress } from './address';
import { DiagnosticBag } from './diagnostics';
import type { AnalysisResult, AnalyzeOptions } from './engine';
import { normalizeNumber } from './layouts/common';
import type { Entry } from './model';
import { applyReviewerEdits } from './reviewerEdits';
import { analyze, sortDiagnostics } from './run';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { summarize } from './summary';
import { normalizeText } from './text';
import type { SheetInput, WorkbookInput } from './workbook';

export interface FileInput {
  /** The file's name as the user knows it (a.xlsx); every address of its cells carries it. */
  readonly file: string;
  readonly workbook: WorkbookInput;
  /**
   * The workbook the output goes into (the task pane's open workbook): its addresses keep no file, so
   * that 取組一覧 and 検証結果 link into its sheets as for one workbook.
   */
  readonly local?: boolean;
}

/** A file the adapter could not read (damaged, encrypted, not a workbook), reported, not fatal. */
export interface FileProblem {
  readonly file: string;
  /** Why, in the user's words. */
  readonly reason: string;
  /** True for a file that is not a workbook at all (a .pdf in the folder): information only. */
  readonly notWorkbook?: boolean;
}

export interface FilesInput {
  readonly files: readonly FileInput[];
  readonly problems?: readonly FileProblem[];
  /** The 取組一覧 an earlier run over these files wrote (the output's own), for a reviewer's edits. */
  readonly previousList?: SheetInput;
  /** Title for the run when no file states one (the folder's name). */
  readonly name?: string;
}

function inFile(at: CellAddress, file: string | undefined): CellAddress {
  return file === undefined ? at : { file, sheet: at.sheet, row: at.row, col: at.col };
}

function withFile(e: Entry, file: string | undefined): Entry {
  if (file === undefined) return e;
  return {
    ...e,
    at: inFile(e.at, file),
    ...(e.repeatOf ? { repeatOf: inFile(e.repeatOf, file) } : {}),
  };
}

/** The year most files report (the first file's on a tie), with the first file that reports it. */
function runYear(results: readonly { file: string; result: AnalysisResult }[]): {
  year: number;
  file: string;
} | null {
  const counts = new Map<number, { n: number; file: string }>();
  for (const { file, result } of results) {
    const y = result.reportYear;
    if (y === null) continue;
    const c = counts.get(y);
    if (c) c.n++;
    else counts.set(y, { n: 1, file });
  }
  let best: { year: number; file: string; n: number } | null = null;
  for (const [year, c] of counts) if (!best || c.n > best.n) best = { year, file: c.file, n: c.n };
  return best ? { year: best.year, file: best.file } : null;
}

export function analyzeFiles(
  input: FilesInput,
  settings: Settings = DEFAULT_SETTINGS,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const diagnostics = new DiagnosticBag();
  const fileIndex = new Map(input.files.map((f, i) => [f.file, i]));
  const quiet: AnalyzeOptions = {};
  const progress = options.onProgress ?? (() => undefined);

  let results = input.files.map((f, i) => {
    progress('read', i, input.files.length);
    // A reviewer's edits are carried once, over every file's entries (below), not per file.
    const workbook: WorkbookInput = {
      sheets: f.workbook.sheets,
      ...(f.workbook.name !== undefined ? { name: f.workbook.name } : {}),
    };
    const result = analyze(workbook, settings, quiet);
    return { file: f.file, at: f.local ? undefined : f.file, workbook, result };
  });

  // The report year of the run: the settings', else the one most files state. A file that states
  // none is read again with it (its judged layouts need it); a file stating another is reported.
  const settled = settings.reportYear === null ? runYear(results) : null;
  if (settled) {
    results = results.map((r) =>
      r.result.reportYear === null
        ? { ...r, result: analyze(r.workbook, { ...settings, reportYear: settled.year }, quiet) }
        : r,
    );
    for (const r of results) {
      const y = r.result.reportYear;
      if (y === null || y === settled.year) continue;
      const at = r.result.reportYearSource?.at ?? addr(r.result.sheets[0]?.name ?? '', 0, 0);
      diagnostics.report('FILE_YEAR_DIFFERS', inFile(at, r.at), r.result.reportYearSource?.text ?? '', {
        file: r.file,
        year: y,
        runYear: settled.year,
        runFile: settled.file,
      });
    }
  }

  for (const problem of input.problems ?? []) {
    const code = problem.notWorkbook ? 'FILE_NOT_WORKBOOK' : 'FILE_UNREADABLE';
    diagnostics.report(code, { file: problem.file, sheet: '', row: 0, col: 0 }, '', {
      file: problem.file,
      reason: problem.reason,
    });
  }

  const entries: Entry[] = [];
  const fileOf = new Map<Entry, string>();
  let noYearReported = false;
  for (const { file, at, result } of results) {
    for (const e of result.entries) {
      const tagged = withFile(e, at);
      entries.push(tagged);
      fileOf.set(tagged, file);
    }
    for (const d of result.diagnostics) {
      // Raised once for the run, as for one workbook.
      if (d.code === 'NO_REPORT_YEAR') {
        if (noYearReported) continue;
        noYearReported = true;
      }
      diagnostics.add({ ...d, at: inFile(d.at, at) });
    }
  }
  reportDuplicatesAcrossFiles(entries, fileOf, diagnostics);

  const reviewed = applyReviewerEdits(entries, input.previousList, settings, diagnostics);
  // A title from a heading; a file's own name is no title for the whole run.
  const first = results.find((r) => r.result.title !== null && r.result.titleSource?.from !== 'fileName');
  const yearFrom = settled ? results.find((r) => r.file === settled.file) : results[0];
  const sheetOrder = new Map<string, number>();
  results.forEach(({ at, result }) =>
    result.sheets.forEach((s, i) => sheetOrder.set(`${at ?? ''}\u0000${s.name}`, i)),
  );
  // Files in the order given (the local workbook first), then sheets in their workbook's order.
  const order = (a: CellAddress): number =>
    (a.file === undefined ? -1 : (fileIndex.get(a.file) ?? -1)) * 100000 +
    (sheetOrder.get(`${a.file ?? ''}\u0000${a.sheet}`) ?? 0);
  progress('summarize', input.files.length, input.files.length);

  return {
    settings,
    title: first?.result.title ?? input.name ?? null,
    reportYear: settings.reportYear ?? settled?.year ?? null,
    ...(yearFrom?.result.reportYearSource
      ? {
          reportYearSource: {
            ...yearFrom.result.reportYearSource,
            ...(yearFrom.result.reportYearSource.at
              ? { at: inFile(yearFrom.result.reportYearSource.at, yearFrom.at) }
              : {}),
          },
        }
      : {}),
    ...(first?.result.titleSource
      ? {
          titleSource: {
            ...first.result.titleSource,
            ...(first.result.titleSource.at ? { at: inFile(first.result.titleSource.at, first.at) } : {}),
          },
        }
      : {}),
    sheets: results.flatMap(({ at, result }) =>
      result.sheets.map((s) => (at === undefined ? s : { file: at, ...s })),
    ),
    entries: reviewed.entries,
    summaries: summarize(reviewed.entries, settings),
    statedSummaries: results.flatMap(({ at, result }) =>
      result.statedSummaries.map((s) => ({
        ...s,
        at: inFile(s.at, at),
        rows: s.rows.map((r) => ({ ...r, at: inFile(r.at, at) })),
      })),
    ),
    diagnostics: sortDiagnostics(diagnostics.all, order),
    reviewedJudgements: reviewed.carried,
  };
}

/**
 * The same item — number and title, in the same department, status column and year — reported in
 * two files: both are counted (neither can be known to be the right one) and the second is reported
 * naming the first. One item rated by several departments (契約検査課 A 財政課 A) is not a duplicate.
 */
function reportDuplicatesAcrossFiles(
  entries: readonly Entry[],
  fileOf: ReadonlyMap<Entry, string>,
  diagnostics: DiagnosticBag,
): void {
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    if (e.repeatOf) continue;
    const number = normalizeNumber(e.number);
    const title = normalizeText(e.title);
    if (number === '' && title === '') continue;
    const key = [number, title, normalizeText(e.department), e.column ?? '', e.year ?? ''].join('\u0000');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, e);
      continue;
    }
    if (fileOf.get(first) === fileOf.get(e)) continue; // within one file: the layouts' own checks
    diagnostics.report('DUPLICATE_ACROSS_FILES', e.at, e.number, {
      number: e.number,
      title: e.title,
      firstFile: fileOf.get(first) ?? '',
      firstSheet: first.at.sheet,
      firstCell: toA1(first.at.row, first.at.col),
    });
  }
}
