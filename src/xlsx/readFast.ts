/**
 * .xlsx bytes → the engine's WorkbookInput without ExcelJS: the package through the project's own
 * zip module (openPackage), shared strings and each worksheet scanned once by XmlScanner. It gives
 * exactly what the ExcelJS reader (readWorkbook.ts) gives — values, types, number formats (ExcelJS's
 * built-in table and its date rule), merges, visibility, the package's own sheet list — and more
 * where ExcelJS is wrong: phonetic runs (ふりがな) never join a cell's text, `_xHHHH_` escapes are
 * read in inline strings too, rows and cells without `r` follow the one before, parts are found by
 * relationship rather than by a fixed path, and strict OOXML or prefixed packages read the same.
 *
 * What it does not read it refuses with ReaderUnsupported (or the package's UnsupportedPackageError);
 * readXlsx then hands the file to the ExcelJS reader and says so.
 */
import {
  type ExistingSheet,
  confirmOwnership,
  type CellData,
  type CellInput,
  type MergeArea,
  type SheetInput,
  type SheetVisibility,
  type WorkbookInput,
} from '../core/index';
import { NS, openPackage, packageSheets, PartReader, relTypeIs } from './package';
import { attr, childNamed, childrenNamed, parseXml } from './xml';
import { CLOSE, decodeEscapes, END, prefixOf, ReaderUnsupported, START, TEXT, XmlScanner } from './xmlScan';
import type { Codec } from './zip';

export { ReaderUnsupported } from './xmlScan';

export interface FastReadResult {
  /** The user's sheets, in tab order; our own output sheets from an earlier run are left out. */
  readonly input: WorkbookInput;
  /** Every sheet in the file, and which of them are ours. */
  readonly existing: readonly ExistingSheet[];
}

export interface FastReadOptions {
  readonly name?: string;
  /** Inflate for the parts; the platform's DecompressionStream when left out. */
  readonly codec?: Codec;
}

const MAIN_NS = [NS.main, NS.mainStrict];
const REL_NS = [NS.rel, NS.relStrict];
const MAX_ROW = 1048576;
const MAX_COL = 16384;

export async function readWorkbookFast(
  bytes: Uint8Array,
  options: FastReadOptions = {},
): Promise<FastReadResult> {
  // Anything but a zip (an OLE file, a text file) is for the ExcelJS reader to classify.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ReaderUnsupported('not a zip');
  const pkg = await openPackage(bytes, options.codec);
  const parts = new PartReader(pkg.entries, pkg.codec);
  const named = packageSheets(pkg);
  const workbookPr = childNamed(pkg.workbook, 'workbookPr', pkg.mainNs);
  const date1904 = isTrue(workbookPr ? attr(workbookPr, 'date1904') : undefined);

  const target = (type: string): string | null =>
    pkg.workbookRels.relationships.find((r) => relTypeIs(r.type, type) && r.target !== null)?.target ?? null;
  const stylesKey = target('styles');
  const stylesXml = stylesKey !== null ? await parts.text(stylesKey) : null;
  const formats = stylesXml !== null ? cellFormats(stylesXml, stylesKey!) : [];
  const stringsKey = target('sharedStrings');
  const stringsXml = stringsKey !== null ? await parts.text(stringsKey) : null;
  const strings = stringsXml !== null ? sharedStrings(stringsXml, stringsKey!) : [];

  const sheets: SheetInput[] = [];
  for (const s of pkg.sheets) {
    if (s.part === null || s.relType === null || !relTypeIs(s.relType, 'worksheet')) continue;
    if (!parts.has(s.part)) continue;
    const xml = (await parts.text(s.part))!;
    const partName = parts.byKey.get(s.part)!.name.replace(/^\/+/, '');
    const read = scanWorksheet(xml, s.part, { strings, formats, date1904 });
    if (read.linkedCells.length > 0) {
      // ExcelJS reads a cell with an external hyperlink as its text; only those with a relationship.
      const rels = await parts.rels(partName);
      const ids = new Set((rels?.relationships ?? []).map((r) => r.id));
      for (const link of read.linkedCells) {
        if (!ids.has(link.rid)) throw new ReaderUnsupported(`${s.part}: hyperlink ${link.rid} has no target`);
        linkText(read.rows, link.row, link.col, s.part);
      }
    }
    blankMergedAway(read.rows, read.merges);
    const visibility: SheetVisibility =
      s.state === 'hidden' || s.state === 'veryHidden' ? s.state : 'visible';
    sheets.push({
      name: s.name,
      cells: trimRows(read.rows),
      ...(read.merges.length > 0 ? { merges: read.merges } : {}),
      ...(visibility !== 'visible' ? { visibility } : {}),
    });
  }
  // Every sheet is read, ours too: ownership is confirmed by what a sheet holds (ownership.ts).
  const confirmed = confirmOwnership(named, sheets);
  const kept = [...confirmed.sheets];
  const input: WorkbookInput = {
    sheets: kept,
    ...(options.name !== undefined ? { name: options.name } : {}),
    // Our old 取組一覧, for the reviewer's changes in it (reviewerEdits.ts).
    ...(confirmed.previousList ? { previousList: confirmed.previousList } : {}),
  };
  return { input, existing: confirmed.existing };
}

function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

// ---------------------------------------------------------------------------------------------
// Number formats

/** Excel's built-in formats as ExcelJS knows them (the locale-dependent ids 27–36, 50–58 it has not). */
const BUILTIN: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

interface CellFormat {
  readonly numFmt: string | undefined;
  readonly isDate: boolean;
}

const NO_FORMAT: CellFormat = { numFmt: undefined, isDate: false };

/** The number format of each cell format (cellXfs), as ExcelJS resolves it. */
function cellFormats(xml: string, part: string): CellFormat[] {
  const root = parseXml(xml, part);
  if (root.local !== 'styleSheet' || !MAIN_NS.includes(root.ns as never)) {
    throw new ReaderUnsupported(`${part} is not a styleSheet`);
  }
  const ns = root.ns;
  const custom = new Map<number, string>();
  const numFmts = childNamed(root, 'numFmts', ns);
  for (const el of numFmts ? childrenNamed(numFmts, 'numFmt', ns) : []) {
    // A backslash-escaped character in a format code is the character itself (ExcelJS's reading).
    const code = (attr(el, 'formatCode') ?? '').replace(/\\(.)/g, '$1');
    custom.set(parseInt(attr(el, 'numFmtId') ?? '', 10), code);
  }
  const cellXfs = childNamed(root, 'cellXfs', ns);
  return (cellXfs ? childrenNamed(cellXfs, 'xf', ns) : []).map((xf) => {
    const id = parseInt(attr(xf, 'numFmtId') ?? '', 10);
    if (!id) return NO_FORMAT;
    const numFmt = custom.get(id) ?? BUILTIN[id];
    return numFmt ? { numFmt, isDate: isDateFormat(numFmt) } : NO_FORMAT;
  });
}

/** A date or time format: a date letter outside quoted text and [bracketed] parts (ExcelJS's rule). */
export function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;
const MAX_DATE_MS = 8.64e15;

/**
 * A date cell's serial in the 1900 system, to the millisecond, computed as ExcelJS's Date and
 * readWorkbook's dateSerial compute it (same operations, same rounding).
 */
function dateSerial(v: number, date1904: boolean): number {
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return NaN;
  return Math.round(ms - EXCEL_EPOCH_MS) / DAY_MS;
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/** Each <si> as its text: plain or rich-text runs joined, phonetic runs (<rPh>) left out. */
function sharedStrings(xml: string, part: string): string[] {
  const sc = new XmlScanner(xml, part);
  const out: string[] = [];
  let p: string | null = null;
  let tSi = '';
  let tT = '';
  let tRPh = '';
  let current = '';
  let inSi = false;
  let rPhDepth = 0;
  let textStart = 0;
  for (let tok = sc.next(); tok !== END; tok = sc.next()) {
    if (tok === TEXT) {
      current += sc.text;
      continue;
    }
    if (p === null) {
      if (tok !== START) continue;
      p = prefixOf(sc.attributes(), MAIN_NS) ?? sc.fail('shared strings outside SpreadsheetML');
      if (sc.name !== `${p}sst`) sc.fail('the root is not <sst>');
      tSi = `${p}si`;
      tT = `${p}t`;
      tRPh = `${p}rPh`;
      continue;
    }
    const name = sc.name;
    if (tok === START) {
      if (name === tSi) {
        inSi = true;
        current = '';
        if (sc.selfClosing) {
          out.push('');
          inSi = false;
        }
      } else if (name === tRPh && !sc.selfClosing) {
        rPhDepth++;
      } else if (name === tT && inSi && rPhDepth === 0 && !sc.selfClosing) {
        sc.wantText = true;
        textStart = current.length;
      }
    } else if (tok === CLOSE) {
      if (name === tT && sc.wantText) {
        sc.wantText = false;
        current = current.slice(0, textStart) + decodeEscapes(current.slice(textStart));
      } else if (name === tRPh) {
        rPhDepth = Math.max(0, rPhDepth - 1);
      } else if (name === tSi) {
        out.push(current);
        inSi = false;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

interface SheetContext {
  readonly strings: readonly string[];
  readonly formats: readonly CellFormat[];
  readonly date1904: boolean;
}

interface LinkedCell {
  readonly row: number;
  readonly col: number;
  readonly rid: string;
}

interface ScannedSheet {
  readonly rows: (CellData | null)[][];
  readonly merges: MergeArea[];
  readonly linkedCells: LinkedCell[];
}

/** "BC12" → column 54 (0-based) and row 11; null when it is not a cell reference. */
export function parseRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  const n = ref.length;
  if (ref.charCodeAt(0) === 0x24 /* $ */) i++;
  const letters = i;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i) | 0x20;
    if (ch < 0x61 || ch > 0x7a) break;
    col = col * 26 + (ch - 0x60);
  }
  if (i === letters || i - letters > 3) return null;
  if (ref.charCodeAt(i) === 0x24) i++;
  const digits = ref.slice(i);
  if (!/^[0-9]{1,7}$/.test(digits)) return null;
  return { row: parseInt(digits, 10) - 1, col: col - 1 };
}

function columnOfRef(ref: string): number {
  let col = 0;
  let i = ref.charCodeAt(0) === 0x24 ? 1 : 0;
  const start = i;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) | 0x20;
    if (ch < 0x61 || ch > 0x7a) break;
    col = col * 26 + (ch - 0x60);
  }
  return i === start || i - start > 3 ? -1 : col - 1;
}

/** One cell between <c> and </c>, as read. */
interface RawCell {
  row: number;
  col: number;
  address: string | undefined;
  style: number;
  type: string | undefined;
  value: string | undefined;
  formula: string;
  shareType: string | undefined;
  si: string | undefined;
  /** The <f> has a ref: the master of a shared formula (or an array formula). */
  master: boolean;
  isText: string | undefined;
}

function scanWorksheet(xml: string, part: string, ctx: SheetContext): ScannedSheet {
  const sc = new XmlScanner(xml, part);
  const rows: (CellData | null)[][] = [];
  const merges: MergeArea[] = [];
  const linkedCells: LinkedCell[] = [];
  let tok = sc.next();
  while (tok !== END && tok !== START) tok = sc.next();
  if (tok === END) sc.fail('no root element');
  const rootAttrs = sc.attributes();
  const p = prefixOf(rootAttrs, MAIN_NS);
  if (p === null || sc.name !== `${p}worksheet`) sc.fail('the root is not a SpreadsheetML <worksheet>');
  const relPrefix = prefixOf(rootAttrs, REL_NS);
  const T = {
    row: `${p}row`,
    c: `${p}c`,
    v: `${p}v`,
    f: `${p}f`,
    is: `${p}is`,
    t: `${p}t`,
    rPh: `${p}rPh`,
    mergeCell: `${p}mergeCell`,
    hyperlink: `${p}hyperlink`,
  };
  const ridName = relPrefix ? `${relPrefix}id` : null;
  /** Shared formulas of this sheet: si → the master cell's address and formula. */
  const masters = new Map<string, { address: string; formula: string }>();

  let rowIndex = -1;
  let row: (CellData | null)[] | null = null;
  let prevCol = -1;
  let cell: RawCell | null = null;
  let text = '';
  let textTarget = 0; // 1 <v>, 2 <f>, 3 <t> of an inline string
  let inIs = false;
  let rPhDepth = 0;

  for (tok = sc.next(); tok !== END; tok = sc.next()) {
    if (tok === TEXT) {
      text += sc.text;
      continue;
    }
    const name = sc.name;
    if (tok === START) {
      if (cell !== null) {
        if (name === T.v || name === T.f || (name === T.t && inIs && rPhDepth === 0)) {
          if (name === T.f) {
            cell.shareType = sc.attr('t');
            cell.si = sc.attr('si');
            cell.master = sc.attr('ref') !== undefined;
          }
          if (!sc.selfClosing) {
            textTarget = name === T.v ? 1 : name === T.f ? 2 : 3;
            text = '';
            sc.wantText = true;
          }
        } else if (name === T.is) {
          inIs = !sc.selfClosing;
          if (cell.isText === undefined) cell.isText = '';
        } else if (name === T.rPh) {
          if (!sc.selfClosing) rPhDepth++;
        }
      } else if (name === T.c && row !== null) {
        const address = sc.attr('r');
        const col = address !== undefined ? columnOfRef(address) : prevCol + 1;
        if (col < 0 || col >= MAX_COL) sc.fail(`cell reference ${address ?? ''}`);
        prevCol = col;
        const s = sc.attr('s');
        cell = {
          row: rowIndex,
          col,
          address,
          style: s !== undefined ? parseInt(s, 10) : 0,
          type: sc.attr('t'),
          value: undefined,
          formula: '',
          shareType: undefined,
          si: undefined,
          master: false,
          isText: undefined,
        };
        if (sc.selfClosing) {
          place(row, cell.col, null);
          cell = null;
        }
      } else if (name === T.row) {
        const r = sc.attr('r');
        const n = r !== undefined ? parseInt(r, 10) - 1 : rowIndex + 1;
        if (!(n >= 0 && n < MAX_ROW)) sc.fail(`row number ${r ?? ''}`);
        rowIndex = n;
        prevCol = -1;
        row = [];
        while (rows.length < n) rows.push(EMPTY);
        rows[n] = row;
        if (sc.selfClosing) row = null;
      } else if (name === T.mergeCell) {
        merges.push(mergeArea(sc.attr('ref') ?? '', sc));
      } else if (name === T.hyperlink && ridName !== null) {
        const rid = sc.attr(ridName);
        const at = parseRef(sc.attr('ref') ?? '');
        if (rid !== undefined && rid !== '' && at !== null) linkedCells.push({ ...at, rid });
      }
    } else if (tok === CLOSE) {
      if (textTarget !== 0 && cell !== null) {
        if (textTarget === 1 && name === T.v) cell.value = (cell.value ?? '') + text;
        else if (textTarget === 2 && name === T.f) cell.formula += text;
        else if (textTarget === 3 && name === T.t) cell.isText += decodeEscapes(text);
        else continue;
        textTarget = 0;
        sc.wantText = false;
        text = '';
      } else if (name === T.rPh) {
        rPhDepth = Math.max(0, rPhDepth - 1);
      } else if (name === T.is) {
        inIs = false;
      } else if (name === T.c && cell !== null) {
        place(row!, cell.col, cellData(cell, ctx, masters, part));
        cell = null;
      } else if (name === T.row) {
        row = null;
      }
    }
  }
  if (cell !== null || row !== null) sc.fail('sheet data cut short');
  checkOverlaps(merges, part);
  return { rows, merges, linkedCells };
}

const EMPTY: (CellData | null)[] = [];

function place(row: (CellData | null)[], col: number, data: CellData | null): void {
  while (row.length < col) row.push(null);
  row[col] = data;
}

function mergeArea(ref: string, sc: XmlScanner): MergeArea {
  const [a, b] = ref.split(':');
  const from = parseRef(a ?? '');
  const to = b === undefined ? from : parseRef(b);
  if (!from || !to) sc.fail(`merged range ${ref}`);
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

/** Overlapping merged ranges (Excel repairs such files) are left to the ExcelJS reader's handling. */
function checkOverlaps(merges: readonly MergeArea[], part: string): void {
  const sorted = [...merges].sort((a, b) => a.top - b.top);
  const active: MergeArea[] = [];
  for (const m of sorted) {
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.bottom < m.top) active.splice(k, 1);
    for (const o of active) {
      if (o.left <= m.right && m.left <= o.right) {
        throw new ReaderUnsupported(`${part}: overlapping merged ranges`);
      }
    }
    active.push(m);
  }
}

/** A value with its number format unless that is General (readWorkbook's withFormat). */
function withFormat(value: CellData['value'], numFmt: string | undefined): CellData {
  return numFmt && numFmt !== 'General' ? { value, numberFormat: numFmt } : { value };
}

/** Text cells: whitespace-only is blank to the engine. */
function textCell(text: string, numFmt: string | undefined): CellData | null {
  return text.trim() === '' ? null : withFormat(text, numFmt);
}

function cellData(
  cell: RawCell,
  ctx: SheetContext,
  masters: Map<string, { address: string; formula: string }>,
  part: string,
): CellData | null {
  // Cell format 0 carries no number format for ExcelJS (it tests the index for truth).
  const format = cell.style ? (ctx.formats[cell.style] ?? NO_FORMAT) : NO_FORMAT;
  const numFmt = format.numFmt;
  const v = cell.value;
  const t = cell.type;
  if (t === 'd') throw new ReaderUnsupported(`${part}: ISO 8601 date cell`);
  if (cell.formula !== '' || cell.shareType !== undefined) {
    const formula = formulaText(cell, masters);
    const f = formula !== '' ? { formula } : {};
    if (!v) return { value: null, ...f };
    if (t === 'str') return { ...withFormat(v, numFmt), ...f };
    if (t === 'b') return { ...withFormat(parseInt(v, 10) !== 0, numFmt), ...f };
    if (t === 'e') return { value: null, error: v, ...f };
    const n = parseFloat(v);
    if (format.isDate) return { value: dateSerial(n, ctx.date1904), numberFormat: numFmt!, ...f };
    return { ...withFormat(n, numFmt), ...f };
  }
  if (t === 'inlineStr') return textCell(cell.isText ?? '', numFmt);
  if (v === undefined || v === '') return null;
  switch (t) {
    case 's': {
      const s = ctx.strings[parseInt(v, 10)];
      if (s === undefined) throw new ReaderUnsupported(`${part}: shared string ${v} does not exist`);
      return textCell(s, numFmt);
    }
    case 'str':
      return textCell(v, numFmt);
    case 'b':
      return { value: parseInt(v, 10) !== 0 };
    case 'e':
      return { value: null, error: v };
    default: {
      const n = parseFloat(v);
      if (format.isDate) return { value: dateSerial(n, ctx.date1904), numberFormat: numFmt! };
      return withFormat(n, numFmt);
    }
  }
}

/** The formula as ExcelJS gives it: a shared formula's other cells get the master's, moved. */
function formulaText(cell: RawCell, masters: Map<string, { address: string; formula: string }>): string {
  const si = cell.si;
  if (cell.shareType === 'shared' && si !== undefined) {
    if (cell.master) {
      masters.set(si, { address: cell.address ?? '', formula: cell.formula });
      return cell.formula;
    }
    if (cell.formula !== '') return cell.formula;
    const master = masters.get(si);
    if (!master || cell.address === undefined) return '';
    return slideFormula(master.formula, master.address, cell.address);
  }
  return cell.formula;
}

/**
 * A shared formula moved from its master cell to another: relative references shift by the offset,
 * `$`-anchored parts stay; names, function names and text in quotes are left alone.
 */
export function slideFormula(formula: string, from: string, to: string): string {
  const a = parseRef(from);
  const b = parseRef(to);
  if (!a || !b) return formula;
  const dr = b.row - a.row;
  const dc = b.col - a.col;
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i]!;
    if (ch === '"') {
      const e = formula.indexOf('"', i + 1);
      const end = e < 0 ? n : e + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (/[A-Za-z0-9_$.]/.test(ch)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$.]/.test(formula[j]!)) j++;
      const word = formula.slice(i, j);
      const m = /^(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]*)$/.exec(word);
      if (m && formula[j] !== '(' && m[2]!.toUpperCase() <= 'XFD'.padStart(m[2]!.length, 'A')) {
        const col = m[1] ? columnOfRef(m[2]!) : columnOfRef(m[2]!) + dc;
        const row = m[3] ? parseInt(m[4]!, 10) : parseInt(m[4]!, 10) + dr;
        out += `${m[1]}${columnLetters(col)}${m[3]}${row}`;
      } else {
        out += word;
      }
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A cell with an external hyperlink, read as ExcelJS reads it: its text (a number as its digits). */
function linkText(rows: (CellData | null)[][], r: number, c: number, part: string): void {
  const row = rows[r];
  const d = row?.[c];
  if (!row || d === undefined || d === null) return;
  if (d.formula !== undefined || d.error !== undefined || typeof d.value === 'boolean') {
    throw new ReaderUnsupported(`${part}: hyperlink on a formula, error or boolean cell`);
  }
  if (typeof d.value === 'number') {
    if (d.numberFormat !== undefined && isDateFormat(d.numberFormat)) {
      throw new ReaderUnsupported(`${part}: hyperlink on a date cell`);
    }
    row[c] = textCell(String(d.value), d.numberFormat);
  }
}

/** The cells a merge covers, other than its top-left one, are blank (as in Excel). */
function blankMergedAway(rows: (CellData | null)[][], merges: readonly MergeArea[]): void {
  for (const m of merges) {
    const last = Math.min(m.bottom, rows.length - 1);
    for (let r = m.top; r <= last; r++) {
      const row = rows[r]!;
      const right = Math.min(m.right, row.length - 1);
      for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) row[c] = null;
    }
  }
}

const EMPTY_ROW: readonly CellInput[] = Object.freeze([]);

/** Rows only up to their last non-blank cell, and the sheet up to its last non-blank row. */
function trimRows(rows: (CellData | null)[][]): (readonly CellInput[])[] {
  const out: (readonly CellInput[])[] = new Array<readonly CellInput[]>(rows.length);
  let lastRow = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let last = row.length - 1;
    while (last >= 0 && row[last] == null) last--;
    if (last < 0) {
      out[r] = EMPTY_ROW;
      continue;
    }
    row.length = last + 1;
    for (let c = 0; c < last; c++) if (row[c] === undefined) row[c] = null;
    out[r] = row;
    lastRow = r;
  }
  out.length = lastRow + 1;
  return out;
}
