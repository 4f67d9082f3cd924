/**
 * Deterministic workbook generator for benchmarks and robustness tests: N sheets × M items in any of
 * the five layouts, mixed, with realistic text lengths, from seed-like templates. The same options
 * and seed number always give the same workbook.
 */
import type { CellInput, WorkbookInput, SheetInput } from '../src/core/workbook';
import type { LayoutId } from '../src/core/model';

export interface GeneratorOptions {
  /** PRNG seed; the same seed gives the same workbook. */
  readonly seed: number;
  readonly sheets: number;
  /** Items (cards, table rows, indicators, policies, plan cards) per sheet. */
  readonly itemsPerSheet: number;
  /** Layouts to use, cycled over the sheets; default all five. */
  readonly layouts?: readonly LayoutId[];
  /** Characters in the long free-text cells (現状, 取組内容 …); default 120. */
  readonly textLength?: number;
}

export interface GeneratedWorkbook {
  readonly workbook: WorkbookInput;
  /** Entries the engine should find per layout (planned entries counted per plan year). */
  readonly expectedEntries: number;
  readonly cells: number;
}

const ALL_LAYOUTS: readonly LayoutId[] = [
  'cards',
  'flatTable',
  'indicatorBlocks',
  'scoredSheets',
  'planCards',
];

const SHEET_TITLES: Readonly<Record<LayoutId, string>> = {
  cards: 'カード',
  flatTable: '一覧表',
  indicatorBlocks: '指標',
  scoredSheets: '論点シート',
  planCards: '実施計画',
};

const DEPARTMENTS = [
  '秘書課',
  '財政課',
  '企画広報課',
  '行政情報課',
  '市民課',
  '税務課',
  '管財課',
  '職員課',
  '人事課',
];
const PROGRESS = ['順調', '順調', '順調', 'やや遅れている', 'やや遅れている', '遅れている', '達成'];
const RATINGS = ['A', 'A', 'A', 'B', 'B', 'C', '完了', '-'];
const SCORES = ['3：目標達成に向けて順調', '2：やや遅れているが、概ね順調', '1：遅れが生じている'];
const STAGES = ['検討', '検討・実施', '実施', '実施', '達成'];
const WORDS = [
  '業務の効率化',
  '市民サービスの向上',
  '全庁的な協力体制',
  '情報発信の充実',
  '公共施設の適正管理',
  '財源の確保',
  '職員の意欲と能力の向上',
  'デジタル化の推進',
  '窓口手続の簡素化',
  '行政評価の充実',
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(private readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  text(length: number): string {
    let s = '・';
    while (s.length < length) s += `${this.pick(WORDS)}に向けて${this.pick(WORDS)}を進める。`;
    return s.slice(0, length);
  }
  title(): string {
    return `${this.pick(WORDS)}と${this.pick(WORDS)}`;
  }
}

type Row = CellInput[];

function cards(
  r: Rand,
  items: number,
  textLength: number,
  sheetNo: number,
): { rows: Row[]; entries: number } {
  const rows: Row[] = [[`行財政改革アクションプラン 令和3年度 進捗状況（${sheetNo}）`], []];
  for (let i = 0; i < items; i++) {
    const n = sheetNo * 10000 + i + 1;
    if (i % 8 === 0) rows.push([`●重点項目${Math.floor(i / 8) + 1} ${r.title()}`], []);
    const base = 10 + r.int(90);
    rows.push(
      ['改革項目', String(n), r.title(), '', r.pick(DEPARTMENTS)],
      ['現状', r.text(textLength)],
      ['実施内容・効果', r.text(textLength)],
      ['数値目標', '目標名', '単位', '実績（R2）', '目標（R5）'],
      ['', `${r.pick(WORDS)}の件数`, '件', String(base), String(base + 10 + r.int(50))],
      [],
      ['<R3期末報告>'],
      [],
      ['R3目標', r.text(Math.min(textLength, 60)), 'R3進捗状況'],
      ['', '', r.pick(PROGRESS)],
      ['R3取組内容', r.text(textLength)],
      ['達成状況について・課題', r.text(textLength)],
      ['次年度に向けて', r.text(textLength)],
      [],
    );
  }
  return { rows, entries: items };
}

function flatTable(
  r: Rand,
  items: number,
  textLength: number,
  sheetNo: number,
): { rows: Row[]; entries: number } {
  const header = ['改革項目', '具体的取組', '内容', '所管課', 'R3取組状況', '総括', '最終評価'];
  const rows: Row[] = [[`行政サービスの向上に向けた取組 令和3年度 取組状況（${sheetNo}）`], []];
  for (let i = 0; i < items; i++) {
    if (i % 20 === 0) rows.push([`(${Math.floor(i / 20) + 1}) ${r.title()}`], [], header);
    const first = i % 4 === 0;
    rows.push([
      first ? `①${r.title()}` : '',
      `${r.title()}（${sheetNo}-${i + 1}）`,
      r.text(textLength),
      r.pick(DEPARTMENTS),
      r.text(textLength),
      r.text(textLength),
      r.pick(RATINGS),
    ]);
  }
  return { rows, entries: items };
}

function indicatorBlocks(
  r: Rand,
  items: number,
  textLength: number,
  sheetNo: number,
): { rows: Row[]; entries: number } {
  const rows: Row[] = [[`# 行政改革推進計画の取組状況 (令和3年度)（${sheetNo}）`], []];
  const years = ['初期値(2017年度)', '令和元年度', '令和2年度', '令和3年度', '令和4年度', '令和5年度'];
  for (let i = 0; i < items; i++) {
    if (i % 10 === 0)
      rows.push(
        [`基本目標${Math.floor(i / 10) + 1} ${r.title()}`],
        [`(${(i % 30) / 10 + 1}) ${r.title()}`],
        [],
      );
    const base = 50 + r.int(30);
    const target = base + 5 + r.int(20);
    const a = (k: number) => `${(base + (target - base) * k * (0.2 + r.int(10) / 10)).toFixed(1)}%`;
    rows.push(
      ['取組項目', `①${r.title()}`],
      ['取組内容', r.text(textLength)],
      ['指標①', `${r.pick(WORDS)}と思う市民割合`, '', '', '', '所管課', r.pick(DEPARTMENTS)],
      ['', ...years],
      ['', `${base}.0%`, '', '', '', '', `${target}.0%`],
      ['実績値①', '', a(0.3), a(0.6), a(0.8), '', ''],
      ['令和3年度取組状況', r.text(textLength)],
      ['実績値を踏まえた令和4年度の取組内容', r.text(textLength)],
    );
  }
  return { rows, entries: items };
}

function scoredSheets(
  r: Rand,
  items: number,
  _textLength: number,
  sheetNo: number,
): { rows: Row[]; entries: number } {
  const rows: Row[] = [['部会検討結果報告書'], []];
  let entries = 0;
  for (let i = 0; i < items;) {
    const count = Math.min(1 + r.int(3), items - i);
    const scores = Array.from({ length: count }, () => r.int(3));
    const avg = scores.reduce((s, x) => s + (3 - x), 0) / count;
    const label =
      avg >= 2.5 ? '目標達成に向けて順調' : avg >= 1.5 ? 'やや遅れているが、概ね順調' : '遅れが生じている';
    rows.push(
      ['見直し論点シート'],
      ['番号', '基本施策名', '主担当部', '主担当課', '関係課'],
      [`${sheetNo}-${i + 1}`, r.title(), '政策総務部', r.pick(DEPARTMENTS), r.pick(DEPARTMENTS)],
      [],
      ['ア. 後期基本計画の進捗状況'],
      ['基本施策全体の進捗状況', '平均値', '施策名', '進捗状況'],
    );
    scores.forEach((s, k) =>
      rows.push([k === 0 ? label : '', k === 0 ? avg.toFixed(1) : '', r.title(), SCORES[s]!]),
    );
    rows.push([]);
    i += count;
    entries += count;
  }
  return { rows, entries };
}

function planCards(
  r: Rand,
  items: number,
  textLength: number,
  sheetNo: number,
): { rows: Row[]; entries: number } {
  const rows: Row[] = [[`第3次行政改革大綱 実施計画 令和2年度～令和6年度（${sheetNo}）`], []];
  const years = ['令和2年度', '令和3年度', '令和4年度', '令和5年度', '令和6年度'];
  for (let i = 0; i < items; i++) {
    if (i % 6 === 0) rows.push([`${Math.floor(i / 6) + 1} ${r.title()}`], [], [`(1) ${r.title()}`], []);
    const start = 100 + r.int(100);
    rows.push(
      [`① ${r.title()}`],
      [],
      ['担当課', r.pick(DEPARTMENTS), '関係課', ''],
      ['現状と課題', r.text(textLength)],
      ['取組内容', r.text(textLength)],
      ['目標の状態', r.text(Math.min(60, textLength)), '現状の数値', `${start}件`],
      ['', '', '目標の数値', `${start + 50}件`],
      ['年次計画', '年度', ...years],
      ['', '進捗状況', ...years.map(() => r.pick(STAGES))],
      ['', '年度目標', ...years.map(() => r.text(30))],
      ['', '数値', ...years.map((_, k) => `${start + 10 * (k + 1)}件`)],
      [],
    );
  }
  return { rows, entries: items * years.length };
}

const BUILDERS: Readonly<
  Record<
    LayoutId,
    (r: Rand, items: number, textLength: number, sheetNo: number) => { rows: Row[]; entries: number }
  >
> = { cards, flatTable, indicatorBlocks, scoredSheets, planCards };

export function generateWorkbook(options: GeneratorOptions): GeneratedWorkbook {
  const r = new Rand(prng(options.seed));
  const layouts = options.layouts ?? ALL_LAYOUTS;
  const textLength = options.textLength ?? 120;
  const sheets: SheetInput[] = [];
  let expectedEntries = 0;
  let cells = 0;
  for (let s = 0; s < options.sheets; s++) {
    const layout = layouts[s % layouts.length]!;
    const { rows, entries } = BUILDERS[layout](r, options.itemsPerSheet, textLength, s + 1);
    expectedEntries += entries;
    for (const row of rows) cells += row.length;
    sheets.push({ name: `${SHEET_TITLES[layout]}${s + 1}`, cells: rows });
  }
  return { workbook: { sheets, name: `generated-${options.seed}` }, expectedEntries, cells };
}
