/**
 * output.shareRounding (issue 11 item 5) on the command line: checked like every setting (an
 * unknown value exits 2 naming the key), and carried into the JSON (shareRounding, sharesTotal) and
 * the printed summary. 関市's 17 / 12 / 2 of 31 give 54.8 + 38.7 + 6.5 = 100.0 either way; three
 * items, one per category, give 33.3 × 3 = 99.9 as printed and 33.4 / 33.3 / 33.3 adjusted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { JsonResult } from '../../src/core/jsonResult';
import { resolveSettings, SettingsError } from '../../src/core/settingsIO';
import { workbookFromArrays } from '../../src/core/workbook';
import { workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { runCliCaptured } from '../support/cli';

/** The command line in this process, its lines captured. */
const cli = (args: string[]) => runCliCaptured(args);

describe('output.shareRounding', () => {
  let dir: string;
  let book: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-shares-'));
    book = path.join(dir, 'thirds.xlsx');
    const wb = workbookFromArrays({
      一覧: [
        ['番号', '取組名', '所管課', '最終評価'],
        ['1', '窓口の見直し', '市民課', 'A'],
        ['2', '補助金の見直し', '財政課', 'B'],
        ['3', '施設の統合', '管財課', 'C'],
      ],
    });
    fs.writeFileSync(book, await workbookToBytes(workbookFromInput({ name: 'thirds.xlsx', ...wb })));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown value, naming the key and the values it takes', () => {
    expect(() => resolveSettings('{ "output": { "shareRounding": "bankers" } }')).toThrow(SettingsError);
    try {
      resolveSettings('{ "output": { "shareRounding": "bankers" } }');
    } catch (e) {
      expect((e as SettingsError).problems.map((p) => [p.path, p.code])).toEqual([
        ['output.shareRounding', 'NOT_ONE_OF'],
      ]);
    }
    expect(
      resolveSettings('{ "output": { "shareRounding": "largestRemainder" } }').output.shareRounding,
    ).toBe('largestRemainder');
    expect(resolveSettings(undefined).output.shareRounding).toBe('asIs');
  });

  it('exits 2 with one line naming output.shareRounding', async () => {
    const cfg = path.join(dir, 'bad.json');
    fs.writeFileSync(cfg, '{ "output": { "shareRounding": "bankers" } }');
    const r = await cli([book, '-o', path.join(dir, 'x.xlsx'), '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/output\.shareRounding/);
  });

  it('carries the rounding into the JSON and the printed shares', async () => {
    const run = async (rounding: string) => {
      const cfg = path.join(dir, `${rounding}.json`);
      fs.writeFileSync(cfg, JSON.stringify({ output: { shareRounding: rounding } }));
      const r = await cli([book, '-o', path.join(dir, `${rounding}.xlsx`), '--config', cfg, '--json', '-']);
      expect(r.code).toBe(0);
      return { json: JSON.parse(r.out.join('\n')) as JsonResult, lines: r.err };
    };
    const asIs = await run('asIs');
    const s = asIs.json.summaries[0]!;
    expect(s.total).toEqual({ A: 1, B: 1, C: 1, D: 0, 完了: 0 });
    expect([s.shareRounding, s.shares['A'], s.sharesTotal]).toEqual(['asIs', 33.3, 99.9]);
    const lr = await run('largestRemainder');
    const t = lr.json.summaries[0]!;
    expect([t.shareRounding, t.shares, t.sharesTotal]).toEqual([
      'largestRemainder',
      { A: 33.4, B: 33.3, C: 33.3, D: 0, 完了: 0 },
      100,
    ]);
    expect(lr.lines.find((l) => /^\s+A\s/.test(l))).toMatch(/33\.4%/);
  });
});
