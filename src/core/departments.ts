/**
 * Per department (issue 11 item 3): the counts of each summary per 所管課 — or per 部局 when the
 * settings give 部局 → 所管課 — with the share of items behind plan, and each department's own items
 * and problems for the send-back workbooks. Pure: the analysis in, tables out.
 */
import type { CellAddress } from './address';
import type { Diagnostic } from './diagnostics';
import type { AnalysisResult } from './engine';
import type { Entry, Summary } from './model';
import { findScheme, type Settings, type StatusScheme } from './settings';
import { summarize } from './summary';
import { normalizeLabel } from './text';

export interface DepartmentRow {
  /** The 所管課 as written, or the 部局 named in the settings; '' for entries that name none. */
  readonly name: string;
  /** The 所管課 counted under a 部局 (as written in the report), when counting per 部局. */
  readonly members: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  /** Sum over the categories (対象外, 未判定 and 再掲 apart, as in the summary). */
  readonly total: number;
  /** Items in the scheme's categories behind plan (behindCategories). */
  readonly behind: number;
  readonly excluded: number;
  readonly unclassified: number;
}

export interface DepartmentTable {
  /** Index of the summary in result.summaries. */
  readonly summary: number;
  readonly title: string;
  /** 'division' when counted per 部局 (settings.departments), 'department' per 所管課. */
  readonly by: 'division' | 'department';
  readonly categories: readonly string[];
  readonly behindCategories: readonly string[];
  readonly rows: readonly DepartmentRow[];
}

/** The categories behind plan: those the scheme marks, else every top-level one after the first. */
export function behindCategories(summary: Summary, scheme: StatusScheme | undefined): string[] {
  const marked = (scheme?.categories ?? []).filter((c) => c.behind === true).map((c) => c.label);
  if ((scheme?.categories ?? []).some((c) => c.behind !== undefined)) {
    return summary.categories.filter((c) => marked.includes(c));
  }
  return summary.categories.slice(1);
}

/** Whether an entry counts in a summary, as summarize() buckets them (plan years apart). */
export function inSummary(e: Entry, s: Summary): boolean {
  const planned = e.source === 'planned' && e.year !== undefined;
  return e.scheme === s.scheme && (planned ? s.year === e.year : s.year === undefined);
}

/** 所管課 → 部局 from the settings (compared without spaces and width: 総務 課 = 総務課), in their order. */
function divisionIndex(settings: Settings): Map<string, string> | null {
  const map = settings.departments;
  if (!map || Object.keys(map).length === 0) return null;
  const index = new Map<string, string>();
  for (const [division, members] of Object.entries(map)) {
    for (const m of members) index.set(normalizeLabel(m), division);
  }
  return index;
}

/**
 * The name an entry is counted under: its 部局 when the settings list its 所管課, else the 所管課 —
 * the same 所管課 however spaced or wide its characters are written (上下水道局 経営企画課 =
 * 上下水道局経営企画課), shown as first written.
 */
function departmentNamer(divisions: ReadonlyMap<string, string> | null): (e: Entry) => string {
  const shown = new Map<string, string>();
  return (e) => {
    const dept = e.department.trim();
    const key = normalizeLabel(dept);
    const division = divisions?.get(key);
    if (division !== undefined) return division;
    const name = shown.get(key);
    if (name !== undefined) return name;
    shown.set(key, dept);
    return dept;
  };
}

export function departmentTables(result: AnalysisResult): DepartmentTable[] {
  const settings = result.settings;
  const divisions = divisionIndex(settings);
  // Nothing to break down when no entry names a department.
  if (!result.entries.some((e) => e.department.trim() !== '')) return [];
  const tables: DepartmentTable[] = [];
  result.summaries.forEach((s, si) => {
    if (s.year !== undefined) return; // plan stages per year are not a department's progress
    const scheme = findScheme(settings, s.scheme);
    const rows = new Map<
      string,
      { members: Set<string>; counts: Record<string, number>; excluded: number; unclassified: number }
    >();
    // 部局 in the order the settings give them, then 所管課 as they first appear.
    if (divisions) {
      for (const division of Object.keys(settings.departments ?? {})) {
        rows.set(division, { members: new Set(), counts: {}, excluded: 0, unclassified: 0 });
      }
    }
    const nameOf = departmentNamer(divisions);
    for (const e of result.entries) {
      if (!inSummary(e, s) || e.repeatOf) continue;
      const key = nameOf(e);
      let row = rows.get(key);
      if (!row) {
        row = { members: new Set(), counts: {}, excluded: 0, unclassified: 0 };
        rows.set(key, row);
      }
      // As written: the list's COUNTIFS compare the text in the cell.
      if (e.department.trim() !== '') row.members.add(e.department);
      if (e.excluded) row.excluded++;
      else if (e.category === null) row.unclassified++;
      else row.counts[e.category] = (row.counts[e.category] ?? 0) + 1;
    }
    const behind = behindCategories(s, scheme);
    const out: DepartmentRow[] = [];
    for (const [name, r] of rows) {
      const counts = Object.fromEntries(s.categories.map((c) => [c, r.counts[c] ?? 0]));
      const total = s.categories.reduce((n, c) => n + (counts[c] ?? 0), 0);
      // A 部局 of the settings with no item in this report is left out.
      if (total + r.excluded + r.unclassified === 0) continue;
      out.push({
        name,
        members: [...r.members],
        counts,
        total,
        behind: behind.reduce((n, c) => n + (counts[c] ?? 0), 0),
        excluded: r.excluded,
        unclassified: r.unclassified,
      });
    }
    tables.push({
      summary: si,
      title: s.title,
      by: divisions ? 'division' : 'department',
      categories: s.categories,
      behindCategories: behind,
      rows: out,
    });
  });
  return tables;
}

/** One department's share of the run, for the workbook sent back to it. */
export interface DepartmentShare {
  readonly name: string;
  readonly entries: readonly Entry[];
  readonly diagnostics: readonly Diagnostic[];
}

function rowKey(a: CellAddress): string {
  return `${a.file ?? ''}\u0000${a.sheet}\u0000${a.row}`;
}

function sheetKey(a: CellAddress): string {
  return `${a.file ?? ''}\u0000${a.sheet}`;
}

/**
 * Each department's items and problems. A problem belongs to the departments whose items stand on
 * its row (a flat table's row, a card's status cell); a problem elsewhere in a sheet (or file) whose
 * items are all one department's is that department's. Problems no department can be given stay
 * in the office's 検証結果 only.
 */
export function departmentShares(result: AnalysisResult): DepartmentShare[] {
  const nameOf = departmentNamer(divisionIndex(result.settings));
  const byName = new Map<string, Entry[]>();
  const byRow = new Map<string, Set<string>>();
  const bySheet = new Map<string, Set<string>>();
  const byFile = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, name: string): void => {
    const set = map.get(key) ?? new Set<string>();
    set.add(name);
    map.set(key, set);
  };
  for (const e of result.entries) {
    const name = nameOf(e);
    if (name === '') continue;
    const list = byName.get(name) ?? [];
    list.push(e);
    byName.set(name, list);
    add(byRow, rowKey(e.at), name);
    add(bySheet, sheetKey(e.at), name);
    if (e.at.file !== undefined) add(byFile, e.at.file, name);
  }
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const owners =
      byRow.get(rowKey(d.at)) ??
      single(bySheet.get(sheetKey(d.at))) ??
      (d.at.file !== undefined ? single(byFile.get(d.at.file)) : undefined);
    for (const name of owners ?? []) {
      const list = diagnostics.get(name) ?? [];
      list.push(d);
      diagnostics.set(name, list);
    }
  }
  return [...byName].map(([name, entries]) => ({
    name,
    entries,
    diagnostics: diagnostics.get(name) ?? [],
  }));
}

function single(set: Set<string> | undefined): Set<string> | undefined {
  return set && set.size === 1 ? set : undefined;
}

/** The analysis of one department alone: its items, its problems, the counts made again over them. */
export function departmentResult(result: AnalysisResult, share: DepartmentShare): AnalysisResult {
  return {
    ...result,
    entries: share.entries,
    diagnostics: share.diagnostics,
    summaries: summarize(share.entries, result.settings),
    statedSummaries: [],
    sheets: result.sheets.filter((s) =>
      share.entries.some((e) => e.at.sheet === s.name && e.at.file === s.file),
    ),
    reviewedJudgements: share.entries.filter((e) => e.reported !== undefined).length,
  };
}

/** A department's name made safe as a file name on Windows, macOS and Linux: 総務部/人事課 → 総務部_人事課. */
export function departmentFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name cannot hold.
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/[. ]+$/g, '')
    .trim();
  const base = cleaned === '' ? '_' : cleaned;
  // Windows refuses these names whatever the extension.
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `_${base}` : base;
}
