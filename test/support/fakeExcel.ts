/**
 * An in-memory Excel host: the subset of the Excel JavaScript API the add-in uses, with the same
 * proxy-and-queue model (calls are queued; nothing happens and no property can be read until
 * `context.sync()`), counting round trips and queued operations, enforcing Excel on the web's 5 MB
 * payload limit on requests and responses, and optionally charging a latency per round trip.
 *
 * Used by the adapter's unit tests (node), by the benchmark, and as the workbook model behind the
 * local ProcessQuery endpoint (excelEndpoint.ts) that the browser tests reach through Microsoft's
 * excel-web-16.00.js: no browser test loads these objects as its Excel.
 */
import type { CellInput, MergeArea, WorkbookInput } from '../../src/core/workbook';

export const FAKE_PAYLOAD_LIMIT = 5 * 1024 * 1024;
const SHEET_ROWS = 1048576;
const SHEET_COLS = 16384;
const MAX_MERGED_AREAS = 512;
const ERROR_VALUES = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#SPILL!',
  '#CALC!',
];

type Scalar = string | number | boolean | null;

export interface FakeBorder {
  style?: string;
  weight?: string;
  color?: string;
}

export interface FakeCellFormat {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  underline?: string;
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  borders?: Record<string, FakeBorder>;
}

export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface FakeCell {
  /** Constant value, or the cached result of a formula; null = empty. */
  value: Scalar;
  /** "=…" when the cell holds a formula. */
  formula: string | null;
  error: string | null;
  numberFormat: string;
  format: FakeCellFormat;
  hyperlink: FakeHyperlink | null;
  /**
   * A value spilled here by a dynamic-array formula in another cell: a value with neither a constant
   * nor a formula of its own. Excel's documentation does not say whether getSpecialCells counts such
   * cells under Formulas; the fake takes the reading that would hide them (neither type).
   */
  spilled?: boolean;
}

export interface FakeSheet {
  readonly id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  readonly cells: Map<string, FakeCell>;
  merges: MergeArea[];
  /** Column index → width in points. */
  readonly columnWidths: Map<number, number>;
  /** Columns set hidden (Range.columnHidden). */
  readonly hiddenColumns: Set<number>;
  freeze: { rows: number; cols: number } | null;
  pageLayout: { orientation?: string; paperSize?: string; zoom?: unknown; printTitleRows?: string };
  autoFilter: MergeArea | null;
}

export interface FakeName {
  /** Sheet id the name refers to; null once that sheet is deleted (#REF!). */
  sheetId: string | null;
  row: number;
  col: number;
  rows: number;
  cols: number;
  comment: string;
}

export interface FakeRequestRecord {
  operations: number;
  requestBytes: number;
  responseBytes: number;
}

export interface FakeStats {
  /** context.sync() calls, failed ones included. */
  syncs: number;
  /** Operations queued (loads, property writes, method calls). */
  operations: number;
  requests: FakeRequestRecord[];
}

export interface FakeExcelOptions {
  /** Milliseconds each round trip costs (a web host is ~50–300 ms away). */
  latencyMs?: number;
  payloadLimit?: number;
  /**
   * RangeAreas.address longer than this many characters is cut after the last whole area that fits
   * (Excel gives no guarantee the address lists every area; areaCount and the areas collection do).
   */
  areasAddressLimit?: number;
  /** Makes an operation fail with a RichApi error, to test what a failure leaves behind. */
  failWhen?: (op: { readonly member: string; readonly target: string }) => string | null;
}

export class FakeRichApiError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(code: string, message: string, location = '') {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses

function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Excel leaves plain names bare ("集計!A1") and quotes the rest ("'My Sheet'!A1"). */
export function sheetRef(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function parseCell(text: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function parseBox(text: string): Box | null {
  const local = text.includes('!') ? text.slice(text.lastIndexOf('!') + 1) : text;
  const [a, b = a] = local.split(':');
  const start = parseCell(a ?? '');
  const end = parseCell(b ?? '');
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    rows: Math.abs(end.row - start.row) + 1,
    cols: Math.abs(end.col - start.col) + 1,
  };
}

interface Box {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface RangeRef extends Box {
  sheet: FakeSheet;
}

function boxAddress(sheet: FakeSheet, b: Box): string {
  const start = a1(b.top, b.left);
  const end = a1(b.top + b.rows - 1, b.left + b.cols - 1);
  return `${sheetRef(sheet.name)}!${start === end ? start : `${start}:${end}`}`;
}

function intersect(a: Box, b: Box): Box | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  const right = Math.min(a.left + a.cols, b.left + b.cols);
  return bottom > top && right > left ? { top, left, rows: bottom - top, cols: right - left } : null;
}

function inBox(b: Box, row: number, col: number): boolean {
  return row >= b.top && row < b.top + b.rows && col >= b.left && col < b.left + b.cols;
}

function mergeBox(m: MergeArea): Box {
  return { top: m.top, left: m.left, rows: m.bottom - m.top + 1, cols: m.right - m.left + 1 };
}

// ---------------------------------------------------------------------------------------------
// The workbook model

function key(row: number, col: number): string {
  return `${row}:${col}`;
}

function emptyCell(): FakeCell {
  return { value: null, formula: null, error: null, numberFormat: 'General', format: {}, hyperlink: null };
}

function hasValue(c: FakeCell): boolean {
  return c.value !== null || c.formula !== null || c.error !== null;
}

function hasAnything(c: FakeCell): boolean {
  return (
    hasValue(c) || c.numberFormat !== 'General' || Object.keys(c.format).length > 0 || c.hyperlink !== null
  );
}

let nextSheetId = 1;

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly names = new Map<string, FakeName>();
  readonly settings = new Map<string, unknown>();
  protected = false;
  activeSheetId: string | null = null;
  selection: { sheetId: string; box: Box } | null = null;

  static fromInput(input: WorkbookInput): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const s of input.sheets) {
      const sheet = wb.addSheet(s.name);
      sheet.visibility =
        s.visibility === 'hidden' ? 'Hidden' : s.visibility === 'veryHidden' ? 'VeryHidden' : 'Visible';
      s.cells.forEach((row, r) =>
        row.forEach((input, c) => {
          const cell = fromInput(input);
          if (cell) sheet.cells.set(key(r, c), cell);
        }),
      );
      sheet.merges = [...(s.merges ?? [])];
    }
    wb.activeSheetId = wb.sheets.find((s) => s.visibility === 'Visible')?.id ?? null;
    return wb;
  }

  addSheet(name: string): FakeSheet {
    const sheet: FakeSheet = {
      id: `{S${nextSheetId++}}`,
      name,
      visibility: 'Visible',
      protected: false,
      cells: new Map(),
      merges: [],
      columnWidths: new Map(),
      hiddenColumns: new Set(),
      freeze: null,
      pageLayout: {},
      autoFilter: null,
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string | null): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** Values from A1 to the last used cell, '' for empty, formulas as "=…", errors as their literal. */
  grid(name: string): Scalar[][] {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const used = usedBox(sheet, true);
    if (!used) return [];
    const rows: Scalar[][] = [];
    for (let r = 0; r < used.top + used.rows; r++) {
      const row: Scalar[] = [];
      for (let c = 0; c < used.left + used.cols; c++) {
        const cell = sheet.cells.get(key(r, c));
        row.push(!cell ? '' : (cell.formula ?? cell.error ?? cell.value ?? ''));
      }
      rows.push(row);
    }
    return rows;
  }

  cell(name: string, address: string): FakeCell | undefined {
    const p = parseCell(address);
    return p ? this.sheet(name)?.cells.get(key(p.row, p.col)) : undefined;
  }

  /** Names as Excel shows their formula: "=集計!$A$1" or "=#REF!". */
  nameFormula(name: string): string | null {
    const n = this.names.get(name);
    if (!n) return null;
    const sheet = this.sheetById(n.sheetId);
    if (!sheet) return '=#REF!';
    const start = `$${columnName(n.col)}$${n.row + 1}`;
    const end = `$${columnName(n.col + n.cols - 1)}$${n.row + n.rows}`;
    return `=${sheetRef(sheet.name)}!${n.rows === 1 && n.cols === 1 ? start : `${start}:${end}`}`;
  }

  /** Plain data for assertions across the browser boundary. */
  toJSON(): FakeWorkbookJson {
    return {
      sheets: this.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        grid: this.grid(s.name),
        cells: [...s.cells.entries()].map(([k, c]) => [k, c]),
        merges: s.merges,
        freeze: s.freeze,
        columnWidths: [...s.columnWidths.entries()],
        hiddenColumns: [...s.hiddenColumns],
        pageLayout: s.pageLayout,
        autoFilter: s.autoFilter,
      })),
      names: [...this.names.keys()].map((n) => ({ name: n, formula: this.nameFormula(n)! })),
      settings: [...this.settings.entries()],
      activeSheet: this.sheetById(this.activeSheetId)?.name ?? null,
      selection: this.selection
        ? { sheet: this.sheetById(this.selection.sheetId)?.name ?? '', box: this.selection.box }
        : null,
    };
  }
}

export interface FakeWorkbookJson {
  sheets: {
    name: string;
    visibility: string;
    grid: Scalar[][];
    cells: [string, FakeCell][];
    merges: MergeArea[];
    freeze: { rows: number; cols: number } | null;
    columnWidths: [number, number][];
    hiddenColumns: number[];
    pageLayout: FakeSheet['pageLayout'];
    autoFilter: MergeArea | null;
  }[];
  names: { name: string; formula: string }[];
  settings: [string, unknown][];
  activeSheet: string | null;
  selection: { sheet: string; box: Box } | null;
}

function fromInput(input: CellInput): FakeCell | null {
  if (input === undefined || input === null) return null;
  const cell = emptyCell();
  if (typeof input === 'object') {
    cell.value = input.value;
    if (input.numberFormat) cell.numberFormat = input.numberFormat;
    if (input.error) {
      cell.error = input.error;
      cell.value = null;
    }
    if (input.formula) cell.formula = `=${input.formula}`;
  } else cell.value = input;
  return cell;
}

function usedBox(sheet: FakeSheet, valuesOnly: boolean, within?: Box): Box | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [k, cell] of sheet.cells) {
    if (!(valuesOnly ? hasValue(cell) : hasAnything(cell))) continue;
    const [r, c] = k.split(':').map(Number) as [number, number];
    if (within && !inBox(within, r, c)) continue;
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  }
  return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** What Excel makes of a string typed into a General cell. */
function typed(cell: FakeCell, v: Scalar, asFormula: boolean): void {
  cell.formula = null;
  cell.error = null;
  delete cell.spilled;
  if (typeof v !== 'string') {
    cell.value = v;
    return;
  }
  if (v === '') {
    cell.value = null;
    return;
  }
  if (cell.numberFormat === '@') {
    cell.value = v;
    return;
  }
  if (v.startsWith("'")) {
    cell.value = v.slice(1);
    return;
  }
  if ((v.startsWith('=') && v.length > 1) || (asFormula && v.startsWith('='))) {
    cell.formula = v;
    cell.value = null;
    return;
  }
  if (ERROR_VALUES.includes(v.toUpperCase())) {
    cell.error = v.toUpperCase();
    cell.value = null;
    return;
  }
  const num = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(e[+-]?\d+)?(%?)$/i.exec(v.trim());
  if (num) {
    const n = Number(`${num[1]}${num[2]!.replace(/,/g, '')}${num[3] ?? ''}`);
    cell.value = num[4] ? n / 100 : n;
    if (num[4] && cell.numberFormat === 'General') cell.numberFormat = '0%';
    return;
  }
  const date = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v.trim());
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - Date.UTC(1899, 11, 30);
    cell.value = ms / 86400000;
    if (cell.numberFormat === 'General') cell.numberFormat = 'yyyy/m/d';
    return;
  }
  cell.value = v;
}

// ---------------------------------------------------------------------------------------------
// Special cells (Range.getSpecialCells)

const SPECIAL_CELL_TYPES = [
  'ConditionalFormats',
  'DataValidations',
  'Blanks',
  'Constants',
  'Formulas',
  'SameConditionalFormat',
  'SameDataValidation',
  'Visible',
];

/** Excel.SpecialCellValueType: "All" or a combination named by its parts ("ErrorsNumberText"). */
const SPECIAL_VALUE_TYPES: Readonly<Record<string, readonly string[]>> = {
  All: ['errors', 'logical', 'numbers', 'text'],
  Errors: ['errors'],
  ErrorsLogical: ['errors', 'logical'],
  ErrorsNumbers: ['errors', 'numbers'],
  ErrorsText: ['errors', 'text'],
  ErrorsLogicalNumber: ['errors', 'logical', 'numbers'],
  ErrorsLogicalText: ['errors', 'logical', 'text'],
  ErrorsNumberText: ['errors', 'numbers', 'text'],
  Logical: ['logical'],
  LogicalNumbers: ['logical', 'numbers'],
  LogicalText: ['logical', 'text'],
  LogicalNumbersText: ['logical', 'numbers', 'text'],
  Numbers: ['numbers'],
  NumbersText: ['numbers', 'text'],
  Text: ['text'],
};

/** The cells getSpecialCells(cellType, cellValueType) selects; the fake knows Constants and Formulas. */
function specialCellMatcher(cellType: string, cellValueType: string | undefined): (c: FakeCell) => boolean {
  if (!SPECIAL_CELL_TYPES.includes(cellType)) {
    throw new FakeRichApiError('InvalidArgument', `Bad cell type ${cellType}`);
  }
  const kinds = SPECIAL_VALUE_TYPES[cellValueType ?? 'All'];
  if (!kinds) throw new FakeRichApiError('InvalidArgument', `Bad cell value type ${String(cellValueType)}`);
  if (cellType !== 'Constants' && cellType !== 'Formulas') {
    throw new FakeRichApiError('InvalidArgument', `The fake does not find special cells of type ${cellType}`);
  }
  const kindOf = (c: FakeCell): string =>
    c.error !== null
      ? 'errors'
      : typeof c.value === 'boolean'
        ? 'logical'
        : typeof c.value === 'number'
          ? 'numbers'
          : 'text';
  return (c) => {
    const isFormula = c.formula !== null;
    const isConstant = !isFormula && !c.spilled && (c.value !== null || c.error !== null);
    if (cellType === 'Formulas' ? !isFormula : !isConstant) return false;
    return kinds.includes(kindOf(c));
  };
}

/**
 * The matching cells of a range as rectangular areas: runs of adjacent cells along each row, a run
 * extended downwards while the next row has a run over exactly the same columns. The way Excel cuts
 * the cells into areas is not documented; this cut is one it could make.
 */
function specialAreas(r: RangeRef, matches: (c: FakeCell) => boolean): MergeArea[] {
  const hits: [number, number][] = [];
  for (const [k, cell] of r.sheet.cells) {
    if (!matches(cell)) continue;
    const [row, col] = k.split(':').map(Number) as [number, number];
    if (inBox(r, row, col)) hits.push([row, col]);
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const areas: { top: number; left: number; bottom: number; right: number }[] = [];
  const open = new Map<string, (typeof areas)[number]>();
  let i = 0;
  while (i < hits.length) {
    const [row, left] = hits[i]!;
    let right = left;
    i++;
    while (i < hits.length && hits[i]![0] === row && hits[i]![1] === right + 1) {
      right++;
      i++;
    }
    const spanKey = `${left}:${right}`;
    const above = open.get(spanKey);
    if (above && above.bottom === row - 1) above.bottom = row;
    else {
      const area = { top: row, left, bottom: row, right };
      areas.push(area);
      open.set(spanKey, area);
    }
  }
  return areas.sort((a, b) => a.top - b.top || a.left - b.left);
}

// ---------------------------------------------------------------------------------------------
// Request context and proxies

interface Action {
  readonly member: string;
  readonly target: string;
  readonly bytes: number;
  readonly run: () => void;
}

function byteLength(x: unknown): number {
  const json = JSON.stringify(x) ?? '';
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xe000 ? 2 : 3;
  }
  return n;
}

const OVERHEAD = 60;

export class FakeHost {
  readonly workbook: FakeWorkbook;
  readonly options: FakeExcelOptions;
  readonly stats: FakeStats = { syncs: 0, operations: 0, requests: [] };

  constructor(workbook: FakeWorkbook, options: FakeExcelOptions = {}) {
    this.workbook = workbook;
    this.options = options;
  }

  /** Excel.run: one request context for the batch function. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    return batch(context as unknown as Excel.RequestContext);
  };
}

export function createFakeExcel(
  input: WorkbookInput | FakeWorkbook,
  options: FakeExcelOptions = {},
): FakeHost {
  return new FakeHost(input instanceof FakeWorkbook ? input : FakeWorkbook.fromInput(input), options);
}

export class FakeContext {
  readonly host: FakeHost;
  readonly workbook: WorkbookProxy;
  private queue: Action[] = [];
  private responseBytes = 0;

  constructor(host: FakeHost) {
    this.host = host;
    this.workbook = new WorkbookProxy(this);
  }

  get model(): FakeWorkbook {
    return this.host.workbook;
  }

  enqueue(target: string, member: string, bytes: number, run: () => void): void {
    this.queue.push({ target, member, bytes: bytes + OVERHEAD, run });
    this.host.stats.operations++;
  }

  respond(data: unknown): void {
    this.responseBytes += byteLength(data);
  }

  /** Drops what is queued without running it (a request refused before it ran). */
  discard(): void {
    this.queue = [];
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const record: FakeRequestRecord = {
      operations: actions.length,
      requestBytes: actions.reduce((n, a) => n + a.bytes, 0),
      responseBytes: 0,
    };
    this.host.stats.syncs++;
    this.host.stats.requests.push(record);
    const latency = this.host.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    else await Promise.resolve();
    const limit = this.host.options.payloadLimit ?? FAKE_PAYLOAD_LIMIT;
    if (record.requestBytes > limit) {
      throw new FakeRichApiError(
        'RequestPayloadSizeLimitExceeded',
        'The request payload size has exceeded the limit.',
      );
    }
    this.responseBytes = 0;
    for (const action of actions) {
      const failure = this.host.options.failWhen?.({ member: action.member, target: action.target });
      if (failure)
        throw new FakeRichApiError(failure, `Injected failure at ${action.target}.${action.member}`);
      try {
        action.run();
      } catch (e) {
        if (e instanceof FakeRichApiError && !e.debugInfo.errorLocation) {
          throw new FakeRichApiError(e.code, e.message, `${action.target}.${action.member}`);
        }
        throw e;
      }
    }
    record.responseBytes = this.responseBytes;
    if (this.responseBytes > limit) {
      throw new FakeRichApiError(
        'ResponsePayloadSizeLimitExceeded',
        'The response payload size has exceeded the limit.',
      );
    }
  }
}

function parseLoad(spec: unknown): string[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === 'string')
    return spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.map(String);
  if (typeof spec === 'object' && 'select' in (spec as object))
    return parseLoad((spec as { select: unknown }).select);
  return [];
}

/** Splits 'items/protection/protected' into the head and the rest. */
function splitPath(props: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of props) {
    const i = p.indexOf('/');
    const head = i < 0 ? p : p.slice(0, i);
    const rest = i < 0 ? [] : [p.slice(i + 1)];
    out.set(head, [...(out.get(head) ?? []), ...rest]);
  }
  return out;
}

abstract class Proxy0 {
  protected readonly ctx: FakeContext;
  protected readonly loaded = new Map<string, unknown>();
  constructor(ctx: FakeContext) {
    this.ctx = ctx;
  }
  get context(): FakeContext {
    return this.ctx;
  }
  protected abstract get kind(): string;
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeRichApiError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as T;
  }
  load(spec?: unknown): this {
    const props = parseLoad(spec);
    this.ctx.enqueue(this.kind, 'load', byteLength(props), () => this.populate(props));
    return this;
  }
  /** Runs at sync: reads the model into `loaded`. */
  abstract populate(props: readonly string[]): void;
  protected set(member: string, value: unknown, apply: () => void): void {
    this.ctx.enqueue(this.kind, member, byteLength(value), apply);
  }
  protected call(member: string, args: unknown, apply: () => void): void {
    this.ctx.enqueue(this.kind, member, byteLength(args), apply);
  }
  protected store(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
    this.ctx.respond(value);
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

class WorkbookProxy extends Proxy0 {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly protection: WorkbookProtectionProxy;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.protection = new WorkbookProtectionProxy(ctx);
  }
  protected get kind(): string {
    return 'Workbook';
  }
  populate(): void {}
  getSelectedRange(): RangeProxy {
    const ctx = this.ctx;
    return new RangeProxy(ctx, () => {
      const sel = ctx.model.selection;
      const sheet = ctx.model.sheetById(sel?.sheetId ?? ctx.model.activeSheetId);
      if (!sheet) throw new FakeRichApiError('ItemNotFound', 'No selection');
      return { sheet, ...(sel?.box ?? { top: 0, left: 0, rows: 1, cols: 1 }) };
    });
  }
}

class WorkbookProtectionProxy extends Proxy0 {
  protected get kind(): string {
    return 'WorkbookProtection';
  }
  get protected(): boolean {
    return this.get('protected');
  }
  populate(): void {
    this.store('protected', this.ctx.model.protected);
  }
}

function checkSheetName(model: FakeWorkbook, name: string, except?: FakeSheet): void {
  if (
    name === '' ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'")
  ) {
    throw new FakeRichApiError('InvalidArgument', `Invalid sheet name: ${name}`);
  }
  const other = model.sheet(name);
  if (other && other !== except)
    throw new FakeRichApiError('ItemAlreadyExists', `A sheet named ${name} exists`);
}

class WorksheetCollectionProxy extends Proxy0 {
  protected get kind(): string {
    return 'WorksheetCollection';
  }
  get items(): WorksheetProxy[] {
    return this.get('items');
  }
  populate(props: readonly string[]): void {
    const paths = splitPath(props);
    const sub = paths.get('items') ?? ['name', 'visibility', 'position', 'id'];
    const items = this.ctx.model.sheets.map((s) => {
      const ws = new WorksheetProxy(this.ctx, () => s);
      ws.populate(sub.length ? sub : ['name', 'visibility', 'position', 'id']);
      return ws;
    });
    this.loaded.set('items', items);
  }
  getItem(name: string): WorksheetProxy {
    const ctx = this.ctx;
    return new WorksheetProxy(ctx, () => {
      const s = ctx.model.sheet(name);
      if (!s)
        throw new FakeRichApiError('ItemNotFound', `The requested resource doesn't exist: sheet ${name}`);
      return s;
    });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    const ctx = this.ctx;
    return new WorksheetProxy(ctx, () => ctx.model.sheet(name) ?? null);
  }
  getActiveWorksheet(): WorksheetProxy {
    const ctx = this.ctx;
    return new WorksheetProxy(ctx, () => {
      const s = ctx.model.sheetById(ctx.model.activeSheetId) ?? ctx.model.sheets[0];
      if (!s) throw new FakeRichApiError('ItemNotFound', 'no sheet');
      return s;
    });
  }
  add(name?: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    const ctx = this.ctx;
    this.call('add', name ?? '', () => {
      const model = ctx.model;
      if (model.protected) throw new FakeRichApiError('AccessDenied', 'The workbook is protected.');
      let finalName = name;
      if (finalName === undefined) {
        let i = model.sheets.length + 1;
        while (model.sheet(`Sheet${i}`)) i++;
        finalName = `Sheet${i}`;
      }
      checkSheetName(model, finalName);
      created = model.addSheet(finalName);
    });
    return new WorksheetProxy(ctx, () => {
      if (!created) throw new FakeRichApiError('ItemNotFound', 'The sheet was not added.');
      if (!ctx.model.sheets.includes(created))
        throw new FakeRichApiError('ItemNotFound', 'The sheet was deleted.');
      return created;
    });
  }
}

class WorksheetProxy extends Proxy0 {
  readonly resolve: () => FakeSheet | null;
  readonly protection: WorksheetProtectionProxy;
  readonly freezePanes: FreezePanesProxy;
  readonly pageLayout: PageLayoutProxy;
  readonly autoFilter: AutoFilterProxy;
  constructor(ctx: FakeContext, resolve: () => FakeSheet | null) {
    super(ctx);
    this.resolve = resolve;
    this.protection = new WorksheetProtectionProxy(ctx, () => this.sheet());
    this.freezePanes = new FreezePanesProxy(ctx, this);
    this.pageLayout = new PageLayoutProxy(ctx, this);
    this.autoFilter = new AutoFilterProxy(ctx, this);
  }
  protected get kind(): string {
    return 'Worksheet';
  }
  sheet(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeRichApiError('ItemNotFound', 'The sheet does not exist.');
    return s;
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.set('name', value, () => {
      const s = this.sheet();
      checkSheetName(this.ctx.model, value, s);
      s.name = value;
    });
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(value: string) {
    this.set('visibility', value, () => {
      this.sheet().visibility = value as FakeSheet['visibility'];
    });
  }
  get position(): number {
    return this.get('position');
  }
  get id(): string {
    return this.get('id');
  }
  populate(props: readonly string[]): void {
    const s = this.resolve();
    this.store('isNullObject', s === null);
    if (!s) return;
    for (const head of splitPath(props.length ? props : ['name', 'visibility', 'position', 'id']).keys()) {
      if (head === 'protection') this.protection.populate();
      else if (head === 'name') this.store('name', s.name);
      else if (head === 'visibility') this.store('visibility', s.visibility);
      else if (head === 'position') this.store('position', this.ctx.model.sheets.indexOf(s));
      else if (head === 'id') this.store('id', s.id);
    }
  }
  range(box: () => Box): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.sheet(), ...box() }));
  }
  getRange(address?: string): RangeProxy {
    return this.range(() => {
      if (!address) return { top: 0, left: 0, rows: SHEET_ROWS, cols: SHEET_COLS };
      const box = parseBox(address);
      if (!box) throw new FakeRichApiError('InvalidArgument', `Bad address ${address}`);
      return box;
    });
  }
  getRangeByIndexes(top: number, left: number, rows: number, cols: number): RangeProxy {
    return this.range(() => {
      if (
        top < 0 ||
        left < 0 ||
        rows < 1 ||
        cols < 1 ||
        top + rows > SHEET_ROWS ||
        left + cols > SHEET_COLS
      ) {
        throw new FakeRichApiError('InvalidArgument', `Bad range ${top},${left},${rows},${cols}`);
      }
      return { top, left, rows, cols };
    });
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return this.range(
      () => usedBox(this.sheet(), valuesOnly === true) ?? { top: 0, left: 0, rows: 1, cols: 1 },
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const box = usedBox(this.sheet(), valuesOnly === true);
      return box ? { sheet: this.sheet(), ...box } : null;
    });
  }
  delete(): void {
    this.call('delete', null, () => {
      const model = this.ctx.model;
      const s = this.sheet();
      if (model.protected) throw new FakeRichApiError('AccessDenied', 'The workbook is protected.');
      if (s.protected) throw new FakeRichApiError('AccessDenied', 'The sheet is protected.');
      const visible = model.sheets.filter((x) => x.visibility === 'Visible');
      if (visible.length === 1 && visible[0] === s) {
        throw new FakeRichApiError(
          'InvalidOperation',
          'A workbook must contain at least one visible worksheet.',
        );
      }
      model.sheets.splice(model.sheets.indexOf(s), 1);
      for (const n of model.names.values()) if (n.sheetId === s.id) n.sheetId = null;
      if (model.activeSheetId === s.id)
        model.activeSheetId = model.sheets.find((x) => x.visibility === 'Visible')!.id;
      if (model.selection?.sheetId === s.id) model.selection = null;
    });
  }
  activate(): void {
    this.call('activate', null, () => {
      const s = this.sheet();
      if (s.visibility !== 'Visible')
        throw new FakeRichApiError('InvalidOperation', 'Cannot activate a hidden sheet.');
      this.ctx.model.activeSheetId = s.id;
    });
  }
}

class WorksheetProtectionProxy extends Proxy0 {
  private readonly sheet: () => FakeSheet;
  constructor(ctx: FakeContext, sheet: () => FakeSheet) {
    super(ctx);
    this.sheet = sheet;
  }
  protected get kind(): string {
    return 'WorksheetProtection';
  }
  get protected(): boolean {
    return this.get('protected');
  }
  populate(): void {
    this.store('protected', this.sheet().protected);
  }
}

class FreezePanesProxy extends Proxy0 {
  private readonly ws: WorksheetProxy;
  constructor(ctx: FakeContext, ws: WorksheetProxy) {
    super(ctx);
    this.ws = ws;
  }
  protected get kind(): string {
    return 'WorksheetFreezePanes';
  }
  populate(): void {}
  freezeRows(count: number): void {
    this.call('freezeRows', count, () => {
      this.ws.sheet().freeze = { rows: count, cols: 0 };
    });
  }
  freezeColumns(count: number): void {
    this.call('freezeColumns', count, () => {
      this.ws.sheet().freeze = { rows: 0, cols: count };
    });
  }
  freezeAt(range: RangeProxy): void {
    this.call('freezeAt', null, () => {
      const r = range.ref();
      this.ws.sheet().freeze = { rows: r.top + r.rows, cols: r.left + r.cols };
    });
  }
  unfreeze(): void {
    this.call('unfreeze', null, () => {
      this.ws.sheet().freeze = null;
    });
  }
}

class PageLayoutProxy extends Proxy0 {
  private readonly ws: WorksheetProxy;
  constructor(ctx: FakeContext, ws: WorksheetProxy) {
    super(ctx);
    this.ws = ws;
  }
  protected get kind(): string {
    return 'PageLayout';
  }
  populate(): void {}
  set orientation(value: string) {
    this.set('orientation', value, () => {
      this.ws.sheet().pageLayout.orientation = value;
    });
  }
  set paperSize(value: string) {
    this.set('paperSize', value, () => {
      this.ws.sheet().pageLayout.paperSize = value;
    });
  }
  set zoom(value: unknown) {
    this.set('zoom', value, () => {
      this.ws.sheet().pageLayout.zoom = value;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.call('setPrintTitleRows', rows, () => {
      this.ws.sheet().pageLayout.printTitleRows = rows;
    });
  }
}

class AutoFilterProxy extends Proxy0 {
  private readonly ws: WorksheetProxy;
  constructor(ctx: FakeContext, ws: WorksheetProxy) {
    super(ctx);
    this.ws = ws;
  }
  protected get kind(): string {
    return 'AutoFilter';
  }
  populate(): void {}
  apply(range: RangeProxy): void {
    this.call('apply', null, () => {
      const r = range.ref();
      this.ws.sheet().autoFilter = {
        top: r.top,
        left: r.left,
        bottom: r.top + r.rows - 1,
        right: r.left + r.cols - 1,
      };
    });
  }
}

type Grid = Scalar[][];

class RangeProxy extends Proxy0 {
  private readonly resolve: () => RangeRef | null;
  readonly format: RangeFormatProxy;
  constructor(ctx: FakeContext, resolve: () => RangeRef | null) {
    super(ctx);
    this.resolve = resolve;
    this.format = new RangeFormatProxy(ctx, this);
  }
  protected get kind(): string {
    return 'Range';
  }
  ref(): RangeRef {
    const r = this.resolve();
    if (!r) throw new FakeRichApiError('InvalidReference', 'The range is a null object.');
    return r;
  }
  refOrNull(): RangeRef | null {
    return this.resolve();
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get text(): string[][] {
    return this.get('text');
  }
  get values(): Grid {
    return this.get('values');
  }
  set values(v: Grid) {
    this.write('values', v, (cell, x) => typed(cell, x, false));
  }
  get formulas(): Grid {
    return this.get('formulas');
  }
  set formulas(v: Grid) {
    this.write('formulas', v, (cell, x) => typed(cell, x, true));
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: Grid) {
    this.write('numberFormat', v, (cell, x) => {
      cell.numberFormat = x === '' ? 'General' : String(x);
    });
  }
  get hyperlink(): FakeHyperlink | null {
    return this.get('hyperlink');
  }
  set columnHidden(hidden: boolean) {
    this.set('columnHidden', hidden, () => {
      const r = this.writable();
      for (let c = r.left; c < r.left + r.cols; c++) {
        if (hidden) r.sheet.hiddenColumns.add(c);
        else r.sheet.hiddenColumns.delete(c);
      }
    });
  }
  set hyperlink(link: FakeHyperlink | null) {
    this.set('hyperlink', link, () => {
      const r = this.writable();
      this.eachCell(r, (cell) => {
        cell.hyperlink = link ? { ...link } : null;
        if (link?.textToDisplay !== undefined) typed(cell, link.textToDisplay, false);
      });
    });
  }

  private writable(): RangeRef {
    const r = this.ref();
    if (r.sheet.protected) throw new FakeRichApiError('AccessDenied', 'The sheet is protected.');
    return r;
  }

  eachCell(r: RangeRef, f: (cell: FakeCell, row: number, col: number) => void): void {
    for (let i = 0; i < r.rows; i++) {
      for (let j = 0; j < r.cols; j++) {
        const k = key(r.top + i, r.left + j);
        let cell = r.sheet.cells.get(k);
        if (!cell) {
          cell = emptyCell();
          r.sheet.cells.set(k, cell);
        }
        f(cell, i, j);
        if (!hasAnything(cell)) r.sheet.cells.delete(k);
      }
    }
  }

  /** A 2-D write: null leaves a cell unchanged; a scalar applies to every cell. */
  private write(member: string, v: Grid | Scalar, apply: (cell: FakeCell, x: Scalar) => void): void {
    this.set(member, v, () => {
      const r = this.writable();
      if (Array.isArray(v)) {
        if (v.length !== r.rows || v.some((row) => !Array.isArray(row) || row.length !== r.cols)) {
          throw new FakeRichApiError(
            'InvalidArgument',
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
          );
        }
      }
      this.eachCell(r, (cell, i, j) => {
        const x = Array.isArray(v) ? v[i]![j]! : v;
        if (x !== null && x !== undefined) apply(cell, x);
      });
    });
  }

  populate(props: readonly string[]): void {
    const r = this.resolve();
    this.store('isNullObject', r === null);
    if (!r) return;
    const list = props.length
      ? props
      : ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values'];
    const cells = (f: (c: FakeCell | undefined) => unknown): unknown[][] =>
      Array.from({ length: r.rows }, (_, i) =>
        Array.from({ length: r.cols }, (_, j) => f(r.sheet.cells.get(key(r.top + i, r.left + j)))),
      );
    for (const p of list) {
      switch (p) {
        case 'address':
          this.store('address', boxAddress(r.sheet, r));
          break;
        case 'rowIndex':
          this.store('rowIndex', r.top);
          break;
        case 'columnIndex':
          this.store('columnIndex', r.left);
          break;
        case 'rowCount':
          this.store('rowCount', r.rows);
          break;
        case 'columnCount':
          this.store('columnCount', r.cols);
          break;
        case 'values':
          this.store(
            'values',
            cells((c) => (!c ? '' : (c.error ?? c.value ?? ''))),
          );
          break;
        case 'text':
          this.store(
            'text',
            cells((c) => (!c ? '' : String(c.error ?? c.value ?? ''))),
          );
          break;
        case 'formulas':
          this.store(
            'formulas',
            cells((c) => (!c ? '' : (c.formula ?? c.error ?? c.value ?? ''))),
          );
          break;
        case 'valueTypes':
          this.store(
            'valueTypes',
            cells((c) => {
              if (!c || !hasValue(c)) return 'Empty';
              if (c.error) return 'Error';
              if (typeof c.value === 'number') return 'Double';
              if (typeof c.value === 'boolean') return 'Boolean';
              return c.value === null ? 'Empty' : 'String';
            }),
          );
          break;
        case 'numberFormat':
          this.store(
            'numberFormat',
            cells((c) => c?.numberFormat ?? 'General'),
          );
          break;
        case 'hyperlink':
          this.store('hyperlink', r.sheet.cells.get(key(r.top, r.left))?.hyperlink ?? null);
          break;
        default:
          throw new FakeRichApiError('InvalidArgument', `The fake does not load Range.${p}`);
      }
    }
  }

  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.ref();
      const b = typeof other === 'string' ? { sheet: a.sheet, ...parseBox(other)! } : other.refOrNull();
      if (!b || b.sheet !== a.sheet) return null;
      const box = intersect(a, b);
      return box ? { sheet: a.sheet, ...box } : null;
    });
  }

  getRow(row: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const r = this.ref();
      if (row < 0 || row >= r.rows) throw new FakeRichApiError('InvalidArgument', `Bad row ${row}`);
      return { sheet: r.sheet, top: r.top + row, left: r.left, rows: 1, cols: r.cols };
    });
  }

  /** The smallest range holding this one and `other` (same sheet). */
  getBoundingRect(other: RangeProxy): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.ref();
      const b = other.ref();
      if (a.sheet !== b.sheet) throw new FakeRichApiError('InvalidArgument', 'Ranges on different sheets.');
      const top = Math.min(a.top, b.top);
      const left = Math.min(a.left, b.left);
      const rows = Math.max(a.top + a.rows, b.top + b.rows) - top;
      const cols = Math.max(a.left + a.cols, b.left + b.cols) - left;
      return { sheet: a.sheet, top, left, rows, cols };
    });
  }

  /**
   * Sent by excel-web-16.00.js before it writes a grid of more than 1500 cells in row chunks
   * (setRangePropertiesInBulk): the grid must have the range's shape.
   */
  _ValidateArraySize(rows: number, cols: number): void {
    this.call('_ValidateArraySize', [rows, cols], () => {
      const r = this.ref();
      if (r.rows !== rows || r.cols !== cols) {
        throw new FakeRichApiError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
        );
      }
    });
  }

  getEntireColumn(): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ ...this.ref(), top: 0, rows: SHEET_ROWS }));
  }

  getCell(row: number, col: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const r = this.ref();
      return { sheet: r.sheet, top: r.top + row, left: r.left + col, rows: 1, cols: 1 };
    });
  }

  /** Range.getUsedRange: the used cells inside this range; ItemNotFound when there are none. */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const r = this.ref();
      const box = usedBox(r.sheet, valuesOnly === true, r);
      if (!box) throw new FakeRichApiError('ItemNotFound', 'The range has no used cells.');
      return { sheet: r.sheet, ...box };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const r = this.ref();
      const box = usedBox(r.sheet, valuesOnly === true, r);
      return box ? { sheet: r.sheet, ...box } : null;
    });
  }

  /** Range.getSpecialCells: ItemNotFound when no cell matches. */
  getSpecialCells(cellType: string, cellValueType?: string): RangeAreasProxy {
    return this.specialCells('getSpecialCells', cellType, cellValueType, true);
  }

  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): RangeAreasProxy {
    return this.specialCells('getSpecialCellsOrNullObject', cellType, cellValueType, false);
  }

  private specialCells(
    member: string,
    cellType: string,
    cellValueType: string | undefined,
    required: boolean,
  ): RangeAreasProxy {
    // A method call is an action of its own in Office.js: the arguments are checked when it runs.
    this.call(member, [cellType, cellValueType ?? 'All'], () => {
      this.ref();
      specialCellMatcher(cellType, cellValueType);
    });
    return new RangeAreasProxy(this.ctx, () => {
      const r = this.ref();
      const areas = specialAreas(r, specialCellMatcher(cellType, cellValueType));
      if (areas.length === 0 && required) {
        throw new FakeRichApiError('ItemNotFound', 'No cells were found.');
      }
      return areas.length ? { sheet: r.sheet, areas } : null;
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, () => {
      const r = this.ref();
      const areas = r.sheet.merges.filter((m) => intersect(mergeBox(m), r));
      if (areas.length > MAX_MERGED_AREAS) {
        throw new FakeRichApiError('GeneralException', 'There are more than 512 merged areas in the range.');
      }
      return areas.length ? { sheet: r.sheet, areas } : null;
    });
  }

  merge(across?: boolean): void {
    this.call('merge', across ?? false, () => {
      const r = this.writable();
      const boxes: Box[] = across
        ? Array.from({ length: r.rows }, (_, i) => ({ top: r.top + i, left: r.left, rows: 1, cols: r.cols }))
        : [r];
      for (const b of boxes) {
        if (b.rows * b.cols < 2) continue;
        r.sheet.merges = r.sheet.merges.filter((m) => !intersect(mergeBox(m), b));
        // Excel keeps only the upper-left cell's value when cells are merged.
        for (let i = 0; i < b.rows; i++) {
          for (let j = 0; j < b.cols; j++) {
            const k = key(b.top + i, b.left + j);
            const cell = r.sheet.cells.get(k);
            if ((i === 0 && j === 0) || !cell) continue;
            Object.assign(cell, { value: null, formula: null, error: null });
            if (!hasAnything(cell)) r.sheet.cells.delete(k);
          }
        }
        r.sheet.merges.push({
          top: b.top,
          left: b.left,
          bottom: b.top + b.rows - 1,
          right: b.left + b.cols - 1,
        });
      }
    });
  }

  unmerge(): void {
    this.call('unmerge', null, () => {
      const r = this.writable();
      r.sheet.merges = r.sheet.merges.filter((m) => !intersect(mergeBox(m), r));
    });
  }

  select(): void {
    this.call('select', null, () => {
      const r = this.ref();
      if (r.sheet.visibility !== 'Visible') throw new FakeRichApiError('InvalidSelection', 'Hidden sheet');
      this.ctx.model.activeSheetId = r.sheet.id;
      this.ctx.model.selection = {
        sheetId: r.sheet.id,
        box: { top: r.top, left: r.left, rows: r.rows, cols: r.cols },
      };
    });
  }

  /** Used by format proxies: a property write applied to every cell, one operation. */
  formatWrite(member: string, value: unknown, apply: (cell: FakeCell) => void): void {
    this.ctx.enqueue('RangeFormat', member, byteLength(value), () => {
      const r = this.writable();
      this.eachCell(r, apply);
    });
  }

  columnWidth(points: number): void {
    this.ctx.enqueue('RangeFormat', 'columnWidth', byteLength(points), () => {
      const r = this.ref();
      for (let c = r.left; c < r.left + r.cols; c++) r.sheet.columnWidths.set(c, points);
    });
  }
}

class RangeAreasProxy extends Proxy0 {
  private readonly resolve: () => { sheet: FakeSheet; areas: MergeArea[] } | null;
  constructor(ctx: FakeContext, resolve: () => { sheet: FakeSheet; areas: MergeArea[] } | null) {
    super(ctx);
    this.resolve = resolve;
  }
  protected get kind(): string {
    return 'RangeAreas';
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  /** RangeAreas.areas: every area as a range, whatever the length of the address. */
  get areas(): RangeCollectionProxy {
    return new RangeCollectionProxy(this.ctx, () => {
      const x = this.resolve();
      if (!x) throw new FakeRichApiError('InvalidReference', 'The range areas are a null object.');
      return x.areas.map((m) => ({ sheet: x.sheet, ...mergeBox(m) }));
    });
  }
  populate(props: readonly string[]): void {
    const x = this.resolve();
    this.store('isNullObject', x === null);
    if (!x) return;
    for (const p of props.length ? props : ['address', 'areaCount']) {
      if (p === 'address') this.store('address', this.cutAddress(x));
      else if (p === 'areaCount') this.store('areaCount', x.areas.length);
      else if (p === 'cellCount')
        this.store(
          'cellCount',
          x.areas.reduce((n, m) => n + (m.bottom - m.top + 1) * (m.right - m.left + 1), 0),
        );
      else throw new FakeRichApiError('InvalidArgument', `The fake does not load RangeAreas.${p}`);
    }
  }
  private cutAddress(x: { sheet: FakeSheet; areas: MergeArea[] }): string {
    const limit = this.ctx.host.options.areasAddressLimit ?? Infinity;
    let address = '';
    for (const m of x.areas) {
      const next = `${address}${address ? ', ' : ''}${boxAddress(x.sheet, mergeBox(m))}`;
      if (next.length > limit) break;
      address = next;
    }
    return address;
  }
}

class RangeCollectionProxy extends Proxy0 {
  private readonly resolve: () => RangeRef[];
  constructor(ctx: FakeContext, resolve: () => RangeRef[]) {
    super(ctx);
    this.resolve = resolve;
  }
  protected get kind(): string {
    return 'RangeCollection';
  }
  get items(): RangeProxy[] {
    return this.get('items');
  }
  populate(props: readonly string[]): void {
    const sub = splitPath(props).get('items') ?? [];
    const items = this.resolve().map((ref) => {
      const range = new RangeProxy(this.ctx, () => ref);
      range.populate(sub);
      return range;
    });
    this.loaded.set('items', items);
  }
}

class RangeFormatProxy extends Proxy0 {
  private readonly range: RangeProxy;
  readonly font: RangeFontProxy;
  readonly fill: RangeFillProxy;
  readonly borders: RangeBordersProxy;
  constructor(ctx: FakeContext, range: RangeProxy) {
    super(ctx);
    this.range = range;
    this.font = new RangeFontProxy(ctx, range);
    this.fill = new RangeFillProxy(ctx, range);
    this.borders = new RangeBordersProxy(ctx, range);
  }
  protected get kind(): string {
    return 'RangeFormat';
  }
  populate(): void {}
  set wrapText(v: boolean) {
    this.range.formatWrite('wrapText', v, (c) => (c.format.wrapText = v));
  }
  set horizontalAlignment(v: string) {
    this.range.formatWrite('horizontalAlignment', v, (c) => (c.format.horizontalAlignment = v));
  }
  set verticalAlignment(v: string) {
    this.range.formatWrite('verticalAlignment', v, (c) => (c.format.verticalAlignment = v));
  }
  set columnWidth(v: number) {
    this.range.columnWidth(v);
  }
}

class RangeFontProxy extends Proxy0 {
  private readonly range: RangeProxy;
  constructor(ctx: FakeContext, range: RangeProxy) {
    super(ctx);
    this.range = range;
  }
  protected get kind(): string {
    return 'RangeFont';
  }
  populate(): void {}
  set bold(v: boolean) {
    this.range.formatWrite('font.bold', v, (c) => (c.format.bold = v));
  }
  set italic(v: boolean) {
    this.range.formatWrite('font.italic', v, (c) => (c.format.italic = v));
  }
  set size(v: number) {
    this.range.formatWrite('font.size', v, (c) => (c.format.size = v));
  }
  set color(v: string) {
    this.range.formatWrite('font.color', v, (c) => (c.format.color = v));
  }
  set underline(v: string) {
    this.range.formatWrite('font.underline', v, (c) => (c.format.underline = v));
  }
}

class RangeFillProxy extends Proxy0 {
  private readonly range: RangeProxy;
  constructor(ctx: FakeContext, range: RangeProxy) {
    super(ctx);
    this.range = range;
  }
  protected get kind(): string {
    return 'RangeFill';
  }
  populate(): void {}
  set color(v: string) {
    this.range.formatWrite('fill.color', v, (c) => (c.format.fill = v));
  }
}

class RangeBordersProxy extends Proxy0 {
  private readonly range: RangeProxy;
  constructor(ctx: FakeContext, range: RangeProxy) {
    super(ctx);
    this.range = range;
  }
  protected get kind(): string {
    return 'RangeBorderCollection';
  }
  populate(): void {}
  getItem(index: string): RangeBorderProxy {
    return new RangeBorderProxy(this.ctx, this.range, index);
  }
}

class RangeBorderProxy extends Proxy0 {
  private readonly range: RangeProxy;
  private readonly index: string;
  constructor(ctx: FakeContext, range: RangeProxy, index: string) {
    super(ctx);
    this.range = range;
    this.index = index;
  }
  protected get kind(): string {
    return 'RangeBorder';
  }
  populate(): void {}
  private apply(prop: keyof FakeBorder, v: string): void {
    this.range.formatWrite(`borders.${this.index}.${prop}`, v, (c) => {
      const borders = (c.format.borders ??= {});
      borders[this.index] = { ...borders[this.index], [prop]: v };
    });
  }
  set style(v: string) {
    this.apply('style', v);
  }
  set weight(v: string) {
    this.apply('weight', v);
  }
  set color(v: string) {
    this.apply('color', v);
  }
}

class NamedItemCollectionProxy extends Proxy0 {
  protected get kind(): string {
    return 'NamedItemCollection';
  }
  get items(): NamedItemProxy[] {
    return this.get('items');
  }
  populate(props: readonly string[]): void {
    const sub = splitPath(props).get('items') ?? [];
    const items = [...this.ctx.model.names.keys()].map((n) => {
      const item = new NamedItemProxy(this.ctx, () => n);
      item.populate(sub);
      return item;
    });
    this.loaded.set('items', items);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    this.call('add', [name, comment ?? ''], () => {
      const model = this.ctx.model;
      if (model.names.has(name)) throw new FakeRichApiError('ItemAlreadyExists', `The name ${name} exists.`);
      const r =
        typeof reference === 'string'
          ? (() => {
              const sheetName = reference.includes('!')
                ? reference.slice(0, reference.lastIndexOf('!')).replace(/^=?'?|'?$/g, '')
                : '';
              const sheet = model.sheet(sheetName);
              const box = parseBox(reference);
              if (!sheet || !box) throw new FakeRichApiError('InvalidArgument', `Bad reference ${reference}`);
              return { sheet, ...box };
            })()
          : reference.ref();
      model.names.set(name, {
        sheetId: r.sheet.id,
        row: r.top,
        col: r.left,
        rows: r.rows,
        cols: r.cols,
        comment: comment ?? '',
      });
    });
    return new NamedItemProxy(this.ctx, () => name);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => {
      if (!this.ctx.model.names.has(name)) throw new FakeRichApiError('ItemNotFound', `No name ${name}`);
      return name;
    });
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => (this.ctx.model.names.has(name) ? name : null));
  }
}

class NamedItemProxy extends Proxy0 {
  private readonly resolve: () => string | null;
  constructor(ctx: FakeContext, resolve: () => string | null) {
    super(ctx);
    this.resolve = resolve;
  }
  protected get kind(): string {
    return 'NamedItem';
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  get type(): string {
    return this.get('type');
  }
  get value(): string {
    return this.get('value');
  }
  populate(props: readonly string[]): void {
    const n = this.resolve();
    this.store('isNullObject', n === null);
    if (n === null) return;
    const formula = this.ctx.model.nameFormula(n)!;
    for (const p of props.length ? props : ['name', 'type', 'formula', 'value']) {
      if (p === 'name') this.store('name', n);
      else if (p === 'formula') this.store('formula', formula);
      else if (p === 'type') this.store('type', formula === '=#REF!' ? 'Error' : 'Range');
      else if (p === 'value') this.store('value', formula.slice(1));
      else if (p === 'comment') this.store('comment', this.ctx.model.names.get(n)!.comment);
    }
  }
  delete(): void {
    this.call('delete', null, () => {
      const n = this.resolve();
      if (n === null) throw new FakeRichApiError('InvalidReference', 'The name is a null object.');
      this.ctx.model.names.delete(n);
    });
  }
}

class SettingCollectionProxy extends Proxy0 {
  protected get kind(): string {
    return 'SettingCollection';
  }
  populate(): void {}
  getItemOrNullObject(k: string): SettingProxy {
    return new SettingProxy(this.ctx, () => (this.ctx.model.settings.has(k) ? k : null));
  }
  getItem(k: string): SettingProxy {
    return new SettingProxy(this.ctx, () => {
      if (!this.ctx.model.settings.has(k)) throw new FakeRichApiError('ItemNotFound', `No setting ${k}`);
      return k;
    });
  }
  add(k: string, value: unknown): SettingProxy {
    this.call('add', [k, value], () => {
      this.ctx.model.settings.set(k, JSON.parse(JSON.stringify(value)));
    });
    return new SettingProxy(this.ctx, () => k);
  }
}

class SettingProxy extends Proxy0 {
  private readonly resolve: () => string | null;
  constructor(ctx: FakeContext, resolve: () => string | null) {
    super(ctx);
    this.resolve = resolve;
  }
  protected get kind(): string {
    return 'Setting';
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get key(): string {
    return this.get('key');
  }
  get value(): unknown {
    return this.get('value');
  }
  populate(props: readonly string[]): void {
    const k = this.resolve();
    this.store('isNullObject', k === null);
    if (k === null) return;
    for (const p of props.length ? props : ['key', 'value']) {
      if (p === 'key') this.store('key', k);
      else if (p === 'value') this.store('value', this.ctx.model.settings.get(k));
    }
  }
  delete(): void {
    this.call('delete', null, () => {
      const k = this.resolve();
      if (k !== null) this.ctx.model.settings.delete(k);
    });
  }
}
