/**
 * Issue 9 item 5 with issue 12's streaming reader: the read limits bound memory by the path that
 * reads the file. A single sheet of 140,000 rows (the case "Why" names) is read by default; a
 * workbook only the ExcelJS fallback can read has its own, smaller limit, named when it refuses.
 * Peak memory itself is measured in the benchmark (npm run bench), not here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EngineError } from '../../src/core/errors';
import type { JsonResult } from '../../src/core/jsonResult';
import { resolveSettings } from '../../src/core/settingsIO';
import { flatSheetWorkbook } from './hostileFiles';
import { runCliCaptured } from '../support/cli';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-limits-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The command line in this process, its lines captured. */
const cli = (args: string[]) => runCliCaptured(args);

describe('read limits by path (streaming reader, ExcelJS fallback)', () => {
  it('reads a single sheet of 140,000 rows with the default settings and counts every entry', async () => {
    const input = path.join(dir, 'rows140k.xlsx');
    fs.writeFileSync(input, await flatSheetWorkbook({ rows: 140_000 }));
    const json = path.join(dir, 'rows140k.json');
    const r = await cli([input, '-o', path.join(dir, 'rows140k.out.xlsx'), '--json', json]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: [] });
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    expect(result.entries).toHaveLength(140_000);
    // Ratings cycle A, B, C: every entry is counted under its own label.
    const counts = new Map<string, number>();
    for (const e of result.entries) counts.set(String(e.status), (counts.get(String(e.status)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ A: 46_667, B: 46_667, C: 46_666 });
  }, 600_000);

  it('refuses a fallback-only workbook over limits.maxFallbackUnpackedMegabytes (exit 2, named)', async () => {
    const config = path.join(dir, 'limits.json');
    fs.writeFileSync(config, JSON.stringify({ limits: { maxFallbackUnpackedMegabytes: 1 } }));
    // About 1.5 MiB unpacked: under the streaming limit, over the fallback's.
    const plain = path.join(dir, 'plain.xlsx');
    fs.writeFileSync(plain, await flatSheetWorkbook({ rows: 6000 }));
    const isoDate = path.join(dir, 'isoDate.xlsx');
    fs.writeFileSync(isoDate, await flatSheetWorkbook({ rows: 6000, isoDate: true }));

    const refused = await cli([isoDate, '-o', path.join(dir, 'isoDate.out.xlsx'), '--config', config]);
    expect({ code: refused.code, lines: refused.err.length }).toEqual({ code: 2, lines: 1 });
    expect(refused.err[0]).toMatch(/limits\.maxFallbackUnpackedMegabytes/);
    expect(refused.err[0]).toMatch(/ISO 8601 date cell/);
    expect(refused.err[0]).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'isoDate.out.xlsx'))).toBe(false);

    // The same table without the cell only ExcelJS reads goes through the streaming reader.
    const read = await cli([plain, '-o', path.join(dir, 'plain.out.xlsx'), '--config', config]);
    expect({ code: read.code, err: read.err }).toEqual({ code: 0, err: [] });
    // And with the fallback's limit raised, the ISO-date workbook is read by ExcelJS.
    fs.writeFileSync(config, JSON.stringify({ limits: { maxFallbackUnpackedMegabytes: 8 } }));
    const raised = await cli([isoDate, '-o', path.join(dir, 'isoDate.out.xlsx'), '--config', config]);
    expect(raised.code).toBe(0);
  }, 300_000);

  it('checks both limits like any setting: range, unknown keys, defaults for a key left out', () => {
    expect(resolveSettings({ limits: { maxFallbackUnpackedMegabytes: 8 } }).limits).toEqual({
      maxUnpackedMegabytes: 48,
      maxFallbackUnpackedMegabytes: 8,
    });
    const refused = (json: unknown): string => {
      try {
        resolveSettings(json);
      } catch (e) {
        if (e instanceof EngineError) return `${e.code} ${e.message} ${e.detail ?? ''}`;
        throw e;
      }
      return 'accepted';
    };
    expect(refused({ limits: { maxFallbackUnpackedMegabytes: 0 } })).toMatch(
      /INVALID_SETTINGS.*limits\.maxFallbackUnpackedMegabytes/s,
    );
    expect(refused({ limits: { maxFallbackUnpackedMegabytes: 5000 } })).toMatch(
      /maxFallbackUnpackedMegabytes/,
    );
    expect(refused({ limits: { maxFallbackMegabytes: 8 } })).toMatch(/limits\.maxFallbackMegabytes/);
  });
});
