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
import { isSplittableRefusal } from './errors';
import type { Block, Box, ReadPlan } from './extent';
import { cellCount, clipAll, filledByRow, planSheet, planUnknown } from './extent';
import {
  EMPTY_CELL_BYTES,
  FILLED_CELL_BYTES,
  LARGE_REQUEST_BYTES,
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
 *      values are (the filled areas: constants and formulas), and which of them hold numbers or errors;
 *   3. readCells, second sync: the values of the parts holding values, value types and number formats
 *      only where numbers and errors are (text needs neither), their merged areas, and a look (used
 *      range) into each large empty stretch, all in one batch.
 * Every value cell is read, however far out: a stray value at XFD1048576 adds a block of one cell and
 * a few looks into the emptiness, not a million rows (see extent.ts). Step 3 is split only when its
 * answer would pass Excel on the web's 5 MB payload limit (or Excel refuses it, large, with a bare
 * GeneralException), and followed by another only when a look into an empty stretch found values the
 * filled areas had not shown, or when a RangeAreas address came back shorter than its areaCount
 * (then the areas collection is read: no filled or merged area is dropped).
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
  /** The areas holding numbers or errors: only there are value types and formats asked for. */
  readonly typed: Box[] | null;
}

/**
 * Thrown by readCells, before any cell is read, when the filled cells pass `maxFilledCells` (the
 * ribbon command sends such a workbook to the task pane).
 */
export class TooManyCells extends Error {
  constructor(
    readonly filled: number,
    readonly max: number,
  ) {
    super(`${filled} filled cells, more than ${max}`);
    this.name = 'TooManyCells';
  }
}

/** Round trips 2 and 3; more only for the payload limit or for values the filled areas did not show. */
export async function readCells(
  context: Excel.RequestContext,
  listing: WorkbookListing,
  onProgress?: (done: number, total: number) => void,
  maxFilledCells = Infinity,
): Promise<CellsRead> {
  const readable = listing.sheets.filter((s) => s.visibility === 'visible' && s.role === undefined);
  const extents = await readExtents(
    context,
    readable.map((s) => s.name),
  );
  let syncs = extents.syncs;
  // The size is known from round trip 2's areas: no extra request to measure it.
  const filled = filledCount(extents.sheets);
  if (filled > maxFilledCells) throw new TooManyCells(filled, maxFilledCells);

  const grids = readable.map(() => new Map<number, CellInput[]>());
  const merges = readable.map(() => new Map<string, MergeArea>());
  const queue = new ReadQueue();
  extents.sheets.forEach((e, i) =>
    queue.add(i, e.areas ? planSheet(e.used, e.areas) : planUnknown(e.used), e.areas ? e.typed : null),
  );

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
      if (!isSplittableRefusal(e, estimate(request, weigh), LARGE_REQUEST_BYTES) || !splittable(request))
        throw e;
      syncs++;
      retry.unshift(...halve(request));
      continue;
    }
    const cut: { sheet: number; areas: Excel.RangeAreas }[] = [];
    const strays: BandRead[] = [];
    for (const read of reads) {
      const i = read.task.sheet;
      if (read.kind === 'probe') {
        collectProbe(read, queue);
        continue;
      }
      const got = collectBand(read, grids[i]!, merges[i]!, weigh);
      for (const areas of got.cut) cut.push({ sheet: i, areas });
      if (got.stray) strays.push(queueStray(context, readable[i]!.name, i, got.stray));
    }
    if (strays.length > 0) {
      // Numbers where Excel's areas showed none: read again with their types and formats.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      for (const read of strays) collectBand(read, grids[read.task.sheet]!, merges[read.task.sheet]!, weigh);
    }
    if (cut.length > 0) {
      // Merged areas whose address Excel cut short: read from the areas themselves, never dropped.
      const lists = cut.map((c) => loadAreaBoxes(c.areas));
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      cut.forEach((c, k) => {
        for (const b of collectAreaBoxes(lists[k]!)) {
          const area = { top: b.top, left: b.left, bottom: b.top + b.rows - 1, right: b.left + b.cols - 1 };
          merges[c.sheet]!.set(`${area.top}:${area.left}:${area.bottom}:${area.right}`, area);
        }
      });
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

/**
 * Filled cells (constants and formulas, which never overlap) by the areas; a sheet whose areas Excel
 * would not give counts its whole used range, an upper bound.
 */
function filledCount(sheets: readonly SheetExtent[]): number {
  let n = 0;
  for (const e of sheets)
    n += e.areas ? e.areas.reduce((sum, b) => sum + cellCount(b), 0) : cellCount(e.used);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Round trip 2: where the values are

interface ExtentRequest {
  readonly sheets: readonly number[];
  /** Ask for the filled areas too (else the used ranges alone). */
  readonly areas: boolean;
  /** Ask also where the numbers and errors are (else every cell is read with its type). */
  readonly typed: boolean;
}

interface ExtentRead {
  readonly used: Excel.Range;
  /** Constants and formulas (the filled areas), then those of them holding numbers or errors. */
  readonly areas: readonly [Excel.RangeAreas, Excel.RangeAreas] | null;
  readonly typed: readonly [Excel.RangeAreas, Excel.RangeAreas] | null;
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
  const queue: ExtentRequest[] =
    names.length > 0 ? [{ sheets: names.map((_, i) => i), areas: true, typed: true }] : [];
  while (queue.length > 0) {
    const request = queue.shift()!;
    const reads = request.sheets.map((i) => queueExtent(context, names[i]!, request));
    try {
      // Normally one pass for every sheet; more only when Excel refuses the areas.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      if (!request.areas) throw e;
      // Several sheets' areas refused (a payload error, or a bare GeneralException of any size):
      // halves, without the number areas (a saving, not a need); a single sheet without any areas.
      if (isSplittableRefusal(e, 0, 0) && request.sheets.length > 1) {
        const mid = Math.ceil(request.sheets.length / 2);
        queue.unshift(
          { sheets: request.sheets.slice(0, mid), areas: true, typed: false },
          { sheets: request.sheets.slice(mid), areas: true, typed: false },
        );
      } else {
        queue.unshift({ sheets: request.sheets, areas: false, typed: false });
      }
      continue;
    }
    type Role = 'areas' | 'typed';
    const cut: { sheet: number; role: Role; known: Box[]; lists: Excel.RangeCollection[] }[] = [];
    request.sheets.forEach((i, k) => {
      const read = reads[k]!;
      const u = read.used;
      const used = { top: u.rowIndex, left: u.columnIndex, rows: u.rowCount, cols: u.columnCount };
      if (!read.areas) {
        sheets[i] = { used, areas: null, typed: null };
        return;
      }
      const take = (role: Role, pair: Excel.RangeAreas[]): Box[] => {
        const found = pair.map((ra) => ({ ra, boxes: areasOf(ra) }));
        const whole = found.filter((f) => f.boxes !== null).flatMap((f) => f.boxes!);
        const short = found.filter((f) => f.boxes === null);
        if (short.length > 0)
          cut.push({ sheet: i, role, known: whole, lists: short.map((f) => loadAreaBoxes(f.ra)) });
        return whole;
      };
      sheets[i] = {
        used,
        areas: take('areas', [...read.areas]),
        typed: read.typed ? take('typed', [...read.typed]) : null,
      };
    });
    if (cut.length > 0) {
      // Addresses cut short: the areas collection lists them all. Should Excel refuse even that,
      // the sheet is read without areas (probed, every cell with its type), as when the areas are
      // not given at all.
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        for (const c of cut)
          sheets[c.sheet] = {
            ...sheets[c.sheet]!,
            [c.role]: [...c.known, ...c.lists.flatMap(collectAreaBoxes)],
          };
      } catch {
        for (const c of cut) sheets[c.sheet] = { ...sheets[c.sheet]!, areas: null, typed: null };
      }
      syncs++;
    }
  }
  return { sheets, syncs };
}

function queueExtent(context: Excel.RequestContext, name: string, request: ExtentRequest): ExtentRead {
  const used = context.workbook.worksheets.getItem(name).getUsedRange(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  if (!request.areas) return { used, areas: null, typed: null };
  const find = (type: 'Constants' | 'Formulas', values?: 'ErrorsNumbers'): Excel.RangeAreas => {
    const found = values
      ? used.getSpecialCellsOrNullObject(type, values)
      : used.getSpecialCellsOrNullObject(type);
    found.load('address,areaCount');
    return found;
  };
  return {
    used,
    areas: [find('Constants'), find('Formulas')],
    typed: request.typed ? [find('Constants', 'ErrorsNumbers'), find('Formulas', 'ErrorsNumbers')] : null,
  };
}

/**
 * The areas of a RangeAreas by its address; null when the address lists fewer areas than
 * areaCount (Excel may cut a long address), so that the caller asks the areas collection instead.
 */
function areasOf(found: Excel.RangeAreas): Box[] | null {
  if (found.isNullObject) return [];
  const areas = parseAreasAddress(found.address);
  if (areas.length !== found.areaCount) return null;
  return areas.map((a) => ({
    top: a.top,
    left: a.left,
    rows: a.bottom - a.top + 1,
    cols: a.right - a.left + 1,
  }));
}

/** Queues the load of every area of a RangeAreas as a range (for an address cut short). */
function loadAreaBoxes(found: Excel.RangeAreas): Excel.RangeCollection {
  const list = found.areas;
  list.load('items/rowIndex,items/columnIndex,items/rowCount,items/columnCount');
  return list;
}

function collectAreaBoxes(list: Excel.RangeCollection): Box[] {
  return list.items.map((r) => ({
    top: r.rowIndex,
    left: r.columnIndex,
    rows: r.rowCount,
    cols: r.columnCount,
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
  /** Where in the band numbers and errors are (types and formats asked there only); null: everywhere. */
  readonly typed: readonly Box[] | null;
  /** The band's filled areas, when typed is set: a text there is text, whatever it reads like. */
  readonly known: readonly Box[] | null;
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
  private readonly blocks: {
    sheet: number;
    block: Block;
    filled: Float64Array;
    typed: readonly Box[] | null;
    next: number;
  }[] = [];
  private probeAt = 0;
  private blockAt = 0;

  add(sheet: number, plan: ReadPlan, typed: readonly Box[] | null = null): void {
    for (const box of plan.probes) this.probes.push({ kind: 'probe', sheet, box });
    for (const block of plan.blocks) {
      // A block whose filled areas are unknown is read with every cell's type.
      const inBlock = block.areas === null || typed === null ? null : clipAll(typed, block);
      this.blocks.push({ sheet, block, filled: filledByRow(block), typed: inBlock, next: 0 });
    }
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
      const box = { top: block.top + b.next, left: block.left, rows, cols: block.cols };
      tasks.push({
        kind: 'band',
        sheet: b.sheet,
        box,
        filled,
        typed: b.typed && clipAll(b.typed, box),
        known: b.typed && block.areas && clipAll(block.areas, box),
      });
      room -= bytes;
      b.next += rows;
      if (b.next < block.rows) break;
      this.blockAt++;
    }
    return tasks.length > 0 ? tasks : null;
  }
}

/** The estimated answer of a request, as ReadQueue.next weighed it. */
function estimate(request: readonly ReadTask[], weigh: CellWeights): number {
  let bytes = 0;
  for (const task of request) {
    if (task.kind === 'probe') bytes += PROBE_BYTES;
    else bytes += task.box.rows * weigh.row(task.box.cols, task.filled / task.box.rows);
  }
  return bytes;
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
  const part = (start: number, count: number): BandTask => {
    const partBox = byRows
      ? { ...box, top: box.top + start, rows: count }
      : { ...box, left: box.left + start, cols: count };
    return {
      ...band,
      box: partBox,
      filled: Math.ceil((band.filled * count) / size),
      typed: band.typed && clipAll(band.typed, partBox),
      known: band.known && clipAll(band.known, partBox),
    };
  };
  return [[part(0, first)], [part(first, size - first)]];
}

interface BandRead {
  readonly kind: 'band';
  readonly task: BandTask;
  readonly range: Excel.Range;
  /** Ranges read with their types and formats (the whole band when null). */
  readonly typed: readonly { readonly box: Box; readonly range: Excel.Range }[] | null;
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
  let typed: BandRead['typed'] = null;
  if (task.typed === null) range.load('values,valueTypes,numberFormat');
  else {
    // Types and formats only where numbers and errors are: text needs neither, and the answer shrinks.
    range.load('values');
    const boxes = task.typed.length <= TYPED_RANGES_PER_BAND ? task.typed : [hullOf(task.typed)];
    typed = boxes.map((b) => {
      const r = ws.getRangeByIndexes(b.top, b.left, b.rows, b.cols);
      r.load('valueTypes,numberFormat');
      return { box: b, range: r };
    });
  }
  const merges: Excel.RangeAreas[] = [];
  const tileRows = mergeTileRows(cols);
  const tileCols = Math.min(cols, MERGE_TILE_CELLS);
  for (let r = 0; r < rows; r += tileRows) {
    for (let c = 0; c < cols; c += tileCols) {
      const areas = ws
        .getRangeByIndexes(top + r, left + c, Math.min(tileRows, rows - r), Math.min(tileCols, cols - c))
        .getMergedAreasOrNullObject();
      areas.load('address,areaCount');
      merges.push(areas);
    }
  }
  return { kind: 'band', task, range, typed, merges };
}

/**
 * A value read without its type that needs one: a number (its format may make it a percent or a
 * date), or an error-like text outside every filled area (a spilled #N/A, say).
 */
function strayValue(value: unknown, row: number, col: number, known: readonly Box[] | null): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string' || !value.startsWith('#')) return false;
  return !(known ?? []).some(
    (a) => row >= a.top && row < a.top + a.rows && col >= a.left && col < a.left + a.cols,
  );
}

function queueStray(context: Excel.RequestContext, name: string, sheet: number, box: Box): BandRead {
  const range = context.workbook.worksheets
    .getItem(name)
    .getRangeByIndexes(box.top, box.left, box.rows, box.cols);
  range.load('values,valueTypes,numberFormat');
  return {
    kind: 'band',
    task: { kind: 'band', sheet, box, filled: 0, typed: null, known: null },
    range,
    typed: null,
    merges: [],
  };
}

/** Above this many number/error areas in a band, their hull is read with types instead. */
const TYPED_RANGES_PER_BAND = 32;

function hullOf(areas: readonly Box[]): Box {
  const top = Math.min(...areas.map((a) => a.top));
  const left = Math.min(...areas.map((a) => a.left));
  const bottom = Math.max(...areas.map((a) => a.top + a.rows));
  const right = Math.max(...areas.map((a) => a.left + a.cols));
  return { top, left, rows: bottom - top, cols: right - left };
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

/**
 * Takes a band's cells and merged areas. Returns the merge tiles whose address was cut short, and
 * the hull of any number or error-like text found outside the areas Excel said hold numbers and
 * errors (a spilled value, say): read again with types, never taken without its format.
 */
function collectBand(
  read: BandRead,
  grid: Map<number, CellInput[]>,
  merges: Map<string, MergeArea>,
  weigh: CellWeights,
): { cut: Excel.RangeAreas[]; stray: Box | null } {
  const { box } = read.task;
  const values = read.range.values;
  let types: unknown[][];
  let formats: unknown[][];
  const stray: Box[] = [];
  if (read.typed === null) {
    types = read.range.valueTypes;
    formats = read.range.numberFormat;
  } else {
    types = Array.from({ length: box.rows }, () => []);
    formats = Array.from({ length: box.rows }, () => []);
    for (const t of read.typed) {
      const dr = t.box.top - box.top;
      const dc = t.box.left - box.left;
      t.range.valueTypes.forEach((row, r) => row.forEach((x, c) => (types[dr + r]![dc + c] = x)));
      t.range.numberFormat.forEach((row, r) => row.forEach((x, c) => (formats[dr + r]![dc + c] = x)));
    }
  }
  const measuring = weigh.measuring;
  const weight = { empty: 0, emptyBytes: 0, filled: 0, filledBytes: 0 };
  for (let r = 0; r < box.rows; r++) {
    let row = grid.get(box.top + r);
    for (let c = 0; c < box.cols; c++) {
      const value = values[r]?.[c];
      const type = types[r]?.[c];
      const format = formats[r]?.[c];
      if (type === undefined && strayValue(value, box.top + r, box.left + c, read.task.known)) {
        stray.push({ top: box.top + r, left: box.left + c, rows: 1, cols: 1 });
      }
      const cell = toCell(value, type, format);
      if (measuring) {
        const typeBytes = type === undefined ? 0 : answerBytes(type) + answerBytes(format);
        const bytes = answerBytes(value) + typeBytes + 3;
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
  const cut: Excel.RangeAreas[] = [];
  for (const areas of read.merges) {
    if (areas.isNullObject) continue;
    const listed = parseAreasAddress(areas.address);
    if (listed.length !== areas.areaCount) cut.push(areas);
    for (const area of listed) merges.set(`${area.top}:${area.left}:${area.bottom}:${area.right}`, area);
  }
  return { cut, stray: stray.length > 0 ? hullOf(stray) : null };
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
