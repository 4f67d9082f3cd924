/**
 * The Office adapter at scale through Microsoft's excel-web-16.00.js (issue 12 items 5 and 6): the
 * ribbon's whole run (listing, extents, cells, analyze, plan, write) on a workbook of 100 source
 * sheets made by the bench's generator, with the round trips counted from what the library really
 * sent and received — not from the in-memory fake's estimate of it.
 */
import type { Browser } from 'playwright-core';
import { generateWorkbook } from '../../bench/generator';
import { PAYLOAD_LIMIT } from '../support/excelEndpoint';
import { launchBrowser } from './harness';
import type { Failure } from './realExcel/realExcel';
import { callAdapter, roundTripFigures, withPage } from './realExcel/realExcel';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Several megabytes through the library and the endpoint on a shared 2-core machine.
jest.setTimeout(480_000);

interface RibbonOutcome {
  readonly entries: number;
  readonly written: readonly string[];
  readonly diagnostics: readonly string[];
}

describe('100 source sheets through excel-web-16.00.js', () => {
  it('ribbon: every entry counted and listed, the three sheets written, round trips within the 5 MB floor + 1', async () => {
    const g = generateWorkbook({ seed: 500, sheets: 100, itemsPerSheet: 20 });
    await withPage(browser, g.workbook, async (page, excel) => {
      const got = await callAdapter<RibbonOutcome & Partial<Failure>>(page, 'ribbon');
      expect(got.error).toBeUndefined();
      expect(got.entries).toBe(g.expectedEntries);
      expect(got.written).toEqual(['集計', '取組一覧', '検証結果']);

      // What reached "Excel": 取組一覧 has one row per entry, each keyed (in its hidden last column)
      // to the source sheet it came from, and all 100 source sheets are among them.
      const wb = excel.endpoint.workbook;
      const sources = new Set(g.workbook.sheets.map((s) => s.name));
      const keyed = wb
        .grid('取組一覧')
        .map((row) => sourceOf(row[row.length - 1]))
        .filter((sheet): sheet is string => sheet !== null && sources.has(sheet));
      expect(keyed.length).toBe(g.expectedEntries);
      expect(new Set(keyed).size).toBe(100);

      const figures = roundTripFigures(excel.requests);
      process.stdout.write(`100 sheets: ${JSON.stringify(figures)}\n`);
      expect(figures.refused).toBe(0);
      expect(figures.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      expect(figures.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      // The write goes out in more than one request here (its bytes pass 5 MB), packed to the limit.
      expect(figures.writeBytes).toBeGreaterThan(PAYLOAD_LIMIT);
      expect(figures.roundTrips).toBeLessThanOrEqual(figures.payloadFloor + 1);
    });
  });
});

describe('a write Excel refuses for its size', () => {
  it('is sent again in halves: nothing lost, every answered request within the limit', async () => {
    // A 1 MiB limit makes the adapter's 4.6 MB batches too large, as a misjudged estimate would
    // against the real 5 MB: each refused request must come back split, not as PAYLOAD_TOO_LARGE.
    const limit = 1024 * 1024;
    const g = generateWorkbook({ seed: 500, sheets: 40, itemsPerSheet: 20 });
    await withPage(
      browser,
      g.workbook,
      async (page, excel) => {
        const got = await callAdapter<RibbonOutcome & Partial<Failure>>(page, 'ribbon');
        expect(got.error).toBeUndefined();
        expect(got.entries).toBe(g.expectedEntries);
        const refused = excel.requests.filter((r) => r.error === 'RequestPayloadSizeLimitExceeded');
        expect(refused.length).toBeGreaterThan(0);
        const answered = excel.requests.filter((r) => r.error === null);
        expect(Math.max(...answered.map((r) => r.requestBytes))).toBeLessThanOrEqual(limit);
        // Other refusals are the reads' answers over the limit (asked again in halves, read.ts).
        const others = excel.requests.filter(
          (r) => r.error !== null && r.error !== 'RequestPayloadSizeLimitExceeded',
        );
        expect(others.map((r) => [r.error, r.queries > 0])).toEqual(
          others.map(() => ['ResponsePayloadSizeLimitExceeded', true]),
        );
        const sources = new Set(g.workbook.sheets.map((s) => s.name));
        const keyed = excel.endpoint.workbook
          .grid('取組一覧')
          .map((row) => sourceOf(row[row.length - 1]))
          .filter((sheet): sheet is string => sheet !== null && sources.has(sheet));
        expect(keyed.length).toBe(g.expectedEntries);
        expect(
          excel
            .snapshot()
            .sheets.map((s) => s.name)
            .slice(-3),
        ).toEqual(['集計', '取組一覧', '検証結果']);
      },
      { payloadLimit: limit },
    );
  });
});

/** The source sheet named by an entry's key in 取組一覧 (a JSON array: [version, sheet, cell, …]). */
function sourceOf(key: unknown): string | null {
  if (typeof key !== 'string' || !key.startsWith('[')) return null;
  try {
    const parsed = JSON.parse(key) as unknown;
    return Array.isArray(parsed) && typeof parsed[1] === 'string' ? parsed[1] : null;
  } catch {
    return null;
  }
}
