/**
 * @jest-environment jsdom
 */
import { sheetFromArray } from '../../src/core/workbook';
import type { FakeOfficeHandle } from '../support/fakeExcel';
import { installFakeOffice } from '../support/fakeExcel';
import { seedWorkbook } from '../support/seeds';

/** The ribbon command file, loaded as Excel loads it: office.js (here the fake) first, then the bundle. */
async function loadCommands(handle: FakeOfficeHandle): Promise<FakeOfficeHandle> {
  jest.resetModules();
  await import('../../src/commands/commands');
  return handle;
}

describe('the 集計 ribbon command', () => {
  it('runs with the workbook’s settings, activates 集計 and completes the event', async () => {
    const fake = await loadCommands(
      installFakeOffice(globalThis as never, { workbook: seedWorkbook('001') }),
    );
    const done = await fake.invoke('runShukei');
    expect(done.completed).toBe(true);
    const wb = fake.snapshot();
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    expect(wb.activeSheet).toBe('集計');
    expect(fake.dialogs).toEqual([]);
  });

  it('completes the event and shows the reason in a dialog when Excel refuses', async () => {
    const fake = await loadCommands(
      installFakeOffice(globalThis as never, {
        workbook: { sheets: [sheetFromArray('表', [['改革項目']])] },
      }),
    );
    fake.host.workbook.protected = true;
    const done = await fake.invoke('runShukei');
    expect(done.completed).toBe(true);
    expect(fake.dialogs).toHaveLength(1);
    const url = new URL(fake.dialogs[0]!);
    expect(url.pathname).toMatch(/dialog\.html$/);
    expect(decodeURIComponent(url.hash.slice(1))).toContain('ブックの構成が保護されている');
  });
});
