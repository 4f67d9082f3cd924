/**
 * Limits the Office adapter works within. Excel on the web rejects a request or a response over
 * 5 MB; the desktop hosts are more generous, so staying under the web's limit is enough everywhere.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What one request may carry by our estimate; the margin covers what the estimate does not see. */
export const PAYLOAD_BUDGET_BYTES = 3.5 * 1024 * 1024;

/** Largest single write step (one range's values); bigger grids are written in row bands. */
export const MAX_STEP_BYTES = 1024 * 1024;

/** Estimated bytes per operation beyond its data (object path, method name, ids). */
export const OPERATION_OVERHEAD_BYTES = 120;

/**
 * A used range reaching far out (a stray value in XFD1048576) is read only this far from its first
 * cell; report tables never come near it.
 */
export const MAX_READ_ROWS = 10000;
export const MAX_READ_COLS = 100;

/** Estimated response bytes per cell read (value, type and number format, mostly short). */
export const READ_BYTES_PER_CELL = 48;

/** getMergedAreasOrNullObject fails above 512 areas, so merged areas are asked for in bands of rows. */
export const MERGE_BAND_ROWS = 40;

/** Defined in the workbook's settings (workbook.settings), shared by the task pane and the ribbon. */
export const SETTINGS_KEY = 'KaikakuShukei.settings';
