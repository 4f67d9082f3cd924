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
  /** A bracketed or ※ note after the status, 「B（一部完了）」 → '一部完了': shown, never counted. */
  readonly note?: string;
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

function matched(def: StatusCategoryDef, score?: number, note?: string): MatchedStatus {
  return {
    kind: 'matched',
    status: def.label,
    category: categoryOf(def),
    excluded: def.excluded === true,
    ...(score !== undefined ? { score } : {}),
    ...(note !== undefined ? { note } : {}),
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

/**
 * A status followed by one note at its end: 「順調（R4完了予定）」, 「B（一部完了）」, 「完了 ※一部継続」 →
 * {status, note}. Only a trailing note: 「(未)完了」 has text before its bracket that is not a status.
 */
export function splitNote(text: string): { status: string; note: string } | null {
  const t = text.normalize('NFKC').trim();
  const bracket = /^([^()（）]+?)\s*[(（]([^()（）]*)[)）]$/.exec(t);
  if (bracket) return { status: bracket[1]!.trim(), note: bracket[2]!.trim() };
  const mark = /^([^※]+?)\s*※\s*([\s\S]*)$/.exec(t);
  if (mark) return { status: mark[1]!.trim(), note: mark[2]!.trim() };
  return null;
}

/**
 * Classifies a reported status against a scheme. A status counts only when, after normalisation
 * (NFKC, spaces, case, wrapping brackets), it is exactly a label or alias; or a leading score that is
 * one, with nothing after it but a label or alias of the same category (「2：やや遅れているが、概ね順調」);
 * or a label or alias followed by one bracketed or ※ note (the note is kept to be shown, never read
 * for a status). A placeholder is the excluded category. Anything else is unknown, with the closest
 * label as a suggestion when one is close and the text does not negate it.
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
    const byRest = lead.rest === '' ? undefined : index.byKey.get(statusKey(lead.rest));
    // The words after a score must agree with it: 「3：遅れが生じている」 is two statuses, not one.
    if (byScore && (lead.rest === '' || (byRest && categoryOf(byRest) === categoryOf(byScore)))) {
      return matched(byScore, lead.score);
    }
    if (!byScore && byRest) return matched(byRest, lead.score);
  }

  const noted = splitNote(text);
  if (noted) {
    const byBare = index.byKey.get(statusKey(noted.status));
    if (byBare) return matched(byBare, undefined, noted.note);
  }

  return { kind: 'unknown', suggestion: suggestStatus(text, scheme) };
}

/**
 * Words that negate or weaken the status they touch: 未達成, 一部完了, 非該当, 不十分, 達成なし, 達成せず.
 * A text holding one is never suggested as a label that does not hold it itself.
 */
const NEGATIONS: readonly string[] = ['未', '一部', '非', '不', '無', 'なし', '無し', 'ない', 'せず'];

/** A label may be suggested for a text only when the text adds no negation the label lacks. */
function negates(key: string, labelKey: string): boolean {
  for (const word of NEGATIONS) {
    if (key.includes(word) && !labelKey.includes(word)) return true;
  }
  return false;
}

/** Largest edit distance accepted for a suggestion, by the length of the label compared with. */
function closeEnough(distance: number, length: number): boolean {
  if (length < 2) return false;
  return distance <= Math.max(1, Math.floor(length / 3));
}

/**
 * The scheme label closest to an unknown status: a small edit distance on normalised text
 * (「順長」→「順調」, 「やや遅れてる」→「やや遅れている」), the single longest label contained in it
 * (「概ね順調に推移」→「順調」), or a one-letter label standing alone in it (「Ａ評価」→「A」). Never a
 * label the text negates (「未達成」 suggests nothing, not 「達成」). Null when nothing is close.
 */
export function suggestStatus(raw: string, scheme: StatusScheme): string | null {
  const key = statusKey(raw);
  if (key === '') return null;
  const index = indexOf(scheme);
  const candidates = [...index.byKey].filter(([k, def]) => !def.excluded && !negates(key, k));
  let best: { label: string; distance: number } | null = null;
  let tie = false;
  for (const [k, def] of candidates) {
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

  const contained = candidates.filter(([k]) => k.length >= 2 && key.includes(k));
  if (contained.length > 0) {
    const longest = Math.max(...contained.map(([k]) => k.length));
    const labels = new Set(contained.filter(([k]) => k.length === longest).map(([, def]) => def.label));
    return labels.size === 1 ? [...labels][0]! : null;
  }

  // A one-letter label (A, B, ◎) as its own letter: at an end of the text, not inside a Latin word.
  const letters = new Set(
    candidates.filter(([k]) => [...k].length === 1 && standsAlone(key, k)).map(([, def]) => def.label),
  );
  return letters.size === 1 ? [...letters][0]! : null;
}

function standsAlone(key: string, letter: string): boolean {
  const latin = /[a-z0-9]/;
  const first = key.startsWith(letter) && !latin.test(key.charAt(letter.length));
  const last = key.endsWith(letter) && !latin.test(key.charAt(key.length - letter.length - 1));
  return first || last;
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
 * Endings of a department's name, for a rating glued to it (「財政課A」): the name must end so, as
 * 未 or 一部 never does. Also what makes a short text read as a department in the layouts (DEPARTMENT_ENDINGS).
 */
export const DEPARTMENT_SUFFIXES: readonly string[] = [
  '課',
  '室',
  '局',
  '部',
  '所',
  '係',
  '館',
  '班',
  'センター',
  '事務局',
  '事務所',
  '委員会',
  '公社',
];

/** A name ending in a department suffix, possibly in brackets or before a colon: 「財政課」「【人事課】：」. */
function endsLikeDepartment(text: string): boolean {
  const t = text
    .normalize('NFKC')
    .replace(/[:：\s]+$/, '')
    .replace(BRACKETED_NAME, '$1')
    .replace(/[(（][^()（）]*[)）]$/, '')
    .trim();
  // 「一部」 ends in 部 but weakens the rating after it: 「財政課一部A」 is no department's A.
  if (t === '' || NEGATIONS.some((w) => t.endsWith(w))) return false;
  return DEPARTMENT_SUFFIXES.some((e) => t.endsWith(e));
}

/**
 * A token that can be (part of) a department's name before a rating: it ends in a department suffix,
 * or it is neither a negating word (未, 一部, なし …) nor holds a status of the scheme (「未達成」 is a
 * status that was not understood, never the name of the department before the next rating).
 */
function isNameToken(token: string, index: SchemeIndex): boolean {
  if (endsLikeDepartment(token)) return true;
  const k = statusKey(token);
  if (k === '') return false;
  if (NEGATIONS.some((w) => k === w || k.endsWith(w) || k.startsWith(w))) return false;
  if (index.keysByLength.some((key) => key.length >= 2 && k.includes(key))) return false;
  // A word ending in a rating that is not glued to a department (「財政課：未A」) is a rating not
  // understood; 'ABCD' is a name, as a Latin letter after a Latin letter is part of the word.
  return !index.keysByLength.some(
    (key) => k.length > key.length && k.endsWith(key) && !/[a-z0-9]$/.test(k.slice(0, -key.length)),
  );
}

/**
 * A cell holding several department ratings, `契約検査課 A 財政課 A` or `【人事課】B【教育総務課】B`,
 * as [{department, rating}] pairs in order. Empty when the text is not such a list: a single status,
 * a rating without a department, text left over without a rating, or a name that is not a name.
 * A rating is either its own token after the name, or glued to a name that ends in a department
 * suffix (「財政課A」); it is never cut off the end of a word (「未完了」 is not 「未」 + 「完了」).
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
    const whole = exactRating(token, index);
    if (whole && !BRACKETED_NAME.test(token)) {
      if (pending.length === 0) return [];
      if (!push(pending.join(' '), token, matched(whole))) return [];
      pending = [];
      continue;
    }
    const suffix = ratingSuffix(token, index);
    if (suffix) {
      if (!push([...pending, suffix.prefix].join(' '), suffix.rating, matched(suffix.def))) return [];
      pending = [];
      continue;
    }
    if (!isNameToken(token, index)) return [];
    pending.push(token);
  }
  if (pending.length > 0 || pairs.length === 0) return [];
  return pairs;
}

/** A token that is exactly a rating of the scheme, or a placeholder when the scheme excludes one. */
function exactRating(token: string, index: SchemeIndex): StatusCategoryDef | undefined {
  const exact = index.byKey.get(statusKey(token));
  if (exact) return exact;
  return isPlaceholder(token) ? [...index.byKey.values()].find((d) => d.excluded) : undefined;
}

/**
 * '財政課A' → {prefix '財政課', rating 'A'}: a rating glued to a department name. The prefix must end
 * in a department suffix or a colon (「財政課：A」), so that no word loses its ending to a rating.
 */
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
    const colon = /[:：]$/.test(prefix);
    if (!colon && !endsLikeDepartment(prefix)) continue;
    const def = index.byKey.get(key)!;
    if (def.excluded && !colon) continue;
    return { prefix, rating: tail, def };
  }
  return null;
}
