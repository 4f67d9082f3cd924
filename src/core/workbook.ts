/**
 * The engine's input: plain cell grids, as the adapters read them from Excel or from .xlsx files.
 */

/** Excel error literals that can stand in a cell. */
export const ERROR_LITERALS = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
] as const;

export type CellScalar = string | number | boolean | null;

/** A cell as the adapters read it. Only `value` is required. */
export interface CellData {
  /** The computed value. Dates are Excel serial numbers with a date `numberFormat`. */
  readonly value: CellScalar;
  /** Excel number format, e.g. "0.0%", "#,##0", "yyyy/m/d"; "General" or absent for none. */
  readonly numberFormat?: string;
  /** The error literal when the cell holds an error value (#REF!, #N/A, …); `value` is then null. */
  readonly error?: string;
  /** The formula text when the cell holds one (without a leading "="), for information only. */
  readonly formula?: string;
}

/** What a literal grid in a test may hold: a bare scalar or a full CellData. */
export type CellInput = CellScalar | undefined | CellData;

export interface MergeArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInput {
  readonly name: string;
  /** Row-major cells; rows and columns are 0-based from the sheet's A1, ragged rows allowed. */
  readonly cells: ReadonlyArray<ReadonlyArray<CellInput>>;
  readonly merges?: readonly MergeArea[];
  readonly visibility?: SheetVisibility;
}

export interface WorkbookInput {
  readonly sheets: readonly SheetInput[];
  /** File name or title, used for the report title when the sheets carry none. */
  readonly name?: string;
  /**
   * The 取組一覧 an earlier run wrote, when the adapter confirmed it ours (ownership.ts): a reviewer's
   * changes to its 判定区分 are carried over (reviewerEdits.ts). Never read as a report.
   */
  readonly previousList?: SheetInput;
}

export function isCellData(x: CellInput): x is CellData {
  return typeof x === 'object' && x !== null;
}

export function toCellData(x: CellInput): CellData | null {
  if (x === undefined || x === null) return null;
  if (isCellData(x)) return x;
  return { value: x };
}

/** Builds a sheet from a literal array, the way tests write grids: sheetFromArray('表', [['改革項目', 1]]). */
export function sheetFromArray(
  name: string,
  rows: ReadonlyArray<ReadonlyArray<CellInput>>,
  extra: Omit<SheetInput, 'name' | 'cells'> = {},
): SheetInput {
  return { name, cells: rows, ...extra };
}

export function workbookFromArrays(
  sheets: Record<string, ReadonlyArray<ReadonlyArray<CellInput>>>,
): WorkbookInput {
  return { sheets: Object.entries(sheets).map(([name, rows]) => sheetFromArray(name, rows)) };
}
