import * as fs from 'fs';
import { readWorkbook } from '../../src/xlsx';
import { formatStamp } from '../../src/core/plan/labels';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { SEED_IDS, SEEDS } from '../support/seeds';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';
import {
  AT,
  fakeFingerprints,
  hostileWorkbooks,
  LATER,
  runOffice,
  runXlsx,
  xlsxBytes,
  xlsxFingerprints,
  xlsxGrids,
} from './support';

const STAMPS = [formatStamp(AT), formatStamp(LATER)];

/** The sources of a workbook: in the .xlsx cases, what readWorkbook calls the user's sheets. */
async function outputsOf(bytes: Uint8Array): Promise<string[]> {
  return (await readWorkbook(bytes)).existing.filter((s) => s.owned).map((s) => s.name);
}

const CASES: [string, () => Promise<Uint8Array>][] = [
  ...SEED_IDS.map((id): [string, () => Promise<Uint8Array>] => [
    `the ${SEEDS[id].city} sample`,
    () => Promise.resolve(new Uint8Array(fs.readFileSync(samplePath(id)))),
  ]),
  ...Object.entries(hostileWorkbooks()).map(([name, input]): [string, () => Promise<Uint8Array>] => [
    `the ${name} workbook`,
    () => xlsxBytes(input),
  ]),
];

describe('nothing lost through the .xlsx file', () => {
  it.each(CASES)(
    '%s: every source cell as it was after two runs; the second run writes the same outputs',
    async (_, load) => {
      const original = await load();
      const before = await xlsxFingerprints(original);
      const first = await runXlsx(original, AT);
      const second = await runXlsx(first.out, LATER);

      const afterFirst = await xlsxFingerprints(first.out);
      const afterSecond = await xlsxFingerprints(second.out);
      for (const [name, hash] of before) {
        expect({ name, hash: afterFirst.get(name) }).toEqual({ name, hash });
        expect({ name, hash: afterSecond.get(name) }).toEqual({ name, hash });
      }
      // The sources keep their order, the outputs follow, and a re-run replaces rather than adds.
      const outputs = await outputsOf(first.out);
      expect(outputs).toHaveLength(3);
      expect([...afterFirst.keys()]).toEqual([...before.keys(), ...outputs]);
      expect([...afterSecond.keys()]).toEqual([...afterFirst.keys()]);
      expect(await outputsOf(second.out)).toEqual(outputs);
      // Same output sheets, but for the time stamp.
      expect(await xlsxGrids(second.out, outputs, STAMPS)).toEqual(
        await xlsxGrids(first.out, outputs, STAMPS),
      );
    },
  );

  it("keeps a user's own sheet named 集計 and writes the summary beside it", async () => {
    const input = hostileWorkbooks()['userSummary']!;
    const original = await xlsxBytes(input);
    const before = await xlsxFingerprints(original);
    const first = await runXlsx(original, AT);
    expect(first.result.statedSummaries).toHaveLength(1); // read, and checked like any report sheet
    expect(first.plan.diagnostics?.map((d) => d.code)).toEqual(['OUTPUT_NAME_TAKEN']);
    const outputs = await outputsOf(first.out);
    expect(outputs).not.toContain('集計');
    const second = await runXlsx(first.out, LATER);
    expect(await outputsOf(second.out)).toEqual(outputs);
    const after = await xlsxFingerprints(second.out);
    expect(after.get('集計')).toBe(before.get('集計'));
    expect([...after.keys()].filter((n) => n === '集計')).toHaveLength(1);
  });
});

describe('nothing lost through the Office adapter', () => {
  it.each(Object.entries(hostileWorkbooks()))(
    'the %s workbook: every source cell as it was after two runs',
    async (_, input) => {
      const wb = FakeWorkbook.fromInput(input);
      const sources = wb.sheets.map((s) => s.name);
      const before = fakeFingerprints(wb);
      const host = createFakeExcel(wb);
      await runOffice(host, AT);
      const outputs = wb.sheets.map((s) => s.name).filter((n) => !sources.includes(n));
      expect(outputs).toHaveLength(3);
      const firstGrids = outputs.map((n) =>
        JSON.stringify(wb.grid(n)).split(formatStamp(AT)).join('<stamp>'),
      );
      await runOffice(host, LATER);
      const after = fakeFingerprints(wb);
      for (const name of sources)
        expect({ name, hash: after.get(name) }).toEqual({ name, hash: before.get(name) });
      expect(wb.sheets.map((s) => s.name)).toEqual([...sources, ...outputs]);
      const secondGrids = outputs.map((n) =>
        JSON.stringify(wb.grid(n)).split(formatStamp(LATER)).join('<stamp>'),
      );
      expect(secondGrids).toEqual(firstGrids);
    },
  );
});

describe('the fingerprints these tests compare', () => {
  it('change with a value, a formula, a number format, a merge or the visibility', async () => {
    const base = hostileWorkbooks()['mergedTable']!;
    const sheet = base.sheets[0]!;
    const variants = [
      base,
      { sheets: [{ ...sheet, cells: [['(1) 財政!'], ...sheet.cells.slice(1)] }] },
      { sheets: [{ ...sheet, cells: [[{ value: '(1) 財政', formula: 'A2' }], ...sheet.cells.slice(1)] }] },
      {
        sheets: [{ ...sheet, cells: [[{ value: '(1) 財政', numberFormat: '@' }], ...sheet.cells.slice(1)] }],
      },
      { sheets: [{ ...sheet, merges: sheet.merges!.slice(1) }] },
      { sheets: [{ ...sheet, visibility: 'hidden' as const }] },
    ];
    const xlsx = await Promise.all(
      variants.map(async (v) => (await xlsxFingerprints(await xlsxBytes(v))).get('結合')),
    );
    expect(new Set(xlsx).size).toBe(variants.length);
    const fake = variants.map((v) => fakeFingerprints(FakeWorkbook.fromInput(v)).get('結合'));
    expect(new Set(fake).size).toBe(variants.length);
  });

  it('and the second run’s outputs differ from the first’s in the time stamp only', async () => {
    const original = await xlsxBytes(hostileWorkbooks()['hidden']!);
    const first = await runXlsx(original, AT);
    const second = await runXlsx(first.out, LATER);
    const outputs = await outputsOf(first.out);
    expect(await xlsxGrids(second.out, outputs, [])).not.toEqual(await xlsxGrids(first.out, outputs, []));
  });
});
