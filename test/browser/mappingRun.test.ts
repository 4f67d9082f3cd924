import type { Page } from 'playwright-core';
import { SIXTH_COUNTS, SIXTH_SHEET } from '../support/sixthCity';
import { countOf } from './harness';
import type { SixthCityPane } from './mappingSteps';
import { mapSixthCity, openSixthCityPane } from './mappingSteps';

/**
 * The sixth city's table, mapped in the task pane (as test/browser/mapping.test.ts does), is counted
 * by the next 集計 through the saved mapping (the engine reads settings.tables as the layout
 * table:<id>): S 3 / A 4 / B 2 / C 2, 対象外 1, nothing left unclassified, and the pane no longer
 * offers to describe the table.
 */

describe('集計 with a table mapped in the task pane', () => {
  let pane: SixthCityPane;
  let page: Page;

  beforeAll(async () => {
    pane = await openSixthCityPane();
    page = pane.page;
  });

  afterAll(() => pane?.close());

  it('counts the sixth city’s table by the saved mapping on the next run', async () => {
    await mapSixthCity(page);
    await page.getByRole('button', { name: '集計', exact: true }).click();
    // Either the counts or an alert (the settings refused, the run failed): say which.
    await Promise.race([
      countOf(page, 'S').waitFor({ timeout: 30000 }),
      page.getByRole('alert').first().waitFor({ timeout: 30000 }),
    ]);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await page.getByRole('tab', { name: /^結果/ }).click();
    expect(await countOf(page, 'S').textContent()).toBe(String(SIXTH_COUNTS.S));
    expect(await countOf(page, 'A').textContent()).toBe(String(SIXTH_COUNTS.A));
    expect(await countOf(page, 'B').textContent()).toBe(String(SIXTH_COUNTS.B));
    expect(await countOf(page, 'C').textContent()).toBe(String(SIXTH_COUNTS.C));
    const counted = SIXTH_COUNTS.S + SIXTH_COUNTS.A + SIXTH_COUNTS.B + SIXTH_COUNTS.C;
    expect(await page.getByTestId('counted').first().textContent()).toBe(String(counted));
    await page.getByText(`対象外 ${SIXTH_COUNTS.対象外} 件`).first().waitFor();
    // The sheet is named as read with the table the office described.
    await page.getByText(`${SIXTH_SHEET}：第六市 評価表・12 件`).waitFor();
    // The table was found: no offer to describe it again, and no error.
    expect(await page.getByRole('button', { name: '表の列を指定する' }).count()).toBe(0);
    expect(await page.getByTestId('errors-found').count()).toBe(0);
  });

  it('raises no error and sends nothing beyond localhost', () => {
    expect(pane.errors).toEqual([]);
    expect(pane.outside).toEqual([]);
  });
});
