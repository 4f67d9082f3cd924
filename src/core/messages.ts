import { toA1 } from './address';
import type {
  Diagnostic,
  DiagnosticCode,
  DiagnosticParamMap,
  FilesDiagnosticCode,
  ReviewDiagnosticCode,
  ComparisonDiagnosticCode,
  SafetyDiagnosticCode,
  Severity,
  TableDiagnosticCode,
} from './diagnostics';
import type { EngineErrorCode, SafetyErrorCode } from './errors';
import { formatFiscalYear, shortFiscalYear } from './fiscalYear';
import type { Reason, ReasonCode, ReasonParamMap } from './reasons';

/**
 * All user-facing text the engine makes, Japanese first: diagnostics keyed by code, the judge's
 * reasons keyed by reason code, summary titles and engine errors. Detection code never builds
 * sentences; it passes `params`, named as below. (The output sheets' fixed words are in plan/labels.ts.)
 */
export type Locale = 'ja' | 'en';

type Params = Readonly<Record<string, string | number>>;
/** Each code's words, from that code's parameters only (DiagnosticParamMap). */
type Templates<C extends DiagnosticCode> = { readonly [K in C]: (x: DiagnosticParamMap[K]) => string };

const p = (params: Params, key: string): string => String(params[key] ?? '');

/** The engine's own codes; each group below (safety, review, tables, comparison, files) has its own tables. */
type CoreCode = Exclude<
  DiagnosticCode,
  | SafetyDiagnosticCode
  | ReviewDiagnosticCode
  | TableDiagnosticCode
  | ComparisonDiagnosticCode
  | FilesDiagnosticCode
>;

const JA: Templates<CoreCode> = {
  SHEET_HIDDEN_SKIPPED: () => '非表示のシートのため読み取りませんでした。',
  SHEET_EXCLUDED: () => '設定で対象外にしたシートのため読み取りませんでした。',
  NO_TABLE_FOUND: () => '報告表が見つかりませんでした（見出しの語が設定と一致しません）。',
  EMPTY_WORKBOOK: () => 'ブックに読み取れるシートがありません。',
  OUTPUT_NAME_TAKEN: (x) =>
    `同じ名前のシート「${x.name}」は利用者のシートのため残し、結果は「${x.used}」に書き出しました。`,
  CELL_ERROR: (x) => `セルがエラー値（${x.error}）です。元の数式を確認してください。`,
  UNPARSABLE_NUMBER: (x) => `数値として読めません（${x.field}）。`,
  DATE_FOR_NUMBER: (x) => `数値の欄に日付が入っています（${x.field}）。`,
  SHIFTED_ROW: (x) =>
    `行のセルが${x.shift}列ずれています（${x.expected ? x.expected : `${x.column}列`}の欄に「${x.found}」）。表の列を確認してください。`,
  COLUMN_NOT_FOUND: (x) =>
    `表に「${x.column}」の列が見つかりません（見出しの語：${x.words}）。${x.column}ごとの集計・表示はしません。別の見出しなら設定 ${x.setting} に語を足してください。`,
  MISSING_STATUS: (x) => `「${x.title}」の進捗状況（評価）が空欄です。`,
  UNKNOWN_STATUS: (x) =>
    x.suggestion
      ? `「${x.status}」は評価区分にありません。「${x.suggestion}」の誤りではありませんか。`
      : `「${x.status}」は評価区分（${x.scheme}）にありません。`,
  STATUS_NOTE: (x) =>
    `「${x.status}」として数え、括弧・※の注記「${x.note}」は数えていません。注記が評価を変える場合は評価の欄を直してください。`,
  DUPLICATE_NUMBER: (x) => `番号「${x.number}」が重複しています（最初は ${x.firstSheet}!${x.firstCell}）。`,
  STATED_SUMMARY_MISMATCH: (x) =>
    `表に記載された「${x.label}」${x.stated}件が、各項目の集計 ${x.counted}件と一致しません。`,
  MISSING_TARGET: (x) => `「${x.indicator}」に${x.year}の目標値がないため判定できません。`,
  MISSING_ACTUAL: (x) => `「${x.indicator}」に${x.year}の実績値がないため判定できません。`,
  MISSING_BASELINE: (x) =>
    x.target
      ? `「${x.indicator}」に初期値がないため、目標「${x.target}」と比べられず判定できません。`
      : `「${x.indicator}」に初期値がないため、目標値に対する割合で判定しました。`,
  UNIT_MISMATCH: (x) =>
    `「${x.indicator}」の目標（${x.targetUnit}）と実績（${x.actualUnit}）の単位が違うため判定できません。`,
  UNIT_CHANGED: (x) => `「${x.indicator}」の単位が年度の途中で「${x.from}」から「${x.to}」に変わっています。`,
  NO_REPORT_YEAR: () =>
    '報告年度が見つかりません。設定またはコマンドラインの --year で年度を指定してください。',
  STATED_AVERAGE_MISMATCH: (x) =>
    `記載の平均値 ${x.stated} が、施策の評点から計算した ${x.computed} と一致しません。`,
  STATED_LABEL_MISMATCH: (x) =>
    `記載の進捗状況「${x.stated}」が、平均値から求めた「${x.computed}」と一致しません。`,
  REPEATED_ENTRY: (x) =>
    `番号「${x.number}」は ${x.firstSheet}!${x.firstCell} と同じ内容の再掲のため、1件として数えました。`,
  CONFLICTING_REPEAT: (x) =>
    `番号「${x.number}」が ${x.firstSheet}!${x.firstCell} と異なる内容で再び出てきます。`,
  EXTRA_VALUES: (x) =>
    `年度の列が${x.years}つなのに値が${x.values}つあります。列がずれていないか確認してください。`,
  PLAN_TARGET_DIRECTION: (x) =>
    `年度ごとの数値目標（${x.from} → ${x.to}）が目標の数値（${x.goal}）に向かっていません。`,
  PLAN_FINAL_TARGET_MISMATCH: (x) => `最終年度の数値目標 ${x.last} が目標の数値 ${x.goal} と一致しません。`,
};

const EN: Templates<CoreCode> = {
  SHEET_HIDDEN_SKIPPED: () => 'Hidden sheet: not read.',
  SHEET_EXCLUDED: () => 'Sheet excluded in the settings: not read.',
  NO_TABLE_FOUND: () => 'No report table found (no heading matches the settings).',
  EMPTY_WORKBOOK: () => 'The workbook has no sheet to read.',
  OUTPUT_NAME_TAKEN: (x) =>
    `The sheet "${x.name}" belongs to the user and was kept; the result went to "${x.used}".`,
  CELL_ERROR: (x) => `The cell holds an error value (${x.error}).`,
  UNPARSABLE_NUMBER: (x) => `Not a number (${x.field}).`,
  DATE_FOR_NUMBER: (x) => `A date where a number was expected (${x.field}).`,
  SHIFTED_ROW: (x) =>
    `The row's cells are shifted by ${x.shift} column(s) ("${x.found}" under ${x.expected ? x.expected : `column ${x.column}`}).`,
  COLUMN_NOT_FOUND: (x) =>
    `The table has no "${x.column}" column (header words: ${x.words}); nothing is counted or shown by it. If it has another header, add the word in the setting ${x.setting}.`,
  MISSING_STATUS: (x) => `No status for "${x.title}".`,
  UNKNOWN_STATUS: (x) =>
    x.suggestion
      ? `"${x.status}" is not in the scheme. Did you mean "${x.suggestion}"?`
      : `"${x.status}" is not in the scheme (${x.scheme}).`,
  STATUS_NOTE: (x) =>
    `Counted as "${x.status}"; the note "${x.note}" is not counted. If the note changes the rating, correct the rating cell.`,
  DUPLICATE_NUMBER: (x) => `Number "${x.number}" appears twice (first at ${x.firstSheet}!${x.firstCell}).`,
  STATED_SUMMARY_MISMATCH: (x) =>
    `The stated count for "${x.label}" is ${x.stated}, the items give ${x.counted}.`,
  MISSING_TARGET: (x) => `"${x.indicator}" has no target for ${x.year}: not judged.`,
  MISSING_ACTUAL: (x) => `"${x.indicator}" has no actual value for ${x.year}: not judged.`,
  MISSING_BASELINE: (x) =>
    x.target
      ? `"${x.indicator}" has no baseline to compare with the target "${x.target}": not judged.`
      : `"${x.indicator}" has no baseline: judged as actual / target.`,
  UNIT_MISMATCH: (x) =>
    `"${x.indicator}": target unit ${x.targetUnit} differs from actual unit ${x.actualUnit}.`,
  UNIT_CHANGED: (x) => `"${x.indicator}": the unit changes from ${x.from} to ${x.to}.`,
  NO_REPORT_YEAR: () => 'No report year found: set it in the settings or with --year.',
  STATED_AVERAGE_MISMATCH: (x) =>
    `The stated average ${x.stated} differs from ${x.computed} computed from the scores.`,
  STATED_LABEL_MISMATCH: (x) =>
    `The stated label "${x.stated}" differs from "${x.computed}" given by the average.`,
  REPEATED_ENTRY: (x) =>
    `Number "${x.number}" repeats ${x.firstSheet}!${x.firstCell} with the same content: counted once.`,
  CONFLICTING_REPEAT: (x) =>
    `Number "${x.number}" appears again with content different from ${x.firstSheet}!${x.firstCell}.`,
  EXTRA_VALUES: (x) => `${x.values} values under ${x.years} year columns.`,
  PLAN_TARGET_DIRECTION: (x) =>
    `Yearly targets (${x.from} → ${x.to}) do not move toward the goal (${x.goal}).`,
  PLAN_FINAL_TARGET_MISMATCH: (x) => `The last yearly target ${x.last} differs from the goal ${x.goal}.`,
};

// ---- Issue 9: broken input read with a finding ----
const SAFETY_JA: Templates<SafetyDiagnosticCode> = {
  OVERLAPPING_MERGES: (x) =>
    `結合セル ${x.range} が別の結合セル ${x.other} と重なっています（Excel は開くときに修復します）。先に書かれた結合で読みました。`,
};
const SAFETY_EN: Templates<SafetyDiagnosticCode> = {
  OVERLAPPING_MERGES: (x) =>
    `Merged range ${x.range} overlaps merged range ${x.other} (Excel repairs this on opening); read with the first one.`,
};
// ---- end ----

// ---- Issue 9: a reviewer's 判定区分 in 取組一覧, carried over as the office's judgement ----
const q = (value: string, none: string): string => (value === '' ? none : `「${value}」`);
const qe = (value: string, none: string): string => (value === '' ? none : `"${value}"`);
const REVIEW_JA: Templates<ReviewDiagnosticCode> = {
  REVIEWER_JUDGEMENT: (x) =>
    `取組一覧（${x.list}）で判定区分が${q(x.before, '空欄')}から${q(x.after, '空欄')}に直されているため、事務局の判定（二次評価）として集計しました。報告の判定は${q(x.reported, '未判定')}です。`,
  REVIEWER_JUDGEMENT_REPORT_CHANGED: (x) =>
    `取組一覧（${x.list}）の事務局の判定（二次評価）${q(x.after, '空欄')}で集計しましたが、報告の判定がその後${q(x.then, '未判定')}から${q(x.reported, '未判定')}に変わっています。二次評価がまだ正しいか確認してください。`,
  REVIEWER_JUDGEMENT_UNKNOWN: (x) =>
    `判定区分が${q(x.after, '空欄')}に直されていますが、評価区分（${x.scheme}）にない語のため反映していません（${x.sheet} ${x.cell} の取組は報告どおり${q(x.reported, '未判定')}で集計）。`,
  REVIEWER_ENTRY_GONE: (x) =>
    `判定区分${q(x.after, '空欄')}が直された取組（${x.sheet} ${x.cell}、番号${q(x.number, 'なし')}）が報告に見つからないため、反映していません。`,
};
const REVIEW_EN: Templates<ReviewDiagnosticCode> = {
  REVIEWER_JUDGEMENT: (x) =>
    `The category was changed from ${qe(x.before, 'blank')} to ${qe(x.after, 'blank')} in the entry list (${x.list}); counted as the office's own judgement. The report gives ${qe(x.reported, 'none')}.`,
  REVIEWER_JUDGEMENT_REPORT_CHANGED: (x) =>
    `Counted under the office's judgement ${qe(x.after, 'blank')} from the entry list (${x.list}), but the report has since changed from ${qe(x.then, 'none')} to ${qe(x.reported, 'none')}. Check that the judgement still holds.`,
  REVIEWER_JUDGEMENT_UNKNOWN: (x) =>
    `The category was changed to ${qe(x.after, 'blank')}, which is not in the scheme (${x.scheme}): not applied (the entry at ${x.sheet} ${x.cell} counts as reported, ${qe(x.reported, 'none')}).`,
  REVIEWER_ENTRY_GONE: (x) =>
    `The category was changed to ${qe(x.after, 'blank')} for an entry (${x.sheet} ${x.cell}, number ${qe(x.number, 'none')}) that the report no longer has: not applied.`,
};
// ---- end ----

// ---- Issue 10: tables described in the settings (layouts/settingsTable.ts) ----
const TABLE_JA: Templates<TableDiagnosticCode> = {
  TABLE_HEADER_NOT_FOUND: (x) =>
    `設定の表「${x.name}」はこのシートの表として指定されていますが、見出しの行（状況の列：${x.words}）が見つからないため、その表として読んでいません。見出しが変わったなら、作業ウィンドウの「表の列を指定」で指定し直すか、設定 ${x.setting} を直してください。`,
};
const TABLE_EN: Templates<TableDiagnosticCode> = {
  TABLE_HEADER_NOT_FOUND: (x) =>
    `The settings describe the table "${x.name}" for this sheet, but its header row (status columns: ${x.words}) is not found, so the sheet is not read as that table. If the headers changed, map the table again in the task pane or correct the setting ${x.setting}.`,
};
// ---- end ----

// ---- Issue 11: last year's comparison (compare.ts) ----
const COMPARISON_JA: Templates<ComparisonDiagnosticCode> = {
  PREVIOUS_AMBIGUOUS: (x) =>
    `前年度の報告に、番号${q(x.number, 'なし')}のこの取組に当たる候補が複数あります（${x.candidates}）。どれとも対応させず、前年度比較に載せていません。`,
  PREVIOUS_MATCHED_NEAR: (x) =>
    `前年度の番号${q(x.previousNumber, 'なし')}${q(x.previousTitle, '')}（${x.previous}）と、番号・取組名の近さから同じ取組として比較しました。違う取組なら取組名を直してください。`,
  PREVIOUS_NOT_FOUND: (x) =>
    `番号${q(x.number, 'なし')}のこの取組は前年度の報告（${x.file}）に見つからないため、新規として比較しました。`,
  PREVIOUS_DROPPED: (x) =>
    `前年度の報告（${x.file}）の番号${q(x.number, 'なし')}のこの取組は今年度の報告に見つからないため、終了として比較しました。`,
};
const COMPARISON_EN: Templates<ComparisonDiagnosticCode> = {
  PREVIOUS_AMBIGUOUS: (x) =>
    `Last year's report has several candidates for this item (number ${qe(x.number, 'none')}): ${x.candidates}. Not paired with any; left out of the comparison.`,
  PREVIOUS_MATCHED_NEAR: (x) =>
    `Compared with last year's number ${qe(x.previousNumber, 'none')} ${qe(x.previousTitle, '')} (${x.previous}) as the same item, by a near number and title. Correct the title if they differ.`,
  PREVIOUS_NOT_FOUND: (x) =>
    `This item (number ${qe(x.number, 'none')}) is not in last year's report (${x.file}): compared as new.`,
  PREVIOUS_DROPPED: (x) =>
    `This item of last year's report (${x.file}, number ${qe(x.number, 'none')}) is not in this year's report: compared as dropped.`,
};
// ---- end ----

const FILES_JA: Templates<FilesDiagnosticCode> = {
  FILE_UNREADABLE: (x) =>
    `ファイル「${x.file}」を読めないため、集計に入れていません（${x.reason}）。ほかのファイルは集計しました。`,
  FILE_NOT_WORKBOOK: (x) => `「${x.file}」は Excel ブック（.xlsx / .xlsm）ではないため読んでいません。`,
  FILE_YEAR_DIFFERS: (x) =>
    `ファイル「${x.file}」の年度（${x.year}）が、ほかのファイルの年度（${x.runYear}、${x.runFile}）と違います。前年度のファイルが混じっていないか確認してください。`,
  DUPLICATE_ACROSS_FILES: (x) =>
    `番号「${x.number}」「${x.title}」が2つのファイルにあります（最初は ${x.firstFile} の ${x.firstSheet}!${x.firstCell}）。両方とも数えています。`,
};
const FILES_EN: Templates<FilesDiagnosticCode> = {
  FILE_UNREADABLE: (x) =>
    `The file "${x.file}" could not be read and is not counted (${x.reason}). The other files were counted.`,
  FILE_NOT_WORKBOOK: (x) => `"${x.file}" is not an Excel workbook (.xlsx / .xlsm): not read.`,
  FILE_YEAR_DIFFERS: (x) =>
    `The file "${x.file}" reports ${x.year}, the other files ${x.runYear} (${x.runFile}). Check that last year's file is not among them.`,
  DUPLICATE_ACROSS_FILES: (x) =>
    `Item "${x.number}" "${x.title}" is in two files (first in ${x.firstFile} at ${x.firstSheet}!${x.firstCell}). Both are counted.`,
};

const CATALOG: Record<Locale, Templates<DiagnosticCode>> = {
  ja: { ...JA, ...SAFETY_JA, ...REVIEW_JA, ...TABLE_JA, ...COMPARISON_JA, ...FILES_JA },
  en: { ...EN, ...SAFETY_EN, ...REVIEW_EN, ...TABLE_EN, ...COMPARISON_EN, ...FILES_EN },
};

/** A code's message from its parameters. */
export function diagnosticText<C extends DiagnosticCode>(
  code: C,
  params: DiagnosticParamMap[C],
  locale: Locale = 'ja',
): string {
  // The catalogue is keyed by code, so the template for `code` takes that code's parameters.
  const template = CATALOG[locale][code] as (x: DiagnosticParamMap[C]) => string;
  return template(params);
}

/** A diagnostic in words, where it is shown (the 検証結果 sheet, the JSON's `message`, the task pane). */
export function formatMessage(d: Diagnostic, locale: Locale = 'ja'): string {
  return diagnosticText(d.code, d.params ?? {}, locale);
}

export const SEVERITY_LABEL: Record<Locale, Record<Severity, string>> = {
  ja: { error: 'エラー', warning: '警告', info: '情報' },
  en: { error: 'Error', warning: 'Warning', info: 'Info' },
};

/** "'集計'!B3" style location for messages: sheet!A1 (or A1:C1 for a range). */
export function locationText(d: Diagnostic): string {
  const start = toA1(d.at.row, d.at.col);
  const end = d.to ? toA1(d.to.row, d.to.col) : start;
  return `${d.at.sheet}!${start === end ? start : `${start}:${end}`}`;
}

/**
 * Why an entry got its category (src/core/reasons.ts), per locale. `cause` is the text of the reason
 * this one qualifies (NO_BASELINE, WORST_INDICATOR), '' for the others. Years are shown as the
 * reports write them: R3/R5 in the figures, 令和3年度 in a plan's year.
 */
type ReasonTemplates = { readonly [C in ReasonCode]: (p: ReasonParamMap[C], cause: string) => string };

const REASONS: Record<Locale, ReasonTemplates> = {
  ja: {
    ACHIEVED: (x) => `目標 ${x.target} に対し実績 ${x.actual}：${x.label}`,
    TARGET_MET: (x) => `${shortFiscalYear(x.targetYear)}の目標 ${x.target} に対し実績 ${x.actual}`,
    PROGRESS: (x) => `進捗率 ${x.percent}%（目標 ${x.target}：${shortFiscalYear(x.targetYear)}）`,
    PACE: (x) =>
      `進捗率 ${x.percent}%（期待 ${x.expected}%：${shortFiscalYear(x.year)}/${shortFiscalYear(x.targetYear)}）`,
    WENT_BACK: (x) => `初期値 ${x.baseline} から実績 ${x.actual} へ後退（目標 ${x.target}）`,
    DIRECTION: (x) => `${x.word}：初期値 ${x.baseline} → 実績 ${x.actual}`,
    STAGE: (x) => `計画 ${x.target}（${shortFiscalYear(x.targetYear)}）に対し実績 ${x.actual}`,
    STAGE_PACE: (x) =>
      `計画 ${x.target}（${shortFiscalYear(x.targetYear)}）に向け実績 ${x.actual}（期待 ${x.expected}）`,
    MISSING_ACTUAL: (x) => `${shortFiscalYear(x.year)} の実績値なし`,
    MISSING_TARGET: () => '目標値なし',
    MISSING_TARGET_AND_ACTUAL: (x) => `目標値なし、${shortFiscalYear(x.year)} の実績値なし`,
    NO_BASELINE: (_, cause) => `初期値なし：${cause}`,
    NO_BASELINE_FOR_DIRECTION: (x) => `初期値なし：${x.target}`,
    UNIT_MISMATCH: (x) => `単位が異なる（目標 ${x.targetUnit}／実績 ${x.actualUnit}）`,
    NO_REPORT_YEAR: () => '報告年度が不明',
    PLANNED: (x) => `${formatFiscalYear(x.year)}の計画：${x.stage}`,
    SCORE: (x) => `評点 ${x.score}`,
    WORST_INDICATOR: (x, cause) => `最も遅れている指標「${x.name}」：${cause}`,
  },
  en: {
    ACHIEVED: (x) => `Target ${x.target}, actual ${x.actual}: ${x.label}`,
    TARGET_MET: (x) => `Target for ${shortFiscalYear(x.targetYear)} ${x.target}, actual ${x.actual}`,
    PROGRESS: (x) => `Progress ${x.percent}% (target ${x.target}, ${shortFiscalYear(x.targetYear)})`,
    PACE: (x) =>
      `Progress ${x.percent}% (expected ${x.expected}%: ${shortFiscalYear(x.year)}/${shortFiscalYear(x.targetYear)})`,
    WENT_BACK: (x) => `Went back from ${x.baseline} to ${x.actual} (target ${x.target})`,
    DIRECTION: (x) => `${x.word}: baseline ${x.baseline} → actual ${x.actual}`,
    STAGE: (x) => `Planned ${x.target} (${shortFiscalYear(x.targetYear)}), reached ${x.actual}`,
    STAGE_PACE: (x) =>
      `Planned ${x.target} (${shortFiscalYear(x.targetYear)}), reached ${x.actual} (expected ${x.expected})`,
    MISSING_ACTUAL: (x) => `No actual value for ${shortFiscalYear(x.year)}`,
    MISSING_TARGET: () => 'No target',
    MISSING_TARGET_AND_ACTUAL: (x) => `No target, no actual value for ${shortFiscalYear(x.year)}`,
    NO_BASELINE: (_, cause) => `No baseline: ${cause}`,
    NO_BASELINE_FOR_DIRECTION: (x) => `No baseline: ${x.target}`,
    UNIT_MISMATCH: (x) => `Units differ (target ${x.targetUnit}, actual ${x.actualUnit})`,
    NO_REPORT_YEAR: () => 'Report year unknown',
    PLANNED: (x) => `Plan for FY${x.year}: ${x.stage}`,
    SCORE: (x) => `Score ${x.score}`,
    WORST_INDICATOR: (x, cause) => `Worst indicator "${x.name}": ${cause}`,
  },
};

/** The reason in words: 「進捗率 62%（期待 67%：R3/R5）」. */
export function formatReason(r: Reason, locale: Locale = 'ja'): string {
  const cause = r.cause ? formatReason(r.cause, locale) : '';
  // The catalogue is keyed by code, so the template for r.code takes r.params.
  const template = REASONS[locale][r.code] as (p: Reason['params'], cause: string) => string;
  return template(r.params, cause);
}

/** Which summary a title is for: the reported / computed statuses of a scheme, or a plan's stages for a year. */
export type SummaryKind =
  | { readonly kind: 'reported'; readonly schemeName?: string }
  | { readonly kind: 'planned'; readonly year?: number };

/** Heading of a summary table in the 集計 sheet: 「達成状況」, 「達成状況（A / B / C）」, 「令和4年度の計画段階」. */
export function summaryTitle(s: SummaryKind, locale: Locale = 'ja'): string {
  if (locale === 'en') {
    if (s.kind === 'planned') return s.year !== undefined ? `Plan stages, FY${s.year}` : 'Plan stages';
    return s.schemeName !== undefined ? `Progress (${s.schemeName})` : 'Progress';
  }
  if (s.kind === 'planned')
    return s.year !== undefined ? `${formatFiscalYear(s.year)}の計画段階` : '計画段階';
  return s.schemeName !== undefined ? `達成状況（${s.schemeName}）` : '達成状況';
}

/**
 * One-line texts for input the engine cannot work on at all (EngineError), shown by the command line
 * and the add-in instead of a stack trace. `detail` is the file name or the specific problem.
 */
const ENGINE_ERROR_TEXT: Record<
  Locale,
  Record<Exclude<EngineErrorCode, SafetyErrorCode>, (detail: string) => string>
> = {
  ja: {
    INVALID_SETTINGS: (d) => `設定ファイルを読めません${d ? `（${d}）` : ''}。`,
    UNREADABLE_WORKBOOK: (d) => `ブックが壊れているため読めません${d ? `（${d}）` : ''}。`,
    ENCRYPTED_WORKBOOK: (d) =>
      `パスワードで保護されたブックは読めません${d ? `（${d}）` : ''}。保護を解除して保存し直してください。`,
    NOT_XLSX: (d) => `Excel ブック（.xlsx）ではありません${d ? `（${d}）` : ''}。`,
    FILE_NOT_FOUND: (d) => `ファイルが見つかりません${d ? `（${d}）` : ''}。`,
    OUTPUT_FAILED: (d) => `結果を書き出せませんでした${d ? `（${d}）` : ''}。`,
    INTERNAL: (d) => `内部エラーのため処理を中断しました${d ? `（${d}）` : ''}。`,
  },
  en: {
    INVALID_SETTINGS: (d) => `Cannot read the settings file${d ? ` (${d})` : ''}.`,
    UNREADABLE_WORKBOOK: (d) => `The workbook is damaged and cannot be read${d ? ` (${d})` : ''}.`,
    ENCRYPTED_WORKBOOK: (d) =>
      `Password-protected workbooks cannot be read${d ? ` (${d})` : ''}. Remove the password and save again.`,
    NOT_XLSX: (d) => `Not an Excel workbook (.xlsx)${d ? ` (${d})` : ''}.`,
    FILE_NOT_FOUND: (d) => `File not found${d ? ` (${d})` : ''}.`,
    OUTPUT_FAILED: (d) => `Could not write the result${d ? ` (${d})` : ''}.`,
    INTERNAL: (d) => `Stopped on an internal error${d ? ` (${d})` : ''}.`,
  },
};

// ---- Issue 9 (files safe, bounded cost): refusals, write failures, package problems ----

const SAFETY_ERROR_TEXT: Record<Locale, Record<SafetyErrorCode, (detail: string) => string>> = {
  ja: {
    OUTPUT_CONFLICT: (d) => `出力先が使えません${d ? `（${d}）` : ''}。別のファイル名を指定してください。`,
    WORKBOOK_TOO_LARGE: (d) =>
      `ブックが大きすぎるため読みません${d ? `（${d}）` : ''}。設定の limits.maxUnpackedMegabytes で上限を変えられます。`,
    FALLBACK_TOO_LARGE: (d) =>
      `この形式の部分を含むブックは、より多くのメモリを使う別の読み方（ExcelJS）になるため読みません${d ? `（${d}）` : ''}。設定の limits.maxFallbackUnpackedMegabytes で上限を変えられます。`,
    DAMAGED_PART: (d) => `ブックの一部が壊れているため読めません${d ? `（${d}）` : ''}。`,
    SAVE_AS_XLSX: (d) =>
      `.xlsx 以外の形式のファイルです${d ? `（${d}）` : ''}。Excel などで開き、「Excel ブック (*.xlsx)」形式で保存し直してください。`,
  },
  en: {
    OUTPUT_CONFLICT: (d) => `Cannot use this output path${d ? ` (${d})` : ''}. Give another file name.`,
    WORKBOOK_TOO_LARGE: (d) =>
      `The workbook is too large to read safely${d ? ` (${d})` : ''}. The setting limits.maxUnpackedMegabytes sets the limit.`,
    FALLBACK_TOO_LARGE: (d) =>
      `The workbook has a part only the slower, memory-hungry fallback reader (ExcelJS) handles, and it is too large for it${d ? ` (${d})` : ''}. The setting limits.maxFallbackUnpackedMegabytes sets the limit.`,
    DAMAGED_PART: (d) => `Part of the workbook is damaged and cannot be read${d ? ` (${d})` : ''}.`,
    SAVE_AS_XLSX: (d) =>
      `Not an .xlsx file${d ? ` (${d})` : ''}. Open it in Excel or similar and save it as "Excel Workbook (*.xlsx)".`,
  },
};

/** Why an output path is refused, named in OUTPUT_CONFLICT's detail. */
export type OutputConflict = 'isInput' | 'isOtherOutput' | 'notOurs' | 'isPrevious' | 'holdsInputs';

export function outputConflictText(
  what: OutputConflict,
  file: string,
  option: string,
  locale: Locale = 'ja',
): string {
  if (locale === 'en') {
    if (what === 'isInput') return `${option} ${file} is the input workbook`;
    if (what === 'isOtherOutput') return `${option} ${file} is also the other output`;
    if (what === 'isPrevious') return `${option} ${file} is last year's workbook (--previous)`;
    if (what === 'holdsInputs') return `${option} ${file} holds input workbooks`;
    return `${option} ${file} exists and is not a workbook this tool wrote`;
  }
  if (what === 'isInput') return `${option} ${file} は入力のブックです`;
  if (what === 'isOtherOutput') return `${option} ${file} はもう一方の出力と同じファイルです`;
  if (what === 'isPrevious') return `${option} ${file} は前年度のブック（--previous）です`;
  if (what === 'holdsInputs') return `${option} ${file} には入力のブックがあります`;
  return `${option} ${file} は既にあり、このツールが書いたブックではありません`;
}

/** A write failure's cause from the system error code, so the user knows what to change. */
export function writeFailureReason(errno: string | undefined, locale: Locale = 'ja'): string | null {
  const ja: Readonly<Record<string, string>> = {
    EROFS: '読み取り専用の場所です',
    EACCES: 'アクセスが拒否されました（権限がありません）',
    EPERM: 'アクセスが拒否されました（権限がありません）',
    ENOSPC: 'ディスクの空き容量が足りません',
    EDQUOT: 'ディスクの割り当て容量を超えました',
    ENOENT: 'フォルダーがありません',
    ENOTDIR: 'フォルダーがありません',
    EISDIR: '同じ名前のフォルダーがあります',
    EBUSY: 'ファイルが使用中です（Excel などで開いていないか確認してください）',
  };
  const en: Readonly<Record<string, string>> = {
    EROFS: 'the location is read-only',
    EACCES: 'access denied',
    EPERM: 'access denied',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exceeded',
    ENOENT: 'the folder does not exist',
    ENOTDIR: 'the folder does not exist',
    EISDIR: 'a folder has that name',
    EBUSY: 'the file is in use (is it open in Excel?)',
  };
  return errno === undefined ? null : ((locale === 'en' ? en : ja)[errno] ?? null);
}

// ---- end of issue 9 block ----

function engineErrorText(code: EngineErrorCode, locale: Locale): (detail: string) => string {
  const safety = SAFETY_ERROR_TEXT[locale] as Partial<Record<EngineErrorCode, (detail: string) => string>>;
  return safety[code] ?? ENGINE_ERROR_TEXT[locale][code as Exclude<EngineErrorCode, SafetyErrorCode>];
}

export function formatEngineError(code: EngineErrorCode, detail = '', locale: Locale = 'ja'): string {
  return engineErrorText(
    code,
    locale,
  )(
    detail
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[。.]$/, ''),
  );
}

/** What can be wrong in a settings file (settingsIO.ts); each names the key at fault as `path`. */
export type SettingsProblemCode =
  | 'NOT_JSON'
  | 'NOT_OBJECT'
  | 'UNKNOWN_KEY'
  | 'NOT_STRING'
  | 'NOT_NUMBER'
  | 'NOT_BOOLEAN'
  | 'NOT_STRINGS'
  | 'NOT_ONE_OF'
  | 'NOT_YEAR'
  | 'NOT_SCHEMES'
  | 'NO_CATEGORIES'
  | 'DUPLICATE_WORD'
  | 'ROLLUP_ON_EXCLUDED'
  | 'ROLLUP_TARGET'
  | 'NO_COUNTED_CATEGORY'
  | 'DUPLICATE_ID'
  | 'NO_STAGES'
  | 'NOT_COUNT'
  | 'NOT_BANDS'
  | 'BANDS_ORDER'
  | 'SHEET_NAME_LENGTH'
  | 'SHEET_NAME_CHARS'
  | 'SHEET_NAME_CONTROL'
  | 'SHEET_NAME_APOSTROPHE'
  | 'SHEET_NAME_RESERVED'
  | 'SHEET_NAMES_SAME'
  | 'UNKNOWN_SCHEME'
  | 'UNKNOWN_JUDGE_LABEL'
  | 'RATIO_POSITIVE'
  | 'RATIO_RANGE'
  | 'VERSION'
  | 'LIMIT_RANGE'
  | 'NOT_TABLES'
  | 'TABLE_ID'
  | 'NO_STATUS_COLUMNS'
  | 'NO_SCHEME'
  | 'EMPTY_LIST';

const SETTINGS_PROBLEM_TEXT: Record<Locale, Record<SettingsProblemCode, SettingsTemplate>> = {
  ja: {
    NOT_JSON: (x) => `設定ファイルを JSON として読めません（${p(x, 'error')}）。`,
    NOT_OBJECT: () => 'は { … } の形（オブジェクト）で指定してください。',
    UNKNOWN_KEY: (x) => `は設定の項目にありません（使える項目：${p(x, 'allowed')}）。`,
    NOT_STRING: () => 'は空でない文字列で指定してください。',
    NOT_NUMBER: () => 'は数値で指定してください。',
    NOT_BOOLEAN: () => 'は true か false で指定してください。',
    NOT_STRINGS: () => 'は文字列の配列（[ "…", … ]）で指定してください。',
    NOT_ONE_OF: (x) => `は ${p(x, 'allowed')} のいずれかで指定してください。`,
    NOT_YEAR: () => 'は年度（2021、"令和3年度"、"R3" など）か null で指定してください。',
    NOT_SCHEMES: () => 'は評価区分の配列で指定してください。',
    NO_CATEGORIES: () => 'には評価区分を1つ以上、配列で指定してください。',
    DUPLICATE_WORD: (x) => `の「${p(x, 'word')}」は「${p(x, 'other')}」と重複しています。`,
    ROLLUP_ON_EXCLUDED: () => 'は対象外（excluded）の区分には指定できません。',
    ROLLUP_TARGET: (x) =>
      `の「${p(x, 'label')}」は、同じ評価区分の中の集計される区分（rollUpTo も excluded もないもの）にしてください。`,
    NO_COUNTED_CATEGORY: () => 'には集計される区分（rollUpTo も excluded もないもの）が1つ以上必要です。',
    DUPLICATE_ID: (x) => `の「${p(x, 'id')}」が重複しています。`,
    NO_STAGES: () => 'には段階を1つ以上指定してください。',
    NOT_COUNT: () => 'は 0 以上の整数で指定してください。',
    NOT_BANDS: () => 'は { "min": …, "score": … } の配列で指定してください。',
    BANDS_ORDER: () => 'は前の帯より小さくしてください（min の大きい順に並べます）。',
    SHEET_NAME_LENGTH: () => 'のシート名は31文字以内にしてください。',
    SHEET_NAME_CHARS: () => 'のシート名に \\ / ? * [ ] : は使えません。',
    SHEET_NAME_CONTROL: () => 'のシート名に改行・タブなどの制御文字は使えません。',
    SHEET_NAME_APOSTROPHE: () => "のシート名の先頭と末尾に ' は使えません。",
    SHEET_NAME_RESERVED: () => 'のシート名に History は使えません（Excel が変更履歴に使う名前です）。',
    SHEET_NAMES_SAME: () => 'の3つのシート名は互いに違う名前にしてください。',
    UNKNOWN_SCHEME: (x) => `の評価区分「${p(x, 'id')}」が schemes にありません。`,
    UNKNOWN_JUDGE_LABEL: (x) => `の「${p(x, 'label')}」は評価区分「${p(x, 'scheme')}」の区分にありません。`,
    RATIO_POSITIVE: () => 'は 0 より大きくしてください。',
    RATIO_RANGE: () => 'は 0 以上、judge.onTrackRatio 以下にしてください。',
    VERSION: () => 'は 1 にしてください。',
    LIMIT_RANGE: (x) => `は 0 より大きく ${p(x, 'max')} 以下にしてください。`,
    NOT_TABLES: () =>
      'は表の指定（{ "id": …, "name": …, "statusColumns": [ … ] }）の配列で指定してください。',
    TABLE_ID: () => 'は半角の英小文字・数字・- と _ だけで指定してください。',
    NO_STATUS_COLUMNS: () => 'には状況の列（{ "words": [ … ], "scheme": … }）を1つ以上指定してください。',
    NO_SCHEME: (x) =>
      `がありません。この列を読む評価区分の id（${p(x, 'schemes')} のどれか）を指定してください。`,
    EMPTY_LIST: () => 'には1つ以上指定してください（空の配列では何も見つかりません）。',
  },
  en: {
    NOT_JSON: (x) => `The settings file is not valid JSON (${p(x, 'error')}).`,
    NOT_OBJECT: () => 'must be an object ({ … }).',
    UNKNOWN_KEY: (x) => `is not a setting (allowed: ${p(x, 'allowed')}).`,
    NOT_STRING: () => 'must be a non-empty string.',
    NOT_NUMBER: () => 'must be a number.',
    NOT_BOOLEAN: () => 'must be true or false.',
    NOT_STRINGS: () => 'must be an array of strings ([ "…", … ]).',
    NOT_ONE_OF: (x) => `must be one of ${p(x, 'allowed')}.`,
    NOT_YEAR: () => 'must be a fiscal year (2021, "令和3年度", "R3" …) or null.',
    NOT_SCHEMES: () => 'must be an array of schemes.',
    NO_CATEGORIES: () => 'must be an array of at least one category.',
    DUPLICATE_WORD: (x) => `: "${p(x, 'word')}" is also given for "${p(x, 'other')}".`,
    ROLLUP_ON_EXCLUDED: () => 'cannot be set on an excluded category.',
    ROLLUP_TARGET: (x) =>
      `: "${p(x, 'label')}" must be a counted category of the same scheme (no rollUpTo, not excluded).`,
    NO_COUNTED_CATEGORY: () => 'needs at least one counted category (no rollUpTo, not excluded).',
    DUPLICATE_ID: (x) => `: "${p(x, 'id')}" is given twice.`,
    NO_STAGES: () => 'needs at least one stage.',
    NOT_COUNT: () => 'must be a whole number, 0 or more.',
    NOT_BANDS: () => 'must be an array of { "min": …, "score": … }.',
    BANDS_ORDER: () => 'must be lower than the band before (highest min first).',
    SHEET_NAME_LENGTH: () => ': a sheet name has at most 31 characters.',
    SHEET_NAME_CHARS: () => ': a sheet name cannot hold \\ / ? * [ ] :.',
    SHEET_NAME_CONTROL: () => ': a sheet name cannot hold control characters (line breaks, tabs).',
    SHEET_NAME_APOSTROPHE: () => ": a sheet name cannot start or end with '.",
    SHEET_NAME_RESERVED: () => ': History is reserved by Excel (change tracking).',
    SHEET_NAMES_SAME: () => ': the three sheet names must differ.',
    UNKNOWN_SCHEME: (x) => `: scheme "${p(x, 'id')}" is not in schemes.`,
    UNKNOWN_JUDGE_LABEL: (x) => `: "${p(x, 'label')}" is not a category of scheme "${p(x, 'scheme')}".`,
    RATIO_POSITIVE: () => 'must be more than 0.',
    RATIO_RANGE: () => 'must be from 0 to judge.onTrackRatio.',
    VERSION: () => 'must be 1.',
    LIMIT_RANGE: (x) => `must be greater than 0 and at most ${p(x, 'max')}.`,
    NOT_TABLES: () => 'must be an array of tables ({ "id": …, "name": …, "statusColumns": [ … ] }).',
    TABLE_ID: () => 'may hold only lower-case letters, digits, - and _.',
    NO_STATUS_COLUMNS: () => 'needs at least one status column ({ "words": [ … ], "scheme": … }).',
    NO_SCHEME: (x) =>
      `is missing: give the id of the scheme this column is read with (one of ${p(x, 'schemes')}).`,
    EMPTY_LIST: () => 'needs at least one item (an empty list finds nothing).',
  },
};

type SettingsTemplate = (p: Params) => string;

/** One settings problem as a sentence naming its key: 設定「judge.onTrack」は設定の項目にありません…. */
export function formatSettingsProblem(
  problem: { readonly path: string; readonly code: SettingsProblemCode; readonly params: Params },
  locale: Locale = 'ja',
): string {
  const text = SETTINGS_PROBLEM_TEXT[locale][problem.code](problem.params);
  if (problem.path === '') return text;
  return locale === 'ja'
    ? `設定「${problem.path}」${text}`
    : `Setting "${problem.path}" ${text}`.replace(' :', ':');
}

const READER_FALLBACK: Record<Locale, (reason: string) => string> = {
  ja: (reason) =>
    `注意: このブックは標準の読み取り処理では読めない形式のため（${reason}）、ExcelJS で読み取りました。`,
  en: (reason) =>
    `Note: the workbook was read with ExcelJS, as the standard reader does not read it (${reason}).`,
};

/** Said when the ExcelJS reader read a workbook the streaming reader refused. */
export function readerFallbackNotice(reason: string, locale: Locale = 'ja'): string {
  return READER_FALLBACK[locale](reason.replace(/\s+/g, ' ').trim());
}
