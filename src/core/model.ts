import type { CellAddress } from './address';
import type { Reason } from './reasons';

/** The built-in report layouts (domain.md), derived from the registry (layouts/registry.ts). */
export type { AnyLayoutId, LayoutId, TableLayoutId } from './layouts/registry';
import type { AnyLayoutId } from './layouts/registry';

/** Where the status came from: written in the sheet, or worked out from figures / scores / plans. */
export type StatusSource = 'reported' | 'computed' | 'planned';

export type Direction = 'increase' | 'decrease' | 'maintain';

export interface IndicatorFigures {
  readonly name: string;
  readonly unit: string;
  readonly baseline: number | string | null;
  readonly target: number | string | null;
  readonly actual: number | string | null;
  readonly direction: Direction | null;
  /** Fiscal years named in the headers: 実績（R2） → 2020, 目標（R5） → 2023. */
  readonly baselineYear?: number;
  readonly targetYear?: number;
}

/**
 * One counted entry: an item's reported status, one department's rating of an item,
 * one indicator of an item, or one year of a plan.
 */
export interface Entry {
  /** The cell that carries the status (or the figures) — every entry points at its source. */
  readonly at: CellAddress;
  /** The built-in layout, or 'table:<id>' for a table described in the settings. */
  readonly layout: AnyLayoutId;
  /** Group path, outermost first: ['重点項目1 …'] or ['(1) 財政マネジメントの強化', '①安定的…']. */
  readonly group: readonly string[];
  readonly number: string;
  readonly title: string;
  readonly department: string;
  /** The status as written ('' when none was written, e.g. computed entries). */
  readonly rawStatus: string;
  /** The scheme's label the raw status matched, e.g. '達成' (a sub-status of 順調); null if none. */
  readonly status: string | null;
  /** The top-level category it counts under, e.g. '順調'; null = unclassified. */
  readonly category: string | null;
  /** True for 対象外 ('-'): listed, but kept out of the totals. */
  readonly excluded: boolean;
  /** Id of the status scheme used. */
  readonly scheme: string;
  /** The status column's header as written, for a table with several status columns (実施状況, 達成度). */
  readonly column?: string;
  readonly source: StatusSource;
  /** Fiscal year judged, e.g. 2021. */
  readonly year?: number;
  readonly indicator?: IndicatorFigures;
  readonly plannedStage?: string;
  /**
   * Why the category, as data: a code ('PACE', 'ACHIEVED', 'PLANNED' …) with its parameters
   * (reasons.ts). Worded only where it is shown (formatReason: the list sheet, the JSON), in
   * settings.output.locale: 「進捗率 62%（期待 75%：R3/R5）」.
   */
  readonly reason?: Reason;
  /** Set when this entry repeats an earlier one (再掲): listed, not counted. */
  readonly repeatOf?: CellAddress;
  /**
   * Set when the office's own judgement (二次評価, a reviewer's change to 取組一覧's 判定区分) replaced
   * the report's: status, category and excluded above are then the office's, and this is the report's.
   */
  readonly reported?: ReportedJudgement;
}

/** What the report itself gave an entry, kept when a reviewer's judgement is counted instead. */
export interface ReportedJudgement {
  readonly status: string | null;
  readonly category: string | null;
  readonly excluded: boolean;
}

/** A summary table the workbook itself states (関市's 順調 17 / やや遅れている 12 / 遅れている 2). */
export interface StatedSummary {
  readonly at: CellAddress;
  /** Label as written → the stated count and the cell holding it. */
  readonly rows: readonly {
    readonly label: string;
    readonly count: number;
    readonly at: CellAddress;
    /** Last year's count, when the table states it (前年度), for the comparison with last year. */
    readonly previous?: number;
    /** The change stated (増減, ▲ for minus). */
    readonly change?: number;
  }[];
}

export interface SheetReport {
  /** The workbook's file name, when a run reads several files (multi.ts). */
  readonly file?: string;
  readonly name: string;
  /** The layout recognised, or null when no report table was found (or the sheet was skipped). */
  readonly layout: AnyLayoutId | null;
  readonly entries: number;
  readonly skipped?: 'hidden' | 'excluded';
}

export interface GroupCounts {
  readonly path: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface Summary {
  readonly scheme: string;
  /** The status column counted, as headed, when a table has several (実施状況 / 達成度). */
  readonly column?: string;
  /** For plan summaries (stages planned per year): the fiscal year counted. */
  readonly year?: number;
  /** Heading of the table in the 集計 sheet, e.g. 「達成状況」 or 「令和3年度の計画段階」. */
  readonly title: string;
  readonly schemeName: string;
  /** Top-level categories in display order. */
  readonly categories: readonly string[];
  readonly total: Readonly<Record<string, number>>;
  /** Counts of sub-statuses that roll up into a category: { '達成': 1 } shown as 「うち達成」. */
  readonly detail: Readonly<Record<string, number>>;
  /** Sum over categories (the denominator of the shares). */
  readonly counted: number;
  readonly groups: readonly GroupCounts[];
  readonly unclassified: number;
  readonly excluded: number;
  readonly repeats: number;
}

type OptionalEntryField =
  'column' | 'year' | 'indicator' | 'plannedStage' | 'reason' | 'repeatOf' | 'reported';

/** An entry's fields as a layout gives them: the optional ones left out or undefined. */
export type EntryInit = Omit<Entry, OptionalEntryField> & {
  readonly [K in OptionalEntryField]?: Entry[K] | undefined;
};

/**
 * The one constructor of entries: every field present, always in this order, so that all entries
 * share one shape (V8 keeps them compact and fast; objects built by spreads differ in shape and
 * grow dictionaries). An absent optional field is undefined, which JSON and the plan leave out.
 */
export function newEntry(f: EntryInit): Entry {
  return {
    at: f.at,
    layout: f.layout,
    group: f.group,
    number: f.number,
    title: f.title,
    department: f.department,
    rawStatus: f.rawStatus,
    status: f.status,
    category: f.category,
    excluded: f.excluded,
    scheme: f.scheme,
    column: f.column,
    source: f.source,
    year: f.year,
    indicator: f.indicator,
    plannedStage: f.plannedStage,
    reason: f.reason,
    repeatOf: f.repeatOf,
    reported: f.reported,
  } as Entry;
}
