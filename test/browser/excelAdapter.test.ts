/**
 * The Office adapter (src/office) run by Microsoft's Excel library in Chromium against the local
 * ProcessQuery endpoint: what reaches "Excel" is exactly what excel-web-16.00.js sends for our code.
 */
import type { Browser, Page } from 'playwright-core';
import type { WorkbookInput } from '../../src/core/workbook';
import { seedWorkbook } from '../support/seeds';
import { launchBrowser } from './harness';
import type { RealExcel } from './realExcel/realExcel';
import { callAdapter, openAdapterPage } from './realExcel/realExcel';

interface Failure {
  readonly error: { readonly name: string; readonly code: string; readonly message: string };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(workbook: WorkbookInput, options = {}) {
  const opened = await openAdapterPage(browser, workbook, options);
  opened.page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(m.text());
  });
  return opened;
}

/** Every non-empty cell as [row, col, value]: sparse rows and page serialisation compare alike. */
function filled(sheet: {
  cells: readonly (readonly unknown[] | null | undefined)[];
}): [number, number, unknown][] {
  const out: [number, number, unknown][] = [];
  sheet.cells.forEach((row, r) =>
    (row ?? []).forEach((cell, c) => {
      if (cell !== null && cell !== undefined) out.push([r, c, cell]);
    }),
  );
  return out;
}

const SEKI = () => seedWorkbook('001', { offset: { rows: 2, cols: 1 }, merge: true });

describe('read (readListing + readCells) through excel-web-16.00.js', () => {
  let page: Page;
  let excel: RealExcel;
  let errors: string[];
  beforeAll(async () => {
    ({ page, excel, errors } = await open(SEKI()));
  });
  afterAll(async () => {
    await page.close();
    await excel.close();
  });

  it('reads the 関市 seed in three round trips: every cell, every merged area', async () => {
    const got = await callAdapter<{ syncs: number; workbook: WorkbookInput } & Partial<Failure>>(
      page,
      'read',
    );
    expect(got.error).toBeUndefined();
    expect(excel.syncCount()).toBe(3);
    expect(got.syncs).toBe(3);
    const seed = SEKI();
    expect(got.workbook.sheets.map((s) => s.name)).toEqual(seed.sheets.map((s) => s.name));
    got.workbook.sheets.forEach((sheet, i) => {
      const want = seed.sheets[i]!;
      expect(filled(sheet)).toEqual(filled(want));
      expect(filled(sheet).length).toBeGreaterThan(100);
      const key = (m: { top: number; left: number }) => m.top * 100000 + m.left;
      expect([...(sheet.merges ?? [])].sort((a, b) => key(a) - key(b))).toEqual(
        [...(want.merges ?? [])].sort((a, b) => key(a) - key(b)),
      );
      expect(want.merges?.length ?? 0).toBeGreaterThan(0);
    });
    expect(excel.unknown).toEqual([]);
    expect(excel.requests.every((r) => r.error === null)).toBe(true);
    expect(errors).toEqual([]);
  });
});
