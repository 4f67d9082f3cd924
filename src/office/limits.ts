/**
 * Limits the Office adapter works within. Excel on the web rejects a request or a response over
 * 5 MB; the desktop hosts are more generous, so staying under the web's limit is enough everywhere.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What one request may carry by our estimate; the margin covers what the estimate does not see. */
export const PAYLOAD_BUDGET_BYTES = 3.5 * 1024 * 1024;

/**
 * A request estimated at this many bytes or more that Excel refuses with a bare GeneralException is
 * split as for a payload error (Excel on the web has been seen to answer a large payload so).
 */
export const LARGE_REQUEST_BYTES = 1024 * 1024;

/** Largest single write step (one range's values); bigger grids are written in row bands. */
export const MAX_STEP_BYTES = 1024 * 1024;

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
