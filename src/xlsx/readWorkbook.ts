/**
 * .xlsx bytes → the engine's WorkbookInput, via ExcelJS. Runs in node and in the browser: it takes
 * bytes, never a path. Unusable input throws EngineError (NOT_XLSX, ENCRYPTED_WORKBOOK,
 * UNREADABLE_WORKBOOK); anything odd inside a readable workbook is left for the engine to diagnose.
 */
import ExcelJS from 'exceljs';
import {
  EngineError,
  type ExistingSheet,
  type OutputRole,
  confirmOwnership,
  roleOfOwnerName,
  sheetOfReference,
  type ReadLimits,
  type CellData,
  type CellInput,
  type MergeArea,
  type SheetInput,
  type SheetVisibility,
  type WorkbookInput,
} from '../core/index';
import { checkWorkbookFile } from './fileKind';
import { withoutOverlappingMerges } from './merges';
import { openPackage, packageSheets } from './package';
import type { Codec } from './zip';
import { UnsupportedPackageError } from './unsupported';

export interface ReadWorkbookResult {
  /** The loaded workbook, to write the output sheets into. */
  readonly workbook: ExcelJS.Workbook;
  /** The user's sheets, in tab order; our own output sheets from an earlier run are left out. */
  readonly input: WorkbookInput;
  /** Every sheet in the file, and which of them are ours. */
  readonly existing: readonly ExistingSheet[];
}

export type Bytes = ArrayBuffer | Uint8Array;

export interface ReadOptions {
  readonly name?: string;
  /** Inflate for the package checks; the platform's CompressionStream when absent. */
  readonly codec?: Codec;
  /** How much the package may unpack to (settings.limits). */
  readonly limits?: ReadLimits;
}

export async function readWorkbook(data: Bytes, options: ReadOptions = {}): Promise<ReadWorkbookResult> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let workbook: ExcelJS.Workbook;
  let dropped: ReadonlyMap<string, readonly MergeArea[]> = new Map();
  try {
    workbook = await loadWorkbook(bytes, options.name, options);
  } catch (e) {
    // Overlapping merged cells (Excel repairs them): read without the overlapping ones, reported.
    const repaired =
      e instanceof EngineError && /already merged/.test(e.message)
        ? await withoutOverlappingMerges(bytes, options.codec).catch(() => null)
        : null;
    if (!repaired) throw e;
    workbook = await loadWorkbook(repaired.bytes, options.name, options);
    dropped = repaired.dropped;
  }
  const named = (await sheetsOfPackage(bytes, options.codec)) ?? existingSheets(workbook);
  // Every sheet is read, ours too: ownership is confirmed by what a sheet holds (ownership.ts).
  const all = workbook.worksheets.map((ws) => withMerges(sheetInput(ws), dropped.get(ws.name)));
  const confirmed = confirmOwnership(named, all);
  const existing = confirmed.existing;
  const sheets = [...confirmed.sheets];
  const input: WorkbookInput = {
    sheets,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(confirmed.previousList ? { previousList: confirmed.previousList } : {}),
  };
  return { workbook, input, existing };
}

/** The sheet with the overlapping merges the reader took out put back, for the engine to report. */
function withMerges(sheet: SheetInput, extra: readonly MergeArea[] | undefined): SheetInput {
  return extra && extra.length > 0 ? { ...sheet, merges: [...(sheet.merges ?? []), ...extra] } : sheet;
}

/**
 * Loads .xlsx bytes, telling apart what is not an .xlsx, an encrypted file and a damaged one. The
 * package is checked (sizes, CRC, UTF-8; see guard.ts) before ExcelJS inflates anything.
 */
export async function loadWorkbook(
  data: Bytes,
  name = '',
  options: Pick<ReadOptions, 'codec' | 'limits'> = {},
): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  await checkWorkbookFile(bytes, { codec: options.codec, limits: options.limits, name });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new EngineError('UNREADABLE_WORKBOOK', `ExcelJS could not load the file: ${String(e)}`, name);
  }
  return workbook;
}

/**
 * The package's own list of sheets (chart sheets included, which ExcelJS leaves out, so an output
 * is never given a chart sheet's name); null where the package cannot be read part by part.
 */
async function sheetsOfPackage(bytes: Uint8Array, codec?: Codec): Promise<ExistingSheet[] | null> {
  try {
    return packageSheets(await openPackage(bytes, codec));
  } catch (e) {
    if (e instanceof UnsupportedPackageError) return null;
    throw e;
  }
}

/** Every sheet, with ownership proven by a KaikakuShukei_<role> defined name referring to it. */
export function existingSheets(workbook: ExcelJS.Workbook): ExistingSheet[] {
  const roleBySheet = new Map<string, OutputRole>();
  for (const dn of workbook.definedNames.model) {
    const role = roleOfOwnerName(dn.name);
    if (role === null) continue;
    for (const range of dn.ranges) {
      const sheet = sheetOfReference(range);
      if (sheet !== null) roleBySheet.set(sheet, role);
    }
  }
  return workbook.worksheets.map((ws) => {
    const role = roleBySheet.get(ws.name);
    return role ? { name: ws.name, owned: true, role } : { name: ws.name, owned: false };
  });
}

const EMPTY_ROW: readonly CellInput[] = Object.freeze([]);

/** One worksheet as cells: only up to the last non-blank cell, whatever the used range claims. */
export function sheetInput(ws: ExcelJS.Worksheet): SheetInput {
  const rows: (readonly CellInput[])[] = [];
  let lastRow = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: CellInput[] = [];
    let last = -1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const data = cellData(cell);
      if (data === null) return;
      const c = colNumber - 1;
      while (out.length < c) out.push(null);
      out[c] = data;
      last = c;
    });
    if (last < 0) return;
    out.length = last + 1;
    const r = rowNumber - 1;
    while (rows.length < r) rows.push(EMPTY_ROW);
    rows[r] = out;
    lastRow = r;
  });
  rows.length = lastRow + 1;
  const merges = mergesOf(ws);
  const visibility = visibilityOf(ws);
  return {
    name: ws.name,
    cells: rows,
    ...(merges.length > 0 ? { merges } : {}),
    ...(visibility !== 'visible' ? { visibility } : {}),
  };
}

function visibilityOf(ws: ExcelJS.Worksheet): SheetVisibility {
  return ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
}

interface MergeRange {
  readonly model: {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
  };
}

function mergesOf(ws: ExcelJS.Worksheet): MergeArea[] {
  // ExcelJS keeps merges by master cell; its public `model.merges` would build the whole sheet model.
  const internal = (ws as unknown as { _merges?: Record<string, MergeRange> })._merges;
  const ranges = internal ? Object.values(internal).map((m) => m.model) : [];
  return ranges.map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

/**
 * A Date from ExcelJS back to the 1900-system serial the engine expects, to the millisecond. ExcelJS
 * has already applied the workbook's 1904 date system, if any, in making the Date.
 */
function dateSerial(d: Date): number {
  return Math.round(d.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
}

function withFormat(value: CellData['value'], numFmt: string | undefined): CellData {
  return numFmt && numFmt !== 'General' ? { value, numberFormat: numFmt } : { value };
}

type RichText = { richText: { text: string }[] };

function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v)
    return (v as RichText).richText.map((r) => r.text).join('');
  return v === null || v === undefined ? '' : String(v);
}

/** One cell as CellData; null for empty, merged-away and whitespace-only cells (blank to the engine). */
function cellData(cell: ExcelJS.Cell): CellData | null {
  const numFmt = cell.numFmt;
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Number:
      return withFormat(v as number, numFmt);
    case ExcelJS.ValueType.Date:
      return {
        value: dateSerial(v as Date),
        numberFormat: numFmt && numFmt !== 'General' ? numFmt : 'yyyy/m/d',
      };
    case ExcelJS.ValueType.Boolean:
      return { value: v as boolean };
    case ExcelJS.ValueType.Error:
      return { value: null, error: (v as ExcelJS.CellErrorValue).error };
    case ExcelJS.ValueType.Hyperlink:
      return textCell(plainText((v as ExcelJS.CellHyperlinkValue).text), numFmt);
    case ExcelJS.ValueType.RichText:
      return textCell(plainText(v), numFmt);
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return textCell(plainText(v), numFmt);
    case ExcelJS.ValueType.Formula:
      return formulaCell(cell, numFmt);
    default:
      return textCell(plainText(v), numFmt);
  }
}

function textCell(text: string, numFmt: string | undefined): CellData | null {
  if (text.trim() === '') return null;
  return withFormat(text, numFmt);
}

function formulaCell(cell: ExcelJS.Cell, numFmt: string | undefined): CellData {
  const formula = cell.formula ?? '';
  const result = (cell.value as ExcelJS.CellFormulaValue).result as unknown;
  const f = formula !== '' ? { formula } : {};
  if (result && typeof result === 'object' && 'error' in result) {
    return { value: null, error: String((result as ExcelJS.CellErrorValue).error), ...f };
  }
  if (result instanceof Date) {
    return {
      value: dateSerial(result),
      numberFormat: numFmt && numFmt !== 'General' ? numFmt : 'yyyy/m/d',
      ...f,
    };
  }
  if (typeof result === 'number' || typeof result === 'boolean')
    return { ...withFormat(result, numFmt), ...f };
  if (result === undefined || result === null) return { value: null, ...f };
  return { ...withFormat(plainText(result), numFmt), ...f };
}
