/**
 * analyze(): the whole engine run on plain cell grids. Selects the sheets, finds the report's title
 * and year, recognises each sheet's layout and parses it (a report split over several sheets reads
 * as one), checks cells, numbers and stated summaries, and summarises.
 */
import { addr, rangeToA1, toA1, type CellAddress } from './address';
import { DiagnosticBag, type Diagnostic } from './diagnostics';
import type { AnalysisResult, AnalyzeOptions } from './engine';
import { conceptKeys, findStatedSummaries, mergeSynonyms, normalizeNumber } from './layouts/common';
import { LAYOUT_LABELS, LAYOUTS } from './layouts/index';
import { layoutScheme, recogniseTable } from './layouts/settingsTable';
import type {
  BuiltInLayout,
  Layout,
  LayoutCarry,
  LayoutContext,
  LayoutResult,
  RunContext,
} from './layouts/types';
import type { AnyLayoutId, Entry, SheetReport, StatedSummary, Summary } from './model';
import { classifyStatus } from './status';
import { settleRunFacts } from './reportMeta';
import { applyReviewerEdits } from './reviewerEdits';
import { DEFAULT_SETTINGS, findScheme, type Settings } from './settings';
import { Sheet } from './sheet';
import { checkStatedSummary, summarize, summarizeEntries, SUMMARY_TITLE } from './summary';
import type { MergeArea, SheetInput, WorkbookInput } from './workbook';
import { pushAll } from './text';

/** A layout must be at least this sure (detect() from 0 to 1) to parse a sheet. */
export const DETECT_THRESHOLD = 0.5;

type Skip = 'hidden' | 'excluded';

/**
 * Why a sheet is not read, or null when it is. The add-in's own output sheets never get here: the
 * adapters leave out the sheets they can prove are theirs (ownership.ts), so a user's own sheet that
 * happens to be called 集計 is read like any other.
 */
function skipReason(input: SheetInput, settings: Settings): Skip | null {
  const { include, exclude } = settings.sheets;
  const included = include.includes(input.name);
  if (exclude.includes(input.name)) return 'excluded';
  if (include.length > 0 && !included) return 'excluded';
  if (!included && (input.visibility ?? 'visible') !== 'visible') return 'hidden';
  return null;
}

/**
 * The layout surest of the sheet, when sure enough. The sheet's index notes the label keys it holds
 * (one scan, when the sheet is built): a layout none of whose labels stands there is not asked, and
 * each detect() reads only the rows its labels stand on.
 */
function recognise(sheet: Sheet, settings: Settings): Layout | null {
  let best: Layout | null = null;
  let bestScore = 0;
  for (const layout of LAYOUTS) {
    if (!sheet.hasAnyKey(layoutKeys(layout, settings))) continue;
    const score = layout.detect(sheet, settings);
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  return bestScore >= DETECT_THRESHOLD ? best : null;
}

/** Every label key of a layout's concepts, its built-in words and the settings' (every detect() needs one). */
function layoutKeys(layout: BuiltInLayout, settings: Settings): readonly string[] {
  return conceptKeys(mergeSynonyms(LAYOUT_LABELS[layout.id], settings, layout.id));
}

interface Parsed {
  readonly layout: Layout;
  readonly result: LayoutResult;
}

export function analyze(
  workbook: WorkbookInput,
  settings: Settings = DEFAULT_SETTINGS,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const progress = options.onProgress ?? (() => undefined);
  const diagnostics = new DiagnosticBag();
  const sheetIndex = new Map(workbook.sheets.map((s, i) => [s.name, i]));
  const reports: SheetReport[] = [];
  const selected: Sheet[] = [];

  progress('read', 0, workbook.sheets.length);
  for (const input of workbook.sheets) {
    const skip = skipReason(input, settings);
    if (skip === 'hidden') {
      diagnostics.report('SHEET_HIDDEN_SKIPPED', addr(input.name, 0, 0), '');
      reports.push({ name: input.name, layout: null, entries: 0, skipped: 'hidden' });
    } else if (skip === 'excluded') {
      diagnostics.report('SHEET_EXCLUDED', addr(input.name, 0, 0), '');
      reports.push({ name: input.name, layout: null, entries: 0, skipped: 'excluded' });
    } else {
      selected.push(new Sheet(input));
      reports.push({ name: input.name, layout: null, entries: 0 });
    }
  }
  if (selected.length === 0) {
    diagnostics.report('EMPTY_WORKBOOK', addr(workbook.sheets[0]?.name ?? '', 0, 0), '');
  }

  // First pass: each sheet's layout, then the facts of the whole run, before any sheet is parsed.
  // A table the settings describe outranks the built-in layouts on a sheet where it is found.
  const recognised = selected.map(
    (sheet) => recogniseTable(sheet, settings, diagnostics) ?? recognise(sheet, settings),
  );
  const facts = settleRunFacts(selected, recognised, settings.reportYear, workbook.name, settings);
  const reportYear = facts.reportYear?.value ?? null;
  let needYearAt: CellAddress | null = null;
  const run: RunContext = {
    ...facts,
    needYear: (at) => {
      needYearAt ??= at;
    },
  };
  const context = (
    carry: LayoutCarry,
    bag: DiagnosticBag = diagnostics,
    runCtx: RunContext = run,
  ): LayoutContext => ({
    settings,
    diagnostics: bag,
    reportYear,
    run: runCtx,
    carry,
  });

  const carries = new Carries();
  const entries: Entry[] = [];
  const stated: { layout: AnyLayoutId; summary: StatedSummary }[] = [];
  const entryCount = new Map<string, number>();
  let previous: Layout | null = null;
  const looseStated: StatedSummary[] = [];

  const collect = (sheetName: string | null, parsed: Parsed): void => {
    for (const e of parsed.result.entries) {
      entries.push(e);
      entryCount.set(e.at.sheet, (entryCount.get(e.at.sheet) ?? 0) + 1);
    }
    for (const s of parsed.result.statedSummaries) stated.push({ layout: parsed.layout.id, summary: s });
    if (sheetName !== null && parsed.result.carry) carries.store(parsed.layout.id, parsed.result.carry);
  };

  selected.forEach((sheet, i) => {
    for (const o of sheet.overlappingMerges) {
      const range = (m: MergeArea): string =>
        rangeToA1({
          sheet: sheet.name,
          start: { row: m.top, col: m.left },
          end: { row: m.bottom, col: m.right },
        });
      diagnostics.report('OVERLAPPING_MERGES', addr(sheet.name, o.merge.top, o.merge.left), '', {
        range: range(o.merge),
        other: range(o.other),
      });
    }
    const parsed = parseSheet(sheet, recognised[i] ?? null) ?? continuation(sheet);
    if (parsed) {
      collect(sheet.name, parsed);
      setLayout(sheet.name, parsed.layout.id);
      previous = parsed.layout;
    } else {
      diagnostics.report('NO_TABLE_FOUND', addr(sheet.name, 0, 0), '');
      // A summary sheet of the office's own (達成状況 | 件数) is checked against the report's counts.
      pushAll(looseStated, findStatedSummaries(sheet));
    }
    progress('recognize', i + 1, selected.length);
  });

  function parseSheet(sheet: Sheet, layout: Layout | null): Parsed | null {
    if (!layout) return null;
    return { layout, result: layout.parse(sheet, context(carries.take(layout.id))) };
  }

  /**
   * A sheet no layout recognises may only continue the previous sheet (no header of its own): it is
   * read by the previous sheet's layout, with that layout's carry, and kept when it adds entries or
   * moves the carried state on (a card's status); otherwise its diagnostics are thrown away.
   */
  function continuation(sheet: Sheet): Parsed | null {
    if (!previous || !carries.has(previous.id)) return null;
    const trial = new DiagnosticBag();
    let trialNeed: CellAddress | null = null;
    const trialRun: RunContext = { ...facts, needYear: (at) => void (trialNeed ??= at) };
    const result = previous.parse(sheet, context(carries.take(previous.id), trial, trialRun));
    if (result.entries.length === 0 && !carries.movedOn(previous.id, result.carry ?? {})) return null;
    for (const d of trial.all) diagnostics.add(d);
    if (trialNeed) run.needYear(trialNeed);
    return { layout: previous, result };
  }

  function setLayout(name: string, layout: AnyLayoutId): void {
    const idx = reports.findIndex((r) => r.name === name);
    if (idx >= 0) reports[idx] = { ...reports[idx]!, layout };
  }

  // Close what the last sheets left open (a card whose status never came).
  const builtIn: readonly Layout[] = LAYOUTS;
  for (const layout of builtIn) {
    if (!carries.has(layout.id) || !layout.finish) continue;
    collect(null, { layout, result: layout.finish(context(carries.take(layout.id))) });
  }
  // Raised once for the run, at the first cell that needed the year.
  if (needYearAt) diagnostics.report('NO_REPORT_YEAR', needYearAt, '');

  const main = mainLayout(entries);
  if (main) for (const summary of looseStated) stated.push({ layout: main, summary });

  for (const sheet of selected) reportCellErrors(sheet, diagnostics);

  const order = (a: CellAddress): number => sheetIndex.get(a.sheet) ?? -1;
  const sortedEntries = stableSort(entries, (a, b) => compareAddress(a.at, b.at, order));
  reportDuplicateNumbers(sortedEntries, diagnostics);
  // The office's own judgements from the 取組一覧 an earlier run wrote (二次評価), over the report's.
  const reviewed = applyReviewerEdits(sortedEntries, workbook.previousList, settings, diagnostics);
  progress('check', selected.length, selected.length);

  const summaries = summarize(reviewed.entries, settings);
  for (const { layout, summary } of stated) {
    const schemeId = statedScheme(summary, layoutScheme(layout, settings), summaries, settings);
    const scheme = findScheme(settings, schemeId);
    if (!scheme) continue;
    const counted =
      summaries.find((s) => s.scheme === schemeId && s.year === undefined) ??
      summarizeEntries([], scheme, SUMMARY_TITLE);
    // A table that runs to the end of its sheet may go on on the next one: no row is "left out".
    const sheet = selected.find((x) => x.name === summary.at.sheet);
    const lastRow = summary.rows[summary.rows.length - 1]?.at.row ?? summary.at.row;
    const complete = !sheet || lastRow < sheet.rowCount - 1;
    checkStatedSummary(summary, counted, scheme, diagnostics, complete);
  }
  progress('summarize', selected.length, selected.length);

  return {
    settings,
    title: facts.title?.value ?? null,
    reportYear,
    reportYearSource: facts.reportYear,
    titleSource: facts.title,
    sheets: reports.map((r) => (r.skipped ? r : { ...r, entries: entryCount.get(r.name) ?? 0 })),
    entries: reviewed.entries,
    summaries,
    statedSummaries: stated.map((s) => s.summary),
    diagnostics: sortDiagnostics(diagnostics.all, order),
    reviewedJudgements: reviewed.carried,
  };
}

/**
 * The scheme a stated table counts in: of the schemes counted in this run, the one that reads most
 * of its row labels (実施状況's table: 完了 / 取組中 / 未着手; 達成度's: 達成 / 一部達成 / 未達成), the
 * layout's own on a tie.
 */
function statedScheme(
  stated: StatedSummary,
  layoutScheme: string,
  summaries: readonly Summary[],
  settings: Settings,
): string {
  const ids = [layoutScheme, ...summaries.filter((s) => s.year === undefined).map((s) => s.scheme)];
  let best = layoutScheme;
  let bestReads = -1;
  for (const id of new Set(ids)) {
    const scheme = findScheme(settings, id);
    if (!scheme) continue;
    const reads = stated.rows.filter(
      (r) => classifyStatus(r.label.replace(/^\s*うち\s*/, ''), scheme).kind === 'matched',
    ).length;
    if (reads > bestReads) {
      best = id;
      bestReads = reads;
    }
  }
  return best;
}

/**
 * The state each layout carries from one sheet to the next, by layout id: stored as its last sheet
 * handed it on, and given to each parse as a fresh copy (copyCarry), so that no layout copies a
 * carry, a parse may change what it is given, and a trial parse thrown away changes nothing.
 */
export class Carries {
  private readonly saved = new Map<AnyLayoutId, LayoutCarry>();

  store(id: AnyLayoutId, carry: LayoutCarry): void {
    this.saved.set(id, carry);
  }

  has(id: AnyLayoutId): boolean {
    return this.saved.has(id);
  }

  /** A fresh copy of what the last sheet of layout `id` handed on; empty when none did. */
  take(id: AnyLayoutId): LayoutCarry {
    const carry = this.saved.get(id);
    return carry ? copyCarry(carry) : {};
  }

  /** True when `carry` differs from the one stored for `id`: a sheet moved the state on. */
  movedOn(id: AnyLayoutId, carry: LayoutCarry): boolean {
    return JSON.stringify(carry) !== JSON.stringify(this.saved.get(id) ?? {});
  }
}

/**
 * The one copy of a carried state. Plain objects and arrays are copied deeply; a frozen object
 * cannot change and is shared: what grows with the whole report (scoredSheets' seen) is handed on
 * frozen, so that a sheet does not cost as much as the report so far.
 */
export function copyCarry<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(copyValue);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = copyValue(v);
  return out;
}

/** The layout most entries came from: the report a loose summary table speaks of. */
function mainLayout(entries: readonly Entry[]): AnyLayoutId | null {
  const counts = new Map<AnyLayoutId, number>();
  for (const e of entries) counts.set(e.layout, (counts.get(e.layout) ?? 0) + 1);
  let best: AnyLayoutId | null = null;
  for (const [layout, n] of counts) if (best === null || n > counts.get(best)!) best = layout;
  return best;
}

/** CELL_ERROR once for every error value (#REF!, #N/A, …) in a sheet that was read. */
function reportCellErrors(sheet: Sheet, diagnostics: DiagnosticBag): void {
  for (let r = 0; r < sheet.rowCount; r++) {
    const n = sheet.rowLength(r);
    for (let c = 0; c < n; c++) {
      const error = sheet.error(r, c);
      if (error !== undefined) {
        diagnostics.report('CELL_ERROR', sheet.address(r, c), error, { error });
      }
    }
  }
}

/**
 * The same item number twice in a layout whose numbers identify items (cards). Numbering that
 * restarts in every group (two groups opening with the same number) is compared within the group.
 */
function reportDuplicateNumbers(entries: readonly Entry[], diagnostics: DiagnosticBag): void {
  const unique = new Set<AnyLayoutId>(LAYOUTS.filter((l) => l.uniqueNumbers).map((l) => l.id));
  const byLayout = new Map<AnyLayoutId, Entry[]>();
  for (const e of entries) {
    if (!unique.has(e.layout) || e.repeatOf || normalizeNumber(e.number) === '') continue;
    const list = byLayout.get(e.layout) ?? [];
    list.push(e);
    byLayout.set(e.layout, list);
  }
  for (const list of byLayout.values()) {
    const firstByGroup = new Map<string, string>();
    for (const e of list) {
      const g = e.group[0] ?? '';
      if (!firstByGroup.has(g)) firstByGroup.set(g, normalizeNumber(e.number));
    }
    const openings = [...firstByGroup.values()];
    const perGroup = openings.length >= 2 && new Set(openings).size < openings.length;
    const seen = new Map<string, Entry>();
    for (const e of list) {
      const key = (perGroup ? `${e.group[0] ?? ''}\u0000` : '') + normalizeNumber(e.number);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, e);
        continue;
      }
      diagnostics.report('DUPLICATE_NUMBER', e.at, e.number, {
        number: e.number,
        firstSheet: first.at.sheet,
        firstCell: toA1(first.at.row, first.at.col),
      });
    }
  }
}

function compareAddress(a: CellAddress, b: CellAddress, order: (a: CellAddress) => number): number {
  return order(a) - order(b) || a.row - b.row || a.col - b.col;
}

function stableSort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => cmp(x.item, y.item) || x.i - y.i)
    .map((x) => x.item);
}

/** In sheet order, then row, then column; the order found within a cell. */
export function sortDiagnostics(
  items: readonly Diagnostic[],
  order: (a: CellAddress) => number,
): Diagnostic[] {
  return stableSort(items, (a, b) => compareAddress(a.at, b.at, order));
}
