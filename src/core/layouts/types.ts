import type { DiagnosticBag } from '../diagnostics';
import type { CellAddress } from '../address';
import type { AnyLayoutId, Entry, LayoutId, StatedSummary, TableLayoutId } from '../model';
import type { Settings } from '../settings';
import type { Sheet } from '../sheet';
import type { CardState } from './cards';
import type { FlatState } from './flatTable';
import type { IndicatorState } from './indicatorBlocks';
import type { PlanState } from './planCards';
import type { ScoredState } from './scoredSheets';
import type { TableState } from './settingsTable';

/** The state each built-in layout carries from one sheet to the next, by layout id. */
export interface CarryStateMap {
  readonly cards: CardState;
  readonly flatTable: FlatState;
  readonly indicatorBlocks: IndicatorState;
  readonly scoredSheets: ScoredState;
  readonly planCards: PlanState;
}

/** The state a layout carries: its own type by id; a settings table's ('table:<id>') is TableState. */
export type CarryState<Id extends AnyLayoutId> = Id extends LayoutId
  ? CarryStateMap[Id]
  : Id extends TableLayoutId
    ? TableState
    : never;

/**
 * What a layout learned on earlier sheets, so a report split over several sheets reads as one. The
 * run stores it by layout id and hands each parse a fresh copy (run.ts copyCarry): a layout may change
 * what it is given, and never copies it.
 */
export interface LayoutCarry<Id extends AnyLayoutId = AnyLayoutId> {
  /** The group path open at the end of the previous sheet of the same layout. */
  readonly group?: readonly string[];
  /** Any other state the layout needs to continue (e.g. the current 改革項目 of a flat table). */
  readonly state?: CarryState<Id>;
}

/** A fact of the whole run and the cell it was read from. */
export interface RunFact<T> {
  readonly value: T;
  /** The cell it was read from; absent when it came from the settings or the workbook's name. */
  readonly at?: CellAddress;
  /** The cell's text as written (the file name for a title taken from it). */
  readonly text: string;
  readonly from: 'settings' | 'heading' | 'label' | 'fileName';
}

/**
 * The facts of the whole run, settled in a first pass over every sheet before any is parsed, so
 * that no layout's result depends on the order of the sheets.
 */
export interface RunContext {
  /** The fiscal year judged (2021 for 令和3年度), or null when nothing names it. */
  readonly reportYear: RunFact<number> | null;
  readonly title: RunFact<string> | null;
  /**
   * A layout that needed the report year and had none says where (an 実績 row to judge);
   * NO_REPORT_YEAR is raised once, by the run, at the first such cell.
   */
  needYear(at: CellAddress): void;
}

/** A fiscal year read from a cell. */
export interface YearFact {
  readonly year: number;
  readonly at: CellAddress;
  readonly text: string;
}

export interface LayoutContext<Id extends AnyLayoutId = AnyLayoutId> {
  readonly settings: Settings;
  readonly diagnostics: DiagnosticBag;
  /** The fiscal year judged (2021 for 令和3年度): the run's (run.reportYear), settled before parsing. */
  readonly reportYear: number | null;
  readonly run: RunContext;
  readonly carry: LayoutCarry<Id>;
}

export interface LayoutResult<Id extends AnyLayoutId = AnyLayoutId> {
  readonly entries: readonly Entry[];
  readonly statedSummaries: readonly StatedSummary[];
  /** Report title found on the sheet (first heading), if any. */
  readonly title?: string;
  /** State to hand to the next sheet of the same layout. */
  readonly carry?: LayoutCarry<Id>;
}

/** A header concept of a layout: its built-in words and what it means (docs/cli.md). */
export interface Concept {
  readonly words: readonly string[];
  /** What the label marks, in Japanese, for the docs and the task pane. */
  readonly about: string;
}

/**
 * A layout's record: its registry entry (registry.ts: id, names, default scheme), its concepts, and
 * the functions that recognise and read it.
 */
export interface Layout<Id extends AnyLayoutId = AnyLayoutId> {
  /** A registry id, or 'table:<id>' for a table described in the settings (settingsTable.ts). */
  readonly id: Id;
  /** Japanese name shown to users, e.g. 「カード形式（関市型）」 (registry.ts layoutTitle). */
  readonly name: string;
  /** The header concepts `labels.<id>.<concept>` may add words to, in the order they are tried. */
  readonly concepts: Readonly<Record<string, Concept>>;
  /**
   * How sure we are that the sheet holds this layout, from 0 (not at all) to 1. Cheap: a scan of
   * labels against the layout's synonyms, never a full parse.
   */
  detect(sheet: Sheet, settings: Settings): number;
  parse(sheet: Sheet, ctx: LayoutContext<Id>): LayoutResult<Id>;
  /**
   * The report year the sheet names in this layout's own labels (R3進捗状況, a 令和3年度 header), with
   * its cell: read by the run's first pass when no heading names the year. Optional.
   */
  reportYear?(sheet: Sheet, settings: Settings): YearFact | null;
  /**
   * True when an item number identifies one entry (cards), so the same number twice is a
   * DUPLICATE_NUMBER; false or absent when several entries share a number (department rows, repeats).
   */
  readonly uniqueNumbers?: boolean;
  /**
   * Called once after the last sheet with the carry of this layout's last parsed sheet, to close
   * what a sheet left open (a card whose status never came). Optional.
   */
  finish?(ctx: LayoutContext<Id>): LayoutResult<Id>;
}

/** A layout of the registry (registry.ts), as LAYOUTS lists them. */
export type BuiltInLayout = Layout<LayoutId>;
