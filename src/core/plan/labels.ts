/**
 * Words the output sheets are built from (headers, row labels, the 集計 flag values), per locale.
 * Diagnostic messages stay in ../messages.ts; these are the sheets' fixed vocabulary.
 */
import { formatReason, type Locale } from '../messages';
import type { AnyLayoutId, LayoutId } from '../model';
import type { Reason } from '../reasons';
import { layoutNames, shownLayoutName, type TableName } from '../layouts/registry';

export interface SheetLabels {
  readonly summaryTitle: string;
  readonly generatedAt: (stamp: string) => string;
  /** 「集計したシート：関市（カード形式） 計31件」 */
  /** `tables`: the settings' tables, whose names are shown for the sheets read as one of them. */
  readonly sourcesLine: (
    sheets: readonly SourceSheet[],
    entries: number,
    tables?: readonly TableName[],
  ) => string;
  readonly diagnosticsLine: (errors: number, warnings: number, infos: number) => string;
  readonly noEntries: string;
  readonly schemeLine: (name: string) => string;
  readonly byGroupTitle: (title: string) => string;
  readonly category: string;
  readonly count: string;
  readonly share: string;
  readonly group: string;
  readonly total: string;
  readonly subtotal: (label: string) => string;
  readonly detailRow: (label: string) => string;
  readonly noGroup: string;
  /** The per-department tables of 集計 (departmentTables.ts, issue 11). */
  readonly departments: {
    readonly title: (table: string, byDivision: boolean) => string;
    readonly department: string;
    readonly division: string;
    readonly none: string;
    readonly behind: string;
    readonly behindShare: string;
    readonly behindNote: (categories: string) => string;
  };
  readonly notCountedNote: string;
  /** Values of the list's 集計 column: counted, 対象外, 再掲, 未判定. */
  readonly flag: {
    readonly counted: string;
    readonly excluded: string;
    readonly repeat: string;
    readonly unclassified: string;
  };
  readonly notCounted: {
    readonly excluded: string;
    readonly unclassified: string;
    readonly repeat: string;
  };
  readonly listTitle: string;
  readonly listNote: string;
  readonly list: {
    readonly group: (n: number) => string;
    readonly number: string;
    readonly title: string;
    readonly department: string;
    readonly rawStatus: string;
    readonly category: string;
    readonly detail: string;
    readonly counted: string;
    readonly table: string;
    readonly year: string;
    readonly reason: string;
    /** The department's file, when a run reads several files. */
    readonly file: string;
    readonly sheet: string;
    readonly cell: string;
    readonly indicator: string;
    readonly unit: string;
    readonly baseline: string;
    readonly target: string;
    readonly actual: string;
    /** The office's own judgement (二次評価) mark column, shown when some entry has one. */
    readonly review: string;
    /** The hidden column recording what the run wrote, to tell a reviewer's change (reviewerEdits.ts). */
    readonly record: string;
  };
  /** The 二次評価 cell of a reviewed entry: what the report itself gave. */
  readonly reviewMark: (reported: string) => string;
  readonly diagnosticsTitle: string;
  readonly noDiagnostics: string;
  readonly diag: {
    readonly severity: string;
    readonly sheet: string;
    readonly cell: string;
    readonly code: string;
    readonly message: string;
    readonly value: string;
  };
  readonly layouts: Readonly<Record<LayoutId, string>>;
  /** An entry's reason in words (the list's 理由 column): entries keep it as a code with parameters. */
  readonly reasonText: (r: Reason) => string;
  /** Last year's comparison (issue 11): 集計's extra columns and the 前年度比較 sheet. */
  readonly comparison: ComparisonLabels;
  /** The line under each table saying what the shares are of, and how they are rounded (issue 11 item 5). */
  readonly shares: {
    readonly denominator: (counted: number, excluded: number) => string;
    readonly notHundred: (sumTenths: number) => string;
    readonly largestRemainder: string;
  };
}

export interface ComparisonLabels {
  readonly sheetName: string;
  readonly title: string;
  /** Fixed words in A3: the sheet's signature (ownership.ts). */
  readonly note: string;
  readonly line: (
    file: string,
    year: string,
    matched: number,
    changed: number,
    added: number,
    dropped: number,
  ) => string;
  readonly none: string;
  /** An item with no category that year, with what was written: 「未判定（検討中）」. */
  readonly unclassified: (raw: string) => string;
  readonly previous: string;
  readonly change: string;
  readonly previousOf: (category: string) => string;
  readonly changeOf: (category: string) => string;
  readonly table: string;
  readonly direction: string;
  readonly number: string;
  readonly title2: string;
  readonly department: string;
  readonly before: string;
  readonly after: string;
  readonly cell: string;
  readonly previousCell: string;
  readonly how: string;
  readonly howNumber: string;
  readonly howTitle: string;
  readonly directions: Readonly<
    Record<'improved' | 'worsened' | 'added' | 'dropped' | 'recategorized', string>
  >;
}

/** A sheet read, with the layout recognised on it. */
export interface SourceSheet {
  readonly name: string;
  readonly layout: AnyLayoutId;
}

const JA_LAYOUTS = layoutNames('ja');
const EN_LAYOUTS = layoutNames('en');

const JA: SheetLabels = {
  summaryTitle: '達成状況',
  generatedAt: (s) => `作成日時：${s}（改革集計）`,
  sourcesLine: (sheets, n, tables) =>
    `集計したシート：${sheets.map((s) => `${s.name}（${shownLayoutName(s.layout, JA_LAYOUTS, tables)}）`).join('、')}\u3000計${n}件`,
  diagnosticsLine: (e, w, i) => `検証結果：エラー ${e}件、警告 ${w}件、情報 ${i}件`,
  noEntries: '集計できる取組が見つかりませんでした。',
  schemeLine: (name) => `評価区分：${name}`,
  byGroupTitle: (t) => `${t}（区分別）`,
  category: '区分',
  count: '件数',
  share: '割合',
  group: '区分',
  total: '合計',
  subtotal: (l) => l,
  detailRow: (l) => `\u3000うち${l}`,
  noGroup: '（区分なし）',
  departments: {
    title: (t, byDivision) => `${t}（${byDivision ? '部局別' : '所管課別'}）`,
    department: '所管課',
    division: '部局',
    none: '（所管課なし）',
    behind: '遅れ',
    behindShare: '遅れの割合',
    behindNote: (c) => `遅れ＝${c}`,
  },
  notCountedNote: '合計に含めていません',
  flag: { counted: '○', excluded: '対象外', repeat: '再掲', unclassified: '未判定' },
  notCounted: { excluded: '対象外', unclassified: '未判定', repeat: '再掲' },
  listTitle: '取組一覧',
  listNote: '「判定区分」「集計」の列を直すと、「集計」シートの件数がそれに合わせて変わります。',
  list: {
    group: (n) => `区分${n}`,
    number: '番号',
    title: '取組名',
    department: '所管課',
    rawStatus: '記載された状況',
    category: '判定区分',
    detail: '内訳',
    counted: '集計',
    table: '集計表',
    year: '年度',
    reason: '理由',
    file: 'ファイル',
    sheet: 'シート',
    cell: 'セル',
    indicator: '指標',
    unit: '単位',
    baseline: '基準値',
    target: '目標値',
    actual: '実績値',
    review: '二次評価',
    record: '改革集計の記録（編集しないでください）',
  },
  reviewMark: (r) => `○（報告：${r === '' ? '未判定' : r}）`,
  diagnosticsTitle: '検証結果',
  noDiagnostics: '問題は見つかりませんでした。',
  diag: { severity: '重要度', sheet: 'シート', cell: 'セル', code: 'コード', message: '内容', value: '値' },
  layouts: JA_LAYOUTS,
  reasonText: (r) => formatReason(r, 'ja'),
  comparison: {
    sheetName: '前年度比較',
    title: '前年度比較',
    note: '前年度の報告と番号・取組名で対応させ、判定区分が変わった取組、新規・終了の取組を載せています。',
    line: (f, y, m, c, a, d) =>
      `前年度：${f}${y === '' ? '' : `（${y}）`}\u3000対応した取組 ${m}件（うち区分が変わった取組 ${c}件）、新規 ${a}件、終了 ${d}件`,
    none: '前年度から区分が変わった取組はありません。',
    unclassified: (raw) => (raw === '' ? '未判定' : `未判定（${raw}）`),
    previous: '前年度',
    change: '増減',
    previousOf: (c) => `前年度 ${c}`,
    changeOf: (c) => `増減 ${c}`,
    table: '集計表',
    direction: '変化',
    number: '番号',
    title2: '取組名',
    department: '所管課',
    before: '前年度の区分',
    after: '今年度の区分',
    cell: '今年度のセル',
    previousCell: '前年度のセル',
    how: '対応',
    howNumber: '番号で対応（取組名が異なる）',
    howTitle: '取組名で対応（番号が異なる）',
    directions: {
      improved: '改善',
      worsened: '後退',
      added: '新規',
      dropped: '終了',
      recategorized: '区分変更',
    },
  },
  shares: {
    denominator: (n, x) => `割合の分母：評価対象 ${n}件${x > 0 ? `（対象外 ${x}件は含みません）` : ''}`,
    notHundred: (t) =>
      `割合は各区分ごとに小数第1位で四捨五入しているため、合計が100.0%になりません（計 ${(t / 10).toFixed(1)}%）。`,
    largestRemainder: '割合は合計が100.0%になるよう端数を調整しています（最大剰余法）。',
  },
};

const EN: SheetLabels = {
  summaryTitle: 'Progress',
  generatedAt: (s) => `Generated: ${s} (kaikaku-shukei)`,
  sourcesLine: (sheets, n, tables) =>
    `Sheets read: ${sheets.map((s) => `${s.name} (${shownLayoutName(s.layout, EN_LAYOUTS, tables)})`).join(', ')} (${n} entries)`,
  diagnosticsLine: (e, w, i) => `Checks: ${e} errors, ${w} warnings, ${i} notes`,
  noEntries: 'No entries to count were found.',
  schemeLine: (name) => `Scheme: ${name}`,
  byGroupTitle: (t) => `${t} by group`,
  category: 'Category',
  count: 'Count',
  share: 'Share',
  group: 'Group',
  total: 'Total',
  subtotal: (l) => l,
  detailRow: (l) => `  of which ${l}`,
  noGroup: '(no group)',
  departments: {
    title: (t, byDivision) => `${t} by ${byDivision ? 'division' : 'department'}`,
    department: 'Department',
    division: 'Division',
    none: '(no department)',
    behind: 'Behind',
    behindShare: 'Share behind',
    behindNote: (c) => `Behind = ${c}`,
  },
  notCountedNote: 'not in the total',
  flag: { counted: 'Yes', excluded: 'Excluded', repeat: 'Repeat', unclassified: 'Unclassified' },
  notCounted: { excluded: 'Excluded', unclassified: 'Unclassified', repeat: 'Repeat' },
  listTitle: 'Entries',
  listNote: 'Editing the Category or Counted columns updates the counts on the summary sheet.',
  list: {
    group: (n) => `Group ${n}`,
    number: 'No.',
    title: 'Title',
    department: 'Department',
    rawStatus: 'Status as written',
    category: 'Category',
    detail: 'Detail',
    counted: 'Counted',
    table: 'Table',
    year: 'Year',
    reason: 'Reason',
    file: 'File',
    sheet: 'Sheet',
    cell: 'Cell',
    indicator: 'Indicator',
    unit: 'Unit',
    baseline: 'Baseline',
    target: 'Target',
    actual: 'Actual',
    review: 'Office judgement',
    record: 'kaikaku-shukei record (do not edit)',
  },
  reviewMark: (r) => `Yes (reported: ${r === '' ? 'none' : r})`,
  diagnosticsTitle: 'Checks',
  noDiagnostics: 'No problems found.',
  diag: {
    severity: 'Severity',
    sheet: 'Sheet',
    cell: 'Cell',
    code: 'Code',
    message: 'Message',
    value: 'Value',
  },
  layouts: EN_LAYOUTS,
  reasonText: (r) => formatReason(r, 'en'),
  comparison: {
    sheetName: 'Last year',
    title: 'Comparison with last year',
    note: "Items matched with last year's report by number and title: those whose category changed, new ones and dropped ones.",
    line: (f, y, m, c, a, d) =>
      `Last year: ${f}${y === '' ? '' : ` (${y})`}  matched ${m} (category changed ${c}), new ${a}, dropped ${d}`,
    none: 'No item changed category since last year.',
    unclassified: (raw) => (raw === '' ? 'Unclassified' : `Unclassified (${raw})`),
    previous: 'Last year',
    change: 'Change',
    previousOf: (c) => `Last year ${c}`,
    changeOf: (c) => `Change ${c}`,
    table: 'Table',
    direction: 'Change',
    number: 'No.',
    title2: 'Title',
    department: 'Department',
    before: 'Last year',
    after: 'This year',
    cell: 'Cell',
    previousCell: "Last year's cell",
    how: 'Matched by',
    howNumber: 'number (title differs)',
    howTitle: 'title (number differs)',
    directions: {
      improved: 'Improved',
      worsened: 'Worsened',
      added: 'New',
      dropped: 'Dropped',
      recategorized: 'Recategorized',
    },
  },
  shares: {
    denominator: (n, x) =>
      `Shares are of the ${n} items evaluated${x > 0 ? ` (${x} excluded not included)` : ''}`,
    notHundred: (t) =>
      `Each share is rounded to 0.1% on its own, so they add up to ${(t / 10).toFixed(1)}%, not 100.0%.`,
    largestRemainder: 'Shares are adjusted to add up to 100.0% (largest remainder).',
  },
};

export const SHEET_LABELS: Readonly<Record<Locale, SheetLabels>> = { ja: JA, en: EN };

/** 2021-05-10T05:03Z → 「2021/05/10 14:03」, in Japan time (no daylight saving), whatever the machine's zone. */
export function formatStamp(d: Date): string {
  const jst = new Date(d.getTime() + 9 * 3600 * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${jst.getUTCFullYear()}/${p2(jst.getUTCMonth() + 1)}/${p2(jst.getUTCDate())} ${p2(jst.getUTCHours())}:${p2(jst.getUTCMinutes())}`;
}
