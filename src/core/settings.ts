import type { TableDef } from './tableSettings';
import { defaultLayoutSchemes, type LayoutId } from './layouts/registry';

/**
 * Everything a reform office may change without touching code. Stored in the workbook by the
 * add-in, passed with --config to the command line; both take the same JSON.
 */

export interface StatusCategoryDef {
  /** Label as published, e.g. '順調', 'A'. Also the key in counts. */
  readonly label: string;
  /** Other spellings that mean this label: 'やや遅れ', '概ね順調', '3', '◎'. */
  readonly aliases: readonly string[];
  /** When set, this label counts under that category and is shown as 「うち<label>」 (達成 → 順調). */
  readonly rollUpTo?: string;
  /** True for 対象外 ('-'): listed, kept out of totals and shares. */
  readonly excluded?: boolean;
  /**
   * True for a category of items behind plan (やや遅れている, 遅れている): the per-department tables
   * give their share. When no category of a scheme says, every top-level one after the first is.
   */
  readonly behind?: boolean;
  /**
   * True for a category outside the scheme's better-to-worse order (完了 beside A–D: the item ended,
   * it is not a grade): last year's comparison calls a move to or from it 区分変更, never 改善 / 後退.
   */
  readonly unranked?: boolean;
}

export interface StatusScheme {
  readonly id: string;
  /** Name shown in the task pane and the 集計 sheet. */
  readonly name: string;
  /** In display order, best first. Top-level categories are those without rollUpTo or excluded. */
  readonly categories: readonly StatusCategoryDef[];
}

export type CountBy = 'indicator' | 'worstIndicator';

export interface JudgeSettings {
  /** p/e at or above this → the first category (順調). */
  readonly onTrackRatio: number;
  /** p/e at or above this (and below onTrackRatio) → the second category (やや遅れている). */
  readonly slightlyBehindRatio: number;
  /** Scheme used for computed statuses. */
  readonly scheme: string;
  /** Labels in that scheme for: on track, slightly behind, behind, achieved (rolls up into on track). */
  readonly labels: {
    readonly onTrack: string;
    readonly slightlyBehind: string;
    readonly behind: string;
    readonly achieved: string;
  };
  /** Stages in order of progress; a later stage is further along. Slash-separated synonyms. */
  readonly stages: readonly string[];
  readonly countBy: CountBy;
  /** 府中市 style score bands: average ≥ min → score. Highest first. */
  readonly scoreBands: readonly { readonly min: number; readonly score: number }[];
  /**
   * Words that set a direction as a target (増加 / 縮減 / 維持). Optional so that older settings
   * files stay valid; the judge falls back to DEFAULT_DIRECTION_WORDS.
   */
  readonly directions?: DirectionWords;
  /** Stages behind the planned one still counted as slightly behind (default 1). */
  readonly slightlyBehindSteps?: number;
}

export interface DirectionWords {
  readonly increase: readonly string[];
  readonly decrease: readonly string[];
  readonly maintain: readonly string[];
}

export const DEFAULT_DIRECTION_WORDS: DirectionWords = {
  increase: ['増加', '増', '向上', '拡大', '拡充', '上昇'],
  decrease: ['縮減', '減少', '削減', '低減', '減', '抑制'],
  maintain: ['維持', '現状維持'],
};

export interface OutputSettings {
  readonly summarySheet: string;
  readonly listSheet: string;
  readonly diagnosticsSheet: string;
  readonly locale: 'ja' | 'en';
  /**
   * How the shares in 集計 and the JSON are rounded (issue 11 item 5): 'asIs' each to 0.1% on its
   * own, with a note when they do not add to 100.0% (as offices print); 'largestRemainder' adjusted
   * so that they do. Absent = 'asIs'.
   */
  readonly shareRounding?: ShareRounding;
}

export type ShareRounding = 'asIs' | 'largestRemainder';
export const SHARE_ROUNDINGS: readonly ShareRounding[] = ['asIs', 'largestRemainder'];

export interface SheetSelection {
  /** Sheet names to read; empty = every visible sheet. */
  readonly include: readonly string[];
  /** Sheet names never to read. */
  readonly exclude: readonly string[];
}

export interface Settings {
  readonly version: 1;
  /** Fiscal year of the report (2021 for 令和3年度); null = found from the title and headers. */
  readonly reportYear: number | null;
  readonly schemes: readonly StatusScheme[];
  /** Scheme used per layout for reported statuses. */
  readonly layoutSchemes: Readonly<Record<LayoutId, string>>;
  /** Extra label synonyms per layout and concept, added to each layout's built-in ones. */
  readonly labels: Readonly<Partial<Record<LayoutId, Readonly<Record<string, readonly string[]>>>>>;
  readonly judge: JudgeSettings;
  readonly sheets: SheetSelection;
  readonly output: OutputSettings;
  /** How much a workbook may unpack to before it is refused unread (issue 9); default when absent. */
  readonly limits?: ReadLimits;
  /**
   * A city's own tables described in the settings (tableSettings.ts): saved by the task pane's
   * 「表の列を指定」; checked here, read by the engine in a later step (issue 10 item 4).
   */
  readonly tables?: readonly TableDef[];
  /**
   * 部局 → its 所管課 (issue 11): the per-department tables count per 部局 when given, per 所管課 as
   * written otherwise. `{ "総務部": ["総務課", "人事課"] }`.
   */
  readonly departments?: Readonly<Record<string, readonly string[]>>;
}

export interface ReadLimits {
  /** The parts of the .xlsx together, uncompressed, in MiB, for the streaming reader (the normal path). */
  readonly maxUnpackedMegabytes: number;
  /**
   * The same, for a workbook only the ExcelJS fallback can read or write (an ISO date cell,
   * overlapping merges, a package the zip-level writer will not extend); default when absent.
   */
  readonly maxFallbackUnpackedMegabytes?: number;
}

/**
 * Peak memory of the whole command line, measured (docs/bench.md): the streaming reader with the
 * engine costs about 20× the unpacked size (140,000 rows, 37.5 MiB → 748 MB), ExcelJS about 37× (13 MB unpacked, 10,000 entries →
 * 496 MB). These defaults keep either path under 1 GB for any input; a larger workbook is refused
 * with a message naming the setting, which an office may raise on a machine with the memory for it.
 */
const STREAM_LIMIT = 48;
export const DEFAULT_READ_LIMITS: Required<ReadLimits> = {
  maxUnpackedMegabytes: STREAM_LIMIT,
  maxFallbackUnpackedMegabytes: 24,
};

export const DEFAULT_SCHEMES: readonly StatusScheme[] = [
  {
    id: 'progress3',
    name: '順調 / やや遅れている / 遅れている',
    categories: [
      { label: '順調', aliases: ['順調に進んでいる', '計画どおり', '計画通り', '◎', '○'] },
      { label: '達成', aliases: ['完了', '目標達成', '達成済'], rollUpTo: '順調' },
      { label: 'やや遅れている', aliases: ['やや遅れ', 'やや遅延', '△'], behind: true },
      { label: '遅れている', aliases: ['遅れ', '遅延', '遅れが生じている', '×'], behind: true },
      { label: '対象外', aliases: ['-', '—', '―', '－', '‐', '−', '該当なし'], excluded: true },
    ],
  },
  {
    id: 'abcd',
    name: 'A / B / C / D / 完了',
    categories: [
      { label: 'A', aliases: ['Ａ'] },
      { label: 'B', aliases: ['Ｂ'], behind: true },
      { label: 'C', aliases: ['Ｃ'], behind: true },
      { label: 'D', aliases: ['Ｄ'], behind: true },
      { label: '完了', aliases: ['達成'], unranked: true },
      { label: '対象外', aliases: ['-', '—', '―', '－', '‐', '−', '該当なし'], excluded: true },
    ],
  },
  {
    id: 'score3',
    name: '3 / 2 / 1（施策の評点）',
    categories: [
      { label: '目標達成に向けて順調', aliases: ['3', '順調'] },
      {
        label: 'やや遅れているが、概ね順調',
        aliases: ['2', 'やや遅れているが概ね順調', '概ね順調'],
        behind: true,
      },
      { label: '遅れが生じている', aliases: ['1', '遅れている'], behind: true },
    ],
  },
  {
    id: 'implementation3',
    name: '完了 / 取組中 / 未着手（実施状況）',
    categories: [
      { label: '完了', aliases: ['実施済', '実施済み'] },
      { label: '取組中', aliases: ['実施中', '継続中', '着手'] },
      { label: '未着手', aliases: ['未実施'], behind: true },
      { label: '対象外', aliases: ['-', '—', '―', '－', '‐', '−', '該当なし'], excluded: true },
    ],
  },
  {
    id: 'achievement3',
    name: '達成 / 一部達成 / 未達成（達成度）',
    categories: [
      { label: '達成', aliases: ['目標達成', '達成済'] },
      { label: '一部達成', aliases: [], behind: true },
      { label: '未達成', aliases: ['未達'], behind: true },
      { label: '対象外', aliases: ['-', '—', '―', '－', '‐', '−', '該当なし'], excluded: true },
    ],
  },
  {
    id: 'stage',
    name: '段階（未着手 / 検討 / 実施 / 達成）',
    categories: [
      { label: '達成', aliases: ['完了'] },
      { label: '実施', aliases: ['実施中'] },
      { label: '検討・実施', aliases: ['検討実施', '検討及び実施'] },
      { label: '検討', aliases: ['研究', '調査'] },
      { label: '未着手', aliases: [], behind: true },
      { label: '対象外', aliases: ['-', '—', '―', '－', '‐', '−'], excluded: true },
    ],
  },
];

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  reportYear: null,
  schemes: DEFAULT_SCHEMES,
  layoutSchemes: defaultLayoutSchemes(),
  labels: {},
  judge: {
    onTrackRatio: 1,
    slightlyBehindRatio: 0.5,
    scheme: 'progress3',
    labels: { onTrack: '順調', slightlyBehind: 'やや遅れている', behind: '遅れている', achieved: '達成' },
    stages: ['未着手', '検討', '検討・実施', '実施', '完了/達成'],
    countBy: 'indicator',
    scoreBands: [
      { min: 2.5, score: 3 },
      { min: 1.5, score: 2 },
      { min: 0, score: 1 },
    ],
    directions: DEFAULT_DIRECTION_WORDS,
    slightlyBehindSteps: 1,
  },
  sheets: { include: [], exclude: [] },
  output: {
    summarySheet: '集計',
    listSheet: '取組一覧',
    diagnosticsSheet: '検証結果',
    locale: 'ja',
    shareRounding: 'asIs',
  },
};

export function findScheme(settings: Settings, id: string): StatusScheme | undefined {
  return settings.schemes.find((s) => s.id === id);
}
