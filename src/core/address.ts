/**
 * One address type for the whole engine: 0-based row and column on a named sheet.
 * A1 text appears only at the edges (adapters, messages, JSON, tests).
 */
export interface CellAddress {
  /** The workbook's file name, when a run reads several files (multi.ts); absent for one workbook. */
  readonly file?: string;
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

export interface RangeAddress {
  readonly sheet: string;
  readonly start: { readonly row: number; readonly col: number };
  readonly end: { readonly row: number; readonly col: number };
}

export function addr(sheet: string, row: number, col: number): CellAddress {
  return { sheet, row, col };
}

export function cellKey(a: CellAddress): string {
  const file = a.file === undefined ? '' : `${a.file}\u0001`;
  return `${file}${a.sheet}\u0000${a.row}\u0000${a.col}`;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" for row 2, col 1. */
export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeToA1(r: RangeAddress): string {
  const a = toA1(r.start.row, r.start.col);
  const b = toA1(r.end.row, r.end.col);
  return a === b ? a : `${a}:${b}`;
}

/** Parses "B3" or "$B$3" to 0-based {row, col}; null when it is not a cell reference. */
export function parseA1(text: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** Quotes a sheet name for use in a formula or link: 'My Sheet'!A1, doubling quotes inside. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "'集計'!B3" — a reference usable in formulas and internal hyperlinks. */
export function qualifiedA1(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${toA1(row, col)}`;
}
