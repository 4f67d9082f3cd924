import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';
import { readWorkbook } from '../../src/xlsx';
import { decoratedWorkbook, editParts, hashes } from './packageSupport';
import { samplePath } from '../../scripts/build-seed-workbooks';

async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(
    args,
    { out: (l) => lines.push(l), err: (l) => lines.push(l), now: () => new Date(Date.UTC(2022, 4, 10)) },
    '0.0.0-test',
  );
  return { code, lines };
}

describe('the command line’s write', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-write-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds the sheets to the package as it is: the chart and the comment of the input are in the output', async () => {
    const input = path.join(dir, 'report.xlsx');
    const bytes = await decoratedWorkbook();
    fs.writeFileSync(input, bytes);
    const r = await cli([input, '-o', path.join(dir, 'out.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.lines.join('\n')).not.toContain('ExcelJS');
    const out = new Uint8Array(fs.readFileSync(path.join(dir, 'out.xlsx')));
    const before = await hashes(bytes);
    const after = await hashes(out);
    for (const part of [
      'xl/charts/chart1.xml',
      'xl/drawings/drawing1.xml',
      'xl/comments1.xml',
      'xl/worksheets/sheet1.xml',
    ]) {
      expect({ part, hash: after.get(part) }).toEqual({ part, hash: before.get(part) });
    }
  });

  it('falls back to ExcelJS for a package it cannot extend in place, says so, and still writes the three sheets', async () => {
    const input = path.join(dir, 'doctype.xlsx');
    const bytes = await editParts(new Uint8Array(fs.readFileSync(samplePath('001'))), {
      '[Content_Types].xml': (xml) => xml.replace('<Types', '<!DOCTYPE Types><Types'),
    });
    fs.writeFileSync(input, bytes);
    const r = await cli([input, '-o', path.join(dir, 'out.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.lines.some((l) => /^注意: .*DOCTYPE.*ExcelJS で書き出しました/.test(l))).toBe(true);
    // ExcelJS cannot write the 集計 chart: said, not left out silently.
    expect(r.lines).toContain(
      '注意: ExcelJS はグラフを書けないため、「集計」のグラフは出力していません（表の数値はそのままです）。',
    );
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(path.join(dir, 'out.xlsx'))));
    expect(back.existing.filter((s) => s.owned).map((s) => s.name)).toEqual(['集計', '取組一覧', '検証結果']);
  });

  it('names the fallback in English with --locale en', async () => {
    const input = path.join(dir, 'doctype.xlsx');
    fs.writeFileSync(
      input,
      await editParts(new Uint8Array(fs.readFileSync(samplePath('003'))), {
        '[Content_Types].xml': (xml) => xml.replace('<Types', '<!DOCTYPE Types><Types'),
      }),
    );
    const r = await cli([input, '-o', path.join(dir, 'out.xlsx'), '--locale', 'en']);
    expect(r.code).toBe(0);
    expect(r.lines.some((l) => /^Note: .*written through ExcelJS/.test(l))).toBe(true);
    expect(r.lines.some((l) => /^Note: ExcelJS cannot write charts, so the chart of /.test(l))).toBe(true);
  });
});
