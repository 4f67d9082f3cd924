/**
 * Reported statuses against a status scheme: 「順 調」, 「2：やや遅れているが、概ね順調」, 「Ａ」, 「-」.
 * Pure functions on text; the layouts decide which cell holds the status and report diagnostics.
 */
import type { StatusCategoryDef, StatusScheme } from './settings';
import { editDistance, isPlaceholder, normalizeLabel } from './text';

/** A status the scheme knows. `status` is the label matched, `category` the one it counts under. */
export interface MatchedStatus {
  readonly kind: 'matched';
  /** The scheme's label, e.g. '達成'. */
  readonly status: string;
  /** Top-level category after the roll-up, e.g. '順調' for 達成; the excluded label for 対象外. */
  readonly category: string;
  readonly excluded: boolean;
  /** The leading score when the text had one: '2：やや遅れているが、概ね順調' → 2. */
  readonly score?: number;
}

export type StatusMatch =
  | MatchedStatus
  /** Nothing written: blank, or a placeholder in a scheme without an excluded category. */
  | { readonly kind: 'blank' }
  /** Written but not in the scheme; `suggestion` is the closest label when one is close. */
  | { readonly kind: 'unknown'; readonly suggestion: string | null };

/** Brackets and quotes people put around a status: 【順調】, 「A」, (A). */
const WRAPPERS = /^[【「『"'“‘(（［[]+|[】」』"'”’)）］\]。．.、]+$/g;

/** The comparison key of a status text: NFKC, no spaces, lower case, no wrapping brackets. */
export function statusKey(text: string): string {
  return normalizeLabel(text).replace(WRAPPERS, '');
}

interface SchemeIndex {
  /** statusKey of every label and alias → its category definition. */
  readonly byKey: ReadonlyMap<string, StatusCategoryDef>;
  /** Longest keys first, for suffix and containment matches. */
  readonly keysByLength: readonly string[];
}

const INDEX_CACHE = new WeakMap<StatusScheme, SchemeIndex>();

function indexOf(scheme: StatusScheme): SchemeIndex {
  const cached = INDEX_CACHE.get(scheme);
  if (cached) return cached;
  const byKey = new Map<string, StatusCategoryDef>();
  // Labels first, so that an alias never shadows another category's own label.
  for (const def of scheme.categories) {
    const k = statusKey(def.label);
    if (k !== '' && !byKey.has(k)) byKey.set(k, def);
  }
  for (const def of scheme.categories) {
    for (const alias of def.aliases) {
      const k = statusKey(alias);
      if (k !== '' && !byKey.has(k)) byKey.set(k, def);
    }
  }
  const keysByLength = [...byKey.keys()].sort((a, b) => b.length - a.length);
  const index = { byKey, keysByLength };
  INDEX_CACHE.set(scheme, index);
  return index;
}

/** The category a label counts under: its roll-up target, or itself. */
export function categoryOf(def: StatusCategoryDef): string {
  return def.rollUpTo ?? def.label;
}

/** Top-level categories in display order: neither rolled up nor excluded. */
export function topCategories(scheme: StatusScheme): string[] {
  return scheme.categories.filter((c) => c.rollUpTo === undefined && !c.excluded).map((c) => c.label);
}

/** Labels that count under another category (達成 → 順調), shown as 「うち達成」. */
export function rollUpLabels(scheme: StatusScheme): string[] {
  return scheme.categories.filter((c) => c.rollUpTo !== undefined).map((c) => c.label);
}

/** The category that stands for 対象外, if the scheme has one. */
export function excludedCategory(scheme: StatusScheme): StatusCategoryDef | undefined {
  return scheme.categories.find((c) => c.excluded);
}

function matched(def: StatusCategoryDef, score?: number): MatchedStatus {
  return {
    kind: 'matched',
    status: def.label,
    category: categoryOf(def),
    excluded: def.excluded === true,
    ...(score !== undefined ? { score } : {}),
  };
}

/** The scheme's definition for an exact (normalised) label or alias, or undefined. */
export function findCategory(text: string, scheme: StatusScheme): StatusCategoryDef | undefined {
  const k = statusKey(text);
  return k === '' ? undefined : indexOf(scheme).byKey.get(k);
}

/**
 * A leading score such as `2：やや遅れているが、概ね順調`, `3 目標達成に向けて順調`, `2.`: the number and
 * the text after it. Null when the text does not start with a score followed by a separator or its end.
 */
export function leadingScore(text: string): { score: number; rest: string } | null {
  const t = text.normalize('NFKC').trim();
  const m = /^(\d{1,2}(?:\.\d+)?)(?:\s*[:：.．、,，)）]\s*|\s+|$)([\s\S]*)$/.exec(t);
  if (!m) return null;
  return { score: Number(m[1]), rest: m[2]!.trim() };
}

/** Bracketed notes after a status: 「順調（R4完了予定）」 → 「順調」. */
function withoutNotes(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[(（][^()（）]*[)）]/g, '')
    .replace(/※.*$/s, '')
    .trim();
}

/**
 * Classifies a reported status against a scheme: normalised label or alias match (spaces, width and
 * wrapping brackets are noise), a leading score, a placeholder (→ the excluded category), a status
 * with a bracketed note; otherwise unknown, with the closest label as a suggestion when one is close.
 */
export function classifyStatus(raw: string, scheme: StatusScheme): StatusMatch {
  const text = raw.trim();
  if (text === '') return { kind: 'blank' };
  const index = indexOf(scheme);
  const exact = index.byKey.get(statusKey(text));
  if (exact) return matched(exact);

  if (isPlaceholder(text)) {
    const ex = excludedCategory(scheme);
    return ex ? matched(ex) : { kind: 'blank' };
  }

  const lead = leadingScore(text);
  if (lead) {
    const byScore = index.byKey.get(statusKey(String(lead.score)));
    if (byScore) return matched(byScore, lead.score);
    const byRest = lead.rest === '' ? undefined : index.byKey.get(statusKey(lead.rest));
    if (byRest) return matched(byRest, lead.score);
  }

  const bare = withoutNotes(text);
  if (bare !== '' && bare !== text.normalize('NFKC')) {
    const byBare = index.byKey.get(statusKey(bare));
    if (byBare) return matched(byBare);
  }

  return { kind: 'unknown', suggestion: suggestStatus(text, scheme) };
}

/** Largest edit distance accepted for a suggestion, by the length of the label compared with. */
function closeEnough(distance: number, length: number): boolean {
  if (length < 2) return false;
  return distance <= Math.max(1, Math.floor(length / 3));
}

/**
 * The scheme label closest to an unknown status: a small edit distance on normalised text
 * (「順長」→「順調」, 「やや遅れてる」→「やや遅れている」), or the single longest label contained in it
 * (「概ね順調に推移」→「順調」). Null when nothing is close.
 */
export function suggestStatus(raw: string, scheme: StatusScheme): string | null {
  const key = statusKey(raw);
  if (key === '') return null;
  const index = indexOf(scheme);
  let best: { label: string; distance: number } | null = null;
  let tie = false;
  for (const [k, def] of index.byKey) {
    if (def.excluded) continue;
    const d = editDistance(key, k);
    if (!closeEnough(d, k.length)) continue;
    if (!best || d < best.distance) {
      best = { label: def.label, distance: d };
      tie = false;
    } else if (d === best.distance && def.label !== best.label) {
      tie = true;
    }
  }
  if (best && !tie) return best.label;

  const contained = index.keysByLength.filter((k) => k.length >= 2 && key.includes(k));
  if (contained.length === 0) return null;
  const longest = contained[0]!.length;
  const labels = new Set(contained.filter((k) => k.length === longest).map((k) => index.byKey.get(k)!.label));
  if (labels.size !== 1) return null;
  const label = [...labels][0]!;
  return index.byKey.get(statusKey(label))?.excluded ? null : label;
}

/** True when the text is a status of the scheme that counts (not a placeholder, not 対象外). */
export function isRatingLike(text: string, scheme: StatusScheme): boolean {
  const m = classifyStatus(text, scheme);
  return m.kind === 'matched' && !m.excluded && !isPlaceholder(text);
}

export interface DepartmentRating {
  /** The department as written: '契約検査課', '上下水道局 経営企画課'. */
  readonly department: string;
  /** The rating as written: 'A', '完了', '-'. */
  readonly rating: string;
  readonly match: MatchedStatus;
}

const PAIR_SEPARATORS = /[\s\u3000、,，;；]+/;
const BRACKETED_NAME = /^[【[［(（]([^】\]］)）]+)[】\]］)）]$/;

/**
 * A cell holding several department ratings, `契約検査課 A 財政課 A` or `【人事課】B【教育総務課】B`,
 * as [{department, rating}] pairs in order. Empty when the text is not such a list: a single status,
 * a rating without a department, or text left over without a rating.
 */
export function splitDepartmentRatings(text: string, scheme: StatusScheme): DepartmentRating[] {
  const index = indexOf(scheme);
  const tokens = text
    .replace(/([】\]］])/g, '$1 ')
    .replace(/([【［])/g, ' $1')
    .split(PAIR_SEPARATORS)
    .filter((t) => t !== '');
  const pairs: DepartmentRating[] = [];
  let pending: string[] = [];
  const push = (department: string, rating: string, match: MatchedStatus): boolean => {
    const dept = department
      .replace(/[:：\s]+$/, '')
      .replace(BRACKETED_NAME, '$1')
      .trim();
    if (dept === '') return false;
    pairs.push({ department: dept, rating, match });
    return true;
  };
  for (const token of tokens) {
    const whole = classifyStatus(token, scheme);
    if (whole.kind === 'matched' && !BRACKETED_NAME.test(token)) {
      if (pending.length === 0) return [];
      if (!push(pending.join(' '), token, whole)) return [];
      pending = [];
      continue;
    }
    const suffix = ratingSuffix(token, index);
    if (suffix) {
      if (!push([...pending, suffix.prefix].join(' '), suffix.rating, matched(suffix.def))) return [];
      pending = [];
      continue;
    }
    pending.push(token);
  }
  if (pending.length > 0 || pairs.length === 0) return [];
  return pairs;
}

/** '財政課A' → {prefix '財政課', rating 'A'}: a rating glued to a department name. */
function ratingSuffix(
  token: string,
  index: SchemeIndex,
): { prefix: string; rating: string; def: StatusCategoryDef } | null {
  const t = token.normalize('NFKC');
  for (const key of index.keysByLength) {
    // Keys are lower-cased; compare case-insensitively on the token's end.
    if (t.length <= key.length) continue;
    const tail = t.slice(t.length - key.length);
    if (tail.toLowerCase() !== key) continue;
    const prefix = t.slice(0, t.length - key.length);
    // 'ABC' is not 'AB' + 'C': the name must end in something other than a Latin letter or digit.
    if (/[A-Za-z0-9]$/.test(prefix)) continue;
    const def = index.byKey.get(key)!;
    if (def.excluded && !/[:：]$/.test(prefix)) continue;
    return { prefix, rating: tail, def };
  }
  return null;
}
