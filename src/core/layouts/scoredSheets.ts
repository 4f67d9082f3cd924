/**
 * 府中市 style scored policy sheets (見直し論点シート): a 番号 / 基本施策名 / 主担当部 / 主担当課 header
 * and its row of values, then a table 基本施策全体の進捗状況 / 平均値 / 施策名 / 進捗状況 (施策名 and
 * 進捗状況 may repeat in pairs across the row) with one score 3 / 2 / 1 per 施策. Each 施策 is an entry
 * in the score scheme; the stated average and overall label are checked against the scores. The same
 * 番号 again (one copy per review group) is a repeat: listed, not counted.
 */
import { toA1, type CellAddress } from '../address';
import type { DiagnosticBag } from '../diagnostics';
import { EngineError } from '../errors';
import { averageScore, bandScore, categoryForScore, scoreOfCategory } from '../judge';
import { newEntry, type Entry } from '../model';
import { reason } from '../reasons';
import type { CellData } from '../workbook';
import { parseCellNumber } from '../numbers';
import { findScheme, type Settings, type StatusScheme } from '../settings';
import type { Sheet } from '../sheet';
import { classifyStatus, statusKey } from '../status';
import { normalizeLabel, normalizeText, pushAll } from '../text';
import { conceptKeys, describeConcepts, reportStatusMatch, statusFields } from './common';
import { displayText, isLabelAt, mergedLabels, type LabelTable } from './judgedLayouts';
import { layoutTitle } from './registry';
import type { Layout, LayoutCarry, LayoutContext, LayoutResult } from './types';

type Concept =
  'number' | 'policyName' | 'department' | 'office' | 'overall' | 'average' | 'measure' | 'status';

/** Built-in label synonyms; settings.labels.scoredSheets adds to them. */
export const SCORED_SHEET_LABELS: LabelTable<Concept> = {
  number: ['番号', '施策番号', 'No.', 'No'],
  policyName: ['基本施策名', '基本施策'],
  department: ['主担当課', '担当課', '所管課'],
  office: ['主担当部', '担当部'],
  overall: ['基本施策全体の進捗状況', '全体の進捗状況', '総合評価'],
  average: ['平均値', '平均', '平均点'],
  measure: ['施策名', '施策'],
  status: ['進捗状況', '評価', '評点'],
};

interface Block {
  readonly number: string;
  readonly name: string;
  readonly department: string;
  readonly at: CellAddress;
}

/** What the first copy of a 番号 held, to tell a repeat from a conflicting one. */
interface Seen {
  readonly at: CellAddress;
  readonly signature: string;
  readonly measures: readonly { readonly key: string; readonly at: CellAddress }[];
}

/** A stated value of the table (its first row): the text, the cell, where it is. */
interface Stated {
  readonly text: string;
  readonly cell: CellData | null;
  readonly at: CellAddress;
}

interface Measure {
  readonly entry: Entry;
  /** 施策名 and score, to compare a copy with the first. */
  readonly key: string;
  readonly score: number | null;
}

/** A score table being read; it may run on to the next sheet. */
interface OpenTable {
  readonly pairs: readonly { readonly measure: number; readonly status: number }[];
  readonly avgCol: number;
  readonly overallCol: number | null;
  average: Stated | null;
  label: Stated | null;
  rows: number;
  measures: Measure[];
}

/** A 番号 / 基本施策名 header whose values row is on the next sheet. */
interface PendingHeader {
  readonly numberCol: number;
  readonly nameCol: number;
  readonly deptCol: number | null;
  readonly officeCol: number | null;
}

/** What a sheet hands the next one (the run copies it: run.ts copyCarry). */
export type ScoredState = State;

interface State {
  block: Block | null;
  /**
   * Frozen while it is still the carried object (shared, not copied, by run.ts copyCarry): copied
   * before its first change.
   */
  seen: Record<string, Seen>;
  table: OpenTable | null;
  header: PendingHeader | null;
}

/** The state this sheet starts from: the run's copy of the carried one (run.ts copyCarry), or a new one. */
function initialState(carry: LayoutCarry<'scoredSheets'>): State {
  return carry.state ?? { block: null, seen: {}, table: null, header: null };
}

/**
 * `seen` grows with the whole report but only ever gains keys, and its values never change: it is
 * handed on frozen, so the run shares it instead of copying it, and a sheet copies it (shallowly)
 * only when it adds a 番号 — a deep copy in and out of every sheet made each sheet cost as much as
 * the report so far.
 */
function remember(st: State, key: string, first: Seen): void {
  if (Object.isFrozen(st.seen)) st.seen = { ...st.seen };
  st.seen[key] = first;
}

function labelCol(sheet: Sheet, row: number, synonyms: readonly string[], from = 0): number | undefined {
  return sheet.filledColumns(row).find((c) => c >= from && isLabelAt(sheet, row, c, synonyms));
}

function detect(sheet: Sheet, settings: Settings): number {
  const L = mergedLabels(settings, 'scoredSheets', SCORED_SHEET_LABELS);
  let headers = 0;
  let tables = 0;
  // Only the rows the sheet's index has a 番号 or 施策 label on can count.
  for (const r of sheet.rowsWithKeys(conceptKeys(L, ['number', 'measure']))) {
    if (labelCol(sheet, r, L.number) !== undefined && labelCol(sheet, r, L.policyName) !== undefined)
      headers++;
    if (
      labelCol(sheet, r, L.measure) !== undefined &&
      labelCol(sheet, r, L.status) !== undefined &&
      labelCol(sheet, r, L.average) !== undefined
    ) {
      tables++;
    }
  }
  if (tables > 0) return headers > 0 ? 0.95 : 0.8;
  // A 番号 / 基本施策名 header alone: a sheet cut just before its score table.
  return headers > 0 ? 0.6 : 0;
}

function schemeFor(settings: Settings): StatusScheme {
  const id = settings.layoutSchemes.scoredSheets;
  const scheme = findScheme(settings, id);
  if (!scheme) throw new EngineError('INVALID_SETTINGS', `Unknown status scheme "${id}" for scoredSheets.`);
  return scheme;
}

function parse(sheet: Sheet, ctx: LayoutContext<'scoredSheets'>): LayoutResult<'scoredSheets'> {
  const { settings, diagnostics } = ctx;
  const L = mergedLabels(settings, 'scoredSheets', SCORED_SHEET_LABELS);
  const scheme = schemeFor(settings);
  const st = initialState(ctx.carry);
  const entries: Entry[] = [];
  let title: string | undefined;
  const closeTable = (): void => {
    if (st.table) pushAll(entries, closeOpenTable(st, st.table, scheme, settings, diagnostics));
    st.table = null;
  };

  for (let r = 0; r < sheet.rowCount; r++) {
    const cols = sheet.filledColumns(r);
    if (cols.length === 0) {
      // The table runs until the first blank row.
      closeTable();
      continue;
    }
    if (title === undefined && cols.length === 1 && st.block === null && st.table === null) {
      title = displayText(sheet, r, cols[0]!);
    }

    if (st.header) {
      const h = st.header;
      st.header = null;
      if (!sheet.isBlank(r, h.numberCol)) {
        st.block = blockFrom(sheet, r, h);
        continue;
      }
    }

    const numberCol = labelCol(sheet, r, L.number);
    const nameCol = labelCol(sheet, r, L.policyName);
    if (numberCol !== undefined && nameCol !== undefined) {
      closeTable();
      const header: PendingHeader = {
        numberCol,
        nameCol,
        deptCol: labelCol(sheet, r, L.department) ?? null,
        officeCol: labelCol(sheet, r, L.office) ?? null,
      };
      const v = nextFilledRow(sheet, r);
      if (v === null) st.header = header;
      else if (!sheet.isBlank(v, numberCol)) {
        st.block = blockFrom(sheet, v, header);
        r = v;
      }
      continue;
    }

    const measureCols = cols.filter((c) => isLabelAt(sheet, r, c, L.measure));
    const avgCol = labelCol(sheet, r, L.average);
    if (measureCols.length > 0 && avgCol !== undefined) {
      closeTable();
      const pairs = measureCols
        .map((m) => ({ measure: m, status: labelCol(sheet, r, L.status, m + 1) }))
        .filter((p): p is { measure: number; status: number } => p.status !== undefined);
      const overallCol = labelCol(sheet, r, L.overall) ?? null;
      st.table = { pairs, avgCol, overallCol, average: null, label: null, rows: 0, measures: [] };
      continue;
    }

    if (st.table) readTableRow(sheet, r, st, st.table, scheme, diagnostics);
  }

  return {
    entries,
    statedSummaries: [],
    ...(title !== undefined ? { title } : {}),
    carry: {
      ...(st.block ? { group: [`${st.block.number} ${st.block.name}`] } : {}),
      // Frozen, `seen` is shared with the next sheet, which copies it before adding to it (remember).
      state: { ...st, seen: Object.freeze(st.seen) },
    },
  };
}

/** Closes a table the last sheet left open. */
function finish(ctx: LayoutContext<'scoredSheets'>): LayoutResult<'scoredSheets'> {
  const st = initialState(ctx.carry);
  const entries = st.table
    ? closeOpenTable(st, st.table, schemeFor(ctx.settings), ctx.settings, ctx.diagnostics)
    : [];
  return { entries, statedSummaries: [] };
}

function blockFrom(sheet: Sheet, row: number, h: PendingHeader): Block {
  const dept = h.deptCol !== null ? displayText(sheet, row, h.deptCol) : '';
  const office = h.officeCol !== null ? displayText(sheet, row, h.officeCol) : '';
  return {
    number: displayText(sheet, row, h.numberCol),
    name: displayText(sheet, row, h.nameCol),
    department: dept || office,
    at: sheet.address(row, h.numberCol),
  };
}

function nextFilledRow(sheet: Sheet, row: number): number | null {
  for (let r = row + 1; r < sheet.rowCount && r <= row + 2; r++) if (!sheet.isBlankRow(r)) return r;
  return null;
}

function stated(sheet: Sheet, row: number, col: number | null): Stated | null {
  if (col === null) return null;
  return { text: displayText(sheet, row, col), cell: sheet.cell(row, col), at: sheet.address(row, col) };
}

/** One row of a score table: the stated average and label (first row), and each (施策名, 進捗状況) pair. */
function readTableRow(
  sheet: Sheet,
  r: number,
  st: State,
  t: OpenTable,
  scheme: StatusScheme,
  bag: DiagnosticBag,
): void {
  if (t.rows === 0) {
    t.average = stated(sheet, r, t.avgCol);
    t.label = stated(sheet, r, t.overallCol);
  }
  t.rows++;
  const block = st.block;
  const group = block && (block.number || block.name) ? [`${block.number} ${block.name}`.trim()] : [];
  for (const p of t.pairs) {
    const name = displayText(sheet, r, p.measure);
    const raw = displayText(sheet, r, p.status);
    if (name === '' && raw === '') continue;
    const at = sheet.address(r, p.status);
    const match = classifyStatus(raw, scheme);
    reportStatusMatch(bag, at, raw, match, scheme, { title: name });
    const { status, category, excluded } = statusFields(match);
    const score = match.kind === 'matched' ? (match.score ?? scoreOfCategory(match.status, scheme)) : null;
    const index = t.measures.length + 1;
    t.measures.push({
      key: `${normalizeLabel(name)}=${score ?? statusKey(raw)}`,
      score,
      entry: newEntry({
        at,
        layout: 'scoredSheets',
        group,
        // A number is a key, folded as in every layout ('５－２' → '5-2'); the group shows it as written.
        number: block?.number ? `${normalizeText(block.number)}-${index}` : String(index),
        title: name,
        department: block?.department ?? '',
        rawStatus: raw,
        status,
        category,
        excluded,
        scheme: scheme.id,
        source: 'reported',
        reason: score !== null ? reason('SCORE', { score }) : undefined,
      }),
    });
  }
}

/** At the end of a table: the stated values checked, and a repeated 番号 compared with its first copy. */
function closeOpenTable(
  st: State,
  t: OpenTable,
  scheme: StatusScheme,
  settings: Settings,
  bag: DiagnosticBag,
): Entry[] {
  const measures = t.measures;
  checkStated(t, measures, scheme, settings, bag);
  const block = st.block;
  if (!block || block.number === '') return measures.map((m) => m.entry);
  const signature = [
    ...measures.map((m) => m.key),
    `avg=${normalizeLabel(t.average?.text ?? '')}`,
    `label=${statusKey(t.label?.text ?? '')}`,
  ].join('|');
  const numberKey = normalizeLabel(block.number);
  const first = st.seen[numberKey];
  if (!first) {
    remember(st, numberKey, {
      at: block.at,
      signature,
      measures: measures.map((m) => ({ key: m.key, at: m.entry.at })),
    });
    return measures.map((m) => m.entry);
  }
  const params = {
    number: block.number,
    firstSheet: first.at.sheet,
    firstCell: toA1(first.at.row, first.at.col),
  };
  if (first.signature === signature) {
    bag.report('REPEATED_ENTRY', block.at, block.number, params);
  } else {
    bag.report('CONFLICTING_REPEAT', block.at, block.number, params);
  }
  // Each 施策 found in the first copy is listed here as its repeat, so a 施策 is counted once.
  return measures.map((m) => {
    const name = m.key.split('=')[0];
    const original =
      first.measures.find((x) => x.key === m.key) ?? first.measures.find((x) => x.key.split('=')[0] === name);
    return original ? newEntry({ ...m.entry, repeatOf: original.at }) : m.entry;
  });
}

function checkStated(
  t: OpenTable,
  measures: readonly Measure[],
  scheme: StatusScheme,
  settings: Settings,
  bag: DiagnosticBag,
): void {
  if (measures.length === 0 || measures.some((m) => m.score === null)) return;
  const computed = averageScore(measures.map((m) => m.score!));
  if (computed === null) return;
  const avg = t.average;
  if (avg && avg.text !== '') {
    const value = parseCellNumber(avg.cell);
    if (!value) {
      bag.report('UNPARSABLE_NUMBER', avg.at, avg.text, { field: '平均値' });
    } else if (Math.abs(value.value - computed) > 0.05 + 1e-9) {
      bag.report('STATED_AVERAGE_MISMATCH', avg.at, avg.text, {
        stated: avg.text,
        computed: computed.toFixed(1),
      });
    }
  }
  const label = t.label;
  if (!label || label.text === '') return;
  const score = bandScore(computed, settings.judge);
  const expected = score !== null ? categoryForScore(score, scheme) : null;
  if (expected === null) return;
  const match = classifyStatus(label.text, scheme);
  if (match.kind !== 'matched' || match.status !== expected) {
    bag.report('STATED_LABEL_MISMATCH', label.at, label.text, {
      stated: label.text,
      computed: expected,
    });
  }
}

export const scoredSheetsLayout: Layout<'scoredSheets'> = {
  id: 'scoredSheets',
  name: layoutTitle('scoredSheets'),
  concepts: describeConcepts(SCORED_SHEET_LABELS, {
    number: '施策番号の見出し',
    policyName: '基本施策名の見出し',
    department: '主担当課の見出し',
    office: '主担当部の見出し',
    overall: '基本施策全体の進捗状況の見出し',
    average: '評点の平均の見出し',
    measure: '施策名の列',
    status: '施策ごとの評点の列',
  }),
  detect,
  parse,
  finish,
  uniqueNumbers: false,
};
