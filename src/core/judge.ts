/**
 * The indicator judge: statuses worked out from baselines, targets and actual values, and the
 * 府中市 style score averages. Every threshold and word comes from settings.judge (and the schemes);
 * the rules are written out in docs/rules.md. Pure: figures in, a category and a reason out, with
 * diagnostics for what could not be judged.
 */
import type { CellAddress } from './address';
import type { DiagnosticBag } from './diagnostics';
import { EngineError } from './errors';
import { formatFiscalYear } from './fiscalYear';
import { newEntry, type Direction, type Entry, type IndicatorFigures } from './model';
import { parseCellNumber, parseNumbers, isDateCell } from './numbers';
import {
  DEFAULT_DIRECTION_WORDS,
  findScheme,
  type DirectionWords,
  type JudgeSettings,
  type Settings,
  type StatusScheme,
} from './settings';
import { reason, type Reason } from './reasons';
import { categoryOf, classifyStatus, findCategory } from './status';
import { isPlaceholder, normalizeLabel } from './text';
import type { CellData } from './workbook';

// ---------------------------------------------------------------------------------------------------------
// Figures: what one cell says

export type Figure =
  | {
      readonly kind: 'number';
      readonly value: number;
      readonly unit: string;
      /** 12日以上 → atLeast: the number is a bound, which also gives the direction. */
      readonly bound: 'atLeast' | 'atMost' | null;
      /** Words before the number: '(男性) 6.9%' → '男性'; 'HPアクセス数 470,000件' → 'HPアクセス数'. */
      readonly label: string;
    }
  | { readonly kind: 'direction'; readonly direction: Direction }
  /** `stage` indexes settings.judge.stages; `name` is that stage's first spelling. */
  | { readonly kind: 'stage'; readonly stage: number; readonly name: string };

/** A figure with the cell it came from and its text as the reader sees it. */
export interface CellFigure {
  readonly figure: Figure;
  readonly at: CellAddress;
  readonly text: string;
}

export interface DatedFigure extends CellFigure {
  readonly year: number;
}

function stageSynonyms(js: JudgeSettings): string[][] {
  return js.stages.map((s) =>
    s
      .split(/[/／]/)
      .map((x) => normalizeLabel(x))
      .filter((x) => x !== ''),
  );
}

function directionWords(js: JudgeSettings): DirectionWords {
  return js.directions ?? DEFAULT_DIRECTION_WORDS;
}

/** Text without bracketed notes and trailing punctuation, as a comparison key. */
function wordKey(text: string): string {
  return normalizeLabel(text.replace(/[(（][^()（）]*[)）]/g, '')).replace(/[。．.、]+$/, '');
}

/**
 * The stage a word names: 検討, 検討・実施, 完了 …, from settings.judge.stages (slash-separated
 * synonyms) and the aliases of the plan scheme (実施中 → 実施). Null when the text is not a stage.
 */
export function readStage(text: string, settings: Settings): { stage: number; name: string } | null {
  const key = wordKey(text);
  if (key === '') return null;
  const stages = stageSynonyms(settings.judge);
  const direct = stages.findIndex((syns) => syns.includes(key));
  if (direct >= 0) return { stage: direct, name: stageName(settings.judge, direct) };
  const scheme = findScheme(settings, settings.layoutSchemes.planCards);
  const def = scheme ? findCategory(text, scheme) : undefined;
  if (def && !def.excluded) {
    const label = normalizeLabel(def.label);
    const i = stages.findIndex((syns) => syns.includes(label));
    if (i >= 0) return { stage: i, name: stageName(settings.judge, i) };
  }
  return null;
}

export function stageName(js: JudgeSettings, stage: number): string {
  return (js.stages[stage] ?? '').split(/[/／]/)[0] ?? '';
}

/** 増加 → increase, 縮減・減少 → decrease, 維持 → maintain (settings.judge.directions). */
export function readDirection(text: string, js: JudgeSettings): Direction | null {
  const key = wordKey(text);
  if (key === '') return null;
  const words = directionWords(js);
  const has = (list: readonly string[]): boolean => list.some((w) => normalizeLabel(w) === key);
  if (has(words.increase)) return 'increase';
  if (has(words.decrease)) return 'decrease';
  if (has(words.maintain)) return 'maintain';
  return null;
}

export type FigureRead =
  | { readonly kind: 'figure'; readonly figure: Figure }
  | { readonly kind: 'blank' }
  /** Only words in brackets, such as '(男性)': a row label, not a value. */
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'date' }
  | { readonly kind: 'unreadable' };

/** What a value cell of an indicator says: a number (with unit and bound), a stage, a direction. */
export function readFigure(cell: CellData | null, text: string, settings: Settings): FigureRead {
  if (cell?.error) return { kind: 'unreadable' };
  if (isDateCell(cell)) return { kind: 'date' };
  if (typeof cell?.value === 'number') {
    const n = parseCellNumber(cell);
    return n ? { kind: 'figure', figure: { kind: 'number', ...pickNumber(n) } } : { kind: 'unreadable' };
  }
  if (isPlaceholder(text)) return { kind: 'blank' };
  const stage = readStage(text, settings);
  if (stage) return { kind: 'figure', figure: { kind: 'stage', ...stage } };
  const direction = readDirection(text, settings.judge);
  if (direction) return { kind: 'figure', figure: { kind: 'direction', direction } };
  const numbers = parseNumbers(text);
  if (numbers.length === 1) return { kind: 'figure', figure: { kind: 'number', ...pickNumber(numbers[0]!) } };
  const onlyLabel = /^\s*[(（]([^()（）\d]+)[)）]\s*$/.exec(text.normalize('NFKC'));
  if (onlyLabel) return { kind: 'label', label: onlyLabel[1]!.trim() };
  return { kind: 'unreadable' };
}

function pickNumber(n: { value: number; unit: string; bound: 'atLeast' | 'atMost' | null; label: string }): {
  value: number;
  unit: string;
  bound: 'atLeast' | 'atMost' | null;
  label: string;
} {
  return { value: n.value, unit: n.unit, bound: n.bound, label: n.label };
}

/**
 * Every number in a cell with its label, for plan cells that hold several indicators:
 * '時間外20人 年休取得13.0日' → [{時間外, 20, 人}, {年休取得, 13, 日}]. A real number cell gives one.
 */
export function readNumberSegments(cell: CellData | null, text: string): Figure[] {
  if (cell?.error || isDateCell(cell)) return [];
  if (typeof cell?.value === 'number') {
    const n = parseCellNumber(cell);
    return n ? [{ kind: 'number', ...pickNumber(n) }] : [];
  }
  return parseNumbers(text).map((n) => ({ kind: 'number', ...pickNumber(n) }));
}

/** A unit as a comparison key: NFKC, no spaces; '％' = '%'. */
export function unitKey(unit: string): string {
  return normalizeLabel(unit);
}

/** An indicator label as a comparison key: '・稼働率約' = '稼働率'. */
export function segmentKey(label: string): string {
  return normalizeLabel(label)
    .replace(/^[・･\-*※●○◎■□◆◇]+/, '')
    .replace(/(約|およそ|概ね|:|：)+$/, '');
}

// ---------------------------------------------------------------------------------------------------------
// Judging one indicator (its reason a code with params, reasons.ts; worded where shown, messages.ts)

export interface IndicatorInput {
  readonly name: string;
  /** Where the indicator is named: missing targets are reported here. */
  readonly at: CellAddress;
  readonly baseline: CellFigure | null;
  /** Where the baseline would be written, to point a missing one at. */
  readonly baselineAt?: CellAddress;
  /** The 初期値 column's year, else the year before the first plan year (for the pace). */
  readonly baselineYear: number | null;
  readonly targets: readonly DatedFigure[];
  readonly actuals: readonly DatedFigure[];
  /** The cell where the actual for a year would be, to point a missing actual at. */
  readonly actualCell?: (year: number) => CellAddress | null;
}

export type Verdict = 'achieved' | 'onTrack' | 'slightlyBehind' | 'behind';

export interface Judgement {
  readonly year: number;
  /** The judge's label (settings.judge.labels), null when not judged. */
  readonly status: string | null;
  /** The top-level category in the judge scheme (達成 rolls up into 順調); null = unclassified. */
  readonly category: string | null;
  readonly verdict: Verdict | null;
  /** Why, as a code with params; messages.ts has the words (formatReason, where shown). */
  readonly reason: Reason;
  readonly figures: IndicatorFigures;
  /** The cell the entry points at: the actual of the year, else where it should be. */
  readonly at: CellAddress;
}

const EPSILON = 1e-9;

function pct(x: number): number {
  return Math.round(x * 100);
}

function figureValue(f: CellFigure | null): number | string | null {
  if (!f) return null;
  return f.figure.kind === 'number' && f.figure.bound === null ? f.figure.value : f.text;
}

function figureUnit(f: Figure | undefined): string {
  return f?.kind === 'number' ? f.unit : '';
}

/** Kinds that can be compared: numbers with numbers, bounds and directions; stages with stages. */
function comparable(target: Figure, actual: Figure): boolean {
  if (actual.kind === 'stage') return target.kind === 'stage';
  if (actual.kind === 'number') return target.kind !== 'stage';
  return false;
}

function kindText(f: CellFigure): string {
  return f.figure.kind === 'number' ? f.figure.unit || f.text : f.text;
}

/** The judge's label and category for a verdict; the category comes from the judge scheme. */
export function verdictStatus(settings: Settings, verdict: Verdict): { status: string; category: string } {
  const labels = settings.judge.labels;
  const status = {
    achieved: labels.achieved,
    onTrack: labels.onTrack,
    slightlyBehind: labels.slightlyBehind,
    behind: labels.behind,
  }[verdict];
  const scheme = findScheme(settings, settings.judge.scheme);
  const def = scheme ? findCategory(status, scheme) : undefined;
  return { status: def?.label ?? status, category: def ? categoryOf(def) : status };
}

function ratioVerdict(ratio: number, js: JudgeSettings): Verdict {
  if (ratio >= js.onTrackRatio - EPSILON) return 'onTrack';
  if (ratio >= js.slightlyBehindRatio - EPSILON) return 'slightlyBehind';
  return 'behind';
}

/** Whether the actual reaches the target in its direction. */
function reaches(actual: number, target: number, direction: Direction): boolean {
  if (direction === 'decrease') return actual <= target + EPSILON;
  return actual >= target - EPSILON;
}

/** Direction of a numeric target: from its bound, else from baseline → target; higher is better by default. */
function numericDirection(target: Figure, baseline: number | null): Direction {
  if (target.kind === 'number' && target.bound) return target.bound === 'atLeast' ? 'increase' : 'decrease';
  if (target.kind === 'number' && baseline !== null) {
    if (target.value > baseline + EPSILON) return 'increase';
    if (target.value < baseline - EPSILON) return 'decrease';
    return 'maintain';
  }
  return 'increase';
}

/** Share of the way from the baseline year to the target year that the report year has come. */
function expectedShare(year: number, targetYear: number, baseYear: number | null): number {
  if (targetYear <= year) return 1;
  const base = baseYear ?? targetYear - 1;
  if (targetYear <= base) return 1;
  return Math.max(0, (year - base) / (targetYear - base));
}

/**
 * Judges one indicator for the report year (rules in docs/rules.md). Reports MISSING_TARGET,
 * MISSING_ACTUAL, UNIT_MISMATCH, UNIT_CHANGED and MISSING_BASELINE into the bag.
 */
export function judgeIndicator(
  input: IndicatorInput,
  year: number,
  settings: Settings,
  bag: DiagnosticBag,
): Judgement {
  const actual = input.actuals.find((a) => a.year === year) ?? null;
  const targets = [...input.targets].sort((a, b) => a.year - b.year);
  const baseNumber =
    input.baseline?.figure.kind === 'number' && input.baseline.figure.bound === null
      ? input.baseline.figure
      : null;
  const actualAt = actual?.at ?? input.actualCell?.(year) ?? input.at;

  const figures = (target: DatedFigure | null, direction: Direction | null): IndicatorFigures => ({
    name: input.name,
    unit: figureUnit(actual?.figure) || figureUnit(target?.figure) || figureUnit(input.baseline?.figure),
    baseline: figureValue(input.baseline),
    target: figureValue(target),
    actual: figureValue(actual),
    direction,
    ...(input.baselineYear !== null && input.baseline ? { baselineYear: input.baselineYear } : {}),
    ...(target ? { targetYear: target.year } : {}),
  });
  const unjudged = (why: Reason, target: DatedFigure | null = null): Judgement => ({
    year,
    status: null,
    category: null,
    verdict: null,
    reason: why,
    figures: figures(target, null),
    at: actualAt,
  });
  const fy = formatFiscalYear(year);

  if (targets.length === 0 || !actual) {
    if (targets.length === 0) {
      bag.report('MISSING_TARGET', input.at, input.name, { indicator: input.name, year: fy });
    }
    if (!actual) {
      bag.report('MISSING_ACTUAL', actualAt, '', { indicator: input.name, year: fy });
    }
    const why =
      targets.length === 0 && !actual
        ? reason('MISSING_TARGET_AND_ACTUAL', { year })
        : targets.length === 0
          ? reason('MISSING_TARGET', {})
          : reason('MISSING_ACTUAL', { year });
    return unjudged(why, pickTarget(targets, year));
  }

  const usable = targets.filter((t) => comparable(t.figure, actual.figure));
  if (usable.length === 0) {
    const t = pickTarget(targets, year)!;
    const params = { indicator: input.name, targetUnit: kindText(t), actualUnit: kindText(actual) };
    bag.report('UNIT_MISMATCH', actual.at, actual.text, params);
    return unjudged(reason('UNIT_MISMATCH', params), t);
  }
  const target = pickTarget(usable, year)!;
  const final = usable[usable.length - 1]!;
  const a = actual.figure;

  if (a.kind === 'number') {
    // Units must agree between target and actual; a blank unit (a real number cell) agrees with any.
    for (const t of [target, final]) {
      const tu = figureUnit(t.figure);
      if (tu && a.unit && unitKey(tu) !== unitKey(a.unit)) {
        const params = { indicator: input.name, targetUnit: tu, actualUnit: a.unit };
        bag.report('UNIT_MISMATCH', actual.at, actual.text, params);
        return unjudged(reason('UNIT_MISMATCH', params), target);
      }
    }
    let baseline: number | null = baseNumber?.value ?? null;
    if (baseNumber && baseNumber.unit && a.unit && unitKey(baseNumber.unit) !== unitKey(a.unit)) {
      bag.report('UNIT_CHANGED', actual.at, actual.text, {
        indicator: input.name,
        from: baseNumber.unit,
        to: a.unit,
      });
      baseline = null;
    }
    return judgeNumber(input, year, settings, bag, { actual, a, target, final, baseline, figures });
  }
  if (a.kind === 'stage') {
    return judgeStage(input, year, settings, { actual, a, target, final, figures });
  }
  return unjudged(reason('MISSING_ACTUAL', { year }), target);
}

function pickTarget<T extends DatedFigure>(sorted: readonly T[], year: number): T | null {
  let due: T | null = null;
  for (const t of sorted) if (t.year <= year) due = t;
  if (due) return due;
  return sorted.find((t) => t.year > year) ?? null;
}

interface NumberCase {
  readonly actual: DatedFigure;
  readonly a: Extract<Figure, { kind: 'number' }>;
  readonly target: DatedFigure;
  readonly final: DatedFigure;
  readonly baseline: number | null;
  readonly figures: (target: DatedFigure | null, direction: Direction | null) => IndicatorFigures;
}

function judgeNumber(
  input: IndicatorInput,
  year: number,
  settings: Settings,
  bag: DiagnosticBag,
  c: NumberCase,
): Judgement {
  const js = settings.judge;
  const done = (
    verdict: Verdict,
    why: Reason,
    target: DatedFigure,
    direction: Direction | null,
  ): Judgement => ({
    year,
    ...verdictStatus(settings, verdict),
    verdict,
    reason: why,
    figures: c.figures(target, direction),
    at: c.actual.at,
  });
  const value = c.a.value;
  const base = c.baseline;

  // Reaching the final number (or bound) is 達成, even ahead of its year.
  const final = c.final.figure;
  if (final.kind === 'number') {
    const dir = numericDirection(final, base);
    if (reaches(value, final.value, dir)) {
      const label = verdictStatus(settings, 'achieved').status;
      return done(
        'achieved',
        reason('ACHIEVED', { target: c.final.text, actual: c.actual.text, label }),
        c.final,
        dir,
      );
    }
  }

  const t = c.target.figure;
  if (t.kind === 'direction') {
    const ref = base ?? earlierActual(input, year);
    const word = c.target.text;
    if (ref === null) {
      // Without a baseline a direction has nothing to be better than: named with its target.
      bag.reportGraded('MISSING_BASELINE', 'warning', input.baselineAt ?? input.at, '', {
        indicator: input.name,
        target: word,
      });
      return {
        year,
        status: null,
        category: null,
        verdict: null,
        reason: reason('NO_BASELINE_FOR_DIRECTION', { target: word }),
        figures: c.figures(c.target, t.direction),
        at: c.actual.at,
      };
    }
    const diff = value - ref;
    let verdict: Verdict;
    if (t.direction === 'maintain') verdict = diff >= -EPSILON ? 'onTrack' : 'behind';
    else {
      const better = t.direction === 'increase' ? diff : -diff;
      verdict = better > EPSILON ? 'onTrack' : better >= -EPSILON ? 'slightlyBehind' : 'behind';
    }
    const baselineText = input.baseline?.text ?? String(ref);
    const why = reason('DIRECTION', { word, baseline: baselineText, actual: c.actual.text });
    return done(verdict, why, c.target, t.direction);
  }
  if (t.kind !== 'number') throw new EngineError('INTERNAL', 'A stage target reached the number judge.');

  const direction = numericDirection(t, base);
  const targetYear = c.target.year;
  const metReason = reason('TARGET_MET', { target: c.target.text, actual: c.actual.text, targetYear });
  if (reaches(value, t.value, direction)) return done('onTrack', metReason, c.target, direction);
  // A number to keep (target = baseline) that is not kept has no progress to measure.
  if (direction === 'maintain') return done('behind', metReason, c.target, direction);

  let p: number;
  let noBaseline = false;
  if (base !== null && Math.abs(t.value - base) > EPSILON) {
    p = (value - base) / (t.value - base);
    if (p < 0) {
      const why = reason('WENT_BACK', {
        baseline: input.baseline?.text ?? String(base),
        actual: c.actual.text,
        target: c.target.text,
      });
      return done('behind', why, c.target, direction);
    }
  } else {
    noBaseline = true;
    p = Math.abs(t.value) > EPSILON ? value / t.value : 0;
    if (direction === 'decrease' && value > EPSILON) p = t.value / value;
  }
  const e = expectedShare(year, c.target.year, input.baselineYear);
  const ratio = e > EPSILON ? p / e : p >= 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const verdict = ratioVerdict(ratio, js);
  const measured =
    c.target.year <= year
      ? reason('PROGRESS', { percent: pct(p), target: c.target.text, targetYear })
      : reason('PACE', { percent: pct(p), expected: pct(e), year, targetYear });
  if (noBaseline) {
    bag.reportGraded(
      'MISSING_BASELINE',
      'info',
      input.baseline?.at ?? input.baselineAt ?? input.at,
      input.baseline?.text ?? '',
      {
        indicator: input.name,
      },
    );
    return done(verdict, reason('NO_BASELINE', {}, measured), c.target, direction);
  }
  return done(verdict, measured, c.target, direction);
}

function earlierActual(input: IndicatorInput, year: number): number | null {
  const earlier = input.actuals
    .filter((x) => x.year < year && x.figure.kind === 'number')
    .sort((x, y) => x.year - y.year)[0];
  return earlier?.figure.kind === 'number' ? earlier.figure.value : null;
}

interface StageCase {
  readonly actual: DatedFigure;
  readonly a: Extract<Figure, { kind: 'stage' }>;
  readonly target: DatedFigure;
  readonly final: DatedFigure;
  readonly figures: (target: DatedFigure | null, direction: Direction | null) => IndicatorFigures;
}

function judgeStage(input: IndicatorInput, year: number, settings: Settings, c: StageCase): Judgement {
  const js = settings.judge;
  const slack = js.slightlyBehindSteps ?? 1;
  const done = (verdict: Verdict, why: Reason, target: DatedFigure): Judgement => ({
    year,
    ...verdictStatus(settings, verdict),
    verdict,
    reason: why,
    figures: c.figures(target, null),
    at: c.actual.at,
  });
  const targetYear = c.target.year;
  const final = c.final.figure;
  if (final.kind === 'stage' && c.a.stage >= final.stage) {
    const label = verdictStatus(settings, 'achieved').status;
    return done(
      'achieved',
      reason('ACHIEVED', { target: c.final.text, actual: c.actual.text, label }),
      c.final,
    );
  }
  const t = c.target.figure;
  if (t.kind !== 'stage') throw new EngineError('INTERNAL', 'A number target reached the stage judge.');
  let expected = t.stage;
  let why = reason('STAGE', { target: c.target.text, actual: c.actual.text, targetYear });
  if (c.target.year > year) {
    // A stage planned for a later year is judged at pace: the stage expected by now.
    const from = input.baseline?.figure.kind === 'stage' ? input.baseline.figure.stage : 0;
    const e = expectedShare(year, c.target.year, input.baselineYear);
    expected = Math.floor(from + e * (t.stage - from) + EPSILON);
    why = reason('STAGE_PACE', {
      target: c.target.text,
      actual: c.actual.text,
      targetYear,
      expected: stageName(js, expected),
    });
  }
  const behind = expected - c.a.stage;
  const verdict: Verdict = behind <= 0 ? 'onTrack' : behind <= slack ? 'slightlyBehind' : 'behind';
  return done(verdict, why, c.target);
}

// ---------------------------------------------------------------------------------------------------------
// Entries

/** Severity order of verdicts for counting an item by its worst indicator. */
const VERDICT_RANK: Record<Verdict, number> = { achieved: 0, onTrack: 1, slightlyBehind: 2, behind: 3 };

export interface JudgedEntry {
  readonly entry: Entry;
  readonly verdict: Verdict | null;
  /** The entry's reason as a code, for wrapping in WORST_INDICATOR. */
  readonly reason: Reason;
  /** Entries with the same key belong to one item (for countBy 'worstIndicator'). */
  readonly itemKey: string;
  readonly itemTitle: string;
  readonly itemNumber: string;
}

/**
 * Applies settings.judge.countBy: 'indicator' keeps every entry; 'worstIndicator' keeps one entry
 * per item, its worst judged indicator (an item with no judged indicator keeps its first entry).
 */
export function applyCountBy(judged: readonly JudgedEntry[], settings: Settings): Entry[] {
  if (settings.judge.countBy !== 'worstIndicator') return judged.map((j) => j.entry);
  const groups = new Map<string, JudgedEntry[]>();
  for (const j of judged) {
    const list = groups.get(j.itemKey);
    if (list) list.push(j);
    else groups.set(j.itemKey, [j]);
  }
  const out: Entry[] = [];
  for (const list of groups.values()) {
    let worst: JudgedEntry | null = null;
    for (const j of list) {
      if (j.verdict === null) continue;
      if (!worst || VERDICT_RANK[j.verdict] > VERDICT_RANK[worst.verdict!]) worst = j;
    }
    const pick = worst ?? list[0]!;
    const name = pick.entry.indicator?.name ?? pick.entry.title;
    const why = list.length > 1 ? reason('WORST_INDICATOR', { name }, pick.reason) : pick.reason;
    out.push(
      newEntry({
        ...pick.entry,
        number: pick.itemNumber,
        title: pick.itemTitle,
        reason: why,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Scores (府中市): average to one decimal and the label of its band

/** The scheme category whose aliases include the score written as a number ('2' → やや遅れているが、概ね順調). */
export function categoryForScore(score: number, scheme: StatusScheme): string | null {
  const m = classifyStatus(String(score), scheme);
  return m.kind === 'matched' ? m.status : null;
}

/** The score a category stands for: the number among its label and aliases. */
export function scoreOfCategory(label: string, scheme: StatusScheme): number | null {
  const def = findCategory(label, scheme);
  if (!def) return null;
  for (const a of [def.label, ...def.aliases]) {
    const t = a.normalize('NFKC').trim();
    if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  }
  return null;
}

/** Average rounded to one decimal, as offices publish it (2, 3, 2 → 2.3). */
export function averageScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  return Math.round(mean * 10 + EPSILON) / 10;
}

/** The band's score for an average: the first band (highest first) whose min it reaches. */
export function bandScore(average: number, js: JudgeSettings): number | null {
  const bands = [...js.scoreBands].sort((a, b) => b.min - a.min);
  for (const b of bands) if (average >= b.min - EPSILON) return b.score;
  return null;
}
