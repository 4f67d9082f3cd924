import { sheetFromArray } from '../../src/core/workbook';
import { HostError } from '../../src/office/errors';
import { readListing } from '../../src/office/read';
import { numberFormats, packSteps, writePlan } from '../../src/office/write';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';
import type { FakeHost } from '../support/fakeExcel';
import { listPlan, outputPlan, summaryPlan } from './fixtures';
import type { OutputPlan } from '../../src/core/outputPlan';

function source(): FakeWorkbook {
  return FakeWorkbook.fromInput({
    sheets: [
      sheetFromArray('関市', [
        ['改革項目', 1, 'ワクチン接種', '', '秘書課'],
        ['R3進捗状況', '順調'],
      ]),
    ],
  });
}

async function write(host: FakeHost, plan: OutputPlan) {
  return host.run(async (ctx) => writePlan(ctx, plan, await readListing(ctx)));
}

describe('writePlan', () => {
  it('writes the sheets with their ownership names in one round trip, leaving the source untouched', async () => {
    const wb = source();
    const before = JSON.stringify(wb.toJSON().sheets[0]);
    const host = createFakeExcel(wb);

    const report = await write(host, outputPlan([summaryPlan(), listPlan()]));

    expect(report.syncs).toBe(1);
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧']);
    expect(wb.nameFormula('KaikakuShukei_summary')).toBe('=集計!$A$1');
    expect(wb.nameFormula('KaikakuShukei_list')).toBe('=取組一覧!$A$1');
    expect(JSON.stringify(wb.toJSON().sheets[0])).toBe(before);
    expect(wb.toJSON().activeSheet).toBe('集計');
  });

  it('writes text as text — formulas, numbers, dashes and error literals typed in cells included', async () => {
    const wb = source();
    await write(createFakeExcel(wb), outputPlan([summaryPlan()]));

    const attack = wb.cell('集計', 'A8')!;
    expect(attack.formula).toBeNull();
    expect(attack.value).toBe("=cmd|' /C calc'!A0");
    expect(wb.cell('集計', 'B8')!.value).toBe('1,483');
    expect(wb.cell('集計', 'C8')!.value).toBe('-');
    expect(wb.cell('集計', 'B9')!.value).toBe('64.8%');
    expect(wb.cell('集計', 'C9')!.error).toBeNull();
    expect(wb.cell('集計', 'C9')!.value).toBe('#REF!');
  });

  it('writes numbers, then formulas, then formats by range, links, widths, freeze panes and print setup', async () => {
    const wb = source();
    await write(createFakeExcel(wb), outputPlan([summaryPlan(), listPlan()]));

    expect(wb.cell('集計', 'B3')!.value).toBe(17);
    expect(wb.cell('集計', 'C3')!.formula).toBe('=B3/B$6');
    expect(wb.cell('集計', 'B6')!.formula).toBe('=SUM(B3:B5)');
    expect(wb.cell('集計', 'C3')!.numberFormat).toBe('0.0%');
    expect(wb.cell('集計', 'B3')!.numberFormat).toBe('#,##0');
    expect(wb.cell('集計', 'A2')!.format).toMatchObject({
      bold: true,
      fill: '#DDEBF7',
      horizontalAlignment: 'Center',
    });
    expect(wb.cell('集計', 'A2')!.format.borders?.['EdgeTop']).toEqual({
      style: 'Continuous',
      weight: 'Thin',
    });
    expect(wb.cell('集計', 'A1')!.format).toMatchObject({ bold: true, size: 14 });
    const summary = wb.sheet('集計')!;
    expect(summary.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(wb.cell('集計', 'A9')!.hyperlink).toEqual({ documentReference: "'関市'!B12" });
    expect(wb.cell('集計', 'A9')!.value).toBe('関市!B12');
    expect(wb.cell('集計', 'A9')!.format).toMatchObject({ color: '#0563C1', underline: 'Single' });
    expect(summary.columnWidths.get(0)).toBeGreaterThan(summary.columnWidths.get(1)!);
    expect(summary.freeze).toEqual({ rows: 2, cols: 0 });
    expect(summary.pageLayout).toEqual({
      orientation: 'Portrait',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1 },
      printTitleRows: '$2:$2',
    });
    const list = wb.sheet('取組一覧')!;
    expect(list.freeze).toEqual({ rows: 1, cols: 1 });
    expect(list.autoFilter).toEqual({ top: 0, left: 0, bottom: 3, right: 1 });
    expect(list.pageLayout.orientation).toBe('Landscape');
  });

  it('costs the same operations for ten rows or a thousand: formats go by whole ranges, not cell by cell', async () => {
    const operations = async (rows: number): Promise<number> => {
      const plan = listPlan('取組一覧', rows);
      const styled = {
        ...plan,
        styles: [...plan.styles, { top: 1, left: 0, bottom: rows, right: 1, style: 'bodyWrap' as const }],
      };
      const host = createFakeExcel(source());
      await write(host, outputPlan([styled]));
      return host.stats.operations;
    };
    expect(await operations(1000)).toBe(await operations(10));
  });

  it('replaces its own outputs from an earlier run and keeps a user sheet of the same name', async () => {
    const wb = source();
    const host = createFakeExcel(wb);
    await write(host, outputPlan([summaryPlan(), listPlan()]));
    wb.addSheet('メモ');

    // The planner saw both outputs as owned and asks to replace them.
    await write(host, outputPlan([summaryPlan(), listPlan('取組一覧', 5)], ['集計', '取組一覧']));

    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', 'メモ', '集計', '取組一覧']);
    expect(wb.grid('取組一覧')).toHaveLength(6);
    expect(wb.nameFormula('KaikakuShukei_list')).toBe('=取組一覧!$A$1');
    expect([...wb.names.keys()].sort()).toEqual(['KaikakuShukei_list', 'KaikakuShukei_summary']);
  });

  it('leaves a failed write in a state the next run repairs: every sheet written so far is marked as ours', async () => {
    const wb = source();
    const failing = createFakeExcel(wb, {
      failWhen: (op) => (op.target === 'Range' && op.member === 'merge' ? 'GeneralException' : null),
    });
    await expect(write(failing, outputPlan([summaryPlan(), listPlan()]))).rejects.toMatchObject({
      code: 'GeneralException',
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧']);

    const host = createFakeExcel(wb);
    const listing = await host.run((ctx) => readListing(ctx));
    expect(listing.sheets.filter((s) => s.role).map((s) => [s.name, s.role])).toEqual([
      ['集計', 'summary'],
      ['取組一覧', 'list'],
    ]);
    await write(host, outputPlan([summaryPlan(), listPlan()], ['集計', '取組一覧']));
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧']);
    expect(wb.sheet('集計')!.merges).toHaveLength(1);
  });

  it('refuses a protected workbook before changing anything', async () => {
    const wb = source();
    wb.protected = true;
    const host = createFakeExcel(wb);
    await expect(write(host, outputPlan([summaryPlan()]))).rejects.toEqual(
      new HostError('WORKBOOK_PROTECTED'),
    );
    expect(wb.sheets).toHaveLength(1);
    expect(host.stats.syncs).toBe(1); // the listing only
  });

  it('refuses to replace a protected output sheet, naming it', async () => {
    const wb = source();
    const host = createFakeExcel(wb);
    await write(host, outputPlan([summaryPlan()]));
    wb.sheet('集計')!.protected = true;
    await expect(write(host, outputPlan([summaryPlan()], ['集計']))).rejects.toMatchObject({
      code: 'SHEET_PROTECTED',
      params: { sheet: '集計' },
    });
    expect(wb.nameFormula('KaikakuShukei_summary')).toBe('=集計!$A$1');
  });

  it('splits a write that would pass the 5 MB payload limit into several round trips', async () => {
    const wb = source();
    const host = createFakeExcel(wb);
    const big = listPlan('取組一覧', 12000);
    const longRows = big.rows.map((row, i) =>
      i === 0 ? row : [...row, { kind: 'text' as const, text: '取組内容の説明。'.repeat(30) }],
    );
    const plan = outputPlan([summaryPlan(), { ...big, rows: longRows }]);

    const report = await write(host, plan);

    expect(report.syncs).toBeGreaterThan(1);
    expect(host.stats.requests.every((r) => r.requestBytes <= 5 * 1024 * 1024)).toBe(true);
    expect(wb.grid('取組一覧')).toHaveLength(12001);
    expect(wb.cell('取組一覧', 'C12001')!.value).toBe('取組内容の説明。'.repeat(30));
  });
});

describe('numberFormats', () => {
  it('puts @ on text and link cells whatever the style, and style formats elsewhere', () => {
    const grid = numberFormats(summaryPlan(), 3);
    expect(grid[2]).toEqual(['@', '#,##0', '0.0%']);
    expect(grid[7]).toEqual(['@', '@', '@']);
    expect(grid[6]).toEqual(['General', 'General', 'General']);
  });
});

describe('packSteps', () => {
  it('keeps steps in order and each batch within the budget', () => {
    const steps = [1, 2, 3, 4].map((i) => ({ bytes: 1.5 * 1024 * 1024, queue: () => i }));
    const batches = packSteps(steps);
    // 4.6 MB a request: three 1.5 MB steps fit, the fourth goes in a second.
    expect(batches.map((b) => b.length)).toEqual([3, 1]);
    expect(batches.flat()).toEqual(steps);
  });
});
