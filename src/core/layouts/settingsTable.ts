/**
 * A city's own table described in the settings (settings.tables, tableSettings.ts), read as a layout
 * with the id 'table:<id>': a header row whose cells equal the table's words (as header words and
 * labels compare: spaces, width, a year or a trailing note ignored), then one row per item below it.
 * Blank group / number / title cells continue the row above (as the flat table's do); a repeated
 * header row (a printed page) is skipped; blank rows end nothing. Each status column is read with its
 * own scheme, exactly (the kit's one reading of a status cell), and gives its own summary.
 */
import type { CellAddress } from '../address';
import type { DiagnosticBag } from '../diagnostics';
import type { Entry, StatedSummary } from '../model';
import { findScheme, type Settings } from '../settings';
import type { Sheet } from '../sheet';
import { classifyStatus } from '../status';
import {
  headerWord,
  TABLE_CONCEPTS,
  type StatusColumnDef,
  type TableConcept,
  type TableDef,
} from '../tableSettings';
import { normalizeLabel, normalizeText } from '../text';
import {
  cellDisplay,
  displayText,
  findStatedSummaries,
  labelKey,
  mergedText,
  reportStatusMatch,
  splitYearLabel,
  STATED_SUMMARY_LABELS,
  statusFields,
  stripHeadingMarks,
  valueColumns,
  wordKeys,
} from './common';
import { isTableLayoutId, tableLayoutId, type AnyLayoutId, type TableLayoutId } from './registry';
import { isSectionHeading } from './headings';
import type { Layout, LayoutContext, LayoutResult, YearFact } from './types';

interface StatusColumn {
  readonly col: number;
  readonly def: StatusColumnDef;
  /** The header as written. */
  readonly header: string;
}

/** Where the table's columns are, as its header row names them. */
interface TableColumns {
  readonly concepts: Readonly<Partial<Record<TableConcept, number>>>;
  readonly status: readonly StatusColumn[];
  /** The first status header naming a fiscal year (R3評価), with its cell. */
  readonly year: YearFact | null;
}

/** What a settings table's sheet hands the next one: its columns and the item open at its end. */
export type TableState = {
  readonly columns?: TableColumns;
  readonly section?: string;
  readonly group?: string;
  readonly title?: string;
  readonly number?: string;
};

/** A header cell's key: headerWord, then the labels' own normalisation (year and trailing notes off). */
export function headerKey(text: string): string {
  return labelKey(headerWord(text));
}

/**
 * The table's columns when the row is its header row: every status column found, and, when the table
 * names any other column, at least one of them (a lone 評価 over a small summary is not the table).
 * Each cell stands for one column, status columns first.
 */
function headerColumns(sheet: Sheet, row: number, def: TableDef): TableColumns | null {
  const cols = valueColumns(sheet, row);
  if (cols.length < def.statusColumns.length) return null;
  const keys = cols.map((c) => headerKey(sheet.text(row, c)));
  const claimed = new Set<number>();
  const find = (words: readonly string[]): number | undefined => {
    const wanted = wordKeys(words);
    const i = keys.findIndex((k, j) => k !== '' && !claimed.has(cols[j]!) && wanted.has(k));
    if (i < 0) return undefined;
    claimed.add(cols[i]!);
    return cols[i];
  };
  const status: StatusColumn[] = [];
  let year: YearFact | null = null;
  for (const sd of def.statusColumns) {
    const col = find(sd.words);
    if (col === undefined) return null;
    const text = sheet.text(row, col);
    const y = splitYearLabel(headerWord(text)).year;
    if (year === null && y !== null) year = { year: y, at: sheet.address(row, col), text };
    status.push({ col, def: sd, header: cellDisplay(sheet, row, col) });
  }
  const concepts: Partial<Record<TableConcept, number>> = {};
  let named = 0;
  for (const concept of TABLE_CONCEPTS) {
    const words = def[concept]?.words;
    if (!words) continue;
    named++;
    const col = find(words);
    if (col !== undefined) concepts[concept] = col;
  }
  if (named > 0 && Object.keys(concepts).length === 0) return null;
  return { concepts, status, year };
}

function readsSheet(def: TableDef, sheet: Sheet): boolean {
  return def.sheets === undefined || def.sheets.includes(sheet.name);
}

/** The first header row of the table on the sheet, or null. */
function findHeader(sheet: Sheet, def: TableDef): TableColumns | null {
  if (!readsSheet(def, sheet)) return null;
  for (let r = 0; r < sheet.rowCount; r++) {
    const t = headerColumns(sheet, r, def);
    if (t) return t;
  }
  return null;
}

/** The words a stated summary of this table is headed with: its status columns' besides the usual ones. */
function statedLabels(def: TableDef): typeof STATED_SUMMARY_LABELS {
  const own = def.statusColumns.flatMap((s) => s.words);
  return { ...STATED_SUMMARY_LABELS, category: [...own, ...(STATED_SUMMARY_LABELS['category'] ?? [])] };
}

/** The cells a stated summary covers (its label and count columns, and last year's and the change). */
function statedBox(s: StatedSummary): { top: number; bottom: number; left: number; right: number } {
  const countCol = s.rows[0]?.at.col ?? s.at.col;
  return {
    top: s.at.row,
    bottom: s.rows[s.rows.length - 1]?.at.row ?? s.at.row,
    left: s.at.col,
    right: countCol + 2,
  };
}

/** The concepts a table names that its header row lacks: listed, so nothing disappears without a word. */
function reportMissingColumns(
  bag: DiagnosticBag,
  at: CellAddress,
  def: TableDef,
  index: number,
  t: TableColumns,
): void {
  for (const concept of TABLE_CONCEPTS) {
    const words = def[concept]?.words;
    if (!words || t.concepts[concept] !== undefined) continue;
    bag.report('COLUMN_NOT_FOUND', at, '', {
      column: words[0] ?? concept,
      words: words.join('、'),
      setting: `tables[${index}].${concept}.words`,
    });
  }
}

function parseTable(
  sheet: Sheet,
  ctx: LayoutContext<TableLayoutId>,
  def: TableDef,
  index: number,
): LayoutResult<TableLayoutId> {
  // A sheet the table does not name is not its continuation; nor is a named sheet without its header
  // row (TABLE_HEADER_NOT_FOUND says so): the carry is handed on unchanged.
  if (!readsSheet(def, sheet) || (def.sheets !== undefined && !findHeader(sheet, def))) {
    return { entries: [], statedSummaries: [], carry: ctx.carry };
  }
  const layout = tableLayoutId(def.id);
  const carried = ctx.carry.state ?? {};
  let columns = carried.columns;
  let section = carried.section;
  let group = carried.group;
  let title = carried.title;
  let number = carried.number;
  let reportedMissing = columns !== undefined;
  const entries: Entry[] = [];
  // A summary the sheet states (最終判定 | 件数 …) is checked, not read as items.
  const stated = findStatedSummaries(sheet, statedLabels(def));
  const boxes = stated.map(statedBox);
  const inStated = (r: number, c: number): boolean =>
    boxes.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right);
  const runTitle = ctx.run.title?.value;
  // The entry each merged status cell gave, and its item: a merge down the rows of one item counts once.
  const mergedEntries = new Map<string, string>();

  for (let r = 0; r < sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    const header = headerColumns(sheet, r, def);
    if (header) {
      if (!reportedMissing) {
        const first = Math.min(...header.status.map((x) => x.col), ...Object.values(header.concepts));
        reportMissingColumns(ctx.diagnostics, sheet.address(r, first), def, index, header);
      }
      reportedMissing = true;
      columns = header;
      continue;
    }
    if (!columns) continue;
    const t = columns;
    const filled = valueColumns(sheet, r).filter((c) => !inStated(r, c));
    if (filled.length === 0) continue;
    const statusCols = new Set(t.status.map((s) => s.col));
    const tableCols = new Set([...statusCols, ...Object.values(t.concepts)]);
    // A cell alone on its row, outside the status columns: a section heading, a group row, the title
    // repeated on a printed page, or a note beside the table; an item only in the title column.
    if (filled.length === 1 && !statusCols.has(filled[0]!)) {
      const c = filled[0]!;
      const text = cellDisplay(sheet, r, c);
      if (isSectionHeading(text) && c !== t.concepts.title) {
        section = stripHeadingMarks(text);
        group = title = number = undefined;
        continue;
      }
      if (c === t.concepts.group) {
        group = text;
        title = number = undefined;
        continue;
      }
      if (c !== t.concepts.title || text === runTitle) continue;
    }
    if (!filled.some((c) => tableCols.has(c))) continue;

    const groupText = t.concepts.group !== undefined ? cellDisplay(sheet, r, t.concepts.group) : '';
    if (groupText !== '' && normalizeLabel(groupText) !== normalizeLabel(group ?? '')) {
      group = groupText;
      title = number = undefined;
    }
    const titleText = t.concepts.title !== undefined ? cellDisplay(sheet, r, t.concepts.title) : '';
    if (titleText !== '') {
      if (normalizeLabel(titleText) !== normalizeLabel(title ?? '')) number = undefined;
      title = titleText;
    }
    const numberText = t.concepts.number !== undefined ? normalizeText(sheet.text(r, t.concepts.number)) : '';
    if (numberText !== '') number = numberText;
    const department =
      t.concepts.department !== undefined ? displayText(mergedText(sheet, r, t.concepts.department)) : '';
    const item = {
      group: [section, group].filter((g): g is string => g !== undefined && g !== ''),
      number: number ?? '',
      title: title ?? '',
      department,
    };
    const several = t.status.length > 1;
    for (const s of t.status) {
      let at = { row: r, col: s.col };
      const merge = sheet.mergeAt(r, s.col);
      if (merge && merge.top !== r) {
        at = { row: merge.top, col: merge.left };
        const key = `${at.row}:${at.col}`;
        if (mergedEntries.get(key) === item.title) continue;
        mergedEntries.set(key, item.title);
      } else if (merge) {
        mergedEntries.set(`${r}:${s.col}`, item.title);
      }
      entries.push(
        statusEntry(sheet, ctx, at, s, item, several ? (s.def.title ?? s.header) : undefined, {
          layout,
          year: t.year?.year ?? ctx.reportYear,
        }),
      );
    }
  }

  const state: TableState = {
    ...(columns ? { columns } : {}),
    ...(section !== undefined ? { section } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(number !== undefined ? { number } : {}),
  };
  const groupPath = [section, group].filter((g): g is string => g !== undefined && g !== '');
  return { entries, statedSummaries: stated, carry: { group: groupPath, state } };
}

/** One status cell of an item, read exactly with its column's scheme; problems listed at the cell. */
function statusEntry(
  sheet: Sheet,
  ctx: LayoutContext,
  cell: { row: number; col: number },
  s: StatusColumn,
  item: { group: readonly string[]; number: string; title: string; department: string },
  column: string | undefined,
  meta: { layout: AnyLayoutId; year: number | null },
): Entry {
  const at = sheet.address(cell.row, cell.col);
  const raw = sheet.text(cell.row, cell.col);
  const base = {
    at,
    layout: meta.layout,
    ...item,
    scheme: s.def.scheme,
    ...(column !== undefined ? { column } : {}),
    source: 'reported' as const,
    ...(meta.year !== null ? { year: meta.year } : {}),
    rawStatus: displayText(raw),
  };
  const scheme = findScheme(ctx.settings, s.def.scheme);
  // An error value is reported once, as CELL_ERROR, by the run; a scheme the settings lack cannot
  // happen (settingsIO refuses it) but would leave the entry unclassified, never guessed.
  if (sheet.error(cell.row, cell.col) !== undefined || !scheme) return { ...base, ...statusFields(null) };
  const m = classifyStatus(raw, scheme);
  reportStatusMatch(ctx.diagnostics, at, raw, m, scheme, { title: item.title, number: item.number });
  return { ...base, ...statusFields(m) };
}

/** The layout of the settings' table `def`, the `index`-th of settings.tables. */
export function tableLayout(def: TableDef, index: number): Layout<TableLayoutId> {
  return {
    id: tableLayoutId(def.id),
    name: def.name,
    concepts: {},
    detect: (sheet) => (findHeader(sheet, def) ? 1 : 0),
    parse: (sheet, ctx) => parseTable(sheet, ctx, def, index),
    reportYear: (sheet) => findHeader(sheet, def)?.year ?? null,
  };
}

const LAYOUTS_OF = new WeakMap<readonly TableDef[], readonly Layout<TableLayoutId>[]>();

/** The layouts of the tables the settings describe, in their order (built once per settings). */
export function tableLayouts(settings: Settings): readonly Layout<TableLayoutId>[] {
  const tables = settings.tables ?? [];
  let layouts = LAYOUTS_OF.get(tables);
  if (!layouts) {
    layouts = tables.map((def, i) => tableLayout(def, i));
    LAYOUTS_OF.set(tables, layouts);
  }
  return layouts;
}

/**
 * The table the settings describe whose header row the sheet holds: the first, in the settings'
 * order. A table the user described outranks the built-in layouts where it is found. A table that
 * names this sheet and is not found on it is said (TABLE_HEADER_NOT_FOUND), so a mapping that no
 * longer fits the sheet does not go unread without a word.
 */
export function recogniseTable(sheet: Sheet, settings: Settings, diagnostics: DiagnosticBag): Layout | null {
  const tables = settings.tables ?? [];
  const layouts = tableLayouts(settings);
  for (let i = 0; i < tables.length; i++) {
    const def = tables[i]!;
    if (!readsSheet(def, sheet)) continue;
    if (layouts[i]!.detect(sheet, settings) > 0) return layouts[i]!;
    if (def.sheets === undefined) continue;
    diagnostics.report('TABLE_HEADER_NOT_FOUND', sheet.address(0, 0), '', {
      name: def.name,
      words: def.statusColumns.map((s) => s.words.join(' / ')).join('、'),
      setting: `tables[${i}]`,
    });
  }
  return null;
}

/** The scheme a layout reads statuses with: a table's first status column's, a built-in layout's setting. */
export function layoutScheme(id: AnyLayoutId, settings: Settings): string {
  if (!isTableLayoutId(id)) return settings.layoutSchemes[id];
  const def = settings.tables?.find((t) => tableLayoutId(t.id) === id);
  return def?.statusColumns[0]?.scheme ?? '';
}
