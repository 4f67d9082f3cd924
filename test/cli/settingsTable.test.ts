/**
 * A sixth city's table counted from a settings file alone (issue 10 item 4), by the command line as
 * it is built (scripts/build-cli.js, the build of `npm run build:cli`): the settings are the worked
 * example in docs/cli.md, so the page shows what runs. Without them the table is not counted; a
 * misspelt concept in them is refused with exit 2, naming it.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { JsonResult } from '../../src/core/jsonResult';
import { workbookToBytes } from '../../src/xlsx/bytes';
import { workbookFromInput } from '../../src/xlsx/fromInput';
import {
  SABC_SCHEME,
  SIXTH_COUNTS,
  SIXTH_HEADER_ROW,
  SIXTH_SHEET,
  sixthCityWorkbook,
  sixthTableDef,
} from '../support/sixthCity';

const ROOT = path.resolve(__dirname, '../..');
// Built beside the real bin (dist/node/cli/main.js), so that it resolves node_modules the same way.
const CLI = path.join(ROOT, 'dist', 'table-test', 'cli', 'main.js');
const DOCS = path.join(ROOT, 'docs', 'cli.md');

/** The settings of the worked example: the ```json block after its marker in docs/cli.md. */
function docsSettings(): unknown {
  const text = fs.readFileSync(DOCS, 'utf8');
  const at = text.indexOf('<!-- sixth-city:settings -->');
  expect(at).toBeGreaterThanOrEqual(0);
  const block = /```json\n([\s\S]*?)\n```/.exec(text.slice(at));
  return JSON.parse(block![1]!) as unknown;
}

describe('a sixth city’s table from a settings file alone (the built command line)', () => {
  let dir: string;
  let book: string;
  let config: string;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.js'), CLI]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-table-'));
    book = path.join(dir, 'dairoku.xlsx');
    fs.writeFileSync(book, await workbookToBytes(workbookFromInput(sixthCityWorkbook())));
    config = path.join(dir, 'dairoku.settings.json');
    fs.writeFileSync(config, JSON.stringify(docsSettings(), null, 2));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(path.dirname(CLI)), { recursive: true, force: true });
  });

  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as JsonResult;

  it('the example in docs/cli.md is the sixth city’s table and its S / A / B / C scheme', () => {
    expect(docsSettings()).toEqual({ schemes: [SABC_SCHEME], tables: [sixthTableDef('dairoku')] });
  });

  it('counts the table: S / A / B / C and 対象外, each entry at its cell, none unclassified', () => {
    const out = path.join(dir, 'with.json');
    const r = run([book, '-c', config, '-o', path.join(dir, 'with.xlsx'), '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`シート「${SIXTH_SHEET}」: 第六市 評価表、12件`);
    expect(r.stdout).toMatch(new RegExp(`S\\s+${SIXTH_COUNTS.S}件`));
    expect(r.stdout).toMatch(new RegExp(`C\\s+${SIXTH_COUNTS.C}件`));
    const j = json(out);
    expect(j.sheets).toEqual([{ name: SIXTH_SHEET, layout: 'table:dairoku', entries: 12 }]);
    expect(j.summaries.map((s) => [s.scheme, s.total, s.excluded, s.unclassified])).toEqual([
      ['sabc', { S: SIXTH_COUNTS.S, A: SIXTH_COUNTS.A, B: SIXTH_COUNTS.B, C: SIXTH_COUNTS.C }, 1, 0],
    ]);
    // Each entry at its 最終判定 cell (column F), the rows under the header row in order.
    expect(j.entries.map((e) => [e.layout, e.sheet, e.cell])).toEqual(
      Array.from({ length: 12 }, (_, i) => ['table:dairoku', SIXTH_SHEET, `F${SIXTH_HEADER_ROW + 2 + i}`]),
    );
    expect(j.entries.filter((e) => e.category === null)).toEqual([]);
    expect(j.entries.filter((e) => e.excluded).map((e) => [e.cell, e.rawStatus])).toEqual([
      ['F11', '対象外'],
    ]);
    expect(j.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('does not count it without the settings: the sheet is said to hold no table', () => {
    const out = path.join(dir, 'without.json');
    const r = run([book, '-o', path.join(dir, 'without.xlsx'), '--json', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`シート「${SIXTH_SHEET}」: 報告表なし`);
    const j = json(out);
    expect(j.entries).toEqual([]);
    expect(j.diagnostics.map((d) => [d.code, d.sheet])).toEqual([['NO_TABLE_FOUND', SIXTH_SHEET]]);
  });

  it('refuses a misspelt concept with exit 2, naming each', () => {
    const settings = docsSettings() as { tables: Record<string, unknown>[] };
    const table = settings.tables[0]!;
    const bad = {
      ...settings,
      labels: { flatTable: { titel: ['改革の取組'] } },
      tables: [
        {
          ...table,
          titel: table['title'],
          statusColumns: [{ words: ['最終判定'] }, { words: ['前年度判定'], scheme: 'sbac' }],
        },
      ],
    };
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = run([book, '-c', file, '-o', path.join(dir, 'bad.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    for (const name of [
      'labels.flatTable.titel',
      'tables[0].titel',
      'tables[0].statusColumns[0].scheme',
      'tables[0].statusColumns[1].scheme',
    ]) {
      expect(r.stderr).toContain(`設定「${name}」`);
    }
    expect(r.stderr).toContain('sbac');
    // A column without a scheme is told the schemes it may name.
    expect(r.stderr).toMatch(/statusColumns\[0\]\.scheme」がありません。[^。]*"sabc"/);
    expect(fs.existsSync(path.join(dir, 'bad.xlsx'))).toBe(false);
  });
});
