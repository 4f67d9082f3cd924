/**
 * Issue 9: our output sheets are recognised by what they hold, not by a defined name alone. An old
 * output whose names were deleted by hand is never read as a report; a user's sheet that a
 * `KaikakuShukei_*` name points at is never deleted. On the .xlsx path (command line) and on the
 * Office adapter (fake host).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { runCli } from '../../src/cli/run';
import type { JsonResult } from '../../src/core/jsonResult';
import { readWorkbook } from '../../src/xlsx';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';
import { AT, FOUR_CARDS as REPORT, runOffice, xlsxBytes } from './support';

const BUDGET = {
  name: '予算',
  cells: [
    ['費目', '金額'],
    ['人件費', 1200],
    ['物件費', 800],
  ],
};

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-owner-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cliJson(input: string, out: string): Promise<JsonResult> {
  const json = path.join(dir, `${path.basename(out)}.json`);
  const code = await runCli([input, '-o', out, '--json', json], { out: () => {}, err: () => {} });
  expect(code).toBe(0);
  return JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
}

/** The package with every defined name taken out of xl/workbook.xml, as a user's Name Manager would. */
async function withoutDefinedNames(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const stripped = book.replace(/<definedNames>[\s\S]*?<\/definedNames>/, '');
  expect(stripped).not.toBe(book);
  zip.file('xl/workbook.xml', stripped);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A workbook-level name of ours pointing at the user's data sheet. */
async function withNameOnDataSheet(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const name = '<definedName name="KaikakuShukei_summary">予算!$A$1</definedName>';
  const named = book.includes('<definedNames>')
    ? book.replace('<definedNames>', `<definedNames>${name}`)
    : book.replace('</sheets>', `</sheets><definedNames>${name}</definedNames>`);
  zip.file('xl/workbook.xml', named);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('the .xlsx path (command line)', () => {
  it('never reads an old output whose defined names were deleted as a report', async () => {
    const input = path.join(dir, 'report.xlsx');
    fs.writeFileSync(input, await xlsxBytes({ sheets: [REPORT] }));
    const first = await cliJson(input, path.join(dir, 'first.xlsx'));
    expect(first.entries).toHaveLength(4);
    const unnamed = path.join(dir, 'unnamed.xlsx');
    fs.writeFileSync(unnamed, await withoutDefinedNames(fs.readFileSync(path.join(dir, 'first.xlsx'))));
    const again = await cliJson(unnamed, path.join(dir, 'again.xlsx'));
    expect(again.entries).toHaveLength(4);
    expect(again.sheets.map((s) => s.name)).toEqual(['関市']);
    // Not ours by name any more, so not replaced either: the new outputs stand beside the old ones.
    expect(again.replacedSheets).toEqual([]);
  });

  it('never deletes a data sheet that a KaikakuShukei_ name points at', async () => {
    const input = path.join(dir, 'report.xlsx');
    fs.writeFileSync(input, await withNameOnDataSheet(await xlsxBytes({ sheets: [REPORT, BUDGET] })));
    const out = path.join(dir, 'out.xlsx');
    const result = await cliJson(input, out);
    expect(result.replacedSheets).toEqual([]);
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
    expect(back.existing.map((s) => s.name)).toEqual(['関市', '予算', '集計', '取組一覧', '検証結果']);
    const budget = back.input.sheets.find((s) => s.name === '予算')!;
    expect(budget.cells[1]).toEqual([{ value: '人件費' }, { value: 1200 }]);
  });
});

describe('the Office adapter (fake host)', () => {
  it('never deletes a data sheet that a KaikakuShukei_ name points at', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [REPORT, BUDGET] });
    const budget = wb.sheets.find((s) => s.name === '予算')!;
    wb.names.set('KaikakuShukei_summary', {
      sheetId: budget.id,
      row: 0,
      col: 0,
      rows: 1,
      cols: 1,
      comment: '',
    });
    const outcome = await runOffice(createFakeExcel(wb), AT);
    expect(outcome.plan.replace).toEqual([]);
    expect(wb.sheets.map((s) => s.name)).toContain('予算');
    expect(wb.cell('予算', 'B2')?.value).toBe(1200);
  });

  it('never reads an old output whose names were deleted as a report', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [REPORT] });
    await runOffice(createFakeExcel(wb), AT);
    wb.names.clear();
    const outcome = await runOffice(createFakeExcel(wb), AT);
    expect(outcome.result.entries).toHaveLength(4);
  });
});
