import type { Diagnostic } from './diagnostics';
import type { MergeArea } from './workbook';

/**
 * A declarative description of the output sheets. The adapters (Office.js and .xlsx) only carry it
 * out, so the same plan, tested once, gives the same sheets in both.
 */

export type PlanCell =
  | null
  /** Text copied from cells or made by the engine: always written as text, never as a formula. */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  /** A formula (without "=") with the value the engine computed, cached for readers that do not recalculate. */
  | { readonly kind: 'formula'; readonly formula: string; readonly cached: number | string }
  /** An internal hyperlink to a cell: text shown, target as a sheet and A1 cell. */
  | {
      readonly kind: 'link';
      readonly text: string;
      readonly sheet: string;
      readonly cell: string;
    };

/** Named styles; each adapter maps them through STYLES below, so both render alike. */
export type StyleName =
  | 'title'
  | 'subtitle'
  | 'header'
  | 'body'
  | 'bodyWrap'
  | 'number'
  | 'percent'
  | 'total'
  | 'totalPercent'
  | 'subtotal'
  | 'subtotalPercent'
  | 'change'
  | 'totalChange'
  | 'link'
  | 'error'
  | 'warning'
  | 'info'
  | 'note';

export interface StyleDef {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  readonly fontColor?: string;
  readonly underline?: boolean;
  /** Fill as #RRGGBB. */
  readonly fill?: string;
  readonly border?: 'thin' | 'none';
  readonly numberFormat?: string;
  readonly wrap?: boolean;
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly vertical?: 'top' | 'center';
}

export const STYLES: Readonly<Record<StyleName, StyleDef>> = {
  title: { bold: true, fontSize: 14 },
  subtitle: { fontSize: 10, fontColor: '#595959' },
  header: {
    bold: true,
    fill: '#DDEBF7',
    border: 'thin',
    horizontal: 'center',
    vertical: 'center',
    wrap: true,
  },
  body: { border: 'thin', vertical: 'top' },
  bodyWrap: { border: 'thin', vertical: 'top', wrap: true },
  number: { border: 'thin', numberFormat: '#,##0', horizontal: 'right' },
  percent: { border: 'thin', numberFormat: '0.0%', horizontal: 'right' },
  total: { bold: true, border: 'thin', fill: '#F2F2F2', numberFormat: '#,##0' },
  totalPercent: { bold: true, border: 'thin', fill: '#F2F2F2', numberFormat: '0.0%' },
  subtotal: { border: 'thin', fill: '#FAFAFA', numberFormat: '#,##0' },
  subtotalPercent: { border: 'thin', fill: '#FAFAFA', numberFormat: '0.0%' },
  // 増減 as offices print it: ▲2 for minus, 0 for no change.
  change: { border: 'thin', numberFormat: '#,##0;"▲"#,##0;0', horizontal: 'right' },
  totalChange: { bold: true, border: 'thin', fill: '#F2F2F2', numberFormat: '#,##0;"▲"#,##0;0' },
  link: { border: 'thin', fontColor: '#0563C1', underline: true, vertical: 'top' },
  error: { border: 'thin', fill: '#FDE9E7', fontColor: '#9C0006', vertical: 'top' },
  warning: { border: 'thin', fill: '#FFF2CC', fontColor: '#7F6000', vertical: 'top' },
  info: { border: 'thin', vertical: 'top' },
  note: { fontSize: 9, fontColor: '#595959' },
};

export interface StyledRange {
  /** 0-based, inclusive. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly style: StyleName;
}

/** A cell block on the chart's own sheet, 0-based and inclusive. */
export interface CellBlock {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * A native chart over cells the plan writes on the same sheet (issue 11): one series, its labels in
 * `categories` and its numbers in `values` (both one column, the same rows), drawn over `anchor`.
 */
export interface ChartPlan {
  readonly kind: 'bar';
  readonly title: string;
  /** The series name (the count column's header). */
  readonly seriesName: string;
  readonly categories: CellBlock;
  readonly values: CellBlock;
  /** Where the chart sits: top-left cell (0-based) and its size in rows and columns. */
  readonly anchor: {
    readonly row: number;
    readonly col: number;
    readonly rows: number;
    readonly cols: number;
  };
}

export type OutputRole = 'summary' | 'list' | 'diagnostics' | 'comparison';

export interface SheetPlan {
  readonly role: OutputRole;
  /** Final name, already made unique against the user's own sheets. */
  readonly name: string;
  /** Row-major cells from A1. */
  readonly rows: readonly (readonly PlanCell[])[];
  readonly styles: readonly StyledRange[];
  readonly merges: readonly MergeArea[];
  /** Width of each column in characters (Excel's unit). */
  readonly columnWidths: readonly number[];
  /** Columns (0-based) written hidden: 取組一覧's record of what the run wrote. */
  readonly hiddenColumns?: readonly number[];
  readonly freeze?: { readonly rows: number; readonly cols: number };
  /** Rows repeated at the top of each printed page (0-based, inclusive). */
  readonly printTitleRows?: { readonly first: number; readonly last: number };
  readonly print: {
    readonly paper: 'A4';
    readonly orientation: 'portrait' | 'landscape';
    readonly fitToWidth: true;
  };
  /** Autofilter over the header row and data, when the sheet is a list. */
  readonly autoFilter?: {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
  };
  /** Charts drawn over this sheet's cells (集計: one per summary). */
  readonly charts?: readonly ChartPlan[];
}

export interface OutputPlan {
  /** In the order they should appear, after the source sheets. */
  readonly sheets: readonly SheetPlan[];
  /** Names of sheets owned by the add-in that must be deleted before writing (old outputs). */
  readonly replace: readonly string[];
  /** Which sheet to activate after writing. */
  readonly activate: string;
  /** Findings of the planning itself (OUTPUT_NAME_TAKEN), also listed in the diagnostics sheet. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** A sheet that already exists in the workbook, as the adapter found it. */
export interface ExistingSheet {
  readonly name: string;
  /** True only when the adapter can prove the add-in created it (ownership mark). */
  readonly owned: boolean;
  /** The output role it was created for, when owned. */
  readonly role?: OutputRole;
}

/**
 * What a run does to the workbook's sheets: the output sheets it creates anew, and our old output
 * sheets it deletes to write the new ones in their place (issue 9: every output says which).
 */
export function sheetChanges(plan: OutputPlan): { created: string[]; replaced: string[] } {
  const old = new Set(plan.replace.map((n) => n.toLowerCase()));
  return {
    created: plan.sheets.map((s) => s.name).filter((n) => !old.has(n.toLowerCase())),
    replaced: [...plan.replace],
  };
}
