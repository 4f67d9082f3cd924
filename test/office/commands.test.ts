/**
 * @jest-environment jsdom
 */
import { COMMAND_MAX_FILLED_CELLS } from '../../src/commands/size';
import { dialogMessageFrom } from '../../src/commands/dialogMessage';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import { sheetFromArray } from '../../src/core/workbook';
import type { FakeHost } from '../support/fakeExcel';
import { createFakeExcel } from '../support/fakeExcel';
import type { OfficeRuntimeHandle, OfficeRuntimeOptions } from '../support/officeRuntime';
import { installOfficeRuntime, withHostInfo } from '../support/officeRuntime';
import { seedWorkbook } from '../support/seeds';

/**
 * The ribbon command file, loaded as Excel loads it: office.js (here the lifecycle stand-in, with the
 * fake's Excel.run) first, then the bundle. The test plays the dialog (jsdom loads no pages); the
 * browser test (test/browser/command.test.ts) runs the built page with Microsoft's Excel library.
 */
async function loadCommands(
  workbook: WorkbookInput,
  options: OfficeRuntimeOptions = {},
): Promise<{ office: OfficeRuntimeHandle; excel: FakeHost }> {
  jest.resetModules();
  let excel: FakeHost | null = null;
  const office = installOfficeRuntime(
    globalThis as never,
    { readyPollMs: 5, readyPolls: 40, ...options },
    (target) => {
      const host = createFakeExcel(workbook);
      target['Excel'] = { run: host.run };
      excel = host;
    },
  );
  await import('../../src/commands/commands');
  await waitFor(() => excel !== null);
  return { office, excel: excel! };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('timed out');
}

const protectedBook = (): WorkbookInput => ({ sheets: [sheetFromArray('表', [['改革項目']])] });

describe('the 集計 ribbon command', () => {
  it('runs with the workbook’s settings, activates 集計 and completes the event once', async () => {
    const { office, excel } = await loadCommands(seedWorkbook('001'));
    expect(await office.click('runShukei')).toEqual({ delivered: true, completed: 1 });
    const wb = excel.workbook.toJSON();
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    expect(wb.activeSheet).toBe('集計');
    expect(office.dialogs).toEqual([]);
    expect(office.errors).toEqual([]);
  });

  it.each(['query', 'end'] as const)(
    'shows the reason in a dialog and completes only after it is closed (_host_Info in the %s)',
    async (dialogParams) => {
      const { office, excel } = await loadCommands(protectedBook(), { dialogParams });
      excel.workbook.protected = true;
      const done = office.click('runShukei');
      await waitFor(() => office.dialogs.length === 1);
      const url = office.dialogs[0]!.url;
      expect(new URL(url).pathname).toMatch(/dialog\.html$/);
      expect(url).toContain('_host_Info=');
      const text = dialogMessageFrom(url)!;
      expect(text).toContain('ブックの構成が保護されている');
      expect(text).not.toContain('_host_Info');
      await new Promise((r) => setTimeout(r, 50));
      expect(office.completedCount()).toBe(0);
      office.dialogMessage('close');
      expect(await done).toEqual({ delivered: true, completed: 1 });
      expect(office.dialogs[0]!.open).toBe(false);
      expect(office.errors).toEqual([]);
    },
  );

  it('completes when the user closes the dialog (12006)', async () => {
    const { office, excel } = await loadCommands(protectedBook());
    excel.workbook.protected = true;
    const done = office.click('runShukei');
    await waitFor(() => office.dialogs.length === 1);
    office.closeDialogByUser();
    expect(await done).toEqual({ delivered: true, completed: 1 });
    expect(office.errors).toEqual([]);
  });

  describe('a workbook too big for a command', () => {
    /** One sheet with just over the limit of filled cells. */
    function bigBook(): WorkbookInput {
      const cols = 500;
      const rows = Math.floor(COMMAND_MAX_FILLED_CELLS / cols) + 1;
      const cells: CellInput[][] = [];
      for (let r = 0; r < rows; r++) cells.push(Array.from({ length: cols }, (_, c) => r * cols + c));
      return { sheets: [sheetFromArray('大きな表', cells)] };
    }

    it('is sent to 結果・設定 where Office cannot open the pane, and nothing is written', async () => {
      const { office, excel } = await loadCommands(bigBook());
      const done = office.click('runShukei');
      await waitFor(() => office.dialogs.length === 1);
      const text = dialogMessageFrom(office.dialogs[0]!.url)!;
      expect(text).toContain('作業ウィンドウで集計してください');
      expect(text).toContain('結果・設定');
      office.dialogMessage('close');
      expect(await done).toEqual({ delivered: true, completed: 1 });
      expect(excel.workbook.toJSON().sheets.map((s) => s.name)).toEqual(['大きな表']);
      // The sheets, then the filled areas, where the size is known: no cell read.
      expect(excel.stats.syncs).toBe(2);
    });

    it('opens the task pane where the host has a shared runtime', async () => {
      const { office, excel } = await loadCommands(bigBook(), {
        requirements: { ExcelApi: '1.17', DialogApi: '1.2', SharedRuntime: '1.1' },
      });
      const done = office.click('runShukei');
      await waitFor(() => office.dialogs.length === 1);
      expect(office.log.map((e) => e.what)).toContain('addin.showAsTaskpane');
      expect(dialogMessageFrom(office.dialogs[0]!.url)).toContain('作業ウィンドウを開きました');
      office.closeDialogByUser();
      expect(await done).toEqual({ delivered: true, completed: 1 });
      expect(excel.workbook.toJSON().sheets.map((s) => s.name)).toEqual(['大きな表']);
    });
  });
});

describe('the dialog’s message', () => {
  const url =
    'https://intra.example.lg.jp/kaikaku/dialog.html#kaikakuMessage=' +
    encodeURIComponent('題\n本文 & ? # $');
  const info = 'Excel$Win32$16.01$ja-JP$$isDialog$$0';

  it.each(['query', 'end'] as const)('is read whole and alone with _host_Info in the %s', (where) => {
    const opened = withHostInfo(url, info, where);
    expect(opened).toContain('_host_Info=');
    expect(dialogMessageFrom(opened)).toBe('題\n本文 & ? # $');
  });

  it('is null when the URL carries none', () => {
    expect(dialogMessageFrom(`https://x/dialog.html?_host_Info=${info}`)).toBeNull();
  });
});
