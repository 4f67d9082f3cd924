import { planOutput } from '../../src/core/engine';
import type { OutputPlan, PlanCell, SheetPlan } from '../../src/core/outputPlan';
import { formatReason } from '../../src/core/messages';
import { criterion } from '../../src/core/plan';
import { reason } from '../../src/core/reasons';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { evaluatePlan } from './evaluate';
import { diag, entry, result, sekiLike, summarize } from './fixtures';

const AT = { generatedAt: new Date(Date.UTC(2022, 4, 10, 5, 3)) };

function sheet(plan: OutputPlan, role: SheetPlan['role']): SheetPlan {
  return plan.sheets.find((s) => s.role === role)!;
}

function textOf(c: PlanCell | undefined): string {
  if (!c) return '';
  if (c.kind === 'text' || c.kind === 'link') return c.text;
  if (c.kind === 'number') return String(c.value);
  return String(c.cached);
}

/** The row whose first cell reads `label`, at or after `from`. */
function rowOf(s: SheetPlan, label: string, from = 0): number {
  const r = s.rows.findIndex((row, i) => i >= from && textOf(row[0]) === label);
  if (r < 0) throw new Error(`no row ${label} in ${s.name}`);
  return r;
}

function cachedAt(s: SheetPlan, row: number, col: number): number | string {
  const c = s.rows[row]?.[col];
  if (c?.kind === 'formula') return c.cached;
  if (c?.kind === 'number') return c.value;
  throw new Error(`no count at ${row},${col}: ${JSON.stringify(c)}`);
}

describe('planOutput', () => {
  const seki = result(sekiLike());

  it('names the sheets after the settings and activates the summary', () => {
    const plan = planOutput(seki, [{ name: '報告', owned: false }], AT);
    expect(plan.sheets.map((s) => [s.role, s.name])).toEqual([
      ['summary', '集計'],
      ['list', '取組一覧'],
      ['diagnostics', '検証結果'],
    ]);
    expect(plan.activate).toBe('集計');
    expect(plan.replace).toEqual([]);
  });

  it('keeps a user sheet named 集計, writes beside it and says so', () => {
    const plan = planOutput(
      seki,
      [
        { name: '集計', owned: false },
        { name: '集計 (2)', owned: false },
        { name: '取組一覧', owned: true, role: 'list' },
        { name: '古い検証', owned: true, role: 'diagnostics' },
      ],
      AT,
    );
    expect(plan.sheets.map((s) => s.name)).toEqual(['集計 (3)', '取組一覧', '検証結果']);
    expect(plan.replace).toEqual(['取組一覧', '古い検証']);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: 'OUTPUT_NAME_TAKEN',
        severity: 'info',
        at: { sheet: '集計', row: 0, col: 0 },
        params: { name: '集計', used: '集計 (3)' },
      }),
    ]);
    const diagRows = sheet(plan, 'diagnostics').rows.map((r) => textOf(r[3]));
    expect(diagRows).toContain('OUTPUT_NAME_TAKEN');
  });

  it('compares sheet names without case and keeps them within 31 valid characters', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      output: {
        ...DEFAULT_SETTINGS.output,
        summarySheet: 'Summary',
        listSheet: 'a/b:c*[d]?' + 'x'.repeat(40),
      },
    };
    const plan = planOutput(result(sekiLike(), { settings }), [{ name: 'SUMMARY', owned: false }], AT);
    expect(sheet(plan, 'summary').name).toBe('Summary (2)');
    const list = sheet(plan, 'list').name;
    expect(list).toMatch(/^a_b_c__d__x+$/);
    expect([...list].length).toBe(31);
  });

  it('writes the 達成状況 table with COUNTIFS over the list, cached counts, うち達成 and 合計 100%', () => {
    const plan = planOutput(seki, [], AT);
    const s = sheet(plan, 'summary');
    const head = rowOf(s, '区分');
    expect(s.rows[head]!.map(textOf)).toEqual(['区分', '件数', '割合']);
    const jun = rowOf(s, '順調', head);
    expect(cachedAt(s, jun, 1)).toBe(17);
    expect(cachedAt(s, rowOf(s, '　うち達成', head), 1)).toBe(1);
    expect(cachedAt(s, rowOf(s, 'やや遅れている', head), 1)).toBe(12);
    expect(cachedAt(s, rowOf(s, '遅れている', head), 1)).toBe(2);
    const total = rowOf(s, '合計', head);
    expect(cachedAt(s, total, 1)).toBe(31);
    expect(cachedAt(s, total, 2)).toBe(1);
    expect(cachedAt(s, jun, 2)).toBeCloseTo(17 / 31);

    const f = s.rows[jun]![1]!;
    expect(f).toMatchObject({ kind: 'formula' });
    const text = (f as { formula: string }).formula;
    expect(text).toMatch(/^COUNTIFS\(/);
    expect(text).toContain(`'取組一覧'!$`);
    expect(text).toContain('"=順調"');
    expect(text).toContain('"=○"');
    expect((s.rows[jun]![2] as { formula: string }).formula).toMatch(/^IFERROR\(B\d+\/\$B\$\d+,0\)$/);
    expect((s.rows[total]![1] as { formula: string }).formula).toMatch(/^SUM\(/);
  });

  it('gives every formula a cached value equal to what it computes over the written cells', () => {
    const entries = [
      ...sekiLike(),
      entry({ group: ['●重点項目1 行政運営の推進'], raw: '-', status: '対象外' }, 40),
      entry({ group: ['●重点項目2 行政運営の推進'], raw: '順長', status: null }, 41),
      entry({ group: [], raw: '順調', status: '順調' }, 42),
      entry({ group: ['●重点項目3 行政運営の推進'], raw: '順調', status: '順調', repeat: true }, 43),
    ];
    const plan = planOutput(result(entries), [], AT);
    const evaluated = evaluatePlan(plan);
    expect(evaluated.size).toBeGreaterThan(20);
    for (const [at, { value, cached }] of evaluated) {
      expect({ at, value: typeof value === 'number' ? Number(value.toFixed(12)) : value }).toEqual({
        at,
        value: typeof cached === 'number' ? Number(cached.toFixed(12)) : cached,
      });
    }
  });

  it('matches the engine summary for every category, and notes 対象外 / 未判定 / 再掲 apart', () => {
    const entries = [
      ...sekiLike(),
      entry({ group: ['●重点項目1 行政運営の推進'], raw: '-', status: '対象外' }, 40),
      entry({ group: ['●重点項目2 行政運営の推進'], raw: '順長', status: null }, 41),
      entry({ group: ['●重点項目3 行政運営の推進'], raw: '順調', status: '順調', repeat: true }, 43),
    ];
    const r = result(entries);
    const summary = r.summaries[0]!;
    const s = sheet(planOutput(r, [], AT), 'summary');
    const head = rowOf(s, '区分');
    for (const cat of summary.categories)
      expect(cachedAt(s, rowOf(s, cat, head), 1)).toBe(summary.total[cat]);
    expect(cachedAt(s, rowOf(s, '合計', head), 1)).toBe(summary.counted);
    expect(cachedAt(s, rowOf(s, '対象外', head), 1)).toBe(summary.excluded);
    expect(cachedAt(s, rowOf(s, '未判定', head), 1)).toBe(summary.unclassified);
    expect(cachedAt(s, rowOf(s, '再掲', head), 1)).toBe(summary.repeats);
  });

  it('breaks the counts down per group, with a subtotal per top level and a 合計 row', () => {
    const entries = [
      entry({ group: ['(1) 財政', '①予算'], raw: 'A', status: 'A', scheme: 'abcd' }, 0),
      entry({ group: ['(1) 財政', '①予算'], raw: 'B', status: 'B', scheme: 'abcd' }, 1),
      entry({ group: ['(1) 財政', '②資産'], raw: 'A', status: 'A', scheme: 'abcd' }, 2),
      entry({ group: ['(2) 人材'], raw: '完了', status: '完了', scheme: 'abcd' }, 3),
    ];
    const s = sheet(planOutput(result(entries), [], AT), 'summary');
    const bh = rowOf(s, '区分', rowOf(s, '達成状況（区分別）'));
    expect(s.rows[bh]!.map(textOf)).toEqual(['区分', 'A', 'B', 'C', 'D', '完了', '合計']);
    const top = rowOf(s, '(1) 財政', bh);
    expect([1, 2, 6].map((c) => cachedAt(s, top, c))).toEqual([2, 1, 3]);
    expect(s.styles).toContainEqual(expect.objectContaining({ top, bottom: top, style: 'subtotal' }));
    const child = rowOf(s, '　②資産', bh);
    expect([1, 2, 6].map((c) => cachedAt(s, child, c))).toEqual([1, 0, 1]);
    const second = rowOf(s, '(2) 人材', bh);
    expect(cachedAt(s, second, 5)).toBe(1);
    const total = rowOf(s, '合計', bh);
    expect(cachedAt(s, total, 6)).toBe(4);
  });

  it('writes every text from a cell as text, never as a formula, however hostile', () => {
    const hostile = [
      "=cmd|' /C calc'!A0",
      '@SUM(1+1)*cmd|" /C calc"!A0',
      '+1+1',
      '-2+3',
      '=HYPERLINK("http://x")',
    ];
    const entries = hostile.map((h, i) =>
      entry({ group: [h], number: h, title: h, department: h, raw: h, status: null }, i, h.slice(0, 20)),
    );
    const r = result(entries, {
      title: hostile[0]!,
      diagnostics: [
        diag('UNKNOWN_STATUS', hostile[1]!.slice(0, 20), 3, 2, {
          value: hostile[1]!,
          params: { status: hostile[1]!, scheme: '標準' },
        }),
      ],
    });
    const plan = planOutput(r, [], AT);
    const cells = plan.sheets.flatMap((s) => s.rows.flatMap((row) => row));
    for (const h of hostile) {
      const holding = cells.filter(
        (c) => c !== null && c.kind !== 'formula' && c.kind !== 'number' && c.text.includes(h),
      );
      expect(holding.length).toBeGreaterThan(0);
      for (const c of holding) expect(c!.kind === 'text' || c!.kind === 'link').toBe(true);
    }
    // Inside formulas, cell text may only appear as a quoted criterion, never as formula code.
    for (const c of cells) {
      if (c?.kind !== 'formula') continue;
      const code = c.formula.replace(/"(?:[^"]|"")*"/g, '""');
      expect(code).toMatch(/^(?:'[^']+'!|[A-Z]+\(|""|\$?[A-Z]{1,3}\$?\d+|[,:/+\-()0-9])+$/);
      for (const h of hostile) expect(code).not.toContain(h);
    }
  });

  it('escapes wildcards in criteria and writes a number when a criterion is too long for Excel', () => {
    expect(criterion('A*B?C~D')).toBe('"=A~*B~?C~~D"');
    expect(criterion('say "hi"')).toBe('"=say ""hi"""');
    expect(criterion('<R3期末報告>')).toBe('"=<R3期末報告>"');
    expect(criterion('x'.repeat(254))).not.toBeNull();
    expect(criterion('x'.repeat(255))).toBeNull();
    expect(criterion('a\nb')).toBeNull();

    const long = '重点'.repeat(200);
    const entries = [
      entry({ group: [long], raw: '順調', status: '順調' }, 0),
      entry({ group: ['*'], raw: '順調', status: '順調' }, 1),
      entry({ group: ['~?'], raw: '遅れている', status: '遅れている' }, 2),
    ];
    const plan = planOutput(result(entries), [], AT);
    const s = sheet(plan, 'summary');
    const bh = rowOf(s, '区分', rowOf(s, '達成状況（区分別）'));
    expect(s.rows[rowOf(s, long, bh)]![1]).toEqual({ kind: 'number', value: 1 });
    const star = s.rows[rowOf(s, '*', bh)]![1] as { formula: string; cached: number };
    expect(star.formula).toContain('"=~*"');
    expect(star.cached).toBe(1);
    for (const [at, { value, cached }] of evaluatePlan(plan))
      expect({ at, value }).toEqual({ at, value: cached });
  });

  it('lists one row per entry with the source cell linked and the indicator columns when any', () => {
    const entries = [
      entry(
        {
          group: ['基本目標1', '(1) 情報共有', '①'],
          raw: '',
          status: '順調',
          year: 2021,
          indicator: {
            name: 'フォロワー数',
            unit: '人',
            baseline: 1483,
            target: 6000,
            actual: '検討',
            direction: 'increase',
          },
        },
        0,
      ),
      entry({ group: ['基本目標1'], raw: '遅れている', status: '遅れている' }, 1),
    ];
    const plan = planOutput(result(entries), [], AT);
    const s = sheet(plan, 'list');
    const head = s.rows.findIndex((r) => textOf(r[0]) === '区分1');
    expect(s.rows[head]!.map(textOf)).toEqual([
      '区分1',
      '区分2',
      '区分3',
      '番号',
      '取組名',
      '所管課',
      '記載された状況',
      '判定区分',
      '内訳',
      '集計',
      '年度',
      '理由',
      'シート',
      'セル',
      '指標',
      '単位',
      '基準値',
      '目標値',
      '実績値',
      // Hidden: what the run wrote, to tell a reviewer's change on the next run (issue 9).
      '改革集計の記録（編集しないでください）',
    ]);
    expect(s.hiddenColumns).toEqual([19]);
    const row = s.rows[head + 1]!;
    expect(textOf(row[0])).toBe('基本目標1');
    expect(textOf(row[2])).toBe('①');
    expect(textOf(row[9])).toBe('○');
    expect(textOf(row[10])).toBe('令和3年度');
    expect(row[13]).toEqual({ kind: 'link', text: 'C11', sheet: '報告', cell: 'C11' });
    expect(row[16]).toEqual({ kind: 'number', value: 1483 });
    expect(row[18]).toEqual({ kind: 'text', text: '検討' });
    expect(s.rows).toHaveLength(head + 3);
  });

  it('words each entry’s reason in the list, in the output locale, from its code and parameters', () => {
    const why = reason(
      'NO_BASELINE',
      {},
      reason('PACE', { percent: 62, expected: 67, year: 2021, targetYear: 2023 }),
    );
    const entries = [
      { ...entry({ group: ['基本目標1'], raw: '', status: '順調', year: 2021 }, 0), reason: why },
      entry({ group: ['基本目標1'], raw: '遅れている', status: '遅れている' }, 1),
    ];
    const en = { ...DEFAULT_SETTINGS, output: { ...DEFAULT_SETTINGS.output, locale: 'en' as const } };
    for (const [settings, header] of [
      [DEFAULT_SETTINGS, '理由'],
      [en, 'Reason'],
    ] as const) {
      const s = sheet(planOutput(result(entries, { settings }), [], AT), 'list');
      const head = s.rows.findIndex((r) => r.some((c) => textOf(c) === header));
      const col = s.rows[head]!.findIndex((c) => textOf(c) === header);
      expect(s.rows.slice(head + 1, head + 3).map((r) => r[col] ?? null)).toEqual([
        { kind: 'text', text: formatReason(why, settings.output.locale) },
        null,
      ]);
    }
    expect(formatReason(why, 'en')).not.toBe(formatReason(why, 'ja'));
  });

  it('formats the sheets like a printed report', () => {
    const plan = planOutput(seki, [], AT);
    for (const s of plan.sheets) {
      expect(s.print).toEqual({ paper: 'A4', orientation: expect.any(String), fitToWidth: true });
      expect(s.styles.some((x) => x.style === 'header')).toBe(true);
      expect(s.styles.some((x) => x.style === 'title')).toBe(true);
      expect(s.columnWidths.length).toBeGreaterThan(2);
    }
    const summary = sheet(plan, 'summary');
    expect(summary.styles.some((x) => x.style === 'percent' && x.left === 2)).toBe(true);
    expect(summary.styles.some((x) => x.style === 'total')).toBe(true);
    for (const role of ['list', 'diagnostics'] as const) {
      const s = sheet(plan, role);
      expect(s.freeze?.rows).toBeGreaterThan(0);
      expect(s.autoFilter).toBeDefined();
      expect(s.printTitleRows).toEqual({ first: s.autoFilter!.top, last: s.autoFilter!.top });
    }
    expect(textOf(summary.rows[0]![0])).toBe('せき行財政改革アクションプランⅢ 令和3年度 達成状況');
    expect(textOf(summary.rows[1]![0])).toContain('2022/05/10 14:03');
  });

  it('lists each diagnostic with its severity, a link to its cell, code, message and value', () => {
    const r = result(sekiLike(), {
      diagnostics: [
        diag('UNKNOWN_STATUS', '報告', 20, 4, {
          severity: 'error',
          value: '順長',
          params: { status: '順長', scheme: '標準', suggestion: '順調' },
        }),
        diag('SHIFTED_ROW', '報告', 30, 0, {
          to: { row: 30, col: 6 },
          params: { shift: 3, expected: '所管課', column: 'D', found: 'A' },
        }),
        diag('CELL_ERROR', '消えたシート', 1, 1, {
          severity: 'info',
          value: '#REF!',
          params: { error: '#REF!' },
        }),
      ],
    });
    const s = sheet(planOutput(r, [], AT), 'diagnostics');
    const head = s.rows.findIndex((row) => textOf(row[0]) === '重要度');
    expect(s.rows[head]!.map(textOf)).toEqual(['重要度', 'シート', 'セル', 'コード', '内容', '値']);
    const first = s.rows[head + 1]!;
    expect(textOf(first[0])).toBe('エラー');
    expect(first[2]).toEqual({ kind: 'link', text: 'E21', sheet: '報告', cell: 'E21' });
    expect(textOf(first[3])).toBe('UNKNOWN_STATUS');
    expect(textOf(first[4])).toContain('順調');
    expect(textOf(first[5])).toBe('順長');
    expect(textOf(s.rows[head + 2]![2])).toBe('A31:G31');
    expect(s.rows[head + 3]![2]).toEqual({ kind: 'text', text: 'B2' });
    expect(s.styles).toContainEqual(expect.objectContaining({ top: head + 1, left: 0, style: 'error' }));
  });

  it('plans three sheets for an empty result without failing', () => {
    const r = result([], { sheets: [], summaries: [], title: null, reportYear: null });
    const plan = planOutput(r, [], AT);
    expect(plan.sheets).toHaveLength(3);
    expect(textOf(sheet(plan, 'summary').rows[0]![0])).toBe('達成状況');
    expect(
      sheet(plan, 'summary').rows.some((row) => textOf(row[0]) === '集計できる取組が見つかりませんでした。'),
    ).toBe(true);
    expect(
      sheet(plan, 'diagnostics').rows.some((row) => textOf(row[0]) === '問題は見つかりませんでした。'),
    ).toBe(true);
  });

  it('keeps cell text within what Excel and XML can store', () => {
    const entries = [
      entry({ group: ['g'], title: `a\u0000b\u0007c${'x'.repeat(40000)}`, raw: '順調', status: '順調' }, 0),
    ];
    const s = sheet(planOutput(result(entries), [], AT), 'list');
    const title = s.rows.flatMap((r) => r).find((c) => c?.kind === 'text' && c.text.startsWith('abc'));
    expect(title).toBeDefined();
    expect((title as { text: string }).text.length).toBe(32767);
  });

  it('counts per scheme and year when a workbook mixes them', () => {
    const entries = [
      entry({ group: ['1'], raw: '順調', status: '順調' }, 0),
      entry({ group: ['1'], raw: '実施', status: '実施', scheme: 'stage', year: 2021, source: 'planned' }, 1),
      entry({ group: ['1'], raw: '検討', status: '検討', scheme: 'stage', year: 2022, source: 'planned' }, 2),
      entry({ group: ['1'], raw: '実施', status: '実施', scheme: 'stage', year: 2022, source: 'planned' }, 3),
    ];
    const summaries = [
      summarize(entries, 'progress3'),
      { ...summarize(entries, 'stage', DEFAULT_SETTINGS, 2022), title: '令和4年度の計画段階' },
    ];
    const plan = planOutput(result(entries, { summaries }), [], AT);
    const s = sheet(plan, 'summary');
    const stageHead = rowOf(s, '区分', rowOf(s, '令和4年度の計画段階'));
    expect(cachedAt(s, rowOf(s, '実施', stageHead), 1)).toBe(1);
    expect(cachedAt(s, rowOf(s, '検討', stageHead), 1)).toBe(1);
    expect(cachedAt(s, rowOf(s, '合計', stageHead), 1)).toBe(2);
    const list = sheet(plan, 'list');
    const head = list.rows.findIndex((r) => textOf(r[0]) === '区分1');
    const tableCol = list.rows[head]!.findIndex((c) => textOf(c) === '集計表');
    expect(tableCol).toBeGreaterThan(0);
    expect(list.rows.slice(head + 1).map((r) => textOf(r[tableCol]))).toEqual([
      '達成状況',
      '',
      '令和4年度の計画段階',
      '令和4年度の計画段階',
    ]);
    for (const [at, { value, cached }] of evaluatePlan(plan))
      expect({ at, value }).toEqual({ at, value: cached });
  });
});
