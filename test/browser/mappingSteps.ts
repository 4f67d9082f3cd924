import type { Browser, Page } from 'playwright-core';
import {
  SIXTH_HEADER_ROW,
  SIXTH_SHEET,
  SIXTH_STORED_SETTINGS,
  sixthCityWorkbook,
} from '../support/sixthCity';
import type { StaticServer } from './harness';
import { guardNetwork, launchBrowser, serveDist, useOfficeRuntime } from './harness';
import { installRealExcel, type RealExcel } from './realExcel/realExcel';

/**
 * The steps an office takes in the task pane (inside Excel, under the Office runtime stand-in with
 * Microsoft's Excel library against the local endpoint) to describe the sixth city's table: select a cell of its header row, 「選択した
 * 行を見出しにする」, a meaning per column, a name, 保存. Shared by the mapping test and the pending
 * test that runs 集計 with the mapping.
 */

export const SETTINGS_KEY = 'KaikakuShukei.settings';

const HOST_INFO = '_host_Info=Excel$Win32$16.01$ja-JP$$$$0';

export interface SixthCityPane {
  readonly page: Page;
  /** Errors the page raised. */
  readonly errors: string[];
  /** Requests that would have left localhost. */
  readonly outside: string[];
  close(): Promise<void>;
}

/**
 * The task pane 320 px wide inside "Excel" (the Office runtime stand-in, Microsoft's Excel library against the local endpoint) on the
 * sixth city's workbook, its settings holding the S / A / B / C scheme, ready to run.
 */
export async function openSixthCityPane(): Promise<SixthCityPane> {
  const server: StaticServer = await serveDist();
  const browser: Browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 320, height: 900 } });
  const outside = await guardNetwork(context);
  const excel = await installRealExcel(context, sixthCityWorkbook(), {
    settings: { [SETTINGS_KEY]: JSON.stringify(SIXTH_STORED_SETTINGS) },
  });
  await useOfficeRuntime(context, {});
  const page = await context.newPage();
  EXCEL.set(page, excel);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}taskpane.html?${HOST_INFO}`);
  await page.getByRole('button', { name: '集計', exact: true }).waitFor();
  return {
    page,
    errors,
    outside,
    close: async () => {
      await browser.close();
      await excel.close();
      await server.close();
    },
  };
}

/** The Excel (Microsoft's library against the local endpoint) each opened pane runs on. */
const EXCEL = new WeakMap<Page, RealExcel>();

function excelOf(page: Page): RealExcel {
  const excel = EXCEL.get(page);
  if (!excel) throw new Error('The page was not opened by openSixthCityPane.');
  return excel;
}

/** Selects a cell in the endpoint's workbook, as the user clicking it in Excel. */
export function selectInExcel(page: Page, sheet: string, row: number, col: number): Promise<void> {
  const wb = excelOf(page).endpoint.workbook;
  const id = wb.sheet(sheet)!.id;
  wb.activeSheetId = id;
  wb.selection = { sheetId: id, box: { top: row, left: col, rows: 1, cols: 1 } };
  return Promise.resolve();
}

/** The settings JSON stored in the fake workbook, parsed; null when none. */
export function storedSettings(page: Page): Promise<Record<string, unknown> | null> {
  const entries = excelOf(page).snapshot().settings;
  const value = entries.find(([k]) => k === SETTINGS_KEY)?.[1];
  return Promise.resolve(typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : null);
}

/** Maps the sixth city's table in the 設定 tab and saves it; resolves when the pane says it is saved. */
export async function mapSixthCity(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^設定/ }).click();
  // The user clicks 取組 (column C) of the header row, not its first cell.
  await selectInExcel(page, SIXTH_SHEET, SIXTH_HEADER_ROW, 2);
  await page.getByRole('button', { name: '選択した行を見出しにする' }).click();
  await page.getByTestId('mapping-picked').waitFor();
  await describeSixthColumns(page);
}

/** With the header row picked: a meaning per column, the name, 保存; resolves when it is saved. */
export async function describeSixthColumns(page: Page): Promise<void> {
  const choose = (column: string, option: string) =>
    page.getByLabel(column, { exact: true }).selectOption({ label: option });
  await choose('B 列「通番」', '番号');
  await choose('C 列「改革の取組」', '取組名');
  await choose('D 列「推進担当」', '所管課');
  await choose('E 列「重点改革項目」', 'グループ（重点項目）');
  await choose('F 列「最終判定」', '状況（S / A / B / C）');
  await page.getByLabel('表の名前').fill('第六市 評価表');
  const form = page.getByRole('form', { name: '表の列を指定' });
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByText('「第六市 評価表」の列の指定を保存しました。').waitFor();
}
