/**
 * Building blocks of the output plan: cells, COUNTIFS criteria and the limits Excel puts on both.
 */
import { quoteSheetName, toA1 } from '../address';
import type { PlanCell, StyledRange, StyleName } from '../outputPlan';

/** Excel keeps at most this many characters in a cell. */
export const MAX_CELL_TEXT = 32767;
/** A COUNTIFS criterion longer than this makes the formula #VALUE!, so such counts are written as numbers. */
export const MAX_CRITERION = 255;
/** Excel allows this many hyperlinks per sheet; later links are written as plain text. */
export const MAX_LINKS_PER_SHEET = 65530;

// Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF):
// a workbook containing them does not open.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what must go.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to store in a cell: no characters XML cannot carry, no more than Excel keeps. */
export function cellSafeText(s: string): string {
  const clean = s.replace(XML_INVALID, '');
  return clean.length <= MAX_CELL_TEXT ? clean : `${clean.slice(0, MAX_CELL_TEXT - 1)}…`;
}

/** A text cell, whatever the text looks like (`=…`, `+…`, `@…` stay text); null for ''. */
export function text(s: string | null | undefined): PlanCell {
  if (s === null || s === undefined || s === '') return null;
  return { kind: 'text', text: cellSafeText(s) };
}

export function num(v: number): PlanCell {
  return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'text', text: String(v) };
}

/** A number or a text as the source had it (indicator figures). */
export function value(v: number | string | null | undefined): PlanCell {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? num(v) : text(v);
}

export function formula(f: string, cached: number | string): PlanCell {
  return { kind: 'formula', formula: f, cached };
}

export function link(shown: string, sheet: string, row: number, col: number): PlanCell {
  return { kind: 'link', text: cellSafeText(shown), sheet, cell: toA1(row, col) };
}

/** One line: line breaks and tabs become spaces (group labels and criteria must not span lines). */
export function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').trim();
}

/**
 * A COUNTIFS criterion matching exactly `s`, as a formula string literal: `"=順調"`. The leading `=`
 * keeps text such as `<R3>` or `>5` from being read as a comparison; `~ * ?` are escaped so they are
 * not wildcards. Null when Excel cannot take it (too long, or with line breaks).
 */
export function criterion(s: string): string | null {
  if (/[\r\n\t]/.test(s)) return null;
  const c = `=${s.replace(/[~*?]/g, '~$&')}`;
  if (c.length > MAX_CRITERION) return null;
  return `"${c.replace(/"/g, '""')}"`;
}

/** `'取組一覧'!$H$4:$H$40` */
export function columnRange(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const a = toA1(firstRow, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const b = toA1(lastRow, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `${quoteSheetName(sheet)}!${a}:${b}`;
}

/** `B5` or `$B$5`. */
export function ref(row: number, col: number, absolute = false): string {
  const a = toA1(row, col);
  return absolute ? a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : a;
}

/** Accumulates a sheet's cells and styled ranges row by row. */
export class GridBuilder {
  readonly rows: PlanCell[][] = [];
  readonly styles: StyledRange[] = [];

  get nextRow(): number {
    return this.rows.length;
  }

  /** Appends a row and returns its index. */
  push(cells: readonly PlanCell[]): number {
    this.rows.push([...cells]);
    return this.rows.length - 1;
  }

  blank(): number {
    return this.push([]);
  }

  style(top: number, left: number, bottom: number, right: number, style: StyleName): void {
    if (bottom < top || right < left) return;
    this.styles.push({ top, left, bottom, right, style });
  }
}

/** Approximate width in Excel's units: CJK and full-width characters count double. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xff9f) ? 2 : 1;
  }
  return w;
}

/** Excel's default column width, in its units (the width of '0'). */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/**
 * Widths of the columns from what they show: a header on one line (bold, so a little wider than
 * its characters, plus the cell's margins) and the numbers below it as their format writes them.
 * Text that may overflow or wrap (notes, long labels) is left out.
 */
export class ColumnWidths {
  private readonly widths: number[] = [];

  /** A bold header that should stay on one line. */
  header(col: number, label: string): void {
    this.fit(col, Math.ceil(displayWidth(label) * BOLD) + MARGIN);
  }

  /** A count under the '#,##0' format: 1234 → '1,234'. */
  count(col: number, n: number): void {
    this.fit(col, Math.round(n).toLocaleString('en-US').length + MARGIN);
  }

  /** A share under the '0.0%' format: 0.548 → '54.8%'. */
  share(col: number, x: number): void {
    this.fit(col, `${(x * 100).toFixed(1)}%`.length + MARGIN);
  }

  /** The width of a column: what it needs, at least Excel's default, at most `max` (then headers wrap). */
  of(col: number, max: number): number {
    return Math.min(max, Math.max(DEFAULT_COLUMN_WIDTH, this.widths[col] ?? 0));
  }

  private fit(col: number, width: number): void {
    this.widths[col] = Math.max(this.widths[col] ?? 0, width);
  }
}

/** Bold CJK text runs about a tenth wider than regular. */
const BOLD = 1.1;
/** The cell's left and right margins, with a little air, in Excel's units. */
const MARGIN = 2;
