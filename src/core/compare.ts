/**
 * Last year's comparison (issue 11 item 1): this year's analysis against last year's (the engine run
 * on last year's report, or on last year's output, which still holds the report's sheets). Items are
 * matched by number and title, tolerant of small edits; a match that is not exact is reported, an
 * ambiguous one is reported and left unmatched, and an item found on one side only is listed as
 * 新規 / 終了 and reported: nothing is paired by guess. Pure.
 */
import { addr, toA1, type CellAddress } from './address';
import { DiagnosticBag, type Diagnostic } from './diagnostics';
import type { AnalysisResult } from './engine';
import type { Entry, Summary } from './model';
import { findScheme, type Settings } from './settings';
import { topCategories } from './status';
import { editDistance, normalizeLabel } from './text';

/** 改善 / 後退 / 新規 / 終了 / 区分変更 (the words are in plan/labels.ts and messages). */
export type ChangeDirection = 'improved' | 'worsened' | 'added' | 'dropped' | 'recategorized';

/** How a pair was matched: same number and title, same number and a near title, or the title alone. */
export type MatchKind = 'exact' | 'number' | 'title';

/** One side of a change: the item as that year's report gives it. */
export interface ItemSide {
  readonly at: CellAddress;
  readonly number: string;
  readonly title: string;
  readonly department: string;
  readonly group: readonly string[];
  readonly rawStatus: string;
  readonly category: string | null;
  readonly excluded: boolean;
  readonly scheme: string;
}

export interface ItemChange {
  /** Index of this year's summary the item belongs to; for a dropped item, the summary it was paired with (-1 when none). */
  readonly summary: number;
  readonly direction: ChangeDirection;
  readonly current?: ItemSide;
  readonly previous?: ItemSide;
  readonly match?: MatchKind;
}

export interface GroupComparison {
  readonly path: readonly string[];
  /** Last year's counts per category of this year's scheme; null when last year had no such group. */
  readonly previous: Readonly<Record<string, number>> | null;
  readonly previousTotal: number | null;
}

export interface SummaryComparison {
  /** Index in this year's summaries. */
  readonly summary: number;
  /** Last year's summary paired with it (its title and scheme). */
  readonly previousTitle: string;
  readonly previousScheme: string;
  /** Last year's count per category, for the categories last year's table has (by label). */
  readonly previous: Readonly<Record<string, number>>;
  /** This year's count minus last year's, for the same categories. */
  readonly change: Readonly<Record<string, number>>;
  readonly previousCounted: number;
  readonly changeCounted: number;
  readonly previousExcluded: number;
  /** In the order of this year's groups. */
  readonly groups: readonly GroupComparison[];
}

export interface Comparison {
  /** Last year's workbook, as named where it was read (a file name). */
  readonly previousName: string;
  readonly previousYear: number | null;
  readonly summaries: readonly SummaryComparison[];
  /** Items whose category changed, was added or was dropped, in this year's order, dropped ones last. */
  readonly changes: readonly ItemChange[];
  /** Items found in both years. */
  readonly matched: number;
  /** Findings of the matching (ambiguous, unmatched, matched on a near title); already in the result's diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Titles this near (1 − edits / length, on normalised text) are the same item when the numbers agree. */
export const NEAR_TITLE = 0.7;
/** Titles this near are the same item even when the number changed (renumbered items). */
export const SAME_TITLE = 0.9;
/** Past this many unmatched pairs, only equal titles are tried for renumbered items (fuzzy costs). */
const FUZZY_PAIRS = 250_000;

/** Title text for matching: full-width folded, spaces, brackets and punctuation dropped. */
export function titleKey(title: string): string {
  return normalizeLabel(title).replace(
    /[「」『』（）()［］[\]【】〈〉《》、。，．,.・:：;；!！?？"'“”‘’〜~]/g,
    '',
  );
}

/** 1 for equal keys, 0 for nothing in common (edit distance over the longer length). */
export function titleSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  // A difference in length alone already bounds the similarity: skip the distance when it is too low.
  if (1 - Math.abs(a.length - b.length) / n < NEAR_TITLE) return 0;
  return 1 - editDistance(a, b) / n;
}

interface Item {
  readonly entry: Entry;
  readonly num: string;
  readonly title: string;
  /** Which of several entries of one item (an indicator's name); '' for most. */
  readonly sub: string;
  matched: Item | null;
  ambiguous: boolean;
}

function itemsOf(entries: readonly Entry[]): Item[] {
  return entries.map((entry) => ({
    entry,
    num: normalizeLabel(entry.number),
    title: titleKey(entry.title),
    sub: entry.indicator ? normalizeLabel(entry.indicator.name) : '',
    matched: null,
    ambiguous: false,
  }));
}

function side(e: Entry): ItemSide {
  return {
    at: e.at,
    number: e.number,
    title: e.title,
    department: e.department,
    group: e.group,
    rawStatus: e.rawStatus,
    category: e.category,
    excluded: e.excluded,
    scheme: e.scheme,
  };
}

/** Entries a summary counts from (not plans, not repeats), per this year's or last year's summaries. */
function bucketEntries(result: AnalysisResult, s: Summary): Entry[] {
  return result.entries.filter(
    (e) => e.source !== 'planned' && e.scheme === s.scheme && !e.repeatOf && s.year === undefined,
  );
}

/** Pairs this year's summaries with last year's: by status column, then by scheme, then the only ones left. */
function pairSummaries(current: readonly Summary[], previous: readonly Summary[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const reported = (xs: readonly Summary[]) => xs.flatMap((s, i) => (s.year === undefined ? [i] : []));
  const curLeft = reported(current);
  const prevLeft = new Set(reported(previous));
  const tryPair = (same: (a: Summary, b: Summary) => boolean) => {
    for (const i of curLeft) {
      if (pairs.has(i)) continue;
      const j = [...prevLeft].find((k) => same(current[i]!, previous[k]!));
      if (j !== undefined) {
        pairs.set(i, j);
        prevLeft.delete(j);
      }
    }
  };
  const col = (s: Summary) => (s.column === undefined ? null : normalizeLabel(s.column));
  tryPair((a, b) => col(a) !== null && col(a) === col(b));
  tryPair((a, b) => col(a) === null && col(b) === null && a.scheme === b.scheme);
  const curUnpaired = curLeft.filter((i) => !pairs.has(i));
  if (curUnpaired.length === 1 && prevLeft.size === 1) pairs.set(curUnpaired[0]!, [...prevLeft][0]!);
  return pairs;
}

/** Last year's counts keyed by this year's category labels (equal labels, compared normalised). */
function countsByLabel(
  categories: readonly string[],
  counts: Readonly<Record<string, number>>,
): Record<string, number> {
  const byKey = new Map(Object.entries(counts).map(([k, v]) => [normalizeLabel(k), v]));
  const out: Record<string, number> = {};
  for (const c of categories) {
    const v = byKey.get(normalizeLabel(c));
    if (v !== undefined) out[c] = v;
  }
  return out;
}

function compareSummary(index: number, cur: Summary, prev: Summary): SummaryComparison {
  const previous = countsByLabel(cur.categories, prev.total);
  const change: Record<string, number> = {};
  for (const [c, n] of Object.entries(previous)) change[c] = (cur.total[c] ?? 0) - n;
  const pathKey = (p: readonly string[]) => p.map(normalizeLabel).join('\u0000');
  const prevGroups = new Map(prev.groups.map((g) => [pathKey(g.path), g]));
  return {
    summary: index,
    previousTitle: prev.title,
    previousScheme: prev.scheme,
    previous,
    change,
    previousCounted: prev.counted,
    changeCounted: cur.counted - prev.counted,
    previousExcluded: prev.excluded,
    groups: cur.groups.map((g) => {
      const pg = prevGroups.get(pathKey(g.path));
      return {
        path: g.path,
        previous: pg ? countsByLabel(cur.categories, pg.counts) : null,
        previousTotal: pg ? pg.total : null,
      };
    }),
  };
}

/** Where a cell of last year's workbook is, as Excel names a cell of another book: [R3.xlsx]関市. */
export function previousSheetName(file: string, sheet: string): string {
  return `[${file}]${sheet}`;
}

/**
 * Matches one pair of buckets. Each pass pairs an item only when it has one candidate and that
 * candidate is claimed by it alone; several candidates make it ambiguous (reported, left unmatched).
 */
function matchItems(
  cur: Item[],
  prev: Item[],
  diagnostics: DiagnosticBag,
  file: string,
  matchKind: Map<Item, MatchKind>,
): void {
  const where = (it: Item) =>
    `${previousSheetName(file, it.entry.at.sheet)}!${toA1(it.entry.at.row, it.entry.at.col)}`;
  const pass = (kind: MatchKind, candidates: (c: Item) => Item[]) => {
    const wanted = new Map<Item, Item[]>();
    const claims = new Map<Item, number>();
    for (const c of cur) {
      if (c.matched || c.ambiguous) continue;
      const cands = candidates(c).filter((p) => !p.matched && !p.ambiguous);
      if (cands.length === 0) continue;
      wanted.set(c, cands);
      for (const p of cands) claims.set(p, (claims.get(p) ?? 0) + 1);
    }
    for (const [c, cands] of wanted) {
      if (cands.length === 1 && claims.get(cands[0]!) === 1) {
        c.matched = cands[0]!;
        cands[0]!.matched = c;
        matchKind.set(c, kind);
        if (kind !== 'exact') {
          diagnostics.report('PREVIOUS_MATCHED_NEAR', c.entry.at, c.entry.title, {
            number: c.entry.number,
            previousNumber: c.matched.entry.number,
            previousTitle: c.matched.entry.title,
            previous: where(c.matched),
          });
        }
        continue;
      }
      c.ambiguous = true;
      for (const p of cands) p.ambiguous = true;
      diagnostics.report('PREVIOUS_AMBIGUOUS', c.entry.at, c.entry.title, {
        number: c.entry.number,
        candidates: cands.map(where).join('、'),
      });
    }
  };
  const key = (it: Item) => `${it.num}\u0000${it.title}\u0000${it.sub}`;
  const exact = groupBy(prev, key);
  pass('exact', (c) => exact.get(key(c)) ?? []);
  const byNumber = groupBy(prev, (p) => `${p.num}\u0000${p.sub}`);
  pass('number', (c) =>
    c.num === ''
      ? []
      : (byNumber.get(`${c.num}\u0000${c.sub}`) ?? []).filter(
          (p) => titleSimilarity(c.title, p.title) >= NEAR_TITLE,
        ),
  );
  const curLeft = cur.filter((c) => !c.matched && !c.ambiguous).length;
  const prevLeft = prev.filter((p) => !p.matched && !p.ambiguous);
  const byTitle = groupBy(prevLeft, (p) => `${p.title}\u0000${p.sub}`);
  const fuzzy = curLeft * prevLeft.length <= FUZZY_PAIRS;
  pass('title', (c) =>
    fuzzy
      ? prevLeft.filter((p) => p.sub === c.sub && titleSimilarity(c.title, p.title) >= SAME_TITLE)
      : (byTitle.get(`${c.title}\u0000${c.sub}`) ?? []),
  );
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * The direction of a matched pair, or null when the category did not change. 改善 / 後退 by the
 * scheme's order (best first); 区分変更 when the schemes differ or the order does not say (対象外,
 * 未判定, a category only one year has).
 */
export function directionOf(cur: ItemSide, prev: ItemSide, settings: Settings): ChangeDirection | null {
  const state = (s: ItemSide) => (s.excluded ? '\u0000excluded' : s.category === null ? null : s.category);
  const a = state(prev);
  const b = state(cur);
  if (a === null && b === null)
    return normalizeLabel(prev.rawStatus) === normalizeLabel(cur.rawStatus) ? null : 'recategorized';
  if (a !== null && b !== null && normalizeLabel(a) === normalizeLabel(b)) return null;
  if (a === null || b === null || prev.excluded || cur.excluded || prev.scheme !== cur.scheme)
    return 'recategorized';
  const scheme = findScheme(settings, cur.scheme);
  const order = scheme ? topCategories(scheme) : [];
  // A category outside the scheme's order (abcd's 完了) is neither better nor worse than a grade.
  const unranked = (label: string) =>
    scheme?.categories.some((c) => c.label === label && c.unranked) === true;
  if (unranked(a) || unranked(b)) return 'recategorized';
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  if (i < 0 || j < 0) return 'recategorized';
  return j < i ? 'improved' : 'worsened';
}

export function compareWithPrevious(
  current: AnalysisResult,
  previous: AnalysisResult,
  previousName: string,
): Comparison {
  const diagnostics = new DiagnosticBag();
  const pairs = pairSummaries(current.summaries, previous.summaries);
  const summaries: SummaryComparison[] = [];
  const changes: ItemChange[] = [];
  const dropped: ItemChange[] = [];
  let matched = 0;
  const seenPrev = new Set<number>();

  current.summaries.forEach((s, i) => {
    const j = pairs.get(i);
    if (s.year !== undefined) return;
    const cur = itemsOf(bucketEntries(current, s));
    const prevSummary = j === undefined ? undefined : previous.summaries[j];
    const prev = prevSummary ? itemsOf(bucketEntries(previous, prevSummary)) : [];
    if (prevSummary && j !== undefined) {
      seenPrev.add(j);
      summaries.push(compareSummary(i, s, prevSummary));
    }
    const kinds = new Map<Item, MatchKind>();
    matchItems(cur, prev, diagnostics, previousName, kinds);
    for (const c of cur) {
      if (c.ambiguous) continue;
      if (!c.matched) {
        changes.push({ summary: i, direction: 'added', current: side(c.entry) });
        diagnostics.report('PREVIOUS_NOT_FOUND', c.entry.at, c.entry.title, {
          number: c.entry.number,
          file: previousName,
        });
        continue;
      }
      matched++;
      const a = side(c.entry);
      const b = side(c.matched.entry);
      const direction = directionOf(a, b, current.settings);
      if (direction !== null) {
        changes.push({ summary: i, direction, current: a, previous: b, match: kinds.get(c) ?? 'exact' });
      }
    }
    for (const p of prev) {
      if (p.matched || p.ambiguous) continue;
      dropped.push({ summary: i, direction: 'dropped', previous: side(p.entry) });
    }
  });
  // Last year's tables with no counterpart this year: every item in them is dropped.
  previous.summaries.forEach((ps, j) => {
    if (seenPrev.has(j) || ps.year !== undefined) return;
    for (const e of bucketEntries(previous, ps))
      dropped.push({ summary: -1, direction: 'dropped', previous: side(e) });
  });
  for (const d of dropped) {
    const p = d.previous!;
    diagnostics.report(
      'PREVIOUS_DROPPED',
      addr(previousSheetName(previousName, p.at.sheet), p.at.row, p.at.col),
      p.title,
      {
        number: p.number,
        file: previousName,
      },
    );
  }
  return {
    previousName,
    previousYear: previous.reportYear,
    summaries,
    changes: [...changes, ...dropped],
    matched,
    diagnostics: [...diagnostics.all],
  };
}

/** This year's result with the comparison attached and its findings added to the diagnostics. */
export function withComparison(current: AnalysisResult, comparison: Comparison): AnalysisResult {
  return {
    ...current,
    comparison,
    diagnostics: [...current.diagnostics, ...comparison.diagnostics],
  };
}
