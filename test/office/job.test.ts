import { analyze, planOutput } from '../../src/core/engine';
import { EngineError } from '../../src/core/errors';
import { resolveSettings, settingsToJson } from '../../src/core/settingsIO';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import { sheetFromArray } from '../../src/core/workbook';
import { HostError } from '../../src/office/errors';
import { runInExcel } from '../../src/office/excelSource';
import { SETTINGS_KEY } from '../../src/office/limits';
import type { Engine, JobProgress } from '../../src/ui/job';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';
import type { FakeHost } from '../support/fakeExcel';
import { seedWorkbook } from '../support/seeds';

const engine: Engine = { analyze, planOutput };
const NOW = new Date(2022, 4, 31, 9, 0);

function run(host: FakeHost, onProgress?: (p: JobProgress) => void) {
  return runInExcel(host.run, engine, {
    resolveStored: (json) => resolveSettings(json),
    now: () => NOW,
    ...(onProgress ? { onProgress } : {}),
  });
}

function replaceCell(wb: WorkbookInput, from: string, to: string): WorkbookInput {
  let done = false;
  return {
    ...wb,
    sheets: wb.sheets.map((s) => ({
      ...s,
      cells: s.cells.map((row) =>
        row.map((c: CellInput) => {
          if (!done && c === from) {
            done = true;
            return to;
          }
          return c;
        }),
      ),
    })),
  };
}

describe('runInExcel with the engine', () => {
  it('summarises the 関市 report split over twelve sheets in four round trips, as for one sheet', async () => {
    const one = createFakeExcel(seedWorkbook('001'));
    const twelve = createFakeExcel(
      seedWorkbook('001', { splitEvery: 40, offset: { rows: 3, cols: 2 }, merge: true }),
    );

    const a = await run(one);
    const b = await run(twelve);

    expect(twelve.workbook.sheets.filter((s) => s.name.startsWith('関市')).length).toBeGreaterThanOrEqual(10);
    for (const outcome of [a, b]) {
      expect(outcome.result.summaries[0]?.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    }
    expect(one.stats.syncs).toBe(4);
    expect(twelve.stats.syncs).toBe(4);
  });

  it('reports progress step by step, in order', async () => {
    const steps: string[] = [];
    await run(createFakeExcel(seedWorkbook('001')), (p) => {
      if (steps[steps.length - 1] !== p.step) steps.push(p.step);
    });
    expect(steps).toEqual(['read', 'recognize', 'check', 'summarize', 'write']);
  });

  it('uses the settings stored in the workbook', async () => {
    const wb = FakeWorkbook.fromInput(seedWorkbook('001'));
    const stored = {
      ...DEFAULT_SETTINGS,
      output: { ...DEFAULT_SETTINGS.output, summarySheet: '達成状況集計' },
    };
    wb.settings.set(SETTINGS_KEY, settingsToJson(stored));
    const outcome = await run(createFakeExcel(wb));
    expect(outcome.settings.output.summarySheet).toBe('達成状況集計');
    expect(wb.sheets.map((s) => s.name)).toContain('達成状況集計');
    expect(wb.toJSON().activeSheet).toBe('達成状況集計');
  });

  it('writes a title typed as a formula as text in the list sheet', async () => {
    const attack = "=cmd|' /C calc'!A0";
    const input = replaceCell(seedWorkbook('001'), '会計年度任用職員の効率的な配置', attack);
    const wb = FakeWorkbook.fromInput(input);
    await run(createFakeExcel(wb));
    const list = wb.sheet('取組一覧')!;
    const cells = [...list.cells.values()].filter((c) => c.value === attack || c.formula === attack);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.formula).toBeNull();
  });

  it('keeps a user sheet that happens to be called 集計 and writes beside it', async () => {
    const input = seedWorkbook('001');
    const wb = FakeWorkbook.fromInput({
      sheets: [...input.sheets, sheetFromArray('集計', [['自分のメモ']])],
    });
    const outcome = await run(createFakeExcel(wb));
    expect(wb.grid('集計')).toEqual([['自分のメモ']]);
    expect(outcome.plan.activate).not.toBe('集計');
    expect(wb.toJSON().activeSheet).toBe(outcome.plan.activate);
    expect(outcome.plan.diagnostics?.map((d) => d.code)).toContain('OUTPUT_NAME_TAKEN');
  });

  it('replaces its outputs on a second run, even after the user renamed one', async () => {
    const wb = FakeWorkbook.fromInput(seedWorkbook('001'));
    const host = createFakeExcel(wb);
    await run(host);
    wb.sheet('取組一覧')!.name = '取組一覧（旧）';
    await run(host);
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
  });

  it('repairs a write that failed half-way on the next run', async () => {
    const wb = FakeWorkbook.fromInput(seedWorkbook('001'));
    const failing = createFakeExcel(wb, {
      failWhen: (op) => (op.member === 'setPrintTitleRows' ? 'GeneralException' : null),
    });
    await expect(run(failing)).rejects.toEqual(expect.any(HostError));
    await run(createFakeExcel(wb));
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
  });

  it('turns Excel’s errors into HostError and lets the engine’s pass', async () => {
    const locked = FakeWorkbook.fromInput(seedWorkbook('001'));
    locked.protected = true;
    await expect(run(createFakeExcel(locked))).rejects.toMatchObject({ code: 'WORKBOOK_PROTECTED' });

    const editing = createFakeExcel(seedWorkbook('001'), {
      failWhen: () => 'InvalidOperationInCellEditMode',
    });
    await expect(run(editing)).rejects.toMatchObject({ code: 'CELL_EDIT_MODE' });

    const wb = FakeWorkbook.fromInput(seedWorkbook('001'));
    wb.settings.set(SETTINGS_KEY, '{"judge": {"onTrackRatio": "high"}}');
    const bad = run(createFakeExcel(wb));
    await expect(bad).rejects.toEqual(expect.any(EngineError));
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_SETTINGS' });
  });
});
