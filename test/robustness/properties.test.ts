import fc from 'fast-check';
import { ALL_LAYOUTS, generateWorkbook } from '../../bench/generator';
import { analyze, planOutput } from '../../src/core/engine';
import type { AnalysisResult } from '../../src/core/engine';
import type { OutputPlan } from '../../src/core/outputPlan';
import { summaryIndexOf } from '../../src/core/plan/index';
import type { CellInput, MergeArea, SheetInput, WorkbookInput } from '../../src/core/workbook';
import { evaluatePlan } from '../plan/evaluate';
import { FORMULA_LOOKING } from './support';

/** Labels, headings and values of the five layouts (docs/domain.md), as offices type them. */
const VOCABULARY = [
  // cards
  '改革項目',
  '現状',
  '実施内容・効果',
  '数値目標',
  '目標名',
  '単位',
  '実績（R2）',
  '目標（R5）',
  '<R3期末報告>',
  'R3目標',
  'R3進捗状況',
  'R3取組内容',
  '次年度に向けて',
  '●重点項目1 経営の視点',
  '●重点項目2 協働',
  // flat table
  '具体的取組',
  '内容',
  '所管課',
  'R3取組状況',
  '総括',
  '最終評価',
  '(1) 財政マネジメントの強化',
  '①安定的・効率的な財政運営',
  '契約検査課 A 財政課 A',
  // indicator blocks
  '取組項目',
  '取組内容',
  '指標①',
  '実績値①',
  '初期値(2017年度)',
  '令和元年度',
  '令和2年度',
  '令和3年度',
  '令和4年度',
  '令和5年度',
  '基本目標1 市民参加',
  '令和3年度取組状況',
  // scored sheets
  '番号',
  '基本施策名',
  '主担当部',
  '施策名',
  '進捗状況',
  '平均値',
  '基本施策全体の進捗状況',
  '見直し論点シート',
  '5-2',
  '3：目標達成に向けて順調',
  '2：やや遅れているが、概ね順調',
  '1：遅れが生じている',
  '2.3',
  // plan cards
  '担当課',
  '関係課',
  '現状と課題',
  '目標の状態',
  '現状の数値',
  '目標の数値',
  '年次計画',
  '年度',
  '年度目標',
  '数値',
  '令和6年度',
  '検討',
  '検討・実施',
  '実施',
  '達成',
  '完了',
  // statuses and values
  '順調',
  '順 調',
  'やや遅れている',
  '遅れている',
  'A',
  'B',
  'C',
  'D',
  '-',
  '—',
  '－',
  '対象外',
  '1',
  '2',
  '3',
  '64.8%',
  '1,483',
  '97回',
  '81,571千円',
  '12日以上',
  '13%以上',
  '▲5',
  '50 (職員の約10%)',
  '増加',
  '縮減',
  '維持',
  '達成状況',
  '件数',
  '合計',
  '集計',
  // numbers in cells and noise
  '1',
  '31',
  '2021',
  'R3',
  'H31',
  'FY2021',
  '令和3年度 進捗状況',
];

const noise = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }), // lone surrogates, control characters
  fc.constantFrom(...FORMULA_LOOKING, '~*?"\'', '改行\nあり', '  ', '\t', 'x'.repeat(300)),
);

const cell: fc.Arbitrary<CellInput> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 5, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: noise },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 2100 }) },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.record({
      value: fc.double({ min: -1e6, max: 3e6, noNaN: true }),
      numberFormat: fc.constantFrom(
        '0.0%',
        '0"年度"',
        'yyyy/m/d',
        '#,##0',
        'General',
        '@',
        '[h]:mm',
        '0"件"',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      value: fc.constant(null),
      error: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?'),
      formula: fc.constantFrom('A1/0', 'Sheet9!A1', 'VLOOKUP(1,A:A,2,0)'),
    }),
  },
);

const merge: fc.Arbitrary<MergeArea> = fc
  .record({ top: fc.nat(45), left: fc.nat(10), rows: fc.nat(6), cols: fc.nat(4) })
  .map(({ top, left, rows, cols }) => ({ top, left, bottom: top + rows, right: left + cols }));

const sheetName = fc.oneof(
  fc.constantFrom('関市', '一覧', '指標', "O'Neil 課!", '報告 (1)', '集計', '取組一覧', '検証結果', 'Sheet1'),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
);

const randomSheet: fc.Arbitrary<Omit<SheetInput, 'name'>> = fc.record(
  {
    cells: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 45 }),
    merges: fc.array(merge, { maxLength: 4 }),
    visibility: fc.constantFrom('visible', 'visible', 'visible', 'hidden', 'veryHidden'),
  },
  { requiredKeys: ['cells'] },
);

const randomWorkbook: fc.Arbitrary<WorkbookInput> = fc
  .uniqueArray(fc.tuple(sheetName, randomSheet), { minLength: 0, maxLength: 4, selector: ([n]) => n })
  .map((sheets) => ({ sheets: sheets.map(([name, s]) => ({ name, ...s })) }));

/**
 * A generated report (any layout, possibly moved, merged, with real numbers) with random damage:
 * cells overwritten with vocabulary or noise, rows dropped or repeated. Reaches deeper than noise.
 */
const damagedReport: fc.Arbitrary<WorkbookInput> = fc
  .record({
    seed: fc.integer(),
    layouts: fc.shuffledSubarray([...ALL_LAYOUTS], { minLength: 1 }),
    sheets: fc.integer({ min: 1, max: 3 }),
    items: fc.integer({ min: 1, max: 5 }),
    variant: fc.record({ merge: fc.boolean(), realNumbers: fc.boolean() }),
    edits: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(8), cell), { maxLength: 25 }),
    dropped: fc.array(fc.nat(), { maxLength: 4 }),
    repeated: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map(({ seed, layouts, sheets, items, variant, edits, dropped, repeated }) => {
    const g = generateWorkbook({ seed, sheets, itemsPerSheet: items, layouts, variant, textLength: 30 });
    const out = g.workbook.sheets.map((s) => ({ ...s, cells: s.cells.map((r) => [...r]) }));
    for (const [si, ri, ci, value] of edits) {
      const rows = out[si % out.length]!.cells;
      if (rows.length === 0) continue;
      const row = rows[ri % rows.length]!;
      row[ci] = value;
    }
    for (const ri of dropped) {
      const rows = out[ri % out.length]!.cells;
      if (rows.length > 0) rows.splice(ri % rows.length, 1);
    }
    for (const ri of repeated) {
      const rows = out[ri % out.length]!.cells;
      if (rows.length > 0) rows.splice(ri % rows.length, 0, [...rows[ri % rows.length]!]);
    }
    return { sheets: out };
  });

/** Rows and columns a sheet's cells reach (at least one, for sheet-wide findings at A1). */
function bounds(sheet: SheetInput): { rows: number; cols: number } {
  return {
    rows: Math.max(1, sheet.cells.length),
    cols: Math.max(1, ...sheet.cells.map((r) => r.length)),
  };
}

function checkResult(input: WorkbookInput, r: AnalysisResult): void {
  const sheets = new Map(input.sheets.map((s) => [s.name, bounds(s)]));
  // A finding that quotes a value points at filled cells of its sheet. One about a missing value
  // points at the empty cell where the value belongs, which may lie past the last filled cell (a
  // status column carried from the previous sheet of a split report): any cell of an existing sheet.
  const EXCEL_ROWS = 1_048_576;
  const EXCEL_COLS = 16_384;
  const inside = (
    at: { sheet: string; row: number; col: number },
    to: { row: number; col: number } | undefined,
    quotesValue: boolean,
  ) => {
    const b = input.sheets.length === 0 && at.sheet === '' ? { rows: 1, cols: 1 } : sheets.get(at.sheet);
    if (!b) return false;
    const end = to ?? at;
    const limit = quotesValue ? b : { rows: EXCEL_ROWS, cols: EXCEL_COLS };
    return (
      Number.isInteger(at.row) &&
      Number.isInteger(at.col) &&
      at.row >= 0 &&
      at.col >= 0 &&
      end.row >= at.row &&
      end.col >= at.col &&
      end.row < limit.rows &&
      end.col < limit.cols
    );
  };
  for (const d of r.diagnostics)
    if (!inside(d.at, d.to, d.value !== ''))
      throw new Error(`diagnostic outside its sheet: ${JSON.stringify(d)}`);
  for (const e of r.entries)
    if (!inside(e.at, undefined, e.rawStatus !== '' && e.source === 'reported'))
      throw new Error(`entry outside its sheet: ${JSON.stringify(e.at)}`);

  // Every entry counts in exactly one summary, and each summary's counts add up to its entries.
  const per = r.summaries.map(() => 0);
  for (const e of r.entries) {
    const i = summaryIndexOf(e, r.summaries);
    if (i < 0) throw new Error(`entry in no summary: ${JSON.stringify(e.at)}`);
    per[i]!++;
  }
  r.summaries.forEach((s, i) => {
    const categories = s.categories.reduce((n, c) => n + (s.total[c] ?? 0), 0);
    expect({ summary: s.title, counted: s.counted }).toEqual({ summary: s.title, counted: categories });
    expect({ summary: s.title, all: s.counted + s.unclassified + s.excluded + s.repeats }).toEqual({
      summary: s.title,
      all: per[i],
    });
  });
}

/** Our formulas, once string literals and quoted sheet names are taken out: references, numbers and our functions. */
const FORMULA_SHAPE =
  /^(?:COUNTIFS|SUM|IFERROR|[A-Z]{1,3}\$?\d+|\$[A-Z]{1,3}\$\d+|\d+(?:\.\d+)?|[(),:+\-*/!$ ])*$/;

function checkPlan(plan: OutputPlan): void {
  for (const s of plan.sheets) {
    for (const row of s.rows) {
      for (const c of row) {
        if (!c) continue;
        if (c.kind === 'text' || c.kind === 'link') {
          expect(c.text.length).toBeLessThanOrEqual(32767);
          // eslint-disable-next-line no-control-regex -- characters an .xlsx cannot carry
          expect(c.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
        }
        if (c.kind === 'formula') {
          const bare = c.formula.replace(/"(?:[^"]|"")*"/g, '').replace(/'(?:[^']|'')*'!/g, '');
          expect(bare).toMatch(FORMULA_SHAPE);
        }
      }
    }
  }
  // Every formula gives the value cached beside it, whatever the texts its criteria quote.
  for (const [at, { value, cached }] of evaluatePlan(plan))
    expect({ at, value }).toEqual({ at, value: cached });
}

describe('analyze and planOutput on random workbooks', () => {
  it('points a status missing after a split at the empty cell where it belongs (a found counterexample)', () => {
    const input: WorkbookInput = {
      sheets: [
        { name: '関市', cells: [['総括', '改革項目', '改革項目', '達成状況']] },
        { name: '!', cells: [['改革項目', '\u0000', "=cmd|' /C calc'!A0"]] },
      ],
    };
    const r = analyze(input);
    checkResult(input, r);
    expect(() => planOutput(r, [], { generatedAt: new Date(0) })).not.toThrow();
  });

  it('never throw; findings point inside their sheets; counts add up; formulas hold no cell text', () => {
    fc.assert(
      fc.property(randomWorkbook, (input) => {
        const r = analyze(input);
        checkResult(input, r);
        checkPlan(planOutput(r, [], { generatedAt: new Date(0) }));
      }),
      { numRuns: 150 },
    );
  });

  it('hold the same on generated reports of every layout with random damage', () => {
    fc.assert(
      fc.property(damagedReport, (input) => {
        const r = analyze(input);
        checkResult(input, r);
        checkPlan(planOutput(r, [], { generatedAt: new Date(0) }));
      }),
      { numRuns: 80 },
    );
  });
});
