/**
 * Limits the Office adapter works within. Excel on the web rejects a request or a response over
 * 5 MB; the desktop hosts are more generous, so staying under the web's limit is enough everywhere.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The payload floor of one direction: the fewest requests (or answers) that can carry `bytes` when
 * each may carry at most 5 MB — ceil(bytes / 5 MiB), and at least one. `npm run bench` adds one per
 * dependent step before (the listing, the extents) and compares Office's round trips with it.
 */
export function payloadFloor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / PAYLOAD_LIMIT_BYTES));
}

/** What a read's first request may ask for by our estimate, before any answer has been weighed. */
export const PAYLOAD_BUDGET_BYTES = 3.5 * 1024 * 1024;

/**
 * What one write request may carry by our estimate. Measured through excel-web-16.00.js against the
 * local ProcessQuery endpoint, the JSON the library sends for a values write is the data plus a few
 * hundred bytes per operation (object paths, ids; the library's own chunking of grids over 1500 cells
 * adds one more operation per chunk), which OPERATION_OVERHEAD_BYTES counts. The 0.4 MB margin below
 * the 5 MB limit covers what the estimate does not see; a request Excel still refuses is split.
 */
export const WRITE_BUDGET_BYTES = PAYLOAD_LIMIT_BYTES - 0.4 * 1024 * 1024;

/**
 * A request estimated at this many bytes or more that Excel refuses with a bare GeneralException is
 * split as for a payload error (Excel on the web has been seen to answer a large payload so).
 */
export const LARGE_REQUEST_BYTES = 1024 * 1024;

/**
 * Largest single write step (one range's values); bigger grids are written in row bands. Small, so
 * that packing fills a request to the budget: at most this much of a request is left unused.
 */
export const MAX_STEP_BYTES = 256 * 1024;

/**
 * Bytes the library sends per write action beyond its data: measured through excel-web-16.00.js and
 * the endpoint, a 100-sheet output sent 34,873 actions in 7.10 MB (204 bytes each, data included).
 */
export const WRITE_ACTION_BYTES = 200;

/**
 * Measured the same way for a 10,000-entry output (issue 12): a hyperlink costs the library 518 bytes
 * beyond its target (the range's object path, two instantiations, _KeepReference, the set), more
 * than two actions of 200; a style's counted actions (format, font, borders by edge: object paths
 * with short sets) 135–145 bytes each, less; a grid's JSON up to a tenth more than its data's (the
 * library's row chunks: GetRow, GetBoundingRect, _ValidateArraySize). Without these, requests of
 * links and grids went out at 5.2–5.4 MB (refused) while requests of styles left a fifth unused.
 */
export const LINK_WRITE_BYTES = 520;
export const STYLE_ACTION_BYTES = 150;
export const GRID_DATA_FACTOR = 1.1;

/** Estimated bytes per operation beyond its data (object path, method name, ids). */
export const OPERATION_OVERHEAD_BYTES = 120;

/**
 * An empty stretch of at least this many cells inside a sheet's used range is not read cell by cell
 * (only asked whether it holds a value): one stray value far out costs a few calls, not its distance.
 * Smaller gaps, like the blank rows and columns inside a report, are read with the cells around them.
 */
export const GAP_CELLS = 4096;

/** A part of a sheet is read whole when at most this many times its filled cells (else it is halved). */
export const DENSE_FACTOR = 8;

/** A range whose values are not known is read whole up to this many cells, else probed in halves. */
export const DIRECT_READ_CELLS = 262144;

/**
 * Estimated response bytes per cell read (value, type and number format). An empty cell is about
 * `"","Empty","General"`; a filled one depends on its text, so the first request counts it
 * generously, and later ones by what the earlier answers weighed, with a margin: measured, they may
 * fill more of the 5 MB. A request the estimate gets wrong is refused and asked again in halves.
 */
export const EMPTY_CELL_BYTES = 24;
export const FILLED_CELL_BYTES = 96;
export const MEASURED_MARGIN = 1.05;
export const MEASURED_BUDGET_BYTES = 4.5 * 1024 * 1024;

/**
 * getMergedAreasOrNullObject fails above 512 areas, so merged areas are asked for in tiles of at most
 * 512 cells: merged areas do not overlap, so a tile meets at most one per cell.
 */
export const MERGE_TILE_CELLS = 512;

/** Defined in the workbook's settings (workbook.settings), shared by the task pane and the ribbon. */
export const SETTINGS_KEY = 'KaikakuShukei.settings';
