import { writeFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { tableId } from '../../src/core/tableSettings';
import { workbookFromInput, workbookToBytes } from '../../src/xlsx';
import {
  SIXTH_HEADER_ROW,
  SIXTH_SHEET,
  SIXTH_STORED_SETTINGS,
  sixthCityWorkbook,
  sixthTableDef,
} from '../support/sixthCity';
import type { StaticServer } from './harness';
import { axeViolations, launchBrowser, serveDist, tempDir } from './harness';
import type { SixthCityPane } from './mappingSteps';
import {
  describeSixthColumns,
  mapSixthCity,
  openSixthCityPane,
  selectInExcel,
  storedSettings,
} from './mappingSteps';

/**
 * 「表の列を指定」 inside Excel (issue 10 item 4): a sixth city's table that no built-in layout
 * recognises is described in the task pane, 320 px wide, under the Office runtime stand-in with the
 * fake's Excel, and the workbook's settings then hold exactly that table, the rest kept.
 */

describe('mapping an unrecognised table in the task pane', () => {
  let pane: SixthCityPane;
  let page: Page;

  beforeAll(async () => {
    pane = await openSixthCityPane();
    page = pane.page;
  });

  afterAll(() => pane?.close());

  it('offers to describe the table when a run finds none', async () => {
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page
      .getByText('報告表が見つからなかったシートが 1 件あります。', { exact: false })
      .waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: '表の列を指定する' }).click();
    await page.getByRole('heading', { name: '表の列を指定' }).waitFor();
  });

  it('says so when the selected row has no values', async () => {
    await selectInExcel(page, SIXTH_SHEET, SIXTH_HEADER_ROW - 1, 1);
    await page.getByRole('button', { name: '選択した行を見出しにする' }).click();
    await page.getByText('選択した行には値のあるセルがありません。', { exact: false }).waitFor();
  });

  it('refuses a mapping without a status column, naming what is missing', async () => {
    await selectInExcel(page, SIXTH_SHEET, SIXTH_HEADER_ROW, 4);
    await page.getByRole('button', { name: '選択した行を見出しにする' }).click();
    await page.getByLabel('B 列「通番」', { exact: true }).selectOption({ label: '番号' });
    await page.getByRole('form', { name: '表の列を指定' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('状況（評価区分）の列を 1 つ以上選んでください。').waitFor();
    expect(await storedSettings(page)).toEqual(SIXTH_STORED_SETTINGS);
  });

  it('lists each header cell with a choice of meanings, one 状況 per scheme of the settings', async () => {
    const options = await page
      .getByLabel('F 列「最終判定」', { exact: true })
      .locator('option')
      .allTextContents();
    expect(options).toEqual([
      '番号',
      '取組名',
      '所管課',
      'グループ（重点項目）',
      '状況（順調 / やや遅れている / 遅れている）',
      '状況（A / B / C / D / 完了）',
      '状況（3 / 2 / 1（施策の評点））',
      '状況（完了 / 取組中 / 未着手（実施状況））',
      '状況（達成 / 一部達成 / 未達成（達成度））',
      '状況（段階（未着手 / 検討 / 実施 / 達成））',
      '状況（S / A / B / C）',
      '使わない',
    ]);
  });

  it('saves exactly the table described into the workbook’s settings, keeping the rest', async () => {
    await mapSixthCity(page);
    expect(await storedSettings(page)).toEqual({
      ...SIXTH_STORED_SETTINGS,
      tables: [sixthTableDef(tableId('第六市 評価表'))],
    });
  });

  it('fits 320 px and passes axe with the mapping form open', async () => {
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('raises no error and sends nothing beyond localhost', () => {
    expect(pane.errors).toEqual([]);
    expect(pane.outside).toEqual([]);
  });
});

/** The same in the browser preview: the header row chosen by clicking a row of the sheet. */
describe('mapping an unrecognised table in the preview', () => {
  const STORAGE_KEY = 'kaikaku-shukei.settings';
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const file = join(tempDir(), 'sixth.xlsx');
    writeFileSync(file, await workbookToBytes(workbookFromInput(sixthCityWorkbook())));
    server = await serveDist();
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 320, height: 900 } });
    await context.addInitScript(
      ([key, json]) => window.localStorage.setItem(key!, json!),
      [STORAGE_KEY, JSON.stringify(SIXTH_STORED_SETTINGS)],
    );
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}taskpane.html`);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('file-name').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the sheet’s first rows, takes the clicked row as the header and stores the table', async () => {
    await page.getByRole('tab', { name: /^設定/ }).click();
    await page
      .getByRole('region', { name: `「${SIXTH_SHEET}」の先頭の行（見出しの行を選んでください）` })
      .waitFor();
    await page
      .getByRole('button', { name: `${SIXTH_HEADER_ROW + 1} 行目を見出しにする`, exact: true })
      .click();
    expect(await page.getByTestId('mapping-picked').textContent()).toBe(
      `「${SIXTH_SHEET}」の ${SIXTH_HEADER_ROW + 1} 行目を見出しにします。`,
    );
    await describeSixthColumns(page);
    const stored = await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY);
    expect(JSON.parse(stored ?? 'null')).toEqual({
      ...SIXTH_STORED_SETTINGS,
      tables: [sixthTableDef(tableId('第六市 評価表'))],
    });
    expect(errors).toEqual([]);
  });
});
