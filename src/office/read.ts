import type { OutputRole } from '../core/outputPlan';
import type { ExistingSheet } from '../core/outputPlan';
import { roleOfOwnerName, sheetOfReference } from '../core/ownership';
import type { CellInput, MergeArea, SheetInput, SheetVisibility, WorkbookInput } from '../core/workbook';
import type { JobNotice } from '../ui/job';
import { parseAreasAddress } from './addresses';
import { isPayloadError } from './errors';
import {
  MAX_READ_COLS,
  MAX_READ_ROWS,
  MERGE_BAND_ROWS,
  PAYLOAD_BUDGET_BYTES,
  READ_BYTES_PER_CELL,
  SETTINGS_KEY,
} from './limits';

/**
 * Reading the open workbook in a fixed number of round trips, whatever the number of sheets:
 *   1. readListing: the sheets (name, visibility, protection), our ownership names, the settings;
 *   2. readCells, first sync: every readable sheet's used range (values only) — its extent;
 *   3. readCells, second sync: values, value types and number formats of those ranges, capped,
 *      and their merged areas, all in one batch.
 * The extent comes first because a stray value far out must not be read whole, and because
 * getMergedAreasOrNullObject fails above 512 areas, so it is asked in bands of rows. Step 3 is split
 * only when its answer would pass Excel on the web's 5 MB payload limit.
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

/** A sheet read only in part: its used range reached further than the cap (JobNotice plus the full extent). */
export interface ReadNotice extends JobNotice {
  readonly usedRows: number;
  readonly usedCols: number;
}

export interface CellsRead {
  /** Every sheet the engine should see: owned outputs left out, hidden ones listed without cells. */
  readonly workbook: WorkbookInput;
  readonly notices: readonly ReadNotice[];
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

interface Extent {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
}

interface Band extends Extent {
  /** Index of the sheet in `readable`. */
  readonly index: number;
  /** Row after the sheet's last band: a band ending there finishes its sheet. */
  readonly end: number;
}

interface BandRead {
  readonly band: Band;
  readonly range: Excel.Range;
  readonly merges: readonly Excel.RangeAreas[];
}

/** Round trips 2 and 3 (3 split only for payload). */
export async function readCells(
  context: Excel.RequestContext,
  listing: WorkbookListing,
  onProgress?: (done: number, total: number) => void,
): Promise<CellsRead> {
  const readable = listing.sheets.filter((s) => s.visibility === 'visible' && s.role === undefined);
  let syncs = 0;

  const used = readable.map((s) => {
    const range = context.workbook.worksheets.getItem(s.name).getUsedRange(true);
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    return range;
  });
  if (readable.length > 0) {
    await context.sync();
    syncs++;
  }

  const notices: ReadNotice[] = [];
  const bands: Band[] = [];
  readable.forEach((s, index) => {
    const u = used[index]!;
    const rows = Math.min(u.rowCount, MAX_READ_ROWS);
    const cols = Math.min(u.columnCount, MAX_READ_COLS);
    if (rows < u.rowCount || cols < u.columnCount) {
      notices.push({
        kind: 'truncated',
        sheet: s.name,
        usedRows: u.rowCount,
        usedCols: u.columnCount,
        readRows: rows,
        readCols: cols,
      });
    }
    bands.push(...splitRows({ sheet: s.name, top: u.rowIndex, left: u.columnIndex, rows, cols }, index));
  });

  const grids = readable.map(() => new Map<number, CellInput[]>());
  const merges = readable.map(() => new Map<string, MergeArea>());
  const total = readable.length;
  let done = 0;
  onProgress?.(0, total);

  const queue = packBands(bands);
  while (queue.length > 0) {
    const request = queue.shift()!;
    const reads = request.map((band) => queueBandRead(context, band));
    try {
      // One pass per payload-sized request; normally there is exactly one.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      // Long texts made the answer bigger than estimated: ask again in halves.
      if (!isPayloadError(e) || !splittable(request)) throw e;
      syncs++;
      queue.unshift(...halve(request));
      continue;
    }
    for (const read of reads) collectBand(read, grids[read.band.index]!, merges[read.band.index]!);
    done += request.filter((b) => b.top + b.rows === b.end).length;
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
  return { workbook: { sheets }, notices, syncs };
}

/** A band of a sheet small enough for one request; bands of one sheet stay in order. */
function splitRows(extent: Extent, index: number): Band[] {
  const bytesPerRow = Math.max(1, extent.cols) * READ_BYTES_PER_CELL;
  const maxRows = Math.max(MERGE_BAND_ROWS, Math.floor(PAYLOAD_BUDGET_BYTES / bytesPerRow));
  const end = extent.top + extent.rows;
  const bands: Band[] = [];
  for (let top = 0; top < extent.rows; top += maxRows) {
    bands.push({ ...extent, top: extent.top + top, rows: Math.min(maxRows, extent.rows - top), index, end });
  }
  return bands;
}

function bandBytes(b: Band): number {
  return b.rows * b.cols * READ_BYTES_PER_CELL;
}

/** Greedy: as many bands per request as the payload budget allows. */
function packBands(bands: readonly Band[]): Band[][] {
  const requests: Band[][] = [];
  let current: Band[] = [];
  let bytes = 0;
  for (const band of bands) {
    if (current.length > 0 && bytes + bandBytes(band) > PAYLOAD_BUDGET_BYTES) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(band);
    bytes += bandBytes(band);
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

function splittable(request: readonly Band[]): boolean {
  return request.length > 1 || (request[0]?.rows ?? 0) > 1;
}

function halve(request: readonly Band[]): Band[][] {
  if (request.length > 1) {
    const mid = Math.ceil(request.length / 2);
    return [request.slice(0, mid), request.slice(mid)];
  }
  const band = request[0]!;
  const upper = Math.ceil(band.rows / 2);
  return [[{ ...band, rows: upper }], [{ ...band, top: band.top + upper, rows: band.rows - upper }]];
}

function queueBandRead(context: Excel.RequestContext, band: Band): BandRead {
  const ws = context.workbook.worksheets.getItem(band.sheet);
  const range = ws.getRangeByIndexes(band.top, band.left, band.rows, band.cols);
  range.load('values,valueTypes,numberFormat');
  const merges: Excel.RangeAreas[] = [];
  for (let top = 0; top < band.rows; top += MERGE_BAND_ROWS) {
    const rows = Math.min(MERGE_BAND_ROWS, band.rows - top);
    const areas = ws
      .getRangeByIndexes(band.top + top, band.left, rows, band.cols)
      .getMergedAreasOrNullObject();
    areas.load('address');
    merges.push(areas);
  }
  return { band, range, merges };
}

function collectBand(read: BandRead, grid: Map<number, CellInput[]>, merges: Map<string, MergeArea>): void {
  const { band, range } = read;
  const values = range.values;
  const types = range.valueTypes;
  const formats = range.numberFormat;
  for (let r = 0; r < band.rows; r++) {
    let row: CellInput[] | undefined;
    for (let c = 0; c < band.cols; c++) {
      const cell = toCell(values[r]?.[c], types[r]?.[c], formats[r]?.[c]);
      if (cell === undefined) continue;
      if (!row) {
        row = [];
        grid.set(band.top + r, row);
      }
      row[band.left + c] = cell;
    }
  }
  for (const areas of read.merges) {
    if (areas.isNullObject) continue;
    for (const area of parseAreasAddress(areas.address)) {
      merges.set(`${area.top}:${area.left}:${area.bottom}:${area.right}`, area);
    }
  }
}

/** Excel's answer for one cell → the engine's CellInput; errors stay errors (CELL_ERROR). */
export function toCell(value: unknown, type: unknown, format: unknown): CellInput {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return undefined;
  if (type === 'Error') return { value: null, error: String(value) };
  const scalar = typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  const numberFormat = typeof format === 'string' && format !== '' && format !== 'General' ? format : null;
  return numberFormat ? { value: scalar, numberFormat } : scalar;
}

/** Dense rows from A1; rows without cells become empty arrays, gaps inside a row stay undefined. */
function toRows(grid: Map<number, CellInput[]>): CellInput[][] {
  let last = -1;
  for (const r of grid.keys()) last = Math.max(last, r);
  const rows: CellInput[][] = [];
  for (let r = 0; r <= last; r++) {
    const row = grid.get(r) ?? [];
    rows.push(Array.from(row, (x) => x));
  }
  return rows;
}

function toVisibility(v: unknown): SheetVisibility {
  return v === 'Hidden' ? 'hidden' : v === 'VeryHidden' ? 'veryHidden' : 'visible';
}

function settingText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
