import type { WorkbookInput } from '../../src/core/workbook';
import { createFakeExcel, FAKE_PAYLOAD_LIMIT, FakeWorkbook } from '../support/fakeExcel';
import { AT, FLAT_HEADER, flatRow, runOffice, type Row } from './support';

/** A flat table of `rows` 取組 whose titles run to `chars` characters: a list bigger than one request may carry. */
function bigReport(rows: number, chars: number): WorkbookInput {
  const cells: Row[] = [['(1) 財政マネジメントの強化'], FLAT_HEADER];
  for (let i = 0; i < rows; i++) {
    const title = `取組${i + 1} ${'公共施設の適正管理と財源の確保。'.repeat(Math.ceil(chars / 16))}`.slice(
      0,
      chars,
    );
    cells.push(
      flatRow(i % 20 === 0 ? `①改革項目${i / 20 + 1}` : null, title, '財政課', ['A', 'B', 'C'][i % 3]!),
    );
  }
  return { sheets: [{ name: '一覧', cells }] };
}

describe('a run whose output passes the 5 MB payload limit, on a host that enforces it', () => {
  const rows = 900;
  const input = bigReport(rows, 2500);
  const wb = FakeWorkbook.fromInput(input);
  const host = createFakeExcel(wb);
  let outcome: Awaited<ReturnType<typeof runOffice>>;
  beforeAll(async () => {
    outcome = await runOffice(host, AT);
  });

  it('writes in several requests, each under the limit, and reads the same way', () => {
    const requests = host.stats.requests;
    // Writes carry no answer; reads do (the listing and the extents, tiny, then the cells).
    const writes = requests.filter((r) => r.responseBytes === 0);
    const reads = requests.filter((r) => r.responseBytes > 0);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.reduce((n, r) => n + r.requestBytes, 0)).toBeGreaterThan(FAKE_PAYLOAD_LIMIT);
    for (const r of requests) expect(r.requestBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
    // A read whose answer passed the limit was refused by the host and asked again in halves.
    const answered = reads.filter((r) => r.responseBytes <= FAKE_PAYLOAD_LIMIT);
    expect(answered.reduce((n, r) => n + r.responseBytes, 0)).toBeGreaterThan(FAKE_PAYLOAD_LIMIT);
    expect(answered.filter((r) => r.responseBytes > 1024 * 1024).length).toBeGreaterThanOrEqual(2);
  });

  it('writes every row of the list, the last one whole', () => {
    expect(outcome.result.entries).toHaveLength(rows);
    const grid = wb.grid('取組一覧');
    const first = outcome.result.entries[0]!.title;
    const titleCol = grid[3]!.indexOf(first);
    expect(titleCol).toBeGreaterThanOrEqual(0);
    const titles = grid.slice(3).map((r) => String(r[titleCol]));
    expect(titles).toHaveLength(rows);
    expect(titles[rows - 1]).toBe(outcome.result.entries[rows - 1]!.title);
    expect(titles[rows - 1]!.length).toBe(2500);
    // The counts in 集計 were written too (numbers or formulas with cached values).
    const summary = JSON.stringify(wb.grid('集計'));
    expect(summary).toContain('COUNTIFS');
  });
});

describe('a sheet of more than 10,000 rows through the Office adapter', () => {
  it('reads every row, as the command line does', async () => {
    const cells: Row[] = [['(1) 財政マネジメントの強化'], FLAT_HEADER];
    for (let i = 0; i < 10500; i++) cells.push(flatRow(null, `取組${i + 1}`, '財政課', 'A'));
    const input: WorkbookInput = { sheets: [{ name: '一覧', cells }] };
    const outcome = await runOffice(createFakeExcel(input), AT);
    expect(outcome.result.entries).toHaveLength(10500);
    expect(outcome.result.entries[10499]!.title).toBe('取組10500');
  });
});

describe('a report whose used range a stray value stretches to XFD1048576, through the Office adapter', () => {
  it('is read whole in four round trips, without the empty rows and columns between', async () => {
    const cells: Row[] = [['(1) 財政マネジメントの強化'], FLAT_HEADER];
    for (let i = 0; i < 300; i++)
      cells.push(flatRow(null, `取組${i + 1}`, '財政課', ['A', 'B', 'C'][i % 3]!));
    const wb = FakeWorkbook.fromInput({ sheets: [{ name: '一覧', cells }] });
    wb.sheet('一覧')!.cells.set('1048575:16383', {
      value: '最終行のメモ',
      formula: null,
      error: null,
      numberFormat: 'General',
      format: {},
      hyperlink: null,
    });
    const host = createFakeExcel(wb);

    const outcome = await runOffice(host, AT);

    expect(outcome.result.entries).toHaveLength(300);
    expect(outcome.result.entries[299]!.title).toBe('取組300');
    expect(host.stats.syncs).toBe(4);
    // The read answers carry the report's cells and the stray one, nothing for the billions between.
    const [, extents, cellsRead] = host.stats.requests;
    expect(extents!.responseBytes + cellsRead!.responseBytes).toBeLessThan(302 * 7 * 60);
    expect(extents!.operations + cellsRead!.operations).toBeLessThan(60);
  });
});
