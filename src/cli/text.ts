/**
 * What the command line prints, per locale. Diagnostic and EngineError texts come from
 * src/core/messages.ts; these are the command line's own lines.
 */
import { layoutNames, type ChangeDirection, type LayoutId, type Locale } from '../core/index';
import type { UsageError } from './args';

export interface CliText {
  readonly usage: string;
  readonly usageError: (e: UsageError) => string;
  readonly done: (input: string) => string;
  readonly sheet: (name: string, layout: string, entries: number) => string;
  readonly sheetSkipped: (name: string, why: 'hidden' | 'excluded') => string;
  readonly sheetNoTable: (name: string) => string;
  readonly count: (n: number) => string;
  readonly detail: (label: string, n: number) => string;
  readonly total: string;
  readonly notCounted: (excluded: number, unclassified: number, repeats: number) => string;
  readonly noEntries: string;
  readonly diagnostics: (e: number, w: number, i: number) => string;
  readonly output: (file: string, sheets: readonly string[]) => string;
  /** The workbook could not be extended in place and was written through ExcelJS instead. */
  readonly fallback: (reason: string) => string;
  /** The ExcelJS fallback cannot write charts: the sheets that would have carried one. */
  readonly fallbackCharts: (sheets: readonly string[]) => string;
  readonly json: (file: string) => string;
  /** Which output sheets were added anew and which of our old ones were replaced. */
  readonly sheetChanges: (created: readonly string[], replaced: readonly string[]) => string;
  /** How many of a reviewer's judgements in 取組一覧 were carried over (二次評価). */
  readonly reviewed: (n: number) => string;
  readonly internal: (message: string) => string;
  /** Last year's comparison: changes per direction (issue 11). */
  readonly comparison: (file: string, n: Readonly<Record<ChangeDirection, number>>) => string;
  /** Last year's count and the change, after a category's line: 「前年度 17、▲1」. */
  readonly previousCount: (previous: number, change: number) => string;
  /** Several files (issue 11): how many were read of those found. */
  readonly files: (read: number, found: number) => string;
  readonly fileUnreadable: (file: string, reason: string) => string;
  readonly fileNotWorkbook: (file: string) => string;
  /** --by-department: how many send-back workbooks were written, and where. */
  readonly sendBack: (dir: string, n: number) => string;
  readonly sendBackNone: string;
  readonly layouts: Readonly<Record<LayoutId, string>>;
}

const USAGE_JA = `使い方: kaikaku-shukei <入力.xlsx> [オプション]
       kaikaku-shukei <フォルダー | 入力.xlsx ...> -o <出力.xlsx> [オプション]

各課の報告表を読み取り、検証して達成状況を集計し、「集計」「取組一覧」「検証結果」シートを
加えたブックを書き出します。元のシートは変更しません。

オプション:
  -o, --output <出力.xlsx>   出力先（省略時は入力と同じ場所の <入力>.集計.xlsx。複数のファイルでは必須）
      --json <結果.json>     集計結果を JSON でも書き出す（- で標準出力）
  -c, --config <設定.json>   設定ファイル（評価区分、見出しの語、シート名など）
  -y, --year <年度>          報告年度（2021 / R3 / 令和3年度）。省略時はブックから判断
      --locale <ja|en>       出力の言語（既定 ja）
      --previous <前年度.xlsx> 前年度の報告（または前年度の出力）と比べ、前年度の件数・増減と
                             「前年度比較」シートを加える
      --by-department <DIR>  各課への返却用ブック（その課の取組と検証結果）を DIR に1課1ファイルで書き出す
  -h, --help                 この説明を表示
  -v, --version              版数を表示

終了コード: 0 = 集計した（検証で問題があっても 0）、1 = 書き出しの失敗・内部エラー、
2 = 入力が使えない（ファイルがない、.xlsx でない、パスワード保護、破損、設定ファイルの誤り、引数の誤り）`;

const USAGE_EN = `Usage: kaikaku-shukei <input.xlsx> [options]
       kaikaku-shukei <folder | input.xlsx ...> -o <output.xlsx> [options]

Reads the departments' report tables, checks them, counts the progress summary and writes a copy
of the workbook with the sheets 集計 / 取組一覧 / 検証結果 added. Source sheets are left as they are.

Options:
  -o, --output <out.xlsx>    output file (default: <input>.集計.xlsx beside the input; needed for several files)
      --json <result.json>   also write the result as JSON (- for standard output)
  -c, --config <file.json>   settings file (status schemes, label synonyms, sheet names, …)
  -y, --year <year>          report fiscal year (2021 / R3 / 令和3年度); found in the workbook if omitted
      --locale <ja|en>       language of the output (default ja)
      --previous <last.xlsx> compare with last year's report (or last year's output): last
                             year's counts and the change, and a 前年度比較 sheet
      --by-department <DIR>  write one send-back workbook per department (its items and problems) into DIR
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 = ran (even with findings), 1 = could not write / internal error,
2 = unusable input (missing file, not an .xlsx, encrypted, damaged, bad settings file, bad arguments)`;

const JA: CliText = {
  usage: USAGE_JA,
  usageError: (e) => {
    switch (e.problem) {
      case 'unknownOption':
        return `不明なオプションです: ${e.arg}（--help で使い方を表示）`;
      case 'missingValue':
        return `${e.arg} の値がありません（--help で使い方を表示）`;
      case 'badYear':
        return `年度として読めません: ${e.arg}（例: 2021、R3、令和3年度）`;
      case 'badLocale':
        return `--locale は ja か en です: ${e.arg}`;
      case 'extraArgument':
        return `入力ファイルは 1 つだけ指定してください: ${e.arg}`;
      case 'noInput':
        return '入力ファイル（.xlsx）を指定してください（--help で使い方を表示）';
      case 'needOutput':
        return '複数のファイルを集計するときは出力先を -o で指定してください';
    }
  },
  done: (input) => `${input} を集計しました。`,
  sheet: (name, layout, n) => `  シート「${name}」: ${layout}、${n}件`,
  sheetSkipped: (name, why) =>
    `  シート「${name}」: ${why === 'hidden' ? '非表示のため読み取らず' : '設定により対象外'}`,
  sheetNoTable: (name) => `  シート「${name}」: 報告表なし`,
  count: (n) => `${n}件`,
  detail: (label, n) => `（うち${label} ${n}件）`,
  total: '合計',
  notCounted: (e, u, r) => `  対象外 ${e}件、未判定 ${u}件、再掲 ${r}件（合計に含めず）`,
  noEntries: '集計できる取組が見つかりませんでした。',
  diagnostics: (e, w, i) => `検証結果: エラー ${e}件、警告 ${w}件、情報 ${i}件`,
  output: (file, sheets) => `出力: ${file}（${sheets.map((s) => `「${s}」`).join('')}シート）`,
  fallback: (reason) =>
    `注意: このブックはそのまま書き足せない形式のため（${reason}）、ExcelJS で書き出しました。` +
    'グラフ・ピボットテーブルなど ExcelJS が扱えないものは出力に引き継がれていません。',
  fallbackCharts: (sheets) =>
    `注意: ExcelJS はグラフを書けないため、${sheets.map((s) => `「${s}」`).join('')}のグラフは出力していません（表の数値はそのままです）。`,
  json: (file) => `JSON: ${file}`,
  sheetChanges: (c, r) =>
    `シート: 新規 ${c.length > 0 ? c.map((s) => `「${s}」`).join('') : 'なし'}、置き換え ${r.length > 0 ? r.map((s) => `「${s}」`).join('') : 'なし'}`,
  reviewed: (n) => `取組一覧から引き継いだ事務局の判定（二次評価）: ${n}件`,
  internal: (m) => `内部エラーのため処理を中断しました（${m}）。`,
  comparison: (f, n) =>
    `前年度（${f}）との比較: 改善 ${n.improved}件、後退 ${n.worsened}件、区分変更 ${n.recategorized}件、新規 ${n.added}件、終了 ${n.dropped}件`,
  previousCount: (p, c) => `（前年度 ${p}件、${signed(c)}）`,
  files: (read, found) => `ブック ${found}件のうち ${read}件を読み取りました。`,
  fileUnreadable: (file, reason) => `${file} を読めないため集計に入れていません（${reason}）`,
  fileNotWorkbook: (file) => `  ${file}: Excel ブックではないため読み取らず`,
  sendBack: (dir, n) => `各課への返却用ブック: ${n}件（${dir}）`,
  sendBackNone: '所管課の書かれた取組がないため、各課への返却用ブックは作りませんでした。',
  layouts: layoutNames('ja'),
};

const EN: CliText = {
  usage: USAGE_EN,
  usageError: (e) => {
    switch (e.problem) {
      case 'unknownOption':
        return `Unknown option: ${e.arg} (see --help)`;
      case 'missingValue':
        return `${e.arg} needs a value (see --help)`;
      case 'badYear':
        return `Not a fiscal year: ${e.arg} (e.g. 2021, R3, 令和3年度)`;
      case 'badLocale':
        return `--locale takes ja or en: ${e.arg}`;
      case 'extraArgument':
        return `Give one input file only: ${e.arg}`;
      case 'noInput':
        return 'Give an input workbook (.xlsx) (see --help)';
      case 'needOutput':
        return 'Give the output with -o when counting several files';
    }
  },
  done: (input) => `Counted ${input}.`,
  sheet: (name, layout, n) => `  sheet ${name}: ${layout}, ${n} entries`,
  sheetSkipped: (name, why) =>
    `  sheet ${name}: ${why === 'hidden' ? 'hidden, not read' : 'excluded by the settings'}`,
  sheetNoTable: (name) => `  sheet ${name}: no report table`,
  count: (n) => `${n}`,
  detail: (label, n) => ` (of which ${label} ${n})`,
  total: 'Total',
  notCounted: (e, u, r) => `  excluded ${e}, unclassified ${u}, repeats ${r} (not in the total)`,
  noEntries: 'No entries to count were found.',
  diagnostics: (e, w, i) => `Checks: ${e} errors, ${w} warnings, ${i} notes`,
  output: (file, sheets) => `Output: ${file} (sheets ${sheets.join(', ')})`,
  fallback: (reason) =>
    `Note: this workbook could not be extended in place (${reason}), so it was written through ExcelJS, ` +
    'which leaves out charts, pivot tables and other parts it cannot carry.',
  fallbackCharts: (sheets) =>
    `Note: ExcelJS cannot write charts, so the chart of ${sheets.join(', ')} was left out (the tables are complete).`,
  json: (file) => `JSON: ${file}`,
  sheetChanges: (c, r) =>
    `Sheets: created ${c.length > 0 ? c.join(', ') : 'none'}; replaced ${r.length > 0 ? r.join(', ') : 'none'}`,
  reviewed: (n) => `Office judgements carried over from the entry list: ${n}`,
  internal: (m) => `Stopped on an internal error (${m}).`,
  comparison: (f, n) =>
    `Compared with last year (${f}): improved ${n.improved}, worsened ${n.worsened}, recategorized ${n.recategorized}, new ${n.added}, dropped ${n.dropped}`,
  previousCount: (p, c) => ` (last year ${p}, ${signed(c)})`,
  files: (read, found) => `Read ${read} of ${found} workbooks.`,
  fileUnreadable: (file, reason) => `${file} could not be read and is not counted (${reason})`,
  fileNotWorkbook: (file) => `  ${file}: not an Excel workbook, not read`,
  sendBack: (dir, n) => `Send-back workbooks per department: ${n} (${dir})`,
  sendBackNone: 'No entry names a department: no send-back workbooks were written.',
  layouts: layoutNames('en'),
};

/** A change as offices print it: ▲2 for minus, +1, ±0. */
function signed(n: number): string {
  return n < 0 ? `▲${-n}` : n > 0 ? `+${n}` : '±0';
}

export const CLI_TEXT: Readonly<Record<Locale, CliText>> = { ja: JA, en: EN };
