/**
 * Words the output sheets are built from (headers, row labels, the 集計 flag values), per locale.
 * Diagnostic messages stay in ../messages.ts; these are the sheets' fixed vocabulary.
 */
import type { Locale } from '../messages';
import type { LayoutId } from '../model';
import { layoutNames } from '../layouts/registry';

export interface SheetLabels {
  readonly summaryTitle: string;
  readonly generatedAt: (stamp: string) => string;
  /** 「集計したシート：関市（カード形式） 計31件」 */
  readonly sourcesLine: (sheets: readonly SourceSheet[], entries: number) => string;
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
}

/** A sheet read, with the layout recognised on it. */
export interface SourceSheet {
  readonly name: string;
  readonly layout: LayoutId;
}

const JA_LAYOUTS = layoutNames('ja');
const EN_LAYOUTS = layoutNames('en');

const JA: SheetLabels = {
  summaryTitle: '達成状況',
  generatedAt: (s) => `作成日時：${s}（改革集計）`,
  sourcesLine: (sheets, n) =>
    `集計したシート：${sheets.map((s) => `${s.name}（${JA_LAYOUTS[s.layout]}）`).join('、')}\u3000計${n}件`,
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
};

const EN: SheetLabels = {
  summaryTitle: 'Progress',
  generatedAt: (s) => `Generated: ${s} (kaikaku-shukei)`,
  sourcesLine: (sheets, n) =>
    `Sheets read: ${sheets.map((s) => `${s.name} (${EN_LAYOUTS[s.layout]})`).join(', ')} (${n} entries)`,
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
};

export const SHEET_LABELS: Readonly<Record<Locale, SheetLabels>> = { ja: JA, en: EN };

/** 2021-05-10T05:03Z → 「2021/05/10 14:03」, in Japan time (no daylight saving), whatever the machine's zone. */
export function formatStamp(d: Date): string {
  const jst = new Date(d.getTime() + 9 * 3600 * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${jst.getUTCFullYear()}/${p2(jst.getUTCMonth() + 1)}/${p2(jst.getUTCDate())} ${p2(jst.getUTCHours())}:${p2(jst.getUTCMinutes())}`;
}
