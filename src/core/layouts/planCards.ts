/**
 * 安中市 style plan cards: under 1 … / (1) … / ① … headings, a card with 担当課 / 関係課, 現状と課題,
 * 取組内容, 目標の状態 with 現状の数値 / 目標の数値 (beside, below or in the same cell), and a 年次計画:
 * a year row, a 進捗状況 row (the stage planned per year), 年度目標 and 数値 (yearly numeric targets).
 * The labels sit in the first or the second column from card to card, so values are read relative
 * to their own label. Each planned year is an entry; a 実績 row, when a card has one, is judged.
 */
import type { CellAddress } from '../address';
import type { DiagnosticBag } from '../diagnostics';
import { EngineError } from '../errors';
import { findFiscalYears, parseFiscalYear } from '../fiscalYear';
import {
  applyCountBy,
  judgeIndicator,
  readFigure,
  readNumberSegments,
  readStage,
  segmentKey,
  unitKey,
  type DatedFigure,
  type Figure,
  type JudgedEntry,
} from '../judge';
import { newEntry, type Entry, type IndicatorFigures } from '../model';
import { reason } from '../reasons';
import { findScheme, type Settings, type StatusScheme } from '../settings';
import type { Sheet } from '../sheet';
import { classifyStatus } from '../status';
import type { CellData } from '../workbook';
import { conceptKeys, describeConcepts, reportStatusMatch, writtenSpan } from './common';
import {
  displayText,
  EMPTY_GROUPS,
  groupPath,
  isLabel,
  isLabelAt,
  mergedLabels,
  openHeading,
  type GroupState,
  type LabelTable,
  yearColumns,
} from './judgedLayouts';
import { layoutTitle } from './registry';
import { CIRCLED, parseHeading } from './headings';
import type { Layout, LayoutCarry, LayoutContext, LayoutResult, RunContext } from './types';
import { pushAll } from '../text';

type Concept =
  | 'department'
  | 'related'
  | 'goalState'
  | 'baseline'
  | 'goal'
  | 'plan'
  | 'progress'
  | 'yearlyGoal'
  | 'numbers'
  | 'actual';

/** Built-in label synonyms; settings.labels.planCards adds to them. */
export const PLAN_CARD_LABELS: LabelTable<Concept> = {
  department: ['担当課', '所管課', '担当部署'],
  related: ['関係課', '関係部署'],
  goalState: ['目標の状態', 'めざす姿'],
  baseline: ['現状の数値', '現状値'],
  goal: ['目標の数値', '目標値'],
  plan: ['年次計画', '年度計画', 'スケジュール'],
  progress: ['進捗状況', '計画段階', '取組段階'],
  yearlyGoal: ['年度目標'],
  numbers: ['数値', '数値目標'],
  actual: ['実績', '実績値', '取組実績', '進捗実績'],
};

type RowConcept = 'progress' | 'yearlyGoal' | 'numbers' | 'actual';
const ROW_CONCEPTS: readonly RowConcept[] = ['progress', 'yearlyGoal', 'numbers', 'actual'];

interface ValueCell {
  readonly col: number;
  readonly text: string;
  readonly cell: CellData | null;
  readonly at: CellAddress;
}

interface DataRow {
  readonly concept: RowConcept;
  readonly labelCol: number;
  readonly cells: readonly ValueCell[];
}

interface TextAt {
  readonly text: string;
  readonly at: CellAddress;
}

interface YearRow {
  readonly years: readonly number[];
  /** Columns of the years; for a header that lists them in one cell, that cell's column for all. */
  readonly cols: readonly number[] | null;
  readonly firstCol: number;
}

interface Card {
  readonly title: string;
  readonly number: string;
  readonly group: readonly string[];
  readonly groupKeys: readonly string[];
  readonly at: CellAddress;
  department: string;
  baseline: TextAt | null;
  goal: TextAt | null;
  years: YearRow | null;
  rows: DataRow[];
}

/** What a sheet hands the next one (the run copies it: run.ts copyCarry). */
export type PlanState = State;

interface State {
  groups: GroupState;
  card: Card | null;
  year: number | null;
}

function initialState(carry: LayoutCarry<'planCards'>): State {
  // The run's copy (run.ts copyCarry): this sheet may change it freely.
  if (carry.state) return carry.state;
  return { groups: EMPTY_GROUPS, card: null, year: null };
}

function planScheme(settings: Settings): StatusScheme {
  const id = settings.layoutSchemes.planCards;
  const scheme = findScheme(settings, id);
  if (!scheme) throw new EngineError('INVALID_SETTINGS', `Unknown status scheme "${id}" for planCards.`);
  return scheme;
}

const DISTINCT = ['plan', 'yearlyGoal', 'goalState', 'baseline', 'goal'] as const;

function detect(sheet: Sheet, settings: Settings): number {
  const L = mergedLabels(settings, 'planCards', PLAN_CARD_LABELS);
  /** Labels only plan cards use; 進捗状況 and 数値 are too common to count alone. */
  const distinct = new Set<Concept>();
  let progress = 0;
  // Only the rows the sheet's index has one of these labels on can count.
  for (const r of sheet.rowsWithKeys(conceptKeys(L, [...DISTINCT, 'progress']))) {
    const cols = sheet.filledColumns(r).slice(0, 4);
    for (const c of cols) {
      for (const k of DISTINCT) {
        if (isLabelAt(sheet, r, c, L[k])) distinct.add(k);
      }
      if (isLabelAt(sheet, r, c, L.progress)) progress++;
    }
  }
  // Looking for a year row is the costly part, and only matters when the labels are there: every
  // other layout's sheets are detected too, and skip it.
  if (progress > 0 && distinct.size > 0 && hasYearRow(sheet)) return 0.9;
  // A sheet cut from a longer report may hold part of a card only.
  if (distinct.size >= 2 || (distinct.size === 1 && progress > 0)) return 0.6;
  return 0;
}

function hasYearRow(sheet: Sheet): boolean {
  for (let r = 0; r < sheet.rowCount; r++) if (yearColumns(sheet, r)) return true;
  return false;
}

/** Heading level of a single-cell row: 1 「1 市民ニーズ…」, 2 「(1) …」, 3 「① …」. */
function headingOf(raw: string): { level: number; key: string } | null {
  const h = parseHeading(raw);
  if (!h || h.bullet !== '') return null;
  // 「1 市民ニーズ」 or 「1.市民ニーズ」: a number set off by spaces, or by a point written close.
  const top = h.marker === 'number' && /^(\s+|[.、])$/.test(h.separator);
  return top || h.marker === 'paren' || h.marker === 'circled' ? { level: h.level, key: h.number } : null;
}

function parse(sheet: Sheet, ctx: LayoutContext<'planCards'>): LayoutResult<'planCards'> {
  const { settings, diagnostics } = ctx;
  const L = mergedLabels(settings, 'planCards', PLAN_CARD_LABELS);
  const scheme = planScheme(settings);
  const st = initialState(ctx.carry);
  const year = ctx.reportYear ?? settings.reportYear ?? st.year;
  st.year = year;
  const entries: Entry[] = [];
  let title: string | undefined;

  const close = (): void => {
    if (st.card) pushAll(entries, finishCard(st.card, year, scheme, settings, diagnostics, ctx.run));
    st.card = null;
  };

  for (let r = 0; r < sheet.rowCount; r++) {
    const cols = sheet.valueColumns(r);
    const c0 = cols[0];
    if (c0 === undefined) continue;

    if (cols.length === 1) {
      const h = headingOf(sheet.text(r, c0));
      if (h && !isValueBelowLabel(sheet, r, c0, L)) {
        close();
        st.groups = openHeading(st.groups, h.level, h.key, displayText(sheet, r, c0));
        if (h.level === 3) st.card = newCard(st, sheet.address(r, c0), displayText(sheet, r, c0), h.key);
        continue;
      }
      if (title === undefined && st.card === null && st.groups.open.length === 0) {
        title = displayText(sheet, r, c0);
      }
    }

    const deptCol = cols.find((c) => isLabelAt(sheet, r, c, L.department));
    if (deptCol !== undefined && deptCol === c0) {
      if (!st.card || st.card.department !== '' || st.card.years) {
        close();
        // A card without a ① heading of its own is not under the previous card's heading.
        st.groups = { ...st.groups, open: st.groups.open.filter((h) => h.level < 3) };
        st.card = newCard(st, sheet.address(r, c0), '', '');
      }
      st.card.department = departmentOf(sheet, r, cols, deptCol, L);
      // 関係課 and the rest of the row are not read.
      continue;
    }
    const card = st.card;
    if (!card) continue;

    const years = yearColumns(sheet, r);
    if (years) {
      const firstCol = years.singleCell ? years.singleCell.col : years.byCol[0]!.col;
      card.years = {
        years: years.years,
        cols: years.singleCell ? null : years.byCol.map((y) => y.col),
        firstCol,
      };
      continue;
    }

    readTargets(sheet, r, cols, card, L);

    const labelAt = cols.find((c) => ROW_CONCEPTS.some((k) => isLabelAt(sheet, r, c, L[k])));
    if (labelAt !== undefined) {
      const concept = ROW_CONCEPTS.find((k) => isLabelAt(sheet, r, labelAt, L[k]))!;
      // A label merged across columns ends where its merge ends; the values start after it.
      const labelEnd = sheet.mergeAt(r, labelAt)?.right ?? labelAt;
      const cells = cols
        .filter((c) => c > labelEnd)
        .map((c) => ({
          col: c,
          text: displayText(sheet, r, c),
          cell: sheet.cell(r, c),
          at: sheet.address(r, c),
        }));
      card.rows.push({ concept, labelCol: labelEnd, cells });
    }
  }

  return {
    entries,
    statedSummaries: [],
    ...(title !== undefined ? { title } : {}),
    carry: {
      group: groupPath(st.groups).path,
      state: st,
    },
  };
}

function finish(ctx: LayoutContext<'planCards'>): LayoutResult<'planCards'> {
  const st = initialState(ctx.carry);
  const year = ctx.reportYear ?? ctx.settings.reportYear ?? st.year;
  const entries = st.card
    ? finishCard(st.card, year, planScheme(ctx.settings), ctx.settings, ctx.diagnostics, ctx.run)
    : [];
  return { entries, statedSummaries: [] };
}

/** A single-cell row right under 現状の数値 / 目標の数値 is that value, never a heading. */
function isValueBelowLabel(sheet: Sheet, row: number, col: number, L: LabelTable<Concept>): boolean {
  if (row === 0) return false;
  return isLabelAt(sheet, row - 1, col, L.baseline) || isLabelAt(sheet, row - 1, col, L.goal);
}

function newCard(st: State, at: CellAddress, heading: string, key: string): Card {
  const gp = groupPath(st.groups);
  st.groups = gp.state;
  // The open headings already end with this card's own number when it has a heading.
  const number = gp.keys.filter((x) => x !== '').join('-') || key;
  return {
    title: heading.replace(CIRCLED, '').trim(),
    number,
    group: gp.path,
    groupKeys: gp.keys,
    at,
    department: '',
    baseline: null,
    goal: null,
    years: null,
    rows: [],
  };
}

/** 担当課's value: the next cell, cut at 関係課 when both sit in one cell (「秘書政策課 関係課 職員課」). */
function departmentOf(
  sheet: Sheet,
  r: number,
  cols: readonly number[],
  deptCol: number,
  L: LabelTable<Concept>,
): string {
  const next = cols.find((c) => c > deptCol);
  if (next === undefined || isLabelAt(sheet, r, next, L.related)) return '';
  const text = displayText(sheet, r, next);
  for (const rel of L.related) {
    const i = text.indexOf(rel);
    if (i > 0) return text.slice(0, i).trim();
  }
  return text;
}

/**
 * 現状の数値 / 目標の数値: the text after the label in the same cell (up to the other label), else
 * the next cell to the right, else the cell below, when that cell is not itself a label or a year.
 */
function readTargets(
  sheet: Sheet,
  r: number,
  cols: readonly number[],
  card: Card,
  L: LabelTable<Concept>,
): void {
  for (const c of cols) {
    const text = sheet.text(r, c);
    const parts = labelledParts(text, L);
    for (const part of parts) {
      if (card[part.concept]) continue;
      let value = part.value;
      let at = sheet.address(r, c);
      if (value === '' && parts.length === 1) {
        const right = cols.find((x) => x > c);
        const candidates: [number, number][] = [];
        if (right !== undefined) candidates.push([r, right]);
        candidates.push([r + 1, c]);
        for (const [rr, cc] of candidates) {
          const t = sheet.text(rr, cc);
          if (t === '' || labelledParts(t, L).length > 0 || isAnyLabel(t, L) || parseFiscalYear(t) !== null)
            continue;
          if (yearColumns(sheet, rr)) continue;
          value = displayText(sheet, rr, cc);
          at = sheet.address(rr, cc);
          break;
        }
      }
      if (value !== '') card[part.concept] = { text: value, at };
    }
  }
}

function isAnyLabel(text: string, L: LabelTable<Concept>): boolean {
  return (Object.keys(L) as Concept[]).some((k) => isLabel(text, L[k]));
}

/** The 現状の数値 / 目標の数値 parts of a cell whose text (or one of whose lines) starts with the label. */
function labelledParts(
  text: string,
  L: LabelTable<Concept>,
): { concept: 'baseline' | 'goal'; value: string }[] {
  const t = text.normalize('NFKC');
  const marks: { concept: 'baseline' | 'goal'; start: number; end: number }[] = [];
  for (const concept of ['baseline', 'goal'] as const) {
    for (const label of L[concept]) {
      const l = label.normalize('NFKC');
      let from = 0;
      for (;;) {
        const i = t.indexOf(l, from);
        if (i < 0) break;
        if (i === 0 || /[\n\r]/.test(t[i - 1]!)) marks.push({ concept, start: i, end: i + l.length });
        from = i + l.length;
      }
    }
  }
  marks.sort((a, b) => a.start - b.start);
  return marks.map((m, i) => ({
    concept: m.concept,
    value: t
      .slice(m.end, marks[i + 1]?.start ?? t.length)
      .replace(/^[\s:：]+/, '')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Closing a card: planned entries, plan checks, judged actuals

interface Placed {
  readonly year: number;
  readonly cell: ValueCell;
}

/**
 * Values of a plan row by year. Labels drift between the first and second column from row to row,
 * so each value is placed relative to its own label: the first cell after the label is the first year.
 */
function placeRow(row: DataRow, years: YearRow, bag: DiagnosticBag): Placed[] {
  const shift = row.labelCol + 1 - years.firstCol;
  const out: Placed[] = [];
  const extra: ValueCell[] = [];
  for (const cell of row.cells) {
    let year: number | undefined;
    if (years.cols === null) year = years.years[cell.col - row.labelCol - 1];
    else {
      const i = years.cols.indexOf(cell.col - shift);
      year = i >= 0 ? years.years[i] : undefined;
    }
    if (year === undefined) extra.push(cell);
    else out.push({ year, cell });
  }
  if (row.cells.length > years.years.length && row.cells.length > 0) {
    const first = row.cells[0]!;
    const last = row.cells[row.cells.length - 1]!;
    bag.report(
      'EXTRA_VALUES',
      first.at,
      (extra[0] ?? last).text,
      { years: years.years.length, values: row.cells.length },
      { row: last.at.row, col: last.at.col },
    );
  }
  return out;
}

function finishCard(
  card: Card,
  year: number | null,
  scheme: StatusScheme,
  settings: Settings,
  bag: DiagnosticBag,
  run: RunContext,
): Entry[] {
  if (!card.years) return [];
  const years = card.years;
  const placed = new Map<RowConcept, Placed[]>();
  for (const row of card.rows) {
    const list = placeRow(row, years, bag);
    if (!placed.has(row.concept)) placed.set(row.concept, list);
  }
  const series = numericSeries(card, placed.get('numbers') ?? []);
  const entries: Entry[] = [];
  for (const p of placed.get('progress') ?? []) {
    const raw = p.cell.text;
    const m = classifyStatus(raw, scheme);
    // A year with no stage planned is no entry (the plan starts later), not a missing status.
    if (m.kind === 'blank') continue;
    reportStatusMatch(bag, p.cell.at, raw, m, scheme, { title: card.title, number: card.number });
    const matched = m.kind === 'matched' ? m : null;
    entries.push(
      newEntry({
        at: p.cell.at,
        layout: 'planCards',
        group: card.group,
        number: card.number,
        title: card.title,
        department: card.department,
        rawStatus: raw,
        status: matched?.status ?? null,
        category: matched?.category ?? null,
        excluded: matched?.excluded ?? false,
        scheme: scheme.id,
        source: 'planned',
        year: p.year,
        plannedStage: matched?.status,
        indicator: plannedFigure(series, p.year),
        reason: reason('PLANNED', { year: p.year, stage: matched?.status ?? raw }),
      }),
    );
  }

  checkPlanNumbers(series, bag);

  const actual = placed.get('actual');
  if (actual && actual.some((a) => a.cell.text !== '')) {
    if (year === null) {
      run.needYear(actual[0]!.cell.at);
    } else {
      pushAll(entries, judgeCard(card, placed, series, actual, year, settings, bag));
    }
  }
  return entries;
}

interface Series {
  readonly key: string;
  readonly name: string;
  readonly points: readonly {
    readonly year: number;
    readonly figure: Extract<Figure, { kind: 'number' }>;
    readonly cell: ValueCell;
  }[];
  readonly baseline: Extract<Figure, { kind: 'number' }> | null;
  readonly goal: Extract<Figure, { kind: 'number' }> | null;
}

/** Segments of a figure text, ignoring schedules such as 「令和2年12月までに…」 and notes in brackets. */
function segmentsOf(text: string, cell: CellData | null): Extract<Figure, { kind: 'number' }>[] {
  const bare = text.replace(/[(（][^()（）]*[)）]/g, ' ');
  if (findFiscalYears(bare).length > 0) return [];
  return readNumberSegments(cell && typeof cell.value === 'number' ? cell : null, bare).filter(
    (f): f is Extract<Figure, { kind: 'number' }> => f.kind === 'number',
  );
}

/**
 * The yearly numeric targets as series, one per indicator named in the cells (時間外 / 年休取得), with
 * the 現状の数値 and 目標の数値 of the same name; a single unnamed figure pairs with a single goal.
 */
function numericSeries(card: Card, numbers: readonly Placed[]): Series[] {
  const perYear = numbers
    .map((p) => ({ p, segs: segmentsOf(p.cell.text, p.cell.cell) }))
    .filter((x) => x.segs.length > 0);
  if (perYear.length === 0) return [];
  const baseSegs = card.baseline ? segmentsOf(card.baseline.text, null) : [];
  const goalSegs = card.goal ? segmentsOf(card.goal.text, null) : [];
  const single = perYear.every((x) => x.segs.length === 1);
  const keys: string[] = [];
  for (const x of perYear)
    for (const s of x.segs) if (!keys.includes(segmentKey(s.label))) keys.push(segmentKey(s.label));
  if (single && (goalSegs.length <= 1 || keys.length === 1)) {
    const key = keys.length === 1 ? keys[0]! : '';
    const byKey = (segs: typeof goalSegs): (typeof goalSegs)[number] | null =>
      segs.length === 1 ? segs[0]! : (segs.find((s) => segmentKey(s.label) === key) ?? null);
    return [
      {
        key,
        name: seriesName(perYear[0]!.p.cell.text, perYear[0]!.segs[0]!.label) || card.title,
        points: perYear.map((x) => ({ year: x.p.year, figure: x.segs[0]!, cell: x.p.cell })),
        baseline: byKey(baseSegs),
        goal: byKey(goalSegs),
      },
    ];
  }
  return keys
    .filter((k) => k !== '')
    .map((key) => {
      const points = perYear.flatMap((x) => {
        const s = x.segs.find((seg) => segmentKey(seg.label) === key);
        return s ? [{ year: x.p.year, figure: s, cell: x.p.cell }] : [];
      });
      const first = points[0];
      const label = first ? seriesName(first.cell.text, first.figure.label) : key;
      return {
        key,
        name: label,
        points,
        baseline: baseSegs.find((s) => segmentKey(s.label) === key) ?? null,
        goal: goalSegs.find((s) => segmentKey(s.label) === key) ?? null,
      };
    });
}

/** An indicator's name from the label before its number, as the cell writes it: '・ＨＰアクセス数' → 'ＨＰアクセス数'. */
function seriesName(cellText: string, label: string): string {
  const bare = label.replace(/^[・･\s]+/, '');
  return bare === '' ? '' : writtenSpan(cellText, bare);
}

/** The year's numeric target as the entry's figures, when the card plans a single figure. */
function plannedFigure(series: readonly Series[], year: number): IndicatorFigures | undefined {
  if (series.length !== 1) return undefined;
  const s = series[0]!;
  const point = s.points.find((p) => p.year === year);
  if (!point) return undefined;
  return {
    name: s.name,
    unit: point.figure.unit,
    baseline: s.baseline?.value ?? null,
    target: point.figure.value,
    actual: null,
    direction: null,
  };
}

function fmt(f: Extract<Figure, { kind: 'number' }>): string {
  return `${f.value}${f.unit}`;
}

/** Yearly targets must not move away from the goal, and the last one should be the goal. */
function checkPlanNumbers(series: readonly Series[], bag: DiagnosticBag): void {
  for (const s of series) {
    if (!s.goal || s.points.length === 0) continue;
    const goal = s.goal;
    const units = s.points.map((p) => p.figure.unit).filter((u) => u !== '');
    const mismatch = units.find((u) => goal.unit !== '' && unitKey(u) !== unitKey(goal.unit));
    if (mismatch !== undefined) {
      const p = s.points.find((x) => x.figure.unit === mismatch)!;
      bag.report('UNIT_CHANGED', p.cell.at, p.cell.text, {
        indicator: s.name,
        from: goal.unit,
        to: mismatch,
      });
      continue;
    }
    const dist = (v: number): number => Math.abs(v - goal.value);
    let prev: { value: number; text: string } | null = s.baseline
      ? { value: s.baseline.value, text: fmt(s.baseline) }
      : null;
    for (const p of s.points) {
      if (prev && dist(p.figure.value) > dist(prev.value) + 1e-9) {
        bag.report('PLAN_TARGET_DIRECTION', p.cell.at, p.cell.text, {
          from: prev.text,
          to: fmt(p.figure),
          goal: fmt(goal),
        });
      }
      prev = { value: p.figure.value, text: fmt(p.figure) };
    }
    const last = s.points[s.points.length - 1]!;
    if (dist(last.figure.value) > 1e-9) {
      bag.report('PLAN_FINAL_TARGET_MISMATCH', last.cell.at, last.cell.text, {
        last: fmt(last.figure),
        goal: fmt(goal),
      });
    }
  }
}

/** Judges a card's 実績 row for the report year: the stage reached against the plan, and each figure. */
function judgeCard(
  card: Card,
  placed: Map<RowConcept, Placed[]>,
  series: readonly Series[],
  actual: readonly Placed[],
  year: number,
  settings: Settings,
  bag: DiagnosticBag,
): Entry[] {
  const baselineYear = (card.years?.years[0] ?? year) - 1;
  const judged: JudgedEntry[] = [];
  const push = (input: Parameters<typeof judgeIndicator>[0]): void => {
    const j = judgeIndicator(input, year, settings, bag);
    judged.push({
      entry: newEntry({
        at: j.at,
        layout: 'planCards',
        group: card.group,
        number: card.number,
        title: card.title,
        department: card.department,
        rawStatus: '',
        status: j.status,
        category: j.category,
        excluded: false,
        scheme: settings.judge.scheme,
        source: 'computed',
        year,
        indicator: j.figures,
        reason: j.reason,
      }),
      verdict: j.verdict,
      reason: j.reason,
      itemKey: `${card.at.sheet}|${card.at.row}|${card.number}`,
      itemTitle: card.title,
      itemNumber: card.number,
    });
  };
  const yearCell = (y: number): CellAddress | null => {
    const row = card.rows.find((r) => r.concept === 'actual');
    const years = card.years;
    if (!row || !years) return null;
    const i = years.years.indexOf(y);
    if (i < 0) return null;
    const col =
      years.cols === null ? row.labelCol + 1 + i : years.cols[i]! + (row.labelCol + 1 - years.firstCol);
    return { sheet: card.at.sheet, row: actual[0]?.cell.at.row ?? card.at.row, col };
  };

  // The stage reached against the stages planned.
  const stageActuals: DatedFigure[] = [];
  for (const a of actual) {
    const f = readStage(a.cell.text, settings);
    if (f)
      stageActuals.push({ figure: { kind: 'stage', ...f }, at: a.cell.at, text: a.cell.text, year: a.year });
  }
  const plannedStages: DatedFigure[] = [];
  for (const p of placed.get('progress') ?? []) {
    const f = readStage(p.cell.text, settings);
    if (f)
      plannedStages.push({ figure: { kind: 'stage', ...f }, at: p.cell.at, text: p.cell.text, year: p.year });
  }
  if (stageActuals.length > 0 || series.length === 0) {
    push({
      name: card.title,
      at: card.at,
      baseline: null,
      baselineYear,
      targets: plannedStages,
      actuals: stageActuals,
      actualCell: yearCell,
    });
  }

  // Each figure reached against the yearly numeric targets (and the goal in the last year).
  for (const s of series) {
    const actuals: DatedFigure[] = [];
    for (const a of actual) {
      const segs = segmentsOf(a.cell.text, a.cell.cell);
      const seg =
        segs.length === 1 && series.length === 1 ? segs[0] : segs.find((x) => segmentKey(x.label) === s.key);
      if (seg) actuals.push({ figure: seg, at: a.cell.at, text: a.cell.text, year: a.year });
      else if (segs.length === 0) {
        const f = readFigure(a.cell.cell, a.cell.text, settings);
        if (f.kind === 'unreadable' && readStage(a.cell.text, settings) === null) {
          bag.report('UNPARSABLE_NUMBER', a.cell.at, a.cell.text, { field: s.name });
        }
      }
    }
    const targets: DatedFigure[] = s.points.map((p) => ({
      figure: p.figure,
      at: p.cell.at,
      text: fmt(p.figure),
      year: p.year,
    }));
    const lastYear = card.years?.years[card.years.years.length - 1];
    if (s.goal && lastYear !== undefined && !targets.some((t) => t.year === lastYear) && card.goal) {
      targets.push({ figure: s.goal, at: card.goal.at, text: fmt(s.goal), year: lastYear });
    }
    push({
      name: s.name,
      at: s.points[0]?.cell.at ?? card.at,
      baseline:
        s.baseline && card.baseline
          ? { figure: s.baseline, at: card.baseline.at, text: fmt(s.baseline) }
          : null,
      baselineYear,
      targets,
      actuals,
      actualCell: yearCell,
    });
  }
  return applyCountBy(judged, settings);
}

export const planCardsLayout: Layout<'planCards'> = {
  id: 'planCards',
  name: layoutTitle('planCards'),
  concepts: describeConcepts(PLAN_CARD_LABELS, {
    department: '担当課の見出し',
    related: '関係課の見出し',
    goalState: '目標の状態の見出し',
    baseline: '現状の数値の見出し',
    goal: '目標の数値の見出し',
    plan: '年次計画の表の見出し',
    progress: '年度ごとに計画した段階の行',
    yearlyGoal: '年度目標の行',
    numbers: '年度ごとの数値目標の行',
    actual: '実績の行（計画と照らして判定する）',
  }),
  detect,
  parse,
  finish,
  uniqueNumbers: false,
};
