/**
 * 関市 cards: one block per 改革項目 (number, title, 所管課), under ●重点項目N headings, with a 数値目標
 * sub-table (目標名 / 単位 / 実績（R2） / 目標（R5）) and the status under a label such as R3進捗状況.
 * The report may state its own summary table (達成状況 | 件数) near the top.
 */
import type { CellAddress } from '../address';
import type { DiagnosticBag } from '../diagnostics';
import { newEntry, type Direction, type Entry, type IndicatorFigures } from '../model';
import { isDateCell, parseCellNumber } from '../numbers';
import {
  DEFAULT_DIRECTION_WORDS,
  findScheme,
  type DirectionWords,
  type Settings,
  type StatusScheme,
} from '../settings';
import type { Sheet } from '../sheet';
import { classifyStatus, type StatusMatch } from '../status';
import { isPlaceholder, normalizeText } from '../text';
import {
  cellDisplay,
  conceptAt,
  conceptKeys,
  displayText,
  findStatedSummaries,
  headingText,
  isLabel,
  isLabelAt,
  looksLikeItemNumber,
  MAX_LABEL_LENGTH,
  mergeSynonyms,
  nextFilled,
  reportStatusMatch,
  statusFields,
  splitYearLabel,
  stripHeadingMarks,
  valueColumns,
  type Synonyms,
  describeConcepts,
} from './common';
import { layoutTitle } from './registry';
import { isSection, parseHeading } from './headings';
import type { Layout, LayoutCarry, LayoutContext, LayoutResult, YearFact } from './types';

/** Built-in label synonyms; settings.labels.cards adds to them. */
export const CARD_LABELS: Synonyms = {
  /** The label in front of an item's number and title. */
  item: ['改革項目', '取組項目', '項目', '実施項目', '推進項目', '取組番号'],
  /** The label above (or left of) the reported status; a year in it (R3進捗状況) is the year judged. */
  status: ['進捗状況', '達成状況', '評価', '進捗', '進捗度', '達成度', '自己評価', '取組評価'],
  department: ['所管課', '担当課', '所管部署', '担当部署', '担当部局', '所管'],
  /** Group headings (●重点項目1 …). */
  group: ['重点項目', '基本目標', '基本方針', '重点取組', '施策の柱', '推進方針', '改革の柱'],
  /** The label of the numeric-target sub-table. */
  indicator: ['数値目標', '成果指標', '目標指標', '指標', '数値指標'],
  indicatorName: ['目標名', '指標名', '目標項目', '名称'],
  unit: ['単位'],
  baseline: ['実績', '現状値', '基準値', '初期値', '現状', '実績値'],
  target: ['目標', '目標値'],
};

const FIGURE_CONCEPTS = ['indicatorName', 'unit', 'baseline', 'target'] as const;
type FigureConcept = (typeof FIGURE_CONCEPTS)[number];

interface FigureColumns {
  readonly cols: Partial<Record<FigureConcept, number>>;
  readonly headers: Partial<Record<FigureConcept, string>>;
  readonly years: Partial<Record<FigureConcept, number>>;
}

/** A status label read in a card: the value found (raw '' when the cell was empty) and its year. */
interface StatusRead {
  readonly raw: string;
  readonly at: CellAddress;
  readonly error: boolean;
  readonly year: number | null;
}

/** An item being read; kept in the carry when a sheet ends before its status. */
interface OpenCard {
  readonly group: readonly string[];
  readonly number: string;
  readonly title: string;
  department: string;
  readonly itemAt: CellAddress;
  indicator?: IndicatorFigures;
  /** Every status label of the card (R2進捗状況 and R3進捗状況 may stand side by side). */
  statuses: StatusRead[];
  /** Labels on a sheet's last row: their statuses are the next sheet's first cells in these columns. */
  belowSheet: { readonly col: number; readonly year: number | null }[];
}

/** What a cards sheet hands the next one: the card whose status has not come yet. */
export interface CardState {
  readonly open?: OpenCard;
}

function synonymsFor(settings: Settings): Synonyms {
  return mergeSynonyms(CARD_LABELS, settings, 'cards');
}

function schemeFor(settings: Settings): StatusScheme | undefined {
  return findScheme(settings, settings.layoutSchemes.cards);
}

/** An item row: an item label followed by a number. Returns the label column. */
function itemLabelColumn(sheet: Sheet, row: number, syn: Synonyms): number | null {
  for (const c of valueColumns(sheet, row)) {
    if (!isLabelAt(sheet, row, c, syn['item'] ?? [])) continue;
    const n = nextFilled(sheet, row, c);
    if (n !== null && looksLikeItemNumber(sheet.text(row, n))) return c;
  }
  return null;
}

/** A status label cell on the row (R3進捗状況), with its year. */
/** The status labels on a row (R3進捗状況), with their years; one may hold the status itself. */
function statusLabels(
  sheet: Sheet,
  row: number,
  syn: Synonyms,
): { col: number; year: number | null; inline?: string }[] {
  const out: { col: number; year: number | null; inline?: string }[] = [];
  const words = syn['status'] ?? [];
  for (const c of valueColumns(sheet, row)) {
    if (isLabelAt(sheet, row, c, words)) {
      out.push({ col: c, year: sheet.labelYear(row, c) });
      continue;
    }
    const text = sheet.text(row, c);
    // 「R3進捗状況：順調」: label and status in one cell.
    const colon = text.search(/[:：]/);
    if (colon <= 0 || colon > MAX_LABEL_LENGTH) continue;
    const m = /^([^:：]+)[:：]\s*(\S[\s\S]*)$/.exec(text.trim());
    if (m && isLabel(m[1]!, words))
      out.push({ col: c, year: splitYearLabel(m[1]!).year, inline: m[2]!.trim() });
  }
  return out;
}

/**
 * A group heading: a lone cell starting with a group word (●重点項目1 …, with or without a number), or
 * a bulleted (●■◆) section number (●(1) …).
 */
function groupHeading(sheet: Sheet, row: number, syn: Synonyms): string | null {
  const text = headingText(sheet, row);
  if (text === null) return null;
  const h = parseHeading(text, syn['group'] ?? []);
  if (!h) return null;
  if (h.marker === 'word' || (/^[●■◆]/.test(h.bullet) && isSection(h))) return stripHeadingMarks(text);
  return null;
}

/**
 * The status cell for a label: right of it when a status stands there, else the cell below;
 * 'belowSheet' when the label is on the sheet's last row (the status may open the next sheet).
 */
function statusCellFor(
  sheet: Sheet,
  row: number,
  col: number,
  scheme: StatusScheme | undefined,
  syn: Synonyms,
): { row: number; col: number } | 'belowSheet' | null {
  const right = nextFilled(sheet, row, col);
  if (right !== null && scheme && classifyStatus(sheet.text(row, right), scheme).kind === 'matched') {
    return { row, col: right };
  }
  const merge = sheet.mergeAt(row, col);
  let r = (merge ? merge.bottom : row) + 1;
  if (r < sheet.rowCount && sheet.isBlankRow(r)) r++;
  if (r >= sheet.rowCount) return 'belowSheet';
  if (sheet.isMergedTail(r, col) || sheet.isBlank(r, col)) return null;
  // A label below means the status cell was left out.
  if (conceptAt(sheet, r, col, syn) !== null) return null;
  return { row: r, col };
}

function readStatus(sheet: Sheet, row: number, col: number, year: number | null): StatusRead {
  return {
    raw: sheet.text(row, col),
    at: sheet.address(row, col),
    error: sheet.error(row, col) !== undefined,
    year,
  };
}

function figure(sheet: Sheet, row: number, col: number | undefined): number | string | null {
  if (col === undefined) return null;
  const cell = sheet.cell(row, col);
  const text = sheet.text(row, col);
  if (cell === null || isPlaceholder(text) || cell.error) return null;
  const n = parseCellNumber(cell);
  if (n !== null) return n.value;
  return displayText(text);
}

function figureUnit(sheet: Sheet, row: number, col: number | undefined): string {
  if (col === undefined) return '';
  const t = cellDisplay(sheet, row, col);
  return isPlaceholder(t) ? '' : t;
}

/** The direction a target names (「10%縮減」, 「5%増」) or, failing that, the indicator's name. */
function directionOf(
  name: string,
  baseline: number | string | null,
  target: number | string | null,
  targetText: string,
  words: DirectionWords,
): Direction | null {
  for (const t of [targetText, name]) {
    if (words.decrease.some((w) => t.includes(w))) return 'decrease';
    if (words.increase.some((w) => t.includes(w))) return 'increase';
    if (words.maintain.some((w) => t.includes(w))) return 'maintain';
  }
  if (typeof baseline === 'number' && typeof target === 'number') {
    if (target > baseline) return 'increase';
    if (target < baseline) return 'decrease';
    return 'maintain';
  }
  return null;
}

/** The header row of a 数値目標 sub-table: at least two of 目標名 / 単位 / 実績 / 目標. */
function figureHeader(sheet: Sheet, row: number, syn: Synonyms): FigureColumns | null {
  const cols: Partial<Record<FigureConcept, number>> = {};
  const headers: Partial<Record<FigureConcept, string>> = {};
  const years: Partial<Record<FigureConcept, number>> = {};
  for (const c of valueColumns(sheet, row)) {
    const concept = conceptAt(sheet, row, c, syn, FIGURE_CONCEPTS) as FigureConcept | null;
    if (concept === null || cols[concept] !== undefined) continue;
    cols[concept] = c;
    headers[concept] = cellDisplay(sheet, row, c);
    const y = sheet.labelYear(row, c);
    if (y !== null) years[concept] = y;
  }
  const found = Object.keys(cols).length;
  const hasValues = cols.baseline !== undefined || cols.target !== undefined;
  return found >= 2 && hasValues ? { cols, headers, years } : null;
}

function readFigures(
  sheet: Sheet,
  header: FigureColumns,
  row: number,
  diagnostics: DiagnosticBag,
  words: DirectionWords,
): IndicatorFigures | null {
  const { cols } = header;
  const name = cols.indicatorName !== undefined ? cellDisplay(sheet, row, cols.indicatorName) : '';
  const valueCols = [cols.baseline, cols.target].filter((c): c is number => c !== undefined);
  if (name === '' && valueCols.every((c) => sheet.isBlank(row, c))) return null;
  const unitText = figureUnit(sheet, row, cols.unit);
  for (const concept of ['baseline', 'target'] as const) {
    const c = cols[concept];
    if (c === undefined) continue;
    const cell = sheet.cell(row, c);
    const field = header.headers[concept] ?? concept;
    if (isDateCell(cell)) {
      diagnostics.report('DATE_FOR_NUMBER', sheet.address(row, c), sheet.text(row, c), { field });
    } else if (unitText !== '' && !cell?.error) {
      // Qualitative targets (「通年実施」) are fine where no unit is given; under a unit a number is expected.
      const text = sheet.text(row, c);
      const note = /^[-‐‑‒–—―−－]/.test(text.trim());
      if (!isPlaceholder(text) && !note && !/\d/.test(text.normalize('NFKC'))) {
        diagnostics.report('UNPARSABLE_NUMBER', sheet.address(row, c), text, { field });
      }
    }
  }
  let baseline = figure(sheet, row, cols.baseline);
  let target = figure(sheet, row, cols.target);
  // A number whose own unit differs from the unit column (60万人 under 人) is kept as written.
  const keepAsText = (col: number | undefined, v: number | string | null): number | string | null => {
    if (col === undefined || typeof v !== 'number' || unitText === '') return v;
    const parsed = parseCellNumber(sheet.cell(row, col));
    if (parsed && parsed.unit !== '' && parsed.unit !== unitText && parsed.unit !== '%') {
      return cellDisplay(sheet, row, col);
    }
    return v;
  };
  baseline = keepAsText(cols.baseline, baseline);
  target = keepAsText(cols.target, target);
  let unit = unitText;
  if (unit === '') {
    const parsed = [cols.target, cols.baseline]
      .filter((c): c is number => c !== undefined)
      .map((c) => parseCellNumber(sheet.cell(row, c)))
      .find((p) => p !== null && p.unit !== '');
    unit = parsed?.unit ?? '';
  }
  const targetText = cols.target !== undefined ? sheet.value(row, cols.target) : '';
  return {
    name,
    unit,
    baseline,
    target,
    actual: null,
    direction: directionOf(name, baseline, target, targetText, words),
    ...(header.years.baseline !== undefined ? { baselineYear: header.years.baseline } : {}),
    ...(header.years.target !== undefined ? { targetYear: header.years.target } : {}),
  };
}

/** The item row's cells: number, title, then the department (after an optional 所管課 label). */
function readItemRow(
  sheet: Sheet,
  row: number,
  labelCol: number,
  syn: Synonyms,
  group: readonly string[],
): OpenCard {
  const numberCol = nextFilled(sheet, row, labelCol)!;
  const titleCol = nextFilled(sheet, row, numberCol);
  let department = '';
  if (titleCol !== null) {
    let deptCol = nextFilled(sheet, row, titleCol);
    if (deptCol !== null && isLabelAt(sheet, row, deptCol, syn['department'] ?? [])) {
      deptCol = nextFilled(sheet, row, deptCol);
    }
    if (deptCol !== null) department = cellDisplay(sheet, row, deptCol);
  }
  return {
    group,
    number: normalizeText(sheet.text(row, numberCol)),
    title: titleCol !== null ? cellDisplay(sheet, row, titleCol) : '',
    department,
    itemAt: sheet.address(row, numberCol),
    statuses: [],
    belowSheet: [],
  };
}

/**
 * The status that counts among a card's labels: the one of the year judged, else the latest year,
 * else the first.
 */
function chooseStatus(statuses: readonly StatusRead[], reportYear: number | null): StatusRead | undefined {
  if (reportYear !== null) {
    const same = statuses.find((s) => s.year === reportYear);
    if (same) return same;
  }
  let best: StatusRead | undefined;
  for (const s of statuses) {
    if (s.year !== null && (best?.year == null || s.year > best.year)) best = s;
  }
  return best ?? statuses[0];
}

function closeCard(
  card: OpenCard,
  scheme: StatusScheme | undefined,
  schemeId: string,
  ctx: LayoutContext,
): Entry {
  const chosen = chooseStatus(card.statuses, ctx.reportYear);
  const year = chosen?.year ?? ctx.reportYear;
  const entry = (at: CellAddress, rawStatus: string, m: StatusMatch | null): Entry => {
    const s = statusFields(m);
    return newEntry({
      at,
      layout: 'cards',
      group: card.group,
      number: card.number,
      title: card.title,
      department: card.department,
      rawStatus,
      status: s.status,
      category: s.category,
      excluded: s.excluded,
      scheme: schemeId,
      source: 'reported',
      year: year ?? undefined,
      indicator: card.indicator ?? undefined,
    });
  };
  const params = { title: card.title, number: card.number };
  if (!chosen || (chosen.raw.trim() === '' && !chosen.error)) {
    const at = chosen?.at ?? card.itemAt;
    ctx.diagnostics.report('MISSING_STATUS', at, '', params);
    return entry(at, '', null);
  }
  const { raw, at } = chosen;
  // Shown as written, on one line; classified from the cell's own text.
  const rawStatus = displayText(raw);
  // An error value is reported once, as CELL_ERROR, by the run.
  if (chosen.error || !scheme) return entry(at, rawStatus, null);
  const m = classifyStatus(raw, scheme);
  reportStatusMatch(ctx.diagnostics, at, raw, m, scheme, params);
  return entry(at, rawStatus, m);
}

export const cardsLayout: Layout<'cards'> = {
  id: 'cards',
  name: layoutTitle('cards'),
  concepts: describeConcepts(CARD_LABELS, {
    item: '取組の番号と名前の前の見出し（改革項目 12 …）',
    status: '報告された進捗の見出し。年度を含めば（R3進捗状況）その年度を集計する',
    department: '所管課の見出し',
    group: 'グループ見出しの語（●重点項目1 …）',
    indicator: '数値目標の表の見出し',
    indicatorName: '数値目標の表の指標名の列',
    unit: '数値目標の表の単位の列',
    baseline: '数値目標の表の実績・基準値の列',
    target: '数値目標の表の目標値の列',
  }),
  uniqueNumbers: true,

  detect(sheet, settings) {
    const syn = synonymsFor(settings);
    // No item label in the sheet's index: no card (statuses may stand inline, so the rest is a full scan).
    if (!sheet.hasAnyKey(conceptKeys(syn, ['item']))) return 0;
    let items = 0;
    let labels = 0;
    for (let r = 0; r < sheet.rowCount; r++) {
      if (itemLabelColumn(sheet, r, syn) !== null) items++;
      const found = statusLabels(sheet, r, syn);
      if (
        found.some(
          (s) => s.inline !== undefined || statusCellFor(sheet, r, s.col, schemeFor(settings), syn) !== null,
        )
      ) {
        labels++;
      }
    }
    if (items === 0) return 0;
    // Item rows alone (the top of a report cut into sheets) are just enough.
    if (labels === 0) return 0.5;
    // Most cards carry a status label: the closer the counts, the surer.
    return 0.7 + 0.3 * (Math.min(items, labels) / Math.max(items, labels));
  },

  parse(sheet, ctx) {
    const syn = synonymsFor(ctx.settings);
    const schemeId = ctx.settings.layoutSchemes.cards;
    const scheme = findScheme(ctx.settings, schemeId);
    const words = ctx.settings.judge.directions ?? DEFAULT_DIRECTION_WORDS;
    const entries: Entry[] = [];
    let group: readonly string[] = ctx.carry.group ?? [];
    // The run's copy (run.ts copyCarry): changing it leaves the carry it stored as it was.
    let card: OpenCard | undefined = ctx.carry.state?.open;
    let figures: FigureColumns | null = null;

    const close = (): void => {
      if (card) entries.push(closeCard(card, scheme, schemeId, ctx));
      card = undefined;
      figures = null;
    };

    for (let r = 0; r < sheet.rowCount; r++) {
      if (sheet.isBlankRow(r)) {
        figures = null;
        continue;
      }
      if (card && card.belowSheet.length > 0) {
        // The first row of this sheet holds the statuses of labels that ended the previous one.
        for (const { col, year: labelYear } of card.belowSheet) {
          const filled =
            !sheet.isBlank(r, col) && !sheet.isMergedTail(r, col) && conceptAt(sheet, r, col, syn) === null;
          card.statuses.push(
            filled
              ? readStatus(sheet, r, col, labelYear)
              : { raw: '', at: sheet.address(r, col), error: false, year: labelYear },
          );
        }
        card.belowSheet = [];
        if (card.statuses.some((x) => x.at.sheet === sheet.name && x.at.row === r && x.raw !== '')) continue;
      }
      const heading = groupHeading(sheet, r, syn);
      if (heading !== null) {
        close();
        group = [heading];
        continue;
      }
      const labelCol = itemLabelColumn(sheet, r, syn);
      if (labelCol !== null) {
        close();
        card = readItemRow(sheet, r, labelCol, syn, group);
        continue;
      }
      if (!card) continue;

      const labels = statusLabels(sheet, r, syn);
      if (figures && labels.length === 0) {
        const first = valueColumns(sheet, r)[0]!;
        const nameCol = figures.cols.indicatorName ?? Math.min(...Object.values(figures.cols));
        if (first >= nameCol) {
          const f = readFigures(sheet, figures, r, ctx.diagnostics, words);
          if (f && !card.indicator) card.indicator = f;
          continue;
        }
      }
      figures = null;
      const header = figureHeader(sheet, r, syn);
      if (header) {
        figures = header;
        continue;
      }
      if (labels.length > 0) {
        for (const label of labels) {
          if (label.inline !== undefined) {
            card.statuses.push({ ...readStatus(sheet, r, label.col, label.year), raw: label.inline });
            continue;
          }
          const cellAt = statusCellFor(sheet, r, label.col, scheme, syn);
          if (cellAt === 'belowSheet') {
            card.belowSheet.push({ col: label.col, year: label.year });
          } else if (cellAt) {
            card.statuses.push(readStatus(sheet, cellAt.row, cellAt.col, label.year));
          } else {
            const below = (sheet.mergeAt(r, label.col)?.bottom ?? r) + 1;
            card.statuses.push({
              raw: '',
              at: sheet.address(below, label.col),
              error: false,
              year: label.year,
            });
          }
        }
        continue;
      }
      if (!card.department) {
        for (const c of valueColumns(sheet, r)) {
          if (!isLabelAt(sheet, r, c, syn['department'] ?? [])) continue;
          const d = nextFilled(sheet, r, c);
          if (d !== null) card.department = cellDisplay(sheet, r, d);
          break;
        }
      }
    }

    // A card whose status has not been seen yet may continue on the next sheet.
    let carry: LayoutCarry<'cards'> = { group };
    if (card && (card.statuses.length === 0 || card.belowSheet.length > 0)) {
      carry = { group, state: { open: card } };
    } else {
      close();
    }
    const result: LayoutResult<'cards'> = {
      entries,
      statedSummaries: findStatedSummaries(sheet),
      carry,
    };
    return result;
  },

  // The latest year a status label names (R3進捗状況 next to R2進捗状況): the year reported.
  reportYear(sheet, settings) {
    const syn = synonymsFor(settings);
    let best: YearFact | null = null;
    for (let r = 0; r < sheet.rowCount; r++) {
      for (const label of statusLabels(sheet, r, syn)) {
        if (label.year === null || (best && best.year >= label.year)) continue;
        best = { year: label.year, at: sheet.address(r, label.col), text: sheet.text(r, label.col) };
      }
    }
    return best;
  },

  finish(ctx) {
    const state = ctx.carry.state ?? {};
    if (!state.open) return { entries: [], statedSummaries: [] };
    const schemeId = ctx.settings.layoutSchemes.cards;
    const entry = closeCard(state.open, findScheme(ctx.settings, schemeId), schemeId, ctx);
    return { entries: [entry], statedSummaries: [] };
  },
};
