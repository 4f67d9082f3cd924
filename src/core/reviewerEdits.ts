/**
 * A reviewer's change to 判定区分 in the 取組一覧 an earlier run wrote, carried over as the office's own
 * judgement (二次評価) over the department's report (issue 9). The list records, in a hidden column,
 * each row's entry (source sheet and cell, number, title, year) and the 判定区分 written; a 判定区分
 * that differs from it was changed by a person. Pure: the old list's grid in, entries and diagnostics out.
 */
import { addr, toA1 } from './address';
import type { DiagnosticBag } from './diagnostics';
import { newEntry, type Entry } from './model';
import { SHEET_LABELS } from './plan/labels';
import { findScheme, type Settings } from './settings';
import { categoryOf, findCategory } from './status';
import { firstCodePoints } from './text';
import { toCellData, type SheetInput } from './workbook';

/** What the hidden record cell of one 取組一覧 row holds (as JSON text: survives any re-save as text). */
export interface ListRowRecord {
  /** Source sheet and A1 cell of the entry's status. */
  readonly sheet: string;
  readonly cell: string;
  readonly number: string;
  /** The title, cut to TITLE_KEPT code points: enough to tell entries apart, short in the cell. */
  readonly title: string;
  readonly year?: number;
  /** The 判定区分 written in the row. */
  readonly written: string;
  /** The category the report itself gave ('' for none). */
  readonly reported: string;
  /** The office's judgement (the label a reviewer wrote) when the row carries one. */
  readonly judged?: string;
}

const TITLE_KEPT = 60;
/** Marks the record's format, so that a later format can tell an old record. */
const RECORD_VERSION = 1;

/** The sheet as a record names it: `[file]sheet` (Excel's own notation) when a run reads several files. */
function recordSheet(e: Entry): string {
  return e.at.file === undefined ? e.at.sheet : `[${e.at.file}]${e.at.sheet}`;
}

export function listRowRecord(e: Entry): ListRowRecord {
  const reported = e.reported ? (e.reported.category ?? '') : (e.category ?? '');
  return {
    sheet: recordSheet(e),
    cell: toA1(e.at.row, e.at.col),
    number: e.number,
    title: firstCodePoints(e.title, TITLE_KEPT),
    ...(e.year !== undefined ? { year: e.year } : {}),
    written: e.category ?? '',
    reported,
    ...(e.reported && e.status !== null ? { judged: e.status } : {}),
  };
}

/**
 * A JSON array, not an object: one cell a row, so the keys would repeat on every row of a long list.
 * [version, sheet, cell, number, title, year or null, written, reported, judged?]
 */
export function encodeRecord(r: ListRowRecord): string {
  const fields: (string | number | null)[] = [
    RECORD_VERSION,
    r.sheet,
    r.cell,
    r.number,
    r.title,
    r.year ?? null,
    r.written,
    r.reported,
  ];
  if (r.judged !== undefined) fields.push(r.judged);
  return JSON.stringify(fields);
}

function decodeRecord(text: string): ListRowRecord | null {
  if (!text.startsWith(`[${RECORD_VERSION},`)) return null;
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(x) || x.length < 8 || x.length > 9) return null;
  const [, sheet, cell, number, title, year, written, reported, judged] = x as unknown[];
  const strings = [sheet, cell, number, title, written, reported];
  if (!strings.every((v) => typeof v === 'string')) return null;
  if (year !== null && typeof year !== 'number') return null;
  if (judged !== undefined && typeof judged !== 'string') return null;
  return {
    sheet: sheet as string,
    cell: cell as string,
    number: number as string,
    title: title as string,
    written: written as string,
    reported: reported as string,
    ...(typeof year === 'number' ? { year } : {}),
    ...(typeof judged === 'string' ? { judged } : {}),
  };
}

function cellText(sheet: SheetInput, row: number, col: number): string {
  const c = toCellData(sheet.cells[row]?.[col]);
  if (c === null || c.value === null) return '';
  return String(c.value).trim();
}

/** Where the old list keeps its 判定区分 and record columns: found by their headers, in either locale. */
function findColumns(list: SheetInput): { header: number; category: number; record: number } | null {
  const labels = Object.values(SHEET_LABELS);
  for (let r = 0; r < Math.min(list.cells.length, 6); r++) {
    const width = list.cells[r]?.length ?? 0;
    for (const l of labels) {
      let category = -1;
      let record = -1;
      for (let c = 0; c < width; c++) {
        const t = cellText(list, r, c);
        if (t === l.list.category && category < 0) category = c;
        if (t === l.list.record) record = c;
      }
      if (category >= 0 && record >= 0) return { header: r, category, record };
    }
  }
  return null;
}

function entryKey(sheet: string, cell: string, number: string, title: string, year?: number): string {
  return [sheet, cell, number, firstCodePoints(title, TITLE_KEPT), year ?? ''].join('\u0000');
}

/** Keys to entries; a key two entries share finds neither (never a guess). */
function indexEntries(entries: readonly Entry[], key: (e: Entry) => string): Map<string, number> {
  const map = new Map<string, number>();
  entries.forEach((e, i) => {
    const k = key(e);
    map.set(k, map.has(k) ? -1 : i);
  });
  return map;
}

export interface ReviewOutcome {
  readonly entries: Entry[];
  /** Entries counted under a reviewer's judgement. */
  readonly carried: number;
}

/**
 * Applies the reviewer's judgements found in `previous` (the old 取組一覧) to `entries`. A 判定区分
 * that differs from what the run wrote, or a judgement the old list already carried, is the office's
 * when it is a label or alias of the entry's scheme; anything else is reported and not applied.
 */
export function applyReviewerEdits(
  entries: readonly Entry[],
  previous: SheetInput | undefined,
  settings: Settings,
  diagnostics: DiagnosticBag,
): ReviewOutcome {
  const out = [...entries];
  if (!previous) return { entries: out, carried: 0 };
  const cols = findColumns(previous);
  if (!cols) return { entries: out, carried: 0 };

  const byCell = indexEntries(entries, (e) =>
    entryKey(recordSheet(e), toA1(e.at.row, e.at.col), e.number, e.title, e.year),
  );
  // Rows added or removed above an entry in the report move its cell: the rest still identifies it.
  const byName = indexEntries(entries, (e) => entryKey(recordSheet(e), '', e.number, e.title, e.year));
  const done = new Set<number>();
  let carried = 0;

  for (let r = cols.header + 1; r < previous.cells.length; r++) {
    const record = decodeRecord(cellText(previous, r, cols.record));
    if (!record) continue;
    const now = cellText(previous, r, cols.category);
    const edited = now !== record.written;
    // The label to count under: a new change, or the judgement the old list carried.
    const judged = edited ? now : record.judged;
    if (judged === undefined) continue;
    const listCell = addr(previous.name, r, cols.category);

    const find = (map: Map<string, number>, cell: string): number =>
      map.get(entryKey(record.sheet, cell, record.number, record.title, record.year)) ?? -1;
    let i = find(byCell, record.cell);
    if (i < 0) i = find(byName, '');
    if (i < 0 || done.has(i)) {
      diagnostics.report('REVIEWER_ENTRY_GONE', listCell, now, {
        after: judged,
        sheet: record.sheet,
        cell: record.cell,
        number: record.number,
      });
      continue;
    }
    done.add(i);
    const entry = entries[i]!;
    const reportedNow = entry.category ?? '';
    const scheme = findScheme(settings, entry.scheme);
    const def = scheme ? findCategory(judged, scheme) : undefined;
    if (!scheme || !def) {
      diagnostics.report('REVIEWER_JUDGEMENT_UNKNOWN', listCell, now, {
        after: judged,
        scheme: scheme?.name ?? entry.scheme,
        sheet: entry.at.sheet,
        cell: toA1(entry.at.row, entry.at.col),
        reported: reportedNow,
      });
      continue;
    }
    const category = categoryOf(def);
    const excluded = def.excluded === true;
    // Set back to what the report gives: the report counts again, no judgement of the office's.
    if (edited && category === entry.category && excluded === entry.excluded && def.label === entry.status) {
      continue;
    }
    out[i] = newEntry({
      ...entry,
      status: def.label,
      category,
      excluded,
      reported: { status: entry.status, category: entry.category, excluded: entry.excluded },
    });
    carried++;
    const params = {
      list: `${previous.name}!${toA1(r, cols.category)}`,
      // What the office's judgement replaces: the list's value, or the report's when carried again.
      before: edited ? record.written : record.reported,
      after: def.label,
      reported: reportedNow,
      then: record.reported,
    };
    if (reportedNow !== record.reported) {
      diagnostics.report('REVIEWER_JUDGEMENT_REPORT_CHANGED', entry.at, def.label, params);
    } else {
      diagnostics.report('REVIEWER_JUDGEMENT', entry.at, def.label, params);
    }
  }
  return { entries: out, carried };
}
