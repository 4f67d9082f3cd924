/**
 * Issue 9: the core's reading of a reviewer's changes in an old 取組一覧 (src/core/reviewerEdits.ts),
 * on grids: the plan's list as a spreadsheet would hold it, a cell changed, analysed again.
 */
import { analyze, planOutput } from '../../src/core/engine';
import type { AnalysisResult } from '../../src/core/engine';
import type { PlanCell } from '../../src/core/outputPlan';
import type { CellInput, SheetInput, WorkbookInput } from '../../src/core/workbook';
import { FOUR_CARDS } from '../robustness/support';

const AT = { generatedAt: new Date(Date.UTC(2022, 4, 10, 3, 0)) };
const REPORT: WorkbookInput = { sheets: [FOUR_CARDS] };

function asCell(c: PlanCell | undefined): CellInput {
  if (!c) return null;
  if (c.kind === 'number') return c.value;
  if (c.kind === 'formula') return c.cached;
  return c.text;
}

/** The 取組一覧 the run would write, as cells. */
function listOf(result: AnalysisResult): SheetInput {
  const plan = planOutput(result, [], AT);
  const list = plan.sheets.find((s) => s.role === 'list')!;
  return { name: list.name, cells: list.rows.map((r) => r.map(asCell)) };
}

/** `list` with entry `number`'s 判定区分 set to `word`. */
function edit(list: SheetInput, number: string, word: CellInput): SheetInput {
  const header = list.cells.findIndex((r) => r.includes('判定区分'));
  const col = list.cells[header]!.indexOf('判定区分');
  const numberCol = list.cells[header]!.indexOf('番号');
  const row = list.cells.findIndex((r, i) => i > header && r[numberCol] === number);
  expect(row).toBeGreaterThan(header);
  return {
    ...list,
    cells: list.cells.map((r, i) => (i === row ? r.map((c, j) => (j === col ? word : c)) : r)),
  };
}

function codes(result: AnalysisResult): string[] {
  return result.diagnostics.filter((d) => d.code.startsWith('REVIEWER')).map((d) => d.code);
}

describe('a reviewer changes 判定区分 in 取組一覧', () => {
  const first = analyze(REPORT);

  it('counts a sub-status label under its category, keeping the label', () => {
    const again = analyze({ ...REPORT, previousList: edit(listOf(first), '4', '完了') });
    expect(again.reviewedJudgements).toBe(1);
    const e = again.entries.find((x) => x.number === '4')!;
    expect(e).toMatchObject({ status: '達成', category: '順調', excluded: false });
    expect(e.reported).toEqual({ status: '遅れている', category: '遅れている', excluded: false });
    expect(again.summaries[0]!.total).toMatchObject({ 順調: 3, 遅れている: 0 });
    expect(codes(again)).toEqual(['REVIEWER_JUDGEMENT']);
  });

  it('takes 対象外 out of the totals', () => {
    const again = analyze({ ...REPORT, previousList: edit(listOf(first), '1', '-') });
    expect(again.entries.find((x) => x.number === '1')).toMatchObject({ excluded: true, reported: {} });
    expect(again.summaries[0]!.excluded).toBe(1);
    expect(again.summaries[0]!.counted).toBe(3);
  });

  it('drops the judgement when it is set back to what the report gives', () => {
    const reviewed = analyze({ ...REPORT, previousList: edit(listOf(first), '2', '順調') });
    expect(reviewed.reviewedJudgements).toBe(1);
    const back = analyze({ ...REPORT, previousList: edit(listOf(reviewed), '2', 'やや遅れている') });
    expect(back.reviewedJudgements).toBe(0);
    expect(back.entries.find((x) => x.number === '2')!.reported).toBeUndefined();
    expect(codes(back)).toEqual([]);
  });

  it('warns about a cleared cell and applies nothing', () => {
    const again = analyze({ ...REPORT, previousList: edit(listOf(first), '3', null) });
    expect(again.reviewedJudgements).toBe(0);
    const d = again.diagnostics.find((x) => x.code === 'REVIEWER_JUDGEMENT_UNKNOWN')!;
    expect(d).toMatchObject({ severity: 'warning', at: { sheet: '取組一覧' } });
    expect(again.summaries[0]!.total).toEqual(first.summaries[0]!.total);
  });

  it('finds the entry when rows were added above it in the report', () => {
    const list = edit(listOf(first), '3', '遅れている');
    const moved: WorkbookInput = {
      sheets: [{ ...FOUR_CARDS, cells: [['（追記）'], [], ...FOUR_CARDS.cells] }],
    };
    const again = analyze({ ...moved, previousList: list });
    expect(again.reviewedJudgements).toBe(1);
    expect(again.entries.find((x) => x.number === '3')).toMatchObject({ category: '遅れている' });
  });

  it('reports a changed row whose entry the report no longer has', () => {
    const list = edit(listOf(first), '4', '順調');
    const fewer: WorkbookInput = {
      sheets: [{ ...FOUR_CARDS, cells: FOUR_CARDS.cells.slice(0, 1 + 3 * 11) }],
    };
    const again = analyze({ ...fewer, previousList: list });
    expect(again.entries).toHaveLength(3);
    expect(again.reviewedJudgements).toBe(0);
    expect(again.diagnostics.find((x) => x.code === 'REVIEWER_ENTRY_GONE')).toMatchObject({
      severity: 'info',
      at: { sheet: '取組一覧' },
      params: { number: '4', after: '順調' },
    });
  });

  it('ignores a list without our record column', () => {
    const list = edit(listOf(first), '2', '順調');
    const header = list.cells.findIndex((r) => r.includes('判定区分'));
    const record = list.cells[header]!.indexOf('改革集計の記録（編集しないでください）');
    const stripped = { ...list, cells: list.cells.map((r) => r.filter((_, j) => j !== record)) };
    const again = analyze({ ...REPORT, previousList: stripped });
    expect(again.reviewedJudgements).toBe(0);
    expect(codes(again)).toEqual([]);
  });
});
