import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultOutputPath } from '../../src/cli/run';
import type { JsonResult } from '../../src/core/jsonResult';
import { readWorkbook } from '../../src/xlsx';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { oleFile } from '../support/ole';
import { runCliCaptured } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');

/** The command line in this process, its lines captured (outputs stamped at a fixed time). */
const cli = (args: string[]) => runCliCaptured(args, new Date(Date.UTC(2022, 4, 10)));

describe('kaikaku-shukei', () => {
  let dir: string;
  let seki: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-cli-'));
    seki = path.join(dir, 'seki.xlsx');
    fs.copyFileSync(samplePath('001'), seki);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function expectOneLine(r: { code: number; out: string[]; err: string[] }, pattern: RegExp): void {
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(pattern);
    expect(r.err[0]).not.toMatch(/\n|\bat .+:\d+/);
  }

  it('writes <input>.集計.xlsx beside the input, prints a Japanese summary and exits 0', async () => {
    const r = await cli([seki]);
    expect(r.code).toBe(0);
    const out = path.join(dir, 'seki.集計.xlsx');
    expect(defaultOutputPath(seki)).toBe(out);
    expect(fs.existsSync(out)).toBe(true);
    const text = r.out.join('\n');
    expect(text).toMatch(/順調\s+17件\s+54\.8%（うち達成 1件）/);
    expect(text).toMatch(/やや遅れている\s+12件/);
    expect(text).toMatch(/合計\s+31件\s+100\.0%/);
    expect(text).toContain('検証結果: エラー 0件');
    expect(text).toContain(out);
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
    expect(back.existing.filter((s) => s.owned).map((s) => s.name)).toEqual(['集計', '取組一覧', '検証結果']);
  });

  it('writes the JSON result with the contract fields', async () => {
    const json = path.join(dir, 'result.json');
    const r = await cli([seki, '-o', path.join(dir, 'out.xlsx'), '--json', json]);
    expect(r.code).toBe(0);
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    expect(j.version).toBe(1);
    expect(j.sheets).toEqual([{ name: '関市', layout: 'cards', entries: 31 }]);
    expect(j.entries).toHaveLength(31);
    for (const e of j.entries) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining([
          'sheet',
          'cell',
          'group',
          'number',
          'title',
          'department',
          'rawStatus',
          'category',
        ]),
      );
      expect(e.cell).toMatch(/^[A-Z]+\d+$/);
    }
    const s = j.summaries[0]!;
    expect(s.scheme).toBe('progress3');
    expect(s.categories).toEqual(['順調', 'やや遅れている', '遅れている']);
    expect(s.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(s.detail).toEqual({ 達成: 1 });
    expect(s.unclassified).toBe(0);
    expect(s.groups.map((g) => g.path[0]!.slice(0, 5))).toEqual([
      '重点項目1',
      '重点項目2',
      '重点項目3',
      '重点項目4',
      '重点項目5',
    ]);
    expect(j.output).toEqual({ summary: '集計', list: '取組一覧', diagnostics: '検証結果' });
    expect(Array.isArray(j.diagnostics)).toBe(true);
  });

  it('reports diagnostics in the JSON with severity, code, sheet, A1 cell, message and value', async () => {
    const r = await cli([samplePath('003'), '-o', path.join(dir, 'a.xlsx'), '--json', '-']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out.join('\n')) as JsonResult;
    const shifted = j.diagnostics.find((d) => d.code === 'SHIFTED_ROW')!;
    expect(shifted).toMatchObject({ severity: expect.stringMatching(/error|warning/), sheet: '会津若松市' });
    expect(shifted.cell).toMatch(/^[A-Z]+\d+$/);
    expect(shifted.message).toContain('ずれ');
    expect(typeof shifted.value).toBe('string');
    expect(r.err.join('\n')).toContain('一覧表形式');
  });

  it('replaces only its own sheets when run again on its output', async () => {
    const first = path.join(dir, 'first.xlsx');
    expect((await cli([seki, '-o', first])).code).toBe(0);
    const second = path.join(dir, 'second.xlsx');
    expect((await cli([first, '-o', second])).code).toBe(0);
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(second)));
    expect(back.existing.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
  });

  it('takes the report year and the locale from the command line', async () => {
    const r = await cli([
      seki,
      '-o',
      path.join(dir, 'o.xlsx'),
      '--year',
      '令和4年度',
      '--locale',
      'en',
      '--json',
      '-',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out.join('\n')) as JsonResult;
    expect(j.reportYear).toBe(2022);
    expect(r.err.join('\n')).toContain('Checks: 0 errors');
  });

  it('exits 2 with one line for a missing file', async () => {
    expectOneLine(await cli([path.join(dir, 'ない.xlsx')]), /ファイルが見つかりません/);
  });

  it('exits 2 with one line for a text file', async () => {
    const txt = path.join(dir, 'report.txt');
    fs.writeFileSync(txt, '改革項目\t1\n');
    expectOneLine(await cli([txt]), /\.xlsx）ではありません/);
  });

  it('exits 2 with one line for an encrypted workbook', async () => {
    const enc = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(enc, oleFile(['EncryptionInfo', 'EncryptedPackage']));
    expectOneLine(await cli([enc]), /パスワード/);
  });

  it('exits 2 with one line for a corrupt zip', async () => {
    const bad = path.join(dir, 'broken.xlsx');
    const bytes = fs.readFileSync(seki);
    fs.writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 3)));
    expectOneLine(await cli([bad]), /壊れている/);
  });

  it('exits 2 with one line for a bad settings file, naming the problem', async () => {
    const cfg = path.join(dir, 'settings.json');
    fs.writeFileSync(cfg, '{ "output": { "locale": "fr" } }');
    expectOneLine(await cli([seki, '--config', cfg]), /設定.*output\.locale/);
    fs.writeFileSync(cfg, '{ not json');
    expectOneLine(await cli([seki, '--config', cfg]), /設定ファイル.*JSON/);
    expectOneLine(await cli([seki, '--config', path.join(dir, 'missing.json')]), /設定ファイル/);
  });

  it('names every settings problem at once, on one line, in the chosen language', async () => {
    const cfg = path.join(dir, 'settings.json');
    fs.writeFileSync(
      cfg,
      '{ "labels": { "flatTable": { "groups": ["施策"] } }, "output": { "listSheet": "一覧\\u0007" } }',
    );
    const ja = await cli([seki, '--config', cfg]);
    expectOneLine(ja, /設定「labels\.flatTable\.groups」.*設定「output\.listSheet」.*制御文字/);
    const en = await cli([seki, '--config', cfg, '--locale', 'en']);
    expectOneLine(
      en,
      /Setting "labels\.flatTable\.groups" is not a setting.*Setting "output\.listSheet".*control characters/,
    );
  });

  it('uses the settings file: other output sheet names', async () => {
    const cfg = path.join(dir, 'settings.json');
    fs.writeFileSync(cfg, JSON.stringify({ output: { summarySheet: '達成状況まとめ' } }));
    const out = path.join(dir, 'o.xlsx');
    expect((await cli([seki, '-c', cfg, '-o', out])).code).toBe(0);
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
    expect(back.existing.map((s) => s.name)).toContain('達成状況まとめ');
  });

  it('exits 2 for bad arguments and 0 for --help and --version', async () => {
    expectOneLine(await cli([]), /入力ファイル/);
    expectOneLine(await cli([seki, '--bogus']), /不明なオプション/);
    expectOneLine(await cli([seki, '--year', 'そのうち']), /年度として読めません/);
    expectOneLine(await cli([seki, '-o']), /-o の値がありません/);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('kaikaku-shukei <入力.xlsx>');
    expect((await cli(['--version'])).out).toEqual(['kaikaku-shukei 0.0.0-test']);
  });

  it('as a process: exit codes, and no stack trace on unusable input', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const bad = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(bad, Buffer.from('PK\u0003\u0004garbage'));
    const r = run([bad]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .+:\d+/);
    const ok = run([seki, '-o', path.join(dir, 'o.xlsx')]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('順調');
  });
});
