import {
  type OutputRole,
  type ExistingSheet,
  roleOfOwnerName,
  sheetOfReference,
  type CellInput,
  type MergeArea,
  type SheetInput,
  type SheetVisibility,
  type WorkbookInput,
} from '../core/index';
import { parseAreasAddress } from './addresses';
import { isPayloadError } from './errors';
import type { Block, Box, ReadPlan } from './extent';
import { filledByRow, planSheet, planUnknown } from './extent';
import {
  EMPTY_CELL_BYTES,
  FILLED_CELL_BYTES,
  MEASURED_BUDGET_BYTES,
  MEASURED_MARGIN,
  MERGE_TILE_CELLS,
  OPERATION_OVERHEAD_BYTES,
  PAYLOAD_BUDGET_BYTES,
  SETTINGS_KEY,
} from './limits';

/**
 * Reading the open workbook in a fixed number of round trips, whatever the number of sheets:
 *   1. readListing: the sheets (name, visibility, protection), our ownership names, the settings;
 *   2. readCells, first sync: every readable sheet's used range (values only) and where in it the
 *      values are (the filled areas: constants and formulas);
 *   3. readCells, second sync: values, value types and number formats of the parts holding values,
 *      their merged areas, and a look (used range) into each large empty stretch, all in one batch.
 * Every value cell is read, however far out: a stray value at XFD1048576 adds a block of one cell and
 * a few looks into the emptiness, not a million rows (see extent.ts). Step 3 is split only when its
 * answer would pass Excel on the web's 5 MB payload limit, and followed by another only when a look
 * into an empty stretch found values the filled areas had not shown.
 */

export interface SheetListing {
  readonly name: string;
  readonly visibility: SheetVisibility;
  readonly protected: boolean;
  /** Set when the add-in owns the sheet (its ownership name points at it). */
  readonly role?: OutputRole;
}

export interface WorkbookListing {
  readonly sheets: readonly SheetListing[];
  /** Ownership names present in the workbook, including ones left as #REF! by a deleted sheet. */
  readonly ownerNames: readonly string[];
  readonly workbookProtected: boolean;
  /** The settings JSON stored with the workbook, unparsed; null when there is none. */
  readonly storedSettings: string | null;
}

export interface CellsRead {
  /** Every sheet the engine should see: owned outputs left out, hidden ones listed without cells. */
  readonly workbook: WorkbookInput;
  /** Round trips spent reading cells (normally 2). */
  readonly syncs: number;
}

/** Round trip 1. */
export async function readListing(context: Excel.RequestContext): Promise<WorkbookListing> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name,items/visibility,items/protection/protected');
  const names = wb.names;
  names.load('items/name,items/formula');
  const protection = wb.protection;
  protection.load('protected');
  const stored = wb.settings.getItemOrNullObject(SETTINGS_KEY);
  stored.load('value');
  await context.sync();

  const roleBySheet = new Map<string, OutputRole>();
  const ownerNames: string[] = [];
  for (const item of names.items) {
    const role = roleOfOwnerName(item.name);
    if (!role) continue;
    ownerNames.push(item.name);
    const sheet = sheetOfReference(String(item.formula ?? ''));
    if (sheet !== null) roleBySheet.set(sheet, role);
  }

  return {
    sheets: sheets.items.map((ws) => {
      const role = roleBySheet.get(ws.name);
      return {
        name: ws.name,
        visibility: toVisibility(ws.visibility),
        protected: ws.protection.protected,
        ...(role ? { role } : {}),
      };
    }),
    ownerNames,
    workbookProtected: protection.protected,
    storedSettings: stored.isNullObject ? null : settingText(stored.value),
  };
}

/** The sheets as planOutput needs them: every sheet, with ownership proved by the defined names. */
export function existingSheets(listing: WorkbookListing): ExistingSheet[] {
  return listing.sheets.map((s) => ({
    name: s.name,
    owned: s.role !== undefined,
    ...(s.role ? { role: s.role } : {}),
  }));
}

/** A sheet's used range (values only) and, when Excel gave them, the filled areas inside it. */
interface SheetExtent {
  readonly used: Box;
  readonly areas: Box[] | null;
}

/** Round trips 2 and 3; more only for the payload limit or for values the filled areas did not show. */
export async function readCells(
  context: Excel.RequestContext,
  listing: WorkbookListing,
  onProgress?: (done: number, total: number) => void,
): Promise<CellsRead> {
  const readable = listing.sheets.filter((s) => s.visibility === 'visible' && s.role === undefined);
  const extents = await readExtents(
    context,
    readable.map((s) => s.name),
  );
  let syncs = extents.syncs;

  const grids = readable.map(() => new Map<number, CellInput[]>());
  const merges = readable.map(() => new Map<string, MergeArea>());
  const queue = new ReadQueue();
  extents.sheets.forEach((e, i) => queue.add(i, e.areas ? planSheet(e.used, e.areas) : planUnknown(e.used)));

  const total = readable.length;
  const finished = readable.map(() => false);
  let done = 0;
  onProgress?.(0, total);

  const weigh = new CellWeights();
  const retry: ReadTask[][] = [];
  for (;;) {
    const request = retry.shift() ?? queue.next(weigh);
    if (!request) break;
    const reads = request.map((task) => queueTask(context, readable[task.sheet]!.name, task));
    try {
      // One pass per payload-sized request; normally there is exactly one.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      // Long texts made the answer bigger than estimated: ask again in halves.
      if (!isPayloadError(e) || !splittable(request)) throw e;
      syncs++;
      retry.unshift(...halve(request));
      continue;
    }
    for (const read of reads) {
      const i = read.task.sheet;
      if (read.kind === 'probe') collectProbe(read, queue);
      else collectBand(read, grids[i]!, merges[i]!, weigh);
    }
    for (const i of new Set(request.map((t) => t.sheet))) {
      if (finished[i] || queue.has(i) || retry.some((r) => r.some((t) => t.sheet === i))) continue;
      finished[i] = true;
      done++;
    }
    onProgress?.(done, total);
  }

  const byName = new Map(readable.map((s, i) => [s.name, i]));
  const sheets: SheetInput[] = [];
  for (const s of listing.sheets) {
    if (s.role !== undefined) continue; // our own outputs are replaced, never read as input
    const i = byName.get(s.name);
    if (i === undefined) {
      sheets.push({ name: s.name, cells: [], visibility: s.visibility });
      continue;
    }
    const merged = [...merges[i]!.values()];
    sheets.push({
      name: s.name,
      cells: toRows(grids[i]!),
      ...(merged.length > 0 ? { merges: merged } : {}),
      visibility: s.visibility,
    });
  }
  return { workbook: { sheets }, syncs };
}

// ---------------------------------------------------------------------------------------------
// Round trip 2: where the values are

interface ExtentRequest {
  readonly sheets: readonly number[];
  /** Ask for the filled areas too (else the used ranges alone). */
  readonly areas: boolean;
}

interface ExtentRead {
  readonly used: Excel.Range;
  readonly constants: Excel.RangeAreas | null;
  readonly formulas: Excel.RangeAreas | null;
}

/**
 * Every sheet's used range and filled areas in one request. When Excel refuses it (an answer past
 * 5 MB: sheets cut into tens of thousands of areas), it is asked again in halves; a single sheet Excel
 * will not give the areas of is measured by its used range alone and probed (planUnknown).
 */
async function readExtents(
  context: Excel.RequestContext,
  names: readonly string[],
): Promise<{ sheets: SheetExtent[]; syncs: number }> {
  const sheets: SheetExtent[] = [];
  let syncs = 0;
  const queue: ExtentRequest[] = names.length > 0 ? [{ sheets: names.map((_, i) => i), areas: true }] : [];
  while (queue.length > 0) {
    const request = queue.shift()!;
    const reads = request.sheets.map((i) => queueExtent(context, names[i]!, request.areas));
    try {
      // Normally one pass for every sheet; more only when Excel refuses the areas.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      if (!request.areas) throw e;
      if (isPayloadError(e) && request.sheets.length > 1) {
        const mid = Math.ceil(request.sheets.length / 2);
        queue.unshift(
          { sheets: request.sheets.slice(0, mid), areas: true },
          { sheets: request.sheets.slice(mid), areas: true },
        );
      } else {
        queue.unshift({ sheets: request.sheets, areas: false });
      }
      continue;
    }
    request.sheets.forEach((i, k) => {
      const read = reads[k]!;
      const u = read.used;
      const used = { top: u.rowIndex, left: u.columnIndex, rows: u.rowCount, cols: u.columnCount };
      const areas =
        read.constants && read.formulas ? [...areasOf(read.constants), ...areasOf(read.formulas)] : null;
      sheets[i] = { used, areas };
    });
  }
  return { sheets, syncs };
}

function queueExtent(context: Excel.RequestContext, name: string, areas: boolean): ExtentRead {
  const used = context.workbook.worksheets.getItem(name).getUsedRange(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  if (!areas) return { used, constants: null, formulas: null };
  const constants = used.getSpecialCellsOrNullObject('Constants');
  constants.load('address');
  const formulas = used.getSpecialCellsOrNullObject('Formulas');
  formulas.load('address');
  return { used, constants, formulas };
}

function areasOf(found: Excel.RangeAreas): Box[] {
  if (found.isNullObject) return [];
  return parseAreasAddress(found.address).map((a) => ({
    top: a.top,
    left: a.left,
    rows: a.bottom - a.top + 1,
    cols: a.right - a.left + 1,
  }));
}

// ---------------------------------------------------------------------------------------------
// Round trip 3 (and more for payload): the cells

interface BandTask {
  readonly kind: 'band';
  /** Index of the sheet among the readable ones. */
  readonly sheet: number;
  readonly box: Box;
  /** Filled cells in the band, by the filled areas (all cells when unknown). */
  readonly filled: number;
}

interface ProbeTask {
  readonly kind: 'probe';
  readonly sheet: number;
  readonly box: Box;
}

type ReadTask = BandTask | ProbeTask;

/** A probe's request and answer: its ids, a few numbers. */
const PROBE_BYTES = 2 * OPERATION_OVERHEAD_BYTES;

/** What the cells read so far weighed, empty and filled, from the answers once there are enough. */
class CellWeights {
  private emptyBytes = EMPTY_CELL_BYTES;
  private filledBytes = FILLED_CELL_BYTES;
  private readonly seen = { empty: 0, emptyBytes: 0, filled: 0, filledBytes: 0 };

  /** Estimated answer for a row of `cols` cells of which `filled` hold values, with its calls. */
  row(cols: number, filled: number): number {
    const cells = (cols - filled) * this.emptyBytes + filled * this.filledBytes;
    return cells + (OPERATION_OVERHEAD_BYTES * Math.ceil(cols / MERGE_TILE_CELLS)) / mergeTileRows(cols);
  }

  /** What one request may carry: more once the estimate stands on measured answers. */
  get budget(): number {
    return this.measured ? MEASURED_BUDGET_BYTES : PAYLOAD_BUDGET_BYTES;
  }

  get measuring(): boolean {
    return this.seen.filled < MEASURE_CELLS;
  }

  private get measured(): boolean {
    return this.seen.filled >= MEASURED_ENOUGH;
  }

  observe(empty: number, emptyBytes: number, filled: number, filledBytes: number): void {
    // Enough to judge by; measuring every answer would cost time for nothing.
    if (!this.measuring) return;
    const seen = this.seen;
    seen.empty += empty;
    seen.emptyBytes += emptyBytes;
    seen.filled += filled;
    seen.filledBytes += filledBytes;
    if (!this.measured) return;
    this.filledBytes = (MEASURED_MARGIN * seen.filledBytes) / seen.filled;
    if (seen.empty >= MEASURED_ENOUGH) this.emptyBytes = (MEASURED_MARGIN * seen.emptyBytes) / seen.empty;
  }
}

/** Filled cells measured before the estimate is trusted, and after which measuring stops. */
const MEASURED_ENOUGH = 5000;
const MEASURE_CELLS = 200000;

/** Blocks to read and stretches to probe, handed out one payload-sized request at a time. */
class ReadQueue {
  private readonly probes: ProbeTask[] = [];
  private readonly blocks: { sheet: number; block: Block; filled: Float64Array; next: number }[] = [];
  private probeAt = 0;
  private blockAt = 0;

  add(sheet: number, plan: ReadPlan): void {
    for (const box of plan.probes) this.probes.push({ kind: 'probe', sheet, box });
    for (const block of plan.blocks) this.blocks.push({ sheet, block, filled: filledByRow(block), next: 0 });
  }

  has(sheet: number): boolean {
    for (let i = this.probeAt; i < this.probes.length; i++) if (this.probes[i]!.sheet === sheet) return true;
    for (let i = this.blockAt; i < this.blocks.length; i++) if (this.blocks[i]!.sheet === sheet) return true;
    return false;
  }

  /** The next request: the probes, then rows of the blocks in order until the budget is spent. */
  next(weigh: CellWeights): ReadTask[] | null {
    const tasks: ReadTask[] = [];
    let room = weigh.budget;
    while (this.probeAt < this.probes.length && (tasks.length === 0 || room >= PROBE_BYTES)) {
      tasks.push(this.probes[this.probeAt++]!);
      room -= PROBE_BYTES;
    }
    while (this.blockAt < this.blocks.length) {
      const b = this.blocks[this.blockAt]!;
      const { block } = b;
      let rows = 0;
      let filled = 0;
      let bytes = 2 * OPERATION_OVERHEAD_BYTES;
      while (b.next + rows < block.rows) {
        const f = b.filled[b.next + rows] ?? block.cols;
        const rowBytes = weigh.row(block.cols, f);
        // A row is never cut across: alone in its request, it goes even when over the budget.
        if (bytes + rowBytes > room && (rows > 0 || tasks.length > 0)) break;
        bytes += rowBytes;
        filled += f;
        rows++;
      }
      if (rows === 0) break;
      tasks.push({
        kind: 'band',
        sheet: b.sheet,
        box: { top: block.top + b.next, left: block.left, rows, cols: block.cols },
        filled,
      });
      room -= bytes;
      b.next += rows;
      if (b.next < block.rows) break;
      this.blockAt++;
    }
    return tasks.length > 0 ? tasks : null;
  }
}

function splittable(request: readonly ReadTask[]): boolean {
  const only = request[0];
  return request.length > 1 || (only?.kind === 'band' && (only.box.rows > 1 || only.box.cols > 1));
}

function halve(request: readonly ReadTask[]): ReadTask[][] {
  if (request.length > 1) {
    const mid = Math.ceil(request.length / 2);
    return [request.slice(0, mid), request.slice(mid)];
  }
  const band = request[0] as BandTask;
  const { box } = band;
  const byRows = box.rows > 1;
  const size = byRows ? box.rows : box.cols;
  const first = Math.ceil(size / 2);
  const part = (start: number, count: number): BandTask => ({
    ...band,
    box: byRows
      ? { ...box, top: box.top + start, rows: count }
      : { ...box, left: box.left + start, cols: count },
    filled: Math.ceil((band.filled * count) / size),
  });
  return [[part(0, first)], [part(first, size - first)]];
}

interface BandRead {
  readonly kind: 'band';
  readonly task: BandTask;
  readonly range: Excel.Range;
  readonly merges: readonly Excel.RangeAreas[];
}

interface ProbeRead {
  readonly kind: 'probe';
  readonly task: ProbeTask;
  readonly used: Excel.Range;
}

/** Rows per tile of merged areas for a band this wide. */
function mergeTileRows(cols: number): number {
  return Math.max(1, Math.floor(MERGE_TILE_CELLS / cols));
}

function queueTask(context: Excel.RequestContext, name: string, task: ReadTask): BandRead | ProbeRead {
  const ws = context.workbook.worksheets.getItem(name);
  const { top, left, rows, cols } = task.box;
  if (task.kind === 'probe') {
    const used = ws.getRangeByIndexes(top, left, rows, cols).getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    return { kind: 'probe', task, used };
  }
  const range = ws.getRangeByIndexes(top, left, rows, cols);
  range.load('values,valueTypes,numberFormat');
  const merges: Excel.RangeAreas[] = [];
  const tileRows = mergeTileRows(cols);
  const tileCols = Math.min(cols, MERGE_TILE_CELLS);
  for (let r = 0; r < rows; r += tileRows) {
    for (let c = 0; c < cols; c += tileCols) {
      const areas = ws
        .getRangeByIndexes(top + r, left + c, Math.min(tileRows, rows - r), Math.min(tileCols, cols - c))
        .getMergedAreasOrNullObject();
      areas.load('address');
      merges.push(areas);
    }
  }
  return { kind: 'band', task, range, merges };
}

/** Values found where the filled areas showed none: planned again, read in the next request. */
function collectProbe(read: ProbeRead, queue: ReadQueue): void {
  const u = read.used;
  if (u.isNullObject) return;
  queue.add(
    read.task.sheet,
    planUnknown({ top: u.rowIndex, left: u.columnIndex, rows: u.rowCount, cols: u.columnCount }),
  );
}

function collectBand(
  read: BandRead,
  grid: Map<number, CellInput[]>,
  merges: Map<string, MergeArea>,
  weigh: CellWeights,
): void {
  const { box } = read.task;
  const values = read.range.values;
  const types = read.range.valueTypes;
  const formats = read.range.numberFormat;
  const measuring = weigh.measuring;
  const weight = { empty: 0, emptyBytes: 0, filled: 0, filledBytes: 0 };
  for (let r = 0; r < box.rows; r++) {
    let row = grid.get(box.top + r);
    for (let c = 0; c < box.cols; c++) {
      const value = values[r]?.[c];
      const type = types[r]?.[c];
      const format = formats[r]?.[c];
      const cell = toCell(value, type, format);
      if (measuring) {
        const bytes = answerBytes(value) + answerBytes(type) + answerBytes(format) + 3;
        if (cell === undefined) {
          weight.empty++;
          weight.emptyBytes += bytes;
        } else {
          weight.filled++;
          weight.filledBytes += bytes;
        }
      }
      if (cell === undefined) continue;
      if (!row) {
        row = [];
        grid.set(box.top + r, row);
      }
      row[box.left + c] = cell;
    }
  }
  if (measuring) weigh.observe(weight.empty, weight.emptyBytes, weight.filled, weight.filledBytes);
  for (const areas of read.merges) {
    if (areas.isNullObject) continue;
    for (const area of parseAreasAddress(areas.address)) {
      merges.set(`${area.top}:${area.left}:${area.bottom}:${area.right}`, area);
    }
  }
}

/** UTF-8 bytes of a value as JSON (near enough: escapes are not counted). */
function answerBytes(x: unknown): number {
  if (typeof x !== 'string') return String(x).length;
  let bytes = 2;
  for (let i = 0; i < x.length; i++) {
    const code = x.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xe000 ? 2 : 3;
  }
  return bytes;
}

/** Excel's answer for one cell → the engine's CellInput; errors stay errors (CELL_ERROR). */
export function toCell(value: unknown, type: unknown, format: unknown): CellInput {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return undefined;
  if (type === 'Error') return { value: null, error: String(value) };
  const scalar = typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  const numberFormat = typeof format === 'string' && format !== '' && format !== 'General' ? format : null;
  return numberFormat ? { value: scalar, numberFormat } : scalar;
}

/**
 * Rows from A1 as a sparse array: a row without values is a hole, and so is an empty cell inside a
 * row, so a value at XFD1048576 costs one row of one cell here, not a million empty rows.
 */
function toRows(grid: Map<number, CellInput[]>): CellInput[][] {
  const rows: CellInput[][] = [];
  for (const r of [...grid.keys()].sort((a, b) => a - b)) rows[r] = grid.get(r)!;
  return rows;
}

function toVisibility(v: unknown): SheetVisibility {
  return v === 'Hidden' ? 'hidden' : v === 'VeryHidden' ? 'veryHidden' : 'visible';
}

function settingText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
