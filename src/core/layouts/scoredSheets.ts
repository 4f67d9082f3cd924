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
import { averageScore, bandScore, categoryForScore, reasonText, scoreOfCategory } from '../judge';
import type { Entry } from '../model';
import { parseCellNumber } from '../numbers';
import { findScheme, type Settings, type StatusScheme } from '../settings';
import type { Sheet } from '../sheet';
import { classifyStatus, statusKey } from '../status';
import { normalizeLabel } from '../text';
import { displayText, isLabel, mergedLabels, type LabelTable } from './judgedLayouts';
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

interface State {
  block: Block | null;
  seen: Record<string, Seen>;
}

const CARRY_KEY = 'scoredSheets';

function initialState(carry: LayoutCarry): State {
  const saved = carry.state?.[CARRY_KEY] as State | undefined;
  return saved ? (JSON.parse(JSON.stringify(saved)) as State) : { block: null, seen: {} };
}

function labelCol(sheet: Sheet, row: number, synonyms: readonly string[], from = 0): number | undefined {
  return sheet.filledColumns(row).find((c) => c >= from && isLabel(sheet.text(row, c), synonyms));
}

function detect(sheet: Sheet, settings: Settings): number {
  const L = mergedLabels(settings, 'scoredSheets', SCORED_SHEET_LABELS);
  let headers = 0;
  let tables = 0;
  for (let r = 0; r < sheet.rowCount; r++) {
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
  return headers > 0 ? 0.4 : 0;
}

function schemeFor(settings: Settings): StatusScheme {
  const id = settings.layoutSchemes.scoredSheets;
  const scheme = findScheme(settings, id);
  if (!scheme) throw new EngineError('INVALID_SETTINGS', `Unknown status scheme "${id}" for scoredSheets.`);
  return scheme;
}

function parse(sheet: Sheet, ctx: LayoutContext): LayoutResult {
  const { settings, diagnostics } = ctx;
  const L = mergedLabels(settings, 'scoredSheets', SCORED_SHEET_LABELS);
  const scheme = schemeFor(settings);
  const st = initialState(ctx.carry);
  const entries: Entry[] = [];
  let title: string | undefined;

  for (let r = 0; r < sheet.rowCount; r++) {
    const cols = sheet.filledColumns(r);
    if (cols.length === 0) continue;
    if (title === undefined && cols.length === 1 && st.block === null)
      title = displayText(sheet, r, cols[0]!);

    const numberCol = labelCol(sheet, r, L.number);
    const nameCol = labelCol(sheet, r, L.policyName);
    if (numberCol !== undefined && nameCol !== undefined) {
      const v = nextFilledRow(sheet, r);
      if (v !== null && !sheet.isBlank(v, numberCol)) {
        const deptCol = labelCol(sheet, r, L.department);
        const officeCol = labelCol(sheet, r, L.office);
        const dept = deptCol !== undefined ? displayText(sheet, v, deptCol) : '';
        const office = officeCol !== undefined ? displayText(sheet, v, officeCol) : '';
        st.block = {
          number: displayText(sheet, v, numberCol),
          name: displayText(sheet, v, nameCol),
          department: dept || office,
          at: sheet.address(v, numberCol),
        };
        r = v;
      }
      continue;
    }

    const measureCols = cols.filter((c) => isLabel(sheet.text(r, c), L.measure));
    const avgCol = labelCol(sheet, r, L.average);
    if (measureCols.length > 0 && avgCol !== undefined) {
      const pairs = measureCols
        .map((m) => ({ measure: m, status: labelCol(sheet, r, L.status, m + 1) }))
        .filter((p): p is { measure: number; status: number } => p.status !== undefined);
      const overallCol = labelCol(sheet, r, L.overall);
      const end = tableEnd(sheet, r + 1);
      entries.push(
        ...readTable(
          sheet,
          { first: r + 1, end, pairs, avgCol, overallCol },
          st,
          scheme,
          settings,
          diagnostics,
        ),
      );
      r = end - 1;
    }
  }

  return {
    entries,
    statedSummaries: [],
    ...(title !== undefined ? { title } : {}),
    carry: {
      ...(st.block ? { group: [`${st.block.number} ${st.block.name}`] } : {}),
      state: { [CARRY_KEY]: JSON.parse(JSON.stringify(st)) as unknown },
    },
  };
}

function nextFilledRow(sheet: Sheet, row: number): number | null {
  for (let r = row + 1; r < sheet.rowCount && r <= row + 2; r++) if (!sheet.isBlankRow(r)) return r;
  return null;
}

/** The table runs until the first blank row. */
function tableEnd(sheet: Sheet, first: number): number {
  let r = first;
  while (r < sheet.rowCount && !sheet.isBlankRow(r)) r++;
  return r;
}

interface Table {
  readonly first: number;
  readonly end: number;
  readonly pairs: readonly { readonly measure: number; readonly status: number }[];
  readonly avgCol: number;
  readonly overallCol: number | undefined;
}

function readTable(
  sheet: Sheet,
  t: Table,
  st: State,
  scheme: StatusScheme,
  settings: Settings,
  bag: DiagnosticBag,
): Entry[] {
  const block = st.block ?? {
    number: '',
    name: '',
    department: '',
    at: sheet.address(t.first, t.pairs[0]?.measure ?? 0),
  };
  const group = block.number || block.name ? [`${block.number} ${block.name}`.trim()] : [];
  const measures: { entry: Entry; key: string; score: number | null }[] = [];
  for (let r = t.first; r < t.end; r++) {
    for (const p of t.pairs) {
      const name = displayText(sheet, r, p.measure);
      const raw = displayText(sheet, r, p.status);
      if (name === '' && raw === '') continue;
      const at = sheet.address(r, p.status);
      const match = classifyStatus(raw, scheme);
      let status: string | null = null;
      let category: string | null = null;
      let excluded = false;
      let score: number | null = null;
      if (match.kind === 'matched') {
        status = match.status;
        category = match.category;
        excluded = match.excluded;
        score = match.score ?? scoreOfCategory(match.status, scheme);
      } else if (match.kind === 'blank') {
        bag.report('MISSING_STATUS', 'warning', at, raw, { title: name });
      } else {
        bag.report('UNKNOWN_STATUS', 'error', at, raw, {
          status: raw,
          scheme: scheme.name,
          ...(match.suggestion ? { suggestion: match.suggestion } : {}),
        });
      }
      const index = measures.length + 1;
      measures.push({
        key: `${normalizeLabel(name)}=${score ?? statusKey(raw)}`,
        score,
        entry: {
          at,
          layout: 'scoredSheets',
          group,
          number: block.number ? `${block.number}-${index}` : String(index),
          title: name,
          department: block.department,
          rawStatus: raw,
          status,
          category,
          excluded,
          scheme: scheme.id,
          source: 'reported',
          ...(score !== null ? { reason: reasonText(settings, 'score', { score: String(score) }) } : {}),
        },
      });
    }
  }

  // The stated average and overall label sit in the first row of the table.
  const avgText = displayText(sheet, t.first, t.avgCol);
  const labelText = t.overallCol !== undefined ? displayText(sheet, t.first, t.overallCol) : '';
  checkStated(sheet, t, avgText, labelText, measures, scheme, settings, bag);

  const signature = [
    ...measures.map((m) => m.key),
    `avg=${normalizeLabel(avgText)}`,
    `label=${statusKey(labelText)}`,
  ].join('|');
  if (block.number === '') return measures.map((m) => m.entry);
  const numberKey = normalizeLabel(block.number);
  const first = st.seen[numberKey];
  if (!first) {
    st.seen[numberKey] = {
      at: block.at,
      signature,
      measures: measures.map((m) => ({ key: m.key, at: m.entry.at })),
    };
    return measures.map((m) => m.entry);
  }
  const params = {
    number: block.number,
    firstSheet: first.at.sheet,
    firstCell: toA1(first.at.row, first.at.col),
  };
  if (first.signature === signature) {
    bag.report('REPEATED_ENTRY', 'info', block.at, block.number, params);
  } else {
    bag.report('CONFLICTING_REPEAT', 'error', block.at, block.number, params);
  }
  // Each 施策 found in the first copy is listed here as its repeat, so a 施策 is counted once.
  return measures.map((m) => {
    const name = m.key.split('=')[0];
    const original =
      first.measures.find((x) => x.key === m.key) ?? first.measures.find((x) => x.key.split('=')[0] === name);
    return original ? { ...m.entry, repeatOf: original.at } : m.entry;
  });
}

function checkStated(
  sheet: Sheet,
  t: Table,
  avgText: string,
  labelText: string,
  measures: readonly { score: number | null }[],
  scheme: StatusScheme,
  settings: Settings,
  bag: DiagnosticBag,
): void {
  if (measures.length === 0 || measures.some((m) => m.score === null)) return;
  const computed = averageScore(measures.map((m) => m.score!));
  if (computed === null) return;
  const avgAt = sheet.address(t.first, t.avgCol);
  if (avgText !== '') {
    const stated = parseCellNumber(sheet.cell(t.first, t.avgCol));
    if (!stated) {
      bag.report('UNPARSABLE_NUMBER', 'warning', avgAt, avgText, { field: '平均値' });
    } else if (Math.abs(stated.value - computed) > 0.05 + 1e-9) {
      bag.report('STATED_AVERAGE_MISMATCH', 'error', avgAt, avgText, {
        stated: avgText,
        computed: computed.toFixed(1),
      });
    }
  }
  if (labelText === '' || t.overallCol === undefined) return;
  const score = bandScore(computed, settings.judge);
  const expected = score !== null ? categoryForScore(score, scheme) : null;
  if (expected === null) return;
  const stated = classifyStatus(labelText, scheme);
  if (stated.kind !== 'matched' || stated.status !== expected) {
    bag.report('STATED_LABEL_MISMATCH', 'error', sheet.address(t.first, t.overallCol), labelText, {
      stated: labelText,
      computed: expected,
    });
  }
}

export const scoredSheetsLayout: Layout = {
  id: 'scoredSheets',
  name: '評点シート形式（府中市型）',
  detect,
  parse,
  uniqueNumbers: false,
};
