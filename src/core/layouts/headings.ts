/**
 * The one grammar of group headings: a cell's text → its marker, level, number and title, or null.
 * Every layout reads headings through parseHeading and chooses which markers it accepts (a plan card's
 * 「1 市民ニーズ」 is a heading, a flat table's section wants 「1. 総則」); the markers and their levels
 * are defined here once.
 */
import { normalizeLabel } from '../text';

/**
 * What opens a heading:
 * - word: a group word of the layout, then its number (●重点項目1, 基本目標 2, 重点項目 with none)
 * - chapter: 第1章, 第2節, 第3
 * - roman: Ⅰ 総則, II. 効率化
 * - number: 1 市民ニーズ, 1. 総則, 1、総則, 1) 総則
 * - dashed: 1-1 窓口改善
 * - paren: (1) …, （１）…, ⑴ …
 * - circled: ① …
 */
export type HeadingMarker = 'word' | 'chapter' | 'roman' | 'number' | 'dashed' | 'paren' | 'circled';

/** Each marker's level: 1 outermost. A layout opening a heading closes the deeper ones. */
export const HEADING_LEVELS: Readonly<Record<HeadingMarker, number>> = {
  word: 1,
  chapter: 1,
  roman: 1,
  number: 1,
  dashed: 2,
  paren: 2,
  circled: 3,
};

export interface Heading {
  readonly level: number;
  readonly marker: HeadingMarker;
  /** The heading's number, half-width: '1', '1-1', 'II'; '' for a group word written without one. */
  readonly number: string;
  /** The text after the marker (NFKC, trimmed): for matching; show the cell's text as written. */
  readonly title: string;
  /** Leading bullets before the marker (●, ■), '' when none. */
  readonly bullet: string;
  /** What stands between a number and its title ('.', ' ', '、', ') '); '' for other markers. */
  readonly separator: string;
}

/** Leading bullets and marks of headings: ●重点項目1, ■(1), ○令和3年度. */
export const HEADING_MARKS = /^[●○◎◯■□◆◇▲△▼▽★☆・*＊#＃\s]+/;

/** Circled numbers ①…⑳ (and ⓵…⓾, ❶…❿) at the start of a text. */
export const CIRCLED = /^[\u2460-\u2473\u24f5-\u24fe\u2776-\u277f]/;

const PAREN = /^[(（]\s*(\d{1,3})\s*[)）]\s*(.*)$/su;
const CHAPTER = /^第\s*(\d{1,2})\s*[章節項]?\s*(.*)$/su;
const DASHED = /^(\d{1,2})\s*[-‐‑－]\s*(\d{1,2})(?!\d)(?:\s*[.、)]\s*|\s+)?(.*)$/su;
/** A number, then spaces or a point (.、)) with any spaces, then the title. */
const NUMBER = /^(\d{1,2})(\s*[.、)]\s*|\s+)(\S.*)$/su;
const ROMAN = /^(X|IX|IV|V?I{1,3}|V)[.、\s]\s*(\S.*)$/su;

/**
 * The heading a cell's text opens, or null. `words` are the layout's group words (重点項目, 基本目標 …),
 * compared as labels are (width, case and spaces ignored). A number run on by a digit is a figure,
 * not a heading: 1.5, 1、2, 1,234, 2021.4.1, 12月.
 */
export function parseHeading(text: string, words: readonly string[] = []): Heading | null {
  const raw = text.trim();
  const bullet = (HEADING_MARKS.exec(raw)?.[0] ?? '').trim();
  const body = raw.replace(HEADING_MARKS, '');
  const make = (marker: HeadingMarker, number: string, title: string, separator = ''): Heading => ({
    level: HEADING_LEVELS[marker],
    marker,
    number,
    title: title.trim(),
    bullet,
    separator,
  });
  const n = body.normalize('NFKC');
  for (const word of words) {
    const rest = afterWord(n, word);
    if (rest === null) continue;
    const m = /^\s*(\d{1,3})(?!\d)/.exec(rest);
    return m ? make('word', m[1]!, rest.slice(m[0].length)) : make('word', '', rest);
  }
  // Tested before NFKC, which turns ① into 1.
  const circled = CIRCLED.exec(body);
  if (circled) return make('circled', circled[0].normalize('NFKC'), body.slice(circled[0].length));
  let m = PAREN.exec(n);
  if (m) return make('paren', m[1]!, m[2]!);
  m = CHAPTER.exec(n);
  if (m) return make('chapter', m[1]!, m[2]!);
  m = DASHED.exec(n);
  if (m) return make('dashed', `${m[1]!}-${m[2]!}`, m[3]!);
  m = NUMBER.exec(n);
  if (m && !(/^[.、]$/.test(m[2]!) && /^\d/.test(m[3]!))) return make('number', m[1]!, m[3]!, m[2]!);
  m = ROMAN.exec(n);
  if (m) return make('roman', m[1]!, m[2]!);
  return null;
}

/** The text after a group word the text starts with (spaces inside the word skipped), or null. */
function afterWord(text: string, word: string): string | null {
  const key = normalizeLabel(word);
  if (key === '') return null;
  let i = 0;
  let matched = 0;
  while (i < text.length && matched < key.length) {
    const ch = text[i]!;
    i++;
    if (/[\s\u3000\u00a0\u200b\ufeff]/.test(ch)) continue;
    if (ch.toLowerCase() !== key[matched]) return null;
    matched++;
  }
  return matched === key.length ? text.slice(i) : null;
}

/**
 * A section heading of flat tables, settings tables and report titles: (1) …, 1. …, 1) …, 第1 …,
 * Ⅰ …, after any bullets; a number needs a point after it (「1 …」 is a row's item, not a section).
 */
export function isSectionHeading(text: string): boolean {
  const h = parseHeading(text);
  return h !== null && isSection(h);
}

/** True for the markers of a section heading (isSectionHeading). */
export function isSection(h: Heading): boolean {
  if (h.marker === 'number') return /[.、)]/.test(h.separator);
  return h.marker === 'paren' || h.marker === 'chapter' || h.marker === 'roman';
}
