/**
 * The output checked by a real spreadsheet program: LibreOffice opens each output workbook headless,
 * recalculating every formula on load (OOXMLRecalcMode = 0 in a throwaway profile), exports the
 * 「集計」 sheet as CSV, and must show the engine's counts. A second copy has every cached result in
 * 「集計」 overwritten with 999 first, so the counts can only come from the COUNTIFS over 「取組一覧」.
 */
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { analyze, planOutput, type AnalysisResult } from '../../src/core/engine';
import { sharePercent } from '../../src/core/jsonResult';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { readWorkbook, writeOutputs } from '../../src/xlsx';
import { sheetParts } from '../xlsx/packageSupport';
import { SEED_IDS, SEEDS, type SeedId } from '../support/seeds';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { describeLO, exportRecalculatedCsv, parseCsv } from '../support/libreoffice';

interface Case {
  readonly id: SeedId;
  readonly result: AnalysisResult;
  readonly sheetNumber: number;
  readonly summaryName: string;
}

/** The sample's output as the command line writes it: the zip-level writer over the sample's package. */
async function outputFor(id: SeedId): Promise<{ bytes: Uint8Array; c: Case }> {
  const original = new Uint8Array(fs.readFileSync(samplePath(id)));
  const { input, existing } = await readWorkbook(original);
  const result = analyze(input);
  const plan = planOutput(result, existing, { generatedAt: new Date(Date.UTC(2022, 4, 10)) });
  const bytes = await writeOutputs(original, plan, { codec: zlibCodec });
  const summaryName = plan.sheets[0]!.name;
  const sheetNumber = existing.filter((s) => !plan.replace.includes(s.name)).length + 1;
  return { bytes, c: { id, result, sheetNumber, summaryName } };
}

/**
 * The same workbook with every cached formula result on the summary sheet replaced by 999, edited in
 * the summary's own part so that nothing else of the output changes.
 */
async function withWrongCaches(bytes: Uint8Array, summaryName: string): Promise<Uint8Array> {
  const part = (await sheetParts(bytes)).get(summaryName)!;
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(part)!.async('string');
  const wrong = xml.replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1<v>999</v>');
  expect(wrong).not.toBe(xml);
  zip.file(part, wrong);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function convert(dir: string, files: readonly string[], sheetNumber: number): void {
  exportRecalculatedCsv(dir, files, sheetNumber, path.join(dir, 'csv'));
}

function csvFor(dir: string, file: string, summaryName: string): string[][] {
  const base = path.basename(file, '.xlsx');
  const csvDir = path.join(dir, 'csv');
  const name = fs.readdirSync(csvDir).find((f) => f === `${base}-${summaryName}.csv` || f === `${base}.csv`);
  if (!name) throw new Error(`no CSV for ${base} in ${fs.readdirSync(csvDir).join(', ')}`);
  return parseCsv(fs.readFileSync(path.join(csvDir, name), 'utf8'));
}

function expectCounts(rows: string[][], c: Case): void {
  const label = (r: string[] | undefined): string => (r?.[0] ?? '').trim();
  let from = 0;
  for (const s of c.result.summaries) {
    const head = rows.findIndex((r, i) => i >= from && r[0] === '区分' && r[1] === '件数');
    expect(head).toBeGreaterThanOrEqual(0);
    const rowOf = (l: string): string[] => {
      const r = rows.find((x, i) => i > head && label(x) === l);
      if (!r) throw new Error(`${c.id}: no row ${l}`);
      return r;
    };
    for (const cat of s.categories) {
      const r = rowOf(cat);
      expect({ seed: c.id, cat, count: r[1] }).toEqual({ seed: c.id, cat, count: String(s.total[cat] ?? 0) });
      expect(r[2]).toBe(`${sharePercent(s.total[cat] ?? 0, s.counted).toFixed(1)}%`);
    }
    for (const [sub, n] of Object.entries(s.detail)) expect(rowOf(`うち${sub}`)[1]).toBe(String(n));
    const total = rowOf('合計');
    expect(total[1]).toBe(String(s.counted));
    expect(total[2]).toBe(s.counted > 0 ? '100.0%' : '0.0%');
    expect(rowOf('対象外')[1]).toBe(String(s.excluded));
    expect(rowOf('未判定')[1]).toBe(String(s.unclassified));
    expect(rowOf('再掲')[1]).toBe(String(s.repeats));

    // The breakdown per group: each group's counts as the engine has them.
    const bhead = rows.findIndex((r, i) => i > head && r[0] === '区分' && r[1] === s.categories[0]);
    if (s.groups.some((g) => g.path.length > 0)) expect(bhead).toBeGreaterThan(head);
    for (const g of s.groups.filter((x) => x.path.length === 1)) {
      const r = rows.find((x, i) => i > bhead && label(x) === g.path[0]);
      if (!r) continue; // a top level with sub-groups shows as their subtotal, checked below
      s.categories.forEach((cat, k) =>
        expect({ g: g.path, cat, n: r[k + 1] }).toEqual({ g: g.path, cat, n: String(g.counts[cat] ?? 0) }),
      );
    }
    for (const g of s.groups.filter((x) => x.path.length === 2)) {
      const top = rows.findIndex((x, i) => i > bhead && label(x) === g.path[0]);
      const r = rows.find((x, i) => i > top && label(x) === g.path[1]);
      expect(r).toBeDefined();
      s.categories.forEach((cat, k) =>
        expect({ g: g.path, cat, n: r![k + 1] }).toEqual({ g: g.path, cat, n: String(g.counts[cat] ?? 0) }),
      );
    }
    from = Math.max(bhead, head) + 1;
  }
}

describeLO('LibreOffice opens the output and finds the engine’s counts', () => {
  jest.setTimeout(300000);
  let dir: string;
  const cases: Case[] = [];
  const files: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-lo-'));
    for (const id of SEED_IDS) {
      const { bytes, c } = await outputFor(id);
      cases.push(c);
      const good = path.join(dir, `${SEEDS[id].slug}.xlsx`);
      const wrong = path.join(dir, `${SEEDS[id].slug}-wrongcache.xlsx`);
      fs.writeFileSync(good, bytes);
      fs.writeFileSync(wrong, await withWrongCaches(bytes, c.summaryName));
      files.push(good, wrong);
    }
    // Every sample has one source sheet, so 「集計」 is the second sheet of each output.
    expect(new Set(cases.map((c) => c.sheetNumber))).toEqual(new Set([2]));
    convert(dir, files, 2);
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(SEED_IDS)('seed %s: the 集計 sheet shows the engine’s counts and shares', (id) => {
    const c = cases.find((x) => x.id === id)!;
    expect(c.result.entries.length).toBeGreaterThan(0);
    expectCounts(csvFor(dir, path.join(dir, `${SEEDS[id].slug}.xlsx`), c.summaryName), c);
  });

  it.each(SEED_IDS)('seed %s: recalculated from 取組一覧 even when every cached value is wrong', (id) => {
    const c = cases.find((x) => x.id === id)!;
    const rows = csvFor(dir, path.join(dir, `${SEEDS[id].slug}-wrongcache.xlsx`), c.summaryName);
    expect(rows.flat()).not.toContain('999');
    expectCounts(rows, c);
  });

  it('finds the 関市 and 会津若松市 totals the offices publish', () => {
    const seki = csvFor(dir, path.join(dir, 'seki-wrongcache.xlsx'), '集計');
    const at = (rows: string[][], l: string) => rows.find((r) => r[0]?.trim() === l)!;
    expect(at(seki, '順調').slice(1, 3)).toEqual(['17', '54.8%']);
    expect(at(seki, 'うち達成')[1]).toBe('1');
    expect(at(seki, 'やや遅れている')[1]).toBe('12');
    expect(at(seki, '遅れている')[1]).toBe('2');
    expect(at(seki, '合計').slice(1, 3)).toEqual(['31', '100.0%']);
    const aizu = csvFor(dir, path.join(dir, 'aizuwakamatsu-wrongcache.xlsx'), '集計');
    expect(at(aizu, '対象外')[1]).toBe('2');
  });
});
