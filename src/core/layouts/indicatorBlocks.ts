/**
 * 江別市 style indicator blocks: 取組項目 and 取組内容, then per 指標 a name row (with 所管課), a year
 * header (初期値(2017年度), 令和元年度 … 令和5年度), an optional unlabeled target row and one or more
 * 実績値 rows, under 基本目標N / (n) headings. Nothing is reported: each indicator is judged from its
 * figures for the report year (src/core/judge.ts).
 */
import type { CellAddress } from '../address';
import type { DiagnosticBag } from '../diagnostics';
import { findFiscalYear, findFiscalYears } from '../fiscalYear';
import {
  applyCountBy,
  judgeIndicator,
  readFigure,
  type CellFigure,
  type DatedFigure,
  type JudgedEntry,
} from '../judge';
import { newEntry, type Entry, type IndicatorFigures } from '../model';
import { reason, type Reason } from '../reasons';
import type { Settings } from '../settings';
import type { Sheet } from '../sheet';
import type { CellData } from '../workbook';
import { conceptKeys, describeConcepts, writtenSpan } from './common';
import {
  displayText,
  EMPTY_GROUPS,
  groupPath,
  isLabelAt,
  leadingNumber,
  mergedLabels,
  openHeading,
  type GroupState,
  type LabelTable,
  yearColumns,
} from './judgedLayouts';
import { layoutTitle } from './registry';
import { parseHeading } from './headings';
import type { Layout, LayoutCarry, LayoutContext, LayoutResult, YearFact } from './types';
import { pushAll } from '../text';

type Concept =
  'item' | 'description' | 'indicator' | 'department' | 'baseline' | 'actual' | 'target' | 'goalHeading';

/** Built-in label synonyms; settings.labels.indicatorBlocks adds to them. */
export const INDICATOR_BLOCK_LABELS: LabelTable<Concept> = {
  item: ['取組項目', '実施項目'],
  description: ['取組内容', '取組概要'],
  indicator: ['指標', '成果指標', '活動指標', '指標名', '目標指標'],
  department: ['所管課', '担当課', '所管部署', '担当部署'],
  baseline: ['初期値', '基準値', '現状値', '策定時'],
  actual: ['実績値', '実績'],
  target: ['目標値', '目標'],
  goalHeading: ['基本目標', '基本方針', '重点項目', '重点目標'],
};

interface ValueCell {
  readonly col: number;
  readonly text: string;
  readonly cell: CellData | null;
  readonly at: CellAddress;
}

interface ValueRow {
  readonly kind: 'target' | 'actual';
  readonly row: number;
  readonly sheet: string;
  /** '男性' for a row written (男性) …; '' for none. Folded (NFKC), to pair rows. */
  readonly sublabel: string;
  /** The same words as written, for the entry's name: 'Ａ地区' where sublabel is 'A地区'. */
  readonly sublabelShown: string;
  readonly cells: readonly ValueCell[];
}

interface OpenIndicator {
  readonly name: string;
  readonly at: CellAddress;
  readonly department: string;
  readonly index: number;
  readonly group: readonly string[];
  readonly groupKeys: readonly string[];
  readonly item: ItemState | null;
  /** Column → year of the header row; the 初期値 column and its year. */
  years: { col: number; year: number }[] | null;
  baselineCol: number | null;
  baselineYear: number | null;
  rows: ValueRow[];
  /** False once a row other than figures (取組状況 …) has come after the figures. */
  inValues: boolean;
}

interface ItemState {
  readonly title: string;
  readonly number: string;
  readonly at: CellAddress;
  indicators: number;
}

/** What a sheet hands the next one (the run copies it: run.ts copyCarry). */
export type IndicatorState = State;

interface State {
  groups: GroupState;
  item: ItemState | null;
  indicator: OpenIndicator | null;
  /** The column of the labels (取組項目, 指標①, 実績値①), once seen. */
  labelCol: number | null;
  /** The report year judged. */
  year: number | null;
}

function initialState(carry: LayoutCarry<'indicatorBlocks'>): State {
  // The run's copy (run.ts copyCarry): this sheet may change it freely.
  if (carry.state) return carry.state;
  return {
    groups: EMPTY_GROUPS,
    item: null,
    indicator: null,
    labelCol: null,
    year: null,
  };
}

const DETECT_CONCEPTS = ['item', 'description', 'indicator', 'actual', 'baseline'];

function detect(sheet: Sheet, settings: Settings): number {
  const L = mergedLabels(settings, 'indicatorBlocks', INDICATOR_BLOCK_LABELS);
  let items = 0;
  let descriptions = 0;
  let indicators = 0;
  let actuals = 0;
  let headers = 0;
  // Only the rows the sheet's index has one of these labels on can count.
  for (const r of sheet.rowsWithKeys(conceptKeys(L, DETECT_CONCEPTS))) {
    const cols = sheet.filledColumns(r);
    const c0 = cols[0];
    if (c0 === undefined) continue;
    if (isLabelAt(sheet, r, c0, L.item)) items++;
    else if (isLabelAt(sheet, r, c0, L.description)) descriptions++;
    else if (isLabelAt(sheet, r, c0, L.indicator)) indicators++;
    else if (isLabelAt(sheet, r, c0, L.actual)) actuals++;
    else if (isLabelAt(sheet, r, c0, L.baseline) && yearColumns(sheet, r)) headers++;
  }
  if (headers > 0 && actuals > 0) return 0.9;
  if (indicators > 0 && actuals > 0) return 0.75;
  // A sheet cut from a longer report may hold only part of a block: a 初期値 year header, or an
  // item's 取組項目 / 取組内容 rows whose indicators follow on the next sheet.
  if (headers > 0) return 0.6;
  if (items > 0 && (descriptions > 0 || indicators > 0)) return 0.55;
  return actuals > 0 || indicators > 0 ? 0.2 : 0;
}

/** The report year written on the sheet: the title (令和3年度) first, then a 令和3年度取組状況 label. */
function sheetYear(sheet: Sheet, settings: Settings): YearFact | null {
  const L = mergedLabels(settings, 'indicatorBlocks', INDICATOR_BLOCK_LABELS);
  let labelYear: YearFact | null = null;
  for (let r = 0; r < sheet.rowCount; r++) {
    const cols = sheet.filledColumns(r);
    const c0 = cols[0];
    if (c0 === undefined) continue;
    const text = sheet.text(r, c0);
    if (isLabelAt(sheet, r, c0, L.item) || isLabelAt(sheet, r, c0, L.indicator)) {
      if (labelYear !== null) return labelYear;
      continue;
    }
    if (cols.length === 1 && !isGroupHeading(text, L)) {
      // A title naming one year names the year reported; one naming several (a period, or the
      // year published and the year reported) is left to the headers.
      const ys = [...new Set(findFiscalYears(text))];
      if (ys.length === 1) return { year: ys[0]!, at: sheet.address(r, c0), text };
    }
    // 「令和3年度取組状況」 names the year reported; 「…令和4年度の取組内容」 names the next one.
    if (
      labelYear === null &&
      cols.length > 1 &&
      /取組状況|進捗状況|実施状況/.test(text) &&
      !/踏まえ|次年度|今後/.test(text)
    ) {
      const y = findFiscalYear(text);
      labelYear = y === null ? null : { year: y, at: sheet.address(r, c0), text };
    }
  }
  return labelYear;
}

function isGroupHeading(text: string, L: LabelTable<Concept>): boolean {
  return headingLevel(text, L) !== null;
}

/** A group heading: a goal word with its number (基本目標1, level 1) or (1) (level 2), unbulleted. */
function headingLevel(text: string, L: LabelTable<Concept>): { level: number; key: string } | null {
  const h = parseHeading(text, L.goalHeading);
  if (!h || h.bullet !== '') return null;
  const accepted = (h.marker === 'word' && h.number !== '') || h.marker === 'paren';
  return accepted ? { level: h.level, key: h.number } : null;
}

function parse(sheet: Sheet, ctx: LayoutContext<'indicatorBlocks'>): LayoutResult<'indicatorBlocks'> {
  const { settings, diagnostics } = ctx;
  const L = mergedLabels(settings, 'indicatorBlocks', INDICATOR_BLOCK_LABELS);
  const st = initialState(ctx.carry);
  const year = ctx.reportYear ?? st.year;
  st.year = year;
  const judged: JudgedEntry[] = [];
  let title: string | undefined;

  const close = (): void => {
    if (st.indicator) pushAll(judged, finishIndicator(st.indicator, year, settings, diagnostics));
    st.indicator = null;
  };

  for (let r = 0; r < sheet.rowCount; r++) {
    const cols = sheet.valueColumns(r);
    const c0 = cols[0];
    if (c0 === undefined) continue;
    const first = sheet.text(r, c0);

    if (cols.length === 1) {
      const h = headingLevel(first, L);
      if (h) {
        close();
        st.groups = openHeading(st.groups, h.level, h.key, displayText(sheet, r, c0));
        st.item = null;
        continue;
      }
      if (title === undefined && !st.item && !st.indicator && findFiscalYear(first) !== null) {
        title = displayText(sheet, r, c0);
        continue;
      }
    }

    const years = yearColumns(sheet, r);
    if (years && years.byCol.length > 0 && st.indicator) {
      const ind = st.indicator;
      ind.years = years.byCol.map((y) => ({ col: y.col, year: y.year }));
      const baseCol = cols.find((c) => isLabelAt(sheet, r, c, L.baseline));
      ind.baselineCol = baseCol ?? null;
      ind.baselineYear = baseCol !== undefined ? findFiscalYear(sheet.text(r, baseCol)) : null;
      ind.inValues = true;
      continue;
    }

    if (isLabelAt(sheet, r, c0, L.item)) {
      close();
      st.labelCol = c0;
      const titleCol = cols[1];
      const itemTitle = titleCol !== undefined ? displayText(sheet, r, titleCol) : '';
      const number = leadingNumber(itemTitle) ?? trailingNumber(first) ?? '';
      st.item = {
        title: itemTitle,
        number,
        at: sheet.address(r, titleCol ?? c0),
        indicators: 0,
      };
      continue;
    }
    if (isLabelAt(sheet, r, c0, L.description)) continue;
    if (isLabelAt(sheet, r, c0, L.indicator)) {
      close();
      st.labelCol = st.labelCol ?? c0;
      const nameCol = cols[1];
      const deptLabel = cols.findIndex((c, i) => i > 1 && isLabelAt(sheet, r, c, L.department));
      const deptCol = deptLabel >= 0 ? cols[deptLabel + 1] : undefined;
      const item = st.item;
      if (item) item.indicators++;
      const gp = groupPath(st.groups);
      st.groups = gp.state;
      st.indicator = {
        name: nameCol !== undefined && nameCol !== cols[deptLabel] ? displayText(sheet, r, nameCol) : '',
        at: sheet.address(r, nameCol ?? c0),
        department: deptCol !== undefined ? displayText(sheet, r, deptCol) : '',
        index: item?.indicators ?? 1,
        group: item ? [...gp.path, item.title] : gp.path,
        groupKeys: gp.keys,
        item,
        years: null,
        baselineCol: null,
        baselineYear: null,
        rows: [],
        inValues: false,
      };
      continue;
    }

    const ind = st.indicator;
    if (!ind || !ind.inValues || !ind.years) continue;
    const labelled = st.labelCol !== null ? c0 <= st.labelCol : !looksLikeValue(first, settings);
    let kind: ValueRow['kind'] | null = null;
    if (labelled) {
      if (isLabelAt(sheet, r, c0, L.actual)) kind = 'actual';
      else if (isLabelAt(sheet, r, c0, L.target)) kind = 'target';
      else {
        // 取組状況, next year's plan …: the figures of this indicator are over.
        close();
        continue;
      }
    } else {
      // An unlabeled row: a target row before the 実績値 row, another 実績値 row (女性) after it.
      const last = ind.rows[ind.rows.length - 1];
      kind = last?.kind === 'actual' ? 'actual' : 'target';
    }
    const valueCols = cols.filter((c) => !labelled || c !== c0);
    const cells: ValueCell[] = valueCols.map((c) => ({
      col: c,
      text: displayText(sheet, r, c),
      cell: sheet.cell(r, c),
      at: sheet.address(r, c),
    }));
    ind.rows.push({ kind, row: r, sheet: sheet.name, ...sublabelOf(cells, ind, settings), cells });
  }

  if (year === null && judged.length > 0) ctx.run.needYear(sheet.address(0, 0));
  return {
    entries: applyCountBy(judged, settings),
    statedSummaries: [],
    ...(title !== undefined ? { title } : {}),
    carry: {
      group: groupPath(st.groups).path,
      state: st,
    },
  };
}

/** Closes what the last sheet left open: an indicator whose figures ran to the end of the sheet. */
function finish(ctx: LayoutContext<'indicatorBlocks'>): LayoutResult<'indicatorBlocks'> {
  const st = initialState(ctx.carry);
  const year = ctx.reportYear ?? ctx.settings.reportYear ?? st.year;
  const judged = st.indicator ? finishIndicator(st.indicator, year, ctx.settings, ctx.diagnostics) : [];
  return { entries: applyCountBy(judged, ctx.settings), statedSummaries: [] };
}

function looksLikeValue(text: string, settings: Settings): boolean {
  const f = readFigure(null, text, settings);
  return f.kind === 'figure' || f.kind === 'label' || f.kind === 'blank';
}

/** The row's sub-label: a cell that is only (男性), or a first value written (男性) 6.9%. */
function sublabelOf(
  cells: readonly ValueCell[],
  ind: OpenIndicator,
  settings: Settings,
): { sublabel: string; sublabelShown: string } {
  for (const c of cells) {
    if (ind.baselineCol !== null && c.col > ind.baselineCol) break;
    const f = readFigure(c.cell, c.text, settings);
    let label: string | null = null;
    if (f.kind === 'label') label = f.label;
    else if (
      f.kind === 'figure' &&
      f.figure.kind === 'number' &&
      /^\s*[(（]/.test(c.text.normalize('NFKC'))
    ) {
      label = f.figure.label;
    }
    if (label !== null) return { sublabel: label, sublabelShown: writtenSpan(c.text, label) };
  }
  return { sublabel: '', sublabelShown: '' };
}

function finishIndicator(
  ind: OpenIndicator,
  year: number | null,
  settings: Settings,
  bag: DiagnosticBag,
): JudgedEntry[] {
  const actualRows = ind.rows.filter((r) => r.kind === 'actual');
  const targetRows = ind.rows.filter((r) => r.kind === 'target');
  const series: (ValueRow | null)[] = actualRows.length === 0 ? [null] : actualRows;
  const item = ind.item;
  const baseNumber = [...ind.groupKeys, item?.number ?? ''].filter((x) => x !== '').join('-');
  const number = `${baseNumber}${baseNumber ? '-' : ''}${ind.index}`;
  const out: JudgedEntry[] = [];
  for (const row of series) {
    const sub = row?.sublabel ?? '';
    const applicable = targetRows.filter((t) => t.sublabel === '' || sub === '' || t.sublabel === sub);
    const name = sub && series.length > 1 ? `${ind.name}（${row?.sublabelShown ?? sub}）` : ind.name;
    const targets: DatedFigure[] = [];
    const actuals: DatedFigure[] = [];
    let baseline: CellFigure | null = null;
    const yearOf = (col: number): number | null => ind.years?.find((y) => y.col === col)?.year ?? null;
    const read = (r: ValueRow, asActual: boolean): void => {
      for (const c of r.cells) {
        const f = readFigure(c.cell, c.text, settings);
        if (f.kind === 'date') {
          bag.report('DATE_FOR_NUMBER', c.at, c.text, { field: name });
          continue;
        }
        if (f.kind === 'unreadable') {
          bag.report('UNPARSABLE_NUMBER', c.at, c.text, { field: name });
          continue;
        }
        if (f.kind !== 'figure') continue;
        if (c.col === ind.baselineCol) {
          if (!baseline && f.figure.kind !== 'direction')
            baseline = { figure: f.figure, at: c.at, text: c.text };
          continue;
        }
        const y = yearOf(c.col);
        if (y === null) continue;
        const dated: DatedFigure = { figure: f.figure, at: c.at, text: c.text, year: y };
        // In a 実績値 row, a year after the report year, a bound or a direction is a target.
        const isTarget =
          !asActual ||
          (year !== null && y > year) ||
          f.figure.kind === 'direction' ||
          (f.figure.kind === 'number' && f.figure.bound !== null);
        (isTarget ? targets : actuals).push(dated);
      }
    };
    for (const t of applicable) read(t, false);
    if (row) read(row, true);
    const firstYear = ind.years?.[0]?.year ?? null;
    const baselineYear = ind.baselineYear ?? (firstYear !== null ? firstYear - 1 : null);
    const actualCol = (y: number): number | undefined => ind.years?.find((x) => x.year === y)?.col;
    const sheetName = row?.sheet ?? ind.at.sheet;
    const baseRow = applicable[0] ?? row;
    const baselineAt =
      baseRow && ind.baselineCol !== null
        ? { sheet: baseRow.sheet, row: baseRow.row, col: ind.baselineCol }
        : undefined;
    const input = {
      name,
      at: ind.at,
      baseline,
      ...(baselineAt ? { baselineAt } : {}),
      baselineYear,
      targets,
      actuals,
      actualCell: (y: number): CellAddress | null => {
        const col = actualCol(y);
        return row && col !== undefined ? { sheet: sheetName, row: row.row, col } : null;
      },
    };
    const entryNumber = sub && series.length > 1 ? `${number}(${sub})` : number;
    const make = (
      at: CellAddress,
      status: string | null,
      category: string | null,
      indicator: IndicatorFigures,
      why: Reason,
    ): Entry => {
      return newEntry({
        at,
        layout: 'indicatorBlocks',
        group: ind.group,
        number: entryNumber,
        title: name,
        department: ind.department,
        rawStatus: '',
        status,
        category,
        excluded: false,
        scheme: settings.judge.scheme,
        source: 'computed',
        year: year ?? undefined,
        indicator,
        reason: why,
      });
    };
    let entry: Entry;
    let verdict: JudgedEntry['verdict'] = null;
    let why: Reason;
    if (year === null) {
      why = reason('NO_REPORT_YEAR', {});
      const figures = {
        name,
        unit: '',
        baseline: baselineValue(baseline),
        target: null,
        actual: null,
        direction: null,
      };
      entry = make(ind.at, null, null, figures, why);
    } else {
      const j = judgeIndicator(input, year, settings, bag);
      verdict = j.verdict;
      why = j.reason;
      entry = make(j.at, j.status, j.category, j.figures, why);
    }
    out.push({
      entry,
      verdict,
      reason: why,
      itemKey: `${ind.at.sheet}|${item?.at.row ?? ind.at.row}|${baseNumber}|${item?.title ?? name}`,
      itemTitle: item?.title ?? name,
      itemNumber: baseNumber || number,
    });
  }
  return out;
}

function baselineValue(b: CellFigure | null): number | string | null {
  if (!b) return null;
  return b.figure.kind === 'number' && b.figure.bound === null ? b.figure.value : b.text;
}

export const indicatorBlocksLayout: Layout<'indicatorBlocks'> = {
  id: 'indicatorBlocks',
  name: layoutTitle('indicatorBlocks'),
  concepts: describeConcepts(INDICATOR_BLOCK_LABELS, {
    item: '取組項目の行の見出し',
    description: '取組内容の行の見出し（読み飛ばす）',
    indicator: '指標の行の見出し',
    department: '指標の行の所管課の見出し',
    baseline: '初期値の列の見出し',
    actual: '実績値の行の見出し',
    target: '目標値の行の見出し',
    goalHeading: 'グループ見出しの語（基本目標1 …）',
  }),
  detect,
  parse,
  finish,
  reportYear: sheetYear,
  uniqueNumbers: false,
};

/** The year the sheet names (title, then 令和3年度取組状況 labels); exported for tests. */
export { sheetYear as indicatorBlocksSheetYear };

/** '取組項目②' → '2'. */
function trailingNumber(label: string): string | null {
  const m = /(\d{1,3})\s*$/.exec(label.normalize('NFKC'));
  return m ? m[1]! : null;
}
