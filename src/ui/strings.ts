import { type ProgressStep, EngineError, formatEngineError, SHEET_LABELS } from '../core/index';
import { HostError } from '../office/errors';
import type { HostErrorCode } from '../office/errors';
import type { JobProgress } from './job';

/**
 * Every word the task pane, the ribbon command and the preview show, in one place. Diagnostic
 * messages are not here: they come from src/core/messages.ts by code.
 */
export const T = {
  appTitle: '改革集計',
  appSubtitle: '行政改革の進捗報告を検証し、達成状況を集計します',
  run: '集計',
  running: '集計中…',
  runHintExcel: '開いているブックの報告表を読み取り、「集計」「取組一覧」「検証結果」シートを作り直します。',
  runHintPreview: 'ブラウザーの中だけで処理します。ファイルはどこにも送信されません。',
  previewBanner:
    'Excel の外で開いています（プレビュー）。.xlsx ファイルを開くと、アドインと同じ集計をこのページの中で行い、結果のブックをダウンロードできます。',
  oldExcel:
    'お使いの Excel はこのアドインに必要な機能（ExcelApi 1.13）に対応していません。Microsoft 365 の Excel か Excel 2021 以降でお使いください。',
  openFile: 'ファイルを開く',
  dropHere: 'ここに .xlsx ファイルをドラッグするか、ボタンで選んでください。',
  chooseFile: 'ファイルを選択',
  fileLabel: '集計する Excel ブック（.xlsx）',
  openedFile: (name: string) => `開いているファイル：${name}`,
  download: '結果のブックをダウンロード',
  downloadName: (name: string) => `${name.replace(/\.xlsx$/i, '')}_集計.xlsx`,
  /** 「各課のファイルを追加」 and the send-back downloads (issue 11). */
  departments: {
    title: '各課のファイル',
    add: '各課のファイルを追加',
    hint: '各課が記入したブックを、このブックと一緒に集計します。ブラウザーの中で読むだけで、このブックにはコピーしません。',
    remove: (name: string) => `${name} を外す`,
    sendBack: '各課への返却用ブックをダウンロード',
    sendBackName: '各課への返却用ブック.zip',
    sendBackHint: (n: number) => `所管課ごとに、その課の取組と検証結果だけのブック（${n}件、1つの .zip で）`,
  },
  tabs: { result: '結果', diagnostics: '検証結果', settings: '設定' },
  tabsLabel: '表示する内容',
  noResultYet: 'まだ集計していません。「集計」を押してください。',
  done: (entries: number, sheets: number) => `${sheets} シートから ${entries} 件を読み取りました。`,
  summaryTable: (title: string) => `${title}の件数と割合`,
  category: '区分',
  count: '件数',
  share: '割合',
  chart: 'グラフ',
  total: '合計',
  detailOf: (label: string) => `うち${label}`,
  groups: 'グループ別',
  group: 'グループ',
  unclassified: (n: number) => `未判定 ${n} 件（合計に含みません）`,
  excluded: (n: number) => `対象外 ${n} 件`,
  repeats: (n: number) => `再掲 ${n} 件（1 件として数えています）`,
  sheetsRead: '読み取ったシート',
  /** What a run did, at the top of the result tab (RunReport). */
  report: {
    errorsFound: (n: number) => `エラーが ${n} 件あります。検証結果を確認してください。`,
    showDiagnostics: '検証結果を見る',
    written: '書き込んだシート',
    writtenPreview: '結果のブックに書き出すシート',
    created: (names: readonly string[]) => `新しく作成：${names.join('、')}`,
    replaced: (names: readonly string[]) => `前回の結果を置き換え：${names.join('、')}`,
    reviewed: (n: number) => `取組一覧で直された判定区分を事務局の判定（二次評価）として引き継ぎ：${n} 件`,
  },
  sheetLayout: (layout: string | null, entries: number) =>
    layout === null ? '報告表なし' : `${layout}・${entries} 件`,
  skipped: { hidden: '非表示のため対象外', excluded: '設定で対象外' } as Record<string, string>,
  /** The same names the 集計 sheet uses. */
  layouts: SHEET_LABELS.ja.layouts,
  diagnostics: {
    filterSeverity: '重要度で絞り込む',
    filterSheet: 'シートで絞り込む',
    allSheets: 'すべてのシート',
    none: '問題は見つかりませんでした。',
    noneMatching: '条件に合う項目はありません。',
    shown: (shown: number, all: number) => `${all} 件中 ${shown} 件を表示`,
    listLabel: '検証で見つかった問題',
    select: (where: string) => `${where} を選択`,
    previewCell: 'セルの内容',
    truncatedList: (n: number) => `ほか ${n} 件は「検証結果」シートをご覧ください。`,
  },
  settings: {
    heading: '集計の設定',
    storedExcel: '設定はこのブックの中に保存され、ブックを開いた人に共有されます。',
    storedPreview: '設定はこのブラウザーに保存されます。JSON に書き出して共有できます。',
    reportYear: '報告年度（西暦）',
    reportYearHint: '空欄なら表題や見出しから読み取ります（例：2021 = 令和3年度）',
    thresholds: '判定のしきい値（実績から判定する表）',
    onTrackRatio: '順調とする進捗率（以上）',
    slightlyBehindRatio: 'やや遅れているとする進捗率（以上）',
    ratioHint: '1 = 期待どおりの進み具合。例：0.5 は期待の半分',
    outputNames: '出力シート名',
    summarySheet: '集計シート',
    listSheet: '取組一覧シート',
    diagnosticsSheet: '検証結果シート',
    sheets: '対象シート',
    include: '読み取るシート（1 行に 1 つ。空欄ならすべての表示シート）',
    exclude: '読み取らないシート（1 行に 1 つ）',
    schemes: '評価区分',
    schemeFor: '形式ごとの評価区分',
    aliases: (label: string) => `「${label}」と同じ意味の表記（、で区切る）`,
    categoryLabel: '区分名',
    save: '保存',
    saved: '設定を保存しました。',
    reset: '既定に戻す',
    exportJson: 'JSON に書き出す',
    importJson: 'JSON を読み込む',
    imported: (name: string) => `「${name}」を読み込みました。保存すると使われます。`,
    invalid: '設定に誤りがあります',
    unsaved: '保存していない変更があります。',
  },
  /** 「表の列を指定」: a table no built-in form recognises, described by the user (issue 10 item 4). */
  mapping: {
    heading: '表の列を指定',
    intro:
      '形式を認識できなかった表は、見出しの行と各列の意味を指定すると集計できます。指定はブックの設定に保存され、次の「集計」から使われます。',
    introPreview:
      '形式を認識できなかった表は、見出しの行と各列の意味を指定すると集計できます。指定はこのブラウザーの設定に保存され、次の「集計」から使われます。',
    selectHint: '表の見出しの行のセルを 1 つ選んでから、ボタンを押してください。',
    useSelection: '選択した行を見出しにする',
    noSelection:
      '見出しにする行を読み取れませんでした。表の見出しのセルを選んでから、もう一度押してください。',
    emptyRow: '選択した行には値のあるセルがありません。表の見出しの行を選んでください。',
    openFirst: '先にファイルを開いてください。',
    sheet: 'シート',
    rowsOf: (sheet: string) => `「${sheet}」の先頭の行（見出しの行を選んでください）`,
    useRow: (row: number) => `${row} 行目を見出しにする`,
    picked: (sheet: string, row: number) => `「${sheet}」の ${row} 行目を見出しにします。`,
    columnLabel: (letters: string, text: string) => `${letters} 列「${text}」`,
    meaning: {
      number: '番号',
      title: '取組名',
      department: '所管課',
      group: 'グループ（重点項目）',
      ignore: '使わない',
    },
    status: (scheme: string) => `状況（${scheme}）`,
    name: '表の名前',
    nameHint: '結果に表示される名前です。',
    onlyThisSheet: (sheet: string) => `「${sheet}」シートだけに使う`,
    save: '保存',
    saved: (name: string) => `「${name}」の列の指定を保存しました。「集計」を押すと、この指定で集計します。`,
    problems: {
      NO_STATUS_COLUMN: '状況（評価区分）の列を 1 つ以上選んでください。',
      NO_NAME: '表の名前を入れてください。',
      DUPLICATE_CONCEPT: (what: string, cols: string) =>
        `「${what}」が複数の列（${cols}）に選ばれています。1 列にしてください。`,
      EMPTY_HEADER: (letters: string) => `${letters} 列は見出しが空です。「使わない」にしてください。`,
    },
    offer: (n: number) =>
      `報告表が見つからなかったシートが ${n} 件あります。表の列を指定すると集計できます。`,
    offerButton: '表の列を指定する',
  },
  progress: (p: JobProgress, preview: boolean): string => {
    const n = p.total > 0 ? `（${p.done} / ${p.total}）` : '';
    const words: Record<ProgressStep, string> = {
      read: p.total > 0 ? `シートを読み取っています${n}` : 'ブックを読み取っています',
      recognize: `表の形式を認識しています${n}`,
      check: `内容を検証しています${n}`,
      summarize: '集計しています',
      write: preview ? '結果のブックを作っています' : '結果のシートを書き込んでいます',
    };
    return `${words[p.step]}…`;
  },
  steps: ['read', 'recognize', 'check', 'summarize', 'write'] as readonly ProgressStep[],
  /** Last year's comparison (issue 11): the file input and the result's section. */
  previous: {
    choose: '前年度の報告を選ぶ',
    label: '前年度の報告（.xlsx、任意）',
    hint: '前年度の報告（または前年度の集計結果のブック）を選ぶと、件数の増減と区分が変わった取組を示します。ファイルはこのページの中で読み、どこにも送信しません。',
    chosen: (name: string) => `前年度：${name}`,
    clear: '前年度の報告を外す',
    heading: (name: string) => `前年度との比較（${name}）`,
    table: (title: string) => `${title}の前年度との比較`,
    previous: '前年度',
    change: '増減',
    changesHeading: '区分が変わった取組・新規・終了',
    none: '前年度から区分が変わった取組はありません。',
    direction: '変化',
    number: '番号',
    title: '取組名',
    before: '前年度',
    after: '今年度',
    matched: (n: number) => `前年度と対応した取組：${n}件`,
    signed: (n: number) => (n < 0 ? `▲${-n}` : n > 0 ? `+${n}` : '±0'),
  },
  sheetPreview: {
    heading: '出力シートの見本',
    choose: '表示するシート',
    label: (name: string) => `「${name}」シートの見本`,
    more: (n: number) => `ほか ${n} 行は、ダウンロードしたブックでご覧ください。`,
  },
  commandFailed: '集計できませんでした',
  close: '閉じる',
  /** The ribbon's 「集計」 when the workbook is too big for a command (src/commands/commands.ts). */
  command: {
    tooBigTitle: '作業ウィンドウで集計してください',
    tooBig: (cells: number, limit: number, paneOpened: boolean) =>
      `このブックには値のあるセルが ${cells.toLocaleString('ja-JP')} 個あり、リボンの「集計」で扱える目安（${limit.toLocaleString('ja-JP')} 個）を超えています。` +
      'リボンのボタンは数分で Excel に打ち切られることがあるため、進み具合を表示できる作業ウィンドウで集計してください。' +
      (paneOpened
        ? '作業ウィンドウを開きました。そこで「集計」を押してください。'
        : 'リボンの「結果・設定」を押して作業ウィンドウを開き、「集計」を押してください。'),
  },
} as const;

const HOST_ERROR_TEXT: Record<
  HostErrorCode,
  (p: Readonly<Record<string, string>>, detail: string) => string
> = {
  WORKBOOK_PROTECTED: () =>
    'ブックの構成が保護されているため、結果のシートを追加できません。［校閲］→［ブックの保護］を解除してから、もう一度「集計」を押してください。',
  SHEET_PROTECTED: (p) =>
    `前回の結果のシート「${p['sheet'] ?? ''}」が保護されているため置き換えられません。［校閲］→［シート保護の解除］を行ってから、もう一度「集計」を押してください。`,
  PAYLOAD_TOO_LARGE: () =>
    'データが大きすぎて Excel とやり取りできませんでした（Excel on the web の上限は 5 MB です）。設定で読み取るシートを絞るか、デスクトップ版の Excel でお試しください。',
  CELL_EDIT_MODE: () =>
    'セルを編集中のため集計できません。Enter キーか Esc キーで編集を終えてから、もう一度お試しください。',
  API_NOT_SUPPORTED: () => T.oldExcel,
  ACCESS_DENIED: () =>
    'Excel に変更を拒否されました。ブックが読み取り専用で開かれていないか、保護されていないかを確認してください。',
  NO_HOST: () => 'Excel の中で開かれていません。',
  EXCEL_ERROR: (p, detail) =>
    `Excel でエラーが起きました（${p['code'] ?? '不明'}）。もう一度お試しください。繰り返し起きる場合は、次の内容を担当者にお知らせください：${detail}`,
};

/** Any error a run can end with, as one Japanese sentence for the user. */
export function errorText(e: unknown): string {
  if (e instanceof HostError) return HOST_ERROR_TEXT[e.code](e.params, e.detail ?? '');
  if (e instanceof EngineError) {
    // Settings errors already name the key at fault in Japanese.
    return e.code === 'INVALID_SETTINGS' ? e.message : formatEngineError(e.code, e.detail ?? '');
  }
  return formatEngineError('INTERNAL', e instanceof Error ? e.message : String(e));
}
