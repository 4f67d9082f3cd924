/**
 * Shares that add up (issue 11 item 5) in 集計: the denominator stated under each table, a note when
 * shares rounded each on its own do not add to 100.0% ('asIs'), and the largest remainder as a
 * formula that keeps them adding up after a reviewer's edit in 取組一覧 ('largestRemainder').
 * Also the comparison's 前年度 / 増減 formulas, evaluated over the written cells.
 */
import { planOutput } from '../../src/core/engine';
import type { OutputPlan, PlanCell, SheetPlan } from '../../src/core/outputPlan';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { largestRemainderTenths } from '../../src/core/shares';
import { runR4WithR3 } from '../support/sekiR4';
import { evaluatePlan } from './evaluate';
import { entry, result } from './fixtures';

const AT = { generatedAt: new Date(Date.UTC(2022, 4, 10, 5, 3)) };

function textOf(c: PlanCell | undefined): string {
  if (!c) return '';
  if (c.kind === 'text' || c.kind === 'link') return c.text;
  if (c.kind === 'number') return String(c.value);
  return String(c.cached);
}

function summaryOf(plan: OutputPlan): SheetPlan {
  return plan.sheets.find((s) => s.role === 'summary')!;
}

/** Three categories, one item each: each share 33.3%, 99.9% together when rounded on its own. */
function thirds(extra: { excluded?: number } = {}) {
  const statuses = [
    '順調',
    'やや遅れている',
    '遅れている',
    ...Array<string>(extra.excluded ?? 0).fill('対象外'),
  ];
  return statuses.map((s, i) =>
    entry({ group: ['●重点項目1'], raw: s === '対象外' ? '-' : s, status: s }, i),
  );
}

function withRounding(r: 'asIs' | 'largestRemainder'): Settings {
  return { ...DEFAULT_SETTINGS, output: { ...DEFAULT_SETTINGS.output, shareRounding: r } };
}

function shareCells(s: SheetPlan): { row: number; cell: PlanCell }[] {
  return ['順調', 'やや遅れている', '遅れている'].map((label) => {
    const row = s.rows.findIndex((r) => textOf(r[0]) === label);
    return { row, cell: s.rows[row]![2]! };
  });
}

describe('shares in 集計', () => {
  it('states the denominator, 対象外 apart', () => {
    const plan = planOutput(result(thirds({ excluded: 2 })), [], AT);
    const notes = summaryOf(plan).rows.map((r) => textOf(r[0]));
    expect(notes).toContain('割合の分母：評価対象 3件（対象外 2件は含みません）');
  });

  it('as is: each share rounded on its own, with a note that they make 99.9%', () => {
    const plan = planOutput(result(thirds(), { settings: withRounding('asIs') }), [], AT);
    const s = summaryOf(plan);
    expect(shareCells(s).map((x) => (x.cell as { cached: number }).cached)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(s.rows.map((r) => textOf(r[0]))).toContain(
      '割合は各区分ごとに小数第1位で四捨五入しているため、合計が100.0%になりません（計 99.9%）。',
    );
  });

  it('largest remainder: 33.4 / 33.3 / 33.3, computed by the formula and still adding up after an edit', () => {
    const plan = planOutput(result(thirds(), { settings: withRounding('largestRemainder') }), [], AT);
    const s = summaryOf(plan);
    const cells = shareCells(s);
    expect(cells.map((x) => (x.cell as { cached: number }).cached)).toEqual([0.334, 0.333, 0.333]);
    expect(s.rows.map((r) => textOf(r[0]))).toContain(
      '割合は合計が100.0%になるよう端数を調整しています（最大剰余法）。',
    );
    const key = (row: number) => `${s.name}!${row},2`;
    const evaluated = evaluatePlan(plan);
    expect(cells.map((x) => evaluated.get(key(x.row))!.value)).toEqual([0.334, 0.333, 0.333]);

    // A reviewer moves the やや遅れている item to 順調 in 取組一覧: 2 / 0 / 1 → 66.7 / 0.0 / 33.3.
    const list = plan.sheets.find((x) => x.role === 'list')!;
    const header = list.rows.findIndex((r) => r.some((c) => textOf(c) === '判定区分'));
    const col = list.rows[header]!.findIndex((c) => textOf(c) === '判定区分');
    const row = list.rows.findIndex((r, i) => i > header && textOf(r[col]) === 'やや遅れている');
    (list.rows[row] as PlanCell[])[col] = { kind: 'text', text: '順調' };
    const after = evaluatePlan(plan);
    const shares = cells.map((x) => after.get(key(x.row))!.value as number);
    expect(shares.map((v) => Math.round(v * 1000))).toEqual(largestRemainderTenths([2, 0, 1]));
    expect(Math.round(shares.reduce((a, b) => a + b, 0) * 1000)).toBe(1000);
  });
});

describe('集計 with last year', () => {
  it('gives every 前年度 / 増減 formula a cached value equal to what it computes', async () => {
    const { plan } = await runR4WithR3(withRounding('largestRemainder'));
    const s = summaryOf(plan);
    const head = s.rows.findIndex((r) => textOf(r[3]) === '前年度');
    expect(s.rows[head]!.map(textOf)).toEqual(['区分', '件数', '割合', '前年度', '増減']);
    const evaluated = [...evaluatePlan(plan)].filter(([at]) => at.startsWith(`${s.name}!`));
    const changes = evaluated.filter(([at]) => /,(4|1[0-2])$/.test(at));
    expect(changes.length).toBeGreaterThan(10);
    for (const [at, { value, cached }] of evaluated) {
      expect({ at, value: Number((value as number).toFixed(12)) }).toEqual({
        at,
        value: Number((cached as number).toFixed(12)),
      });
    }
  });
});
