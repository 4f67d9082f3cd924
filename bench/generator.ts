/**
 * Deterministic workbook generator for benchmarks and robustness tests: N sheets × M items in any of
 * the five layouts, mixed, with realistic text lengths, from templates that follow the seeds (see
 * docs/domain.md). The same options and seed number always give the same workbook.
 *
 * Variants rebuild the reports the way offices keep them in Excel: starting elsewhere than A1,
 * numbers typed as real numbers with number formats, and merged cells where the originals merge.
 */
import type { LayoutId } from '../src/core/model';
import type { CellInput, MergeArea, SheetInput, WorkbookInput } from '../src/core/workbook';

export interface GeneratorVariant {
  /** Every sheet starts this many rows down and columns right of A1. */
  readonly offset?: { readonly rows: number; readonly cols: number };
  /** Numbers and percents as real numbers with a number format (0.648 as 0.0%), not text. */
  readonly realNumbers?: boolean;
  /** Merged cells where the originals merge: titles across columns, the 改革項目 column down its rows. */
  readonly merge?: boolean;
}

export interface GeneratorOptions {
  /** PRNG seed; the same seed gives the same workbook. */
  readonly seed: number;
  readonly sheets: number;
  /** Items (cards, 取組, indicators, policies, plan cards) per sheet. */
  readonly itemsPerSheet: number;
  /** Layouts to use, cycled over the sheets; default all five. */
  readonly layouts?: readonly LayoutId[];
  /** Mean characters in the long free-text cells (現状, 取組内容 …), varied ±50% per cell; default 120. */
  readonly textLength?: number;
  readonly variant?: GeneratorVariant;
}

export interface GeneratedWorkbook {
  readonly workbook: WorkbookInput;
  /** Entries the engine should find (planned entries counted once per plan year). */
  readonly expectedEntries: number;
  readonly expectedByLayout: Readonly<Record<LayoutId, number>>;
  /** Statuses written in the cells of the reported layouts, as written, with their counts. */
  readonly reportedStatuses: Readonly<Partial<Record<LayoutId, Readonly<Record<string, number>>>>>;
  /** Cells in the sheets' used ranges (rows × columns from the first to the last used cell): what Excel reads. */
  readonly cells: number;
  /** Non-blank cells. */
  readonly filledCells: number;
}

export const ALL_LAYOUTS: readonly LayoutId[] = [
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
  '上下水道局 経営企画課',
  'こども保育課',
];
const PROGRESS = ['順調', '順調', '順調', 'やや遅れている', 'やや遅れている', '遅れている', '達成'];
const RATINGS = ['A', 'A', 'A', 'B', 'B', 'C', '完了', '-'];
const SCORES = ['3：目標達成に向けて順調', '2：やや遅れているが、概ね順調', '1：遅れが生じている'];
const STAGES = ['検討', '検討・実施', '実施', '実施', '達成'];
const PLAN_YEARS = ['令和2年度', '令和3年度', '令和4年度', '令和5年度', '令和6年度'];
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
  /** Free text of about `mean` characters (half to one and a half times), in sentences, bulleted like the seeds. */
  text(mean: number): string {
    const length = Math.max(8, Math.round(mean * (0.5 + this.next())));
    let s = '・';
    while (s.length < length) s += `${this.pick(WORDS)}に向けて${this.pick(WORDS)}を進める。`;
    return s.slice(0, length);
  }
  title(): string {
    return `${this.pick(WORDS)}と${this.pick(WORDS)}`;
  }
}

type Row = CellInput[];

/** What a layout template writes into: rows from A1, merges, and the counts the engine should find. */
class SheetBuilder {
  readonly rows: Row[] = [];
  readonly merges: MergeArea[] = [];
  entries = 0;
  readonly statuses: Record<string, number> = {};

  constructor(
    readonly r: Rand,
    readonly textLength: number,
    readonly sheetNo: number,
    readonly variant: GeneratorVariant,
  ) {}

  push(...rows: Row[]): void {
    this.rows.push(...rows);
  }

  get nextRow(): number {
    return this.rows.length;
  }

  /** Merges a block (0-based, inclusive) when the variant asks for merges. */
  merge(top: number, left: number, bottom: number, right: number): void {
    if (this.variant.merge && (bottom > top || right > left)) this.merges.push({ top, left, bottom, right });
  }

  status(raw: string): string {
    this.statuses[raw] = (this.statuses[raw] ?? 0) + 1;
    return raw;
  }

  /** A count typed as text ('97') or as a number with a thousands format. */
  count(n: number, unit = ''): CellInput {
    if (this.variant.realNumbers && unit === '') return { value: n, numberFormat: '#,##0' };
    return `${n.toLocaleString('en-US')}${unit}`;
  }

  /** A percent typed as text ('64.8%') or as a real number with a percent format. */
  percent(p: number): CellInput {
    if (this.variant.realNumbers) return { value: Math.round(p * 10) / 1000, numberFormat: '0.0%' };
    return `${p.toFixed(1)}%`;
  }
}

/** 関市: one card per 改革項目, the status in the cell below 「R3進捗状況」. */
function cards(b: SheetBuilder, items: number): void {
  const { r, textLength, sheetNo } = b;
  b.push([`行財政改革アクションプラン 令和3年度 進捗状況（${sheetNo}）`], []);
  for (let i = 0; i < items; i++) {
    // Numbered on through the report, as a card report cut over several sheets is.
    const n = (sheetNo - 1) * items + i + 1;
    if (i % 8 === 0) b.push([`●重点項目${Math.floor(i / 8) + 1} ${r.title()}`], []);
    const base = 10 + r.int(90);
    const head = b.nextRow;
    b.push(
      ['改革項目', b.variant.realNumbers ? n : String(n), r.title(), '', r.pick(DEPARTMENTS)],
      ['現状', r.text(textLength)],
      ['実施内容・効果', r.text(textLength)],
      ['数値目標', '目標名', '単位', '実績（R2）', '目標（R5）'],
      ['', `${r.pick(WORDS)}の件数`, '件', b.count(base), b.count(base + 10 + r.int(50))],
      [],
      ['<R3期末報告>'],
      [],
      ['R3目標', r.text(Math.min(textLength, 60)), 'R3進捗状況'],
      ['', '', b.status(r.pick(PROGRESS))],
      ['R3取組内容', r.text(textLength)],
      ['達成状況について・課題', r.text(textLength)],
      ['次年度に向けて', r.text(textLength)],
      [],
    );
    b.merge(head, 2, head, 3);
    for (const k of [1, 2, 10, 11, 12]) b.merge(head + k, 1, head + k, 4);
    b.entries++;
  }
}

/** 会津若松市: one row per 取組 (and per 所管課 when several rate it), the header repeated per page. */
function flatTable(b: SheetBuilder, items: number): void {
  const { r, textLength, sheetNo } = b;
  const header = ['改革項目', '具体的取組', '内容', '所管課', 'R3取組状況', '総括', '最終評価'];
  b.push([`行政サービスの向上に向けた取組 令和3年度 取組状況（${sheetNo}）`], []);
  let groupTop = -1;
  for (let i = 0; i < items; i++) {
    if (i % 20 === 0) b.push([`(${Math.floor(i / 20) + 1}) ${r.title()}`], [], header);
    const first = i % 4 === 0;
    if (first) groupTop = b.nextRow;
    b.push([
      first ? `①${r.title()}` : '',
      `${r.title()}（${sheetNo}-${i + 1}）`,
      r.text(textLength),
      r.pick(DEPARTMENTS),
      r.text(textLength),
      r.text(textLength),
      b.status(r.pick(RATINGS)),
    ]);
    b.entries++;
    // Some 取組 are rated by a second department on a row of its own.
    if (i % 6 === 5) {
      b.push([
        '',
        '',
        '',
        r.pick(DEPARTMENTS),
        r.text(textLength),
        r.text(textLength),
        b.status(r.pick(RATINGS)),
      ]);
      b.merge(b.nextRow - 2, 1, b.nextRow - 1, 1);
      b.merge(b.nextRow - 2, 2, b.nextRow - 1, 2);
      b.entries++;
    }
    if (i % 4 === 3 || i === items - 1 || i % 20 === 19) b.merge(groupTop, 0, b.nextRow - 1, 0);
  }
}

/** 江別市: indicator blocks; nothing reported, the status is computed from baseline, target and actuals. */
function indicatorBlocks(b: SheetBuilder, items: number): void {
  const { r, textLength, sheetNo } = b;
  b.push([`行政改革推進計画の取組状況 (令和3年度)（${sheetNo}）`], []);
  const years = ['初期値(2017年度)', '令和元年度', '令和2年度', '令和3年度', '令和4年度', '令和5年度'];
  for (let i = 0; i < items; i++) {
    if (i % 10 === 0)
      b.push([`基本目標${Math.floor(i / 10) + 1} ${r.title()}`], [`(${(i % 30) / 10 + 1}) ${r.title()}`], []);
    const base = 50 + r.int(30);
    const target = base + 5 + r.int(20);
    const actual = (k: number) => b.percent(base + (target - base) * k * (0.2 + r.int(10) / 10));
    const head = b.nextRow;
    b.push(
      ['取組項目', `①${r.title()}`],
      ['取組内容', r.text(textLength)],
      ['指標①', `${r.pick(WORDS)}と思う市民割合`, '', '', '', '所管課', r.pick(DEPARTMENTS)],
      ['', ...years],
      ['', b.percent(base), '', '', '', '', b.percent(target)],
      ['実績値①', '', actual(0.3), actual(0.6), actual(0.8), '', ''],
      ['令和3年度取組状況', r.text(textLength)],
      ['実績値を踏まえた令和4年度の取組内容', r.text(textLength)],
    );
    b.merge(head, 1, head, 6);
    b.merge(head + 1, 1, head + 1, 6);
    b.merge(head + 2, 1, head + 2, 4);
    b.merge(head + 6, 1, head + 6, 6);
    b.merge(head + 7, 1, head + 7, 6);
    b.entries++;
  }
}

/** 府中市: 見直し論点シート, 施策 + score pairs under a stated average and label. */
function scoredSheets(b: SheetBuilder, items: number): void {
  const { r, sheetNo } = b;
  b.push(['部会検討結果報告書'], []);
  for (let i = 0; i < items;) {
    const count = Math.min(1 + r.int(3), items - i);
    const scores = Array.from({ length: count }, () => r.int(3));
    const avg = scores.reduce((s, x) => s + (3 - x), 0) / count;
    const label =
      avg >= 2.5 ? '目標達成に向けて順調' : avg >= 1.5 ? 'やや遅れているが、概ね順調' : '遅れが生じている';
    const stated: CellInput = b.variant.realNumbers ? { value: avg, numberFormat: '0.0' } : avg.toFixed(1);
    b.push(
      ['見直し論点シート'],
      ['番号', '基本施策名', '主担当部', '主担当課', '関係課'],
      [`${sheetNo}-${i + 1}`, r.title(), '政策総務部', r.pick(DEPARTMENTS), r.pick(DEPARTMENTS)],
      [],
      ['ア. 後期基本計画の進捗状況'],
      ['基本施策全体の進捗状況', '平均値', '施策名', '進捗状況'],
    );
    const first = b.nextRow;
    scores.forEach((s, k) => b.push([k === 0 ? label : '', k === 0 ? stated : '', r.title(), SCORES[s]!]));
    b.merge(first, 0, b.nextRow - 1, 0);
    b.merge(first, 1, b.nextRow - 1, 1);
    b.push([]);
    i += count;
    b.entries += count;
  }
}

/** 安中市: plan cards with the stage planned for each year of the plan; one entry per card and year. */
function planCards(b: SheetBuilder, items: number): void {
  const { r, textLength, sheetNo } = b;
  b.push([`第3次行政改革大綱 実施計画 令和2年度～令和6年度（${sheetNo}）`], []);
  for (let i = 0; i < items; i++) {
    if (i % 6 === 0) b.push([`${Math.floor(i / 6) + 1} ${r.title()}`], [], [`(1) ${r.title()}`], []);
    const start = 100 + r.int(100);
    const head = b.nextRow;
    b.push(
      [`① ${r.title()}`],
      [],
      ['担当課', r.pick(DEPARTMENTS), '関係課', ''],
      ['現状と課題', r.text(textLength)],
      ['取組内容', r.text(textLength)],
      ['目標の状態', r.text(Math.min(60, textLength)), '現状の数値', `${start}件`],
      ['', '', '目標の数値', `${start + 50}件`],
      ['年次計画', '年度', ...PLAN_YEARS],
      ['', '進捗状況', ...PLAN_YEARS.map(() => r.pick(STAGES))],
      ['', '年度目標', ...PLAN_YEARS.map(() => r.text(30))],
      ['', '数値', ...PLAN_YEARS.map((_, k) => `${start + 10 * (k + 1)}件`)],
      [],
    );
    b.merge(head + 3, 1, head + 3, 6);
    b.merge(head + 4, 1, head + 4, 6);
    b.merge(head + 5, 1, head + 6, 1);
    b.merge(head + 7, 0, head + 10, 0);
    b.entries += PLAN_YEARS.length;
  }
}

const TEMPLATES: Readonly<Record<LayoutId, (b: SheetBuilder, items: number) => void>> = {
  cards,
  flatTable,
  indicatorBlocks,
  scoredSheets,
  planCards,
};

/** Moves a sheet's rows and merges down and right. */
function shifted(
  rows: readonly Row[],
  merges: readonly MergeArea[],
  offset: { readonly rows: number; readonly cols: number },
): { rows: Row[]; merges: MergeArea[] } {
  const pad = (row: Row): Row =>
    row.length === 0 ? [] : [...new Array<CellInput>(offset.cols).fill(null), ...row];
  return {
    rows: [...Array.from({ length: offset.rows }, (): Row => []), ...rows.map(pad)],
    merges: merges.map((m) => ({
      top: m.top + offset.rows,
      bottom: m.bottom + offset.rows,
      left: m.left + offset.cols,
      right: m.right + offset.cols,
    })),
  };
}

function isFilled(c: CellInput): boolean {
  if (c === null || c === undefined) return false;
  if (typeof c === 'string') return c.trim() !== '';
  if (typeof c === 'object') return c.value !== null || c.error !== undefined;
  return true;
}

/** Cells in the used range (first to last non-blank row and column) and the non-blank ones. */
export function countCells(sheet: SheetInput): { cells: number; filled: number } {
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  let filled = 0;
  sheet.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      if (!isFilled(c)) return;
      filled++;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, col);
      right = Math.max(right, col);
    }),
  );
  return { cells: bottom < 0 ? 0 : (bottom - top + 1) * (right - left + 1), filled };
}

export function generateWorkbook(options: GeneratorOptions): GeneratedWorkbook {
  const r = new Rand(prng(options.seed));
  const layouts = options.layouts ?? ALL_LAYOUTS;
  const textLength = options.textLength ?? 120;
  const variant = options.variant ?? {};
  const sheets: SheetInput[] = [];
  const byLayout: Record<LayoutId, number> = {
    cards: 0,
    flatTable: 0,
    indicatorBlocks: 0,
    scoredSheets: 0,
    planCards: 0,
  };
  const reported: Partial<Record<LayoutId, Record<string, number>>> = {};
  let cells = 0;
  let filledCells = 0;
  for (let s = 0; s < options.sheets; s++) {
    const layout = layouts[s % layouts.length]!;
    const b = new SheetBuilder(r, textLength, s + 1, variant);
    TEMPLATES[layout](b, options.itemsPerSheet);
    byLayout[layout] += b.entries;
    if (Object.keys(b.statuses).length > 0) {
      const into = (reported[layout] ??= {});
      for (const [k, v] of Object.entries(b.statuses)) into[k] = (into[k] ?? 0) + v;
    }
    const placed = variant.offset ? shifted(b.rows, b.merges, variant.offset) : b;
    const sheet: SheetInput = {
      name: `${SHEET_TITLES[layout]}${s + 1}`,
      cells: placed.rows,
      ...(placed.merges.length > 0 ? { merges: placed.merges } : {}),
    };
    const counted = countCells(sheet);
    cells += counted.cells;
    filledCells += counted.filled;
    sheets.push(sheet);
  }
  const expectedEntries = Object.values(byLayout).reduce((a, b) => a + b, 0);
  return {
    workbook: { sheets, name: `generated-${options.seed}` },
    expectedEntries,
    expectedByLayout: byLayout,
    reportedStatuses: reported,
    cells,
    filledCells,
  };
}

/**
 * The benchmark's workbook at `scale` × 10,000 entries (about 280,000 used-range cells per 10,000):
 * 50 sheets per scale step, the five layouts in turn, 109 items each (999 entries per five sheets).
 */
export function benchWorkbook(scale: number, seed = 2021): GeneratedWorkbook {
  return generateWorkbook({ seed, sheets: Math.max(1, Math.round(50 * scale)), itemsPerSheet: 109 });
}
