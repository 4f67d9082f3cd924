import type { CellAddress, Settings, CellScalar, HeaderCell, TableDef } from '../core/index';
import type { DepartmentFile } from './departmentFiles';
import type { JobOutcome, JobProgress } from './job';

/**
 * What the task pane needs from where it runs: inside Excel (Office.js) or in the browser preview
 * (an .xlsx file opened in the page). Components get a host as a prop and never touch Office.js.
 */
export interface WorkbookHost {
  readonly kind: 'excel' | 'preview';
  /** Settings stored with the workbook (Excel) or in this browser (preview); the defaults when none. */
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(settings: Settings): Promise<void>;
  /**
   * One run of 集計 with the stored settings; with last year's report, compared with it; with
   * departments' files, they are counted together with the workbook (read in the page, not copied
   * into it) (issue 11).
   */
  run(
    onProgress: (p: JobProgress) => void,
    previous?: PreviousFile | null,
    departmentFiles?: readonly DepartmentFile[],
  ): Promise<JobOutcome>;
  /** Adds (or replaces by id) a table the user described to the stored settings, keeping the rest. */
  saveTable(def: TableDef): Promise<void>;
  /** Excel: the row of the user's selection, to be a table's header row (null: no usable selection). */
  selectedRow?(): Promise<HeaderRowPick | null>;
  /** Preview: the first `rows` rows of every sheet of the opened file, to click a header row in. */
  sheetTops?(rows: number): Promise<readonly SheetTop[]>;
  /** Takes the user to a cell: selects it in Excel; in the preview, returns the cells around it. */
  select(at: CellAddress, to?: { readonly row: number; readonly col: number }): Promise<CellExcerpt | null>;
}

/** Last year's report as the user chose it: read in the browser, never sent anywhere. */
export interface PreviousFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface LoadedSettings {
  readonly settings: Settings;
  /** Set when stored settings could not be used (the defaults are returned instead). */
  readonly problem?: unknown;
}

/** A few cells around a diagnostic's cell, for the preview (there is no workbook to select in). */
export interface CellExcerpt {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly rows: readonly (readonly CellScalar[])[];
  readonly focus: {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
  };
}

/** A header row the user pointed at: its sheet, 0-based row and the cells with text. */
export interface HeaderRowPick {
  readonly sheet: string;
  readonly row: number;
  readonly cells: readonly HeaderCell[];
}

/** The top of one sheet, as values, for choosing a header row in the preview. */
export interface SheetTop {
  readonly name: string;
  readonly rows: readonly (readonly CellScalar[])[];
}
