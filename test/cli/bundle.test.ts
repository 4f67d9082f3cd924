/**
 * The command line as the package installs it: one bundled file (scripts/build-cli.js, the same
 * build as `npm run build:cli`) that loads no ExcelJS and no JSZip on the normal path, and still
 * finds them when the fallback needs them.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { handmadeXlsx, inlineSheetData } from '../xlsx/handmade';

const ROOT = path.resolve(__dirname, '../..');
// Built beside the real bin (dist/node/cli/main.js), so that it resolves node_modules the same way.
const BUNDLE = path.join(ROOT, 'dist', 'bundle-test', 'cli', 'main.js');

/** Modules the process loaded from files, from NODE_DEBUG=module's trace on standard error. */
function loaded(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^MODULE \d+: load /.test(l));
}

describe('the bundled command line', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.js'), BUNDLE]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-bundle-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(path.dirname(BUNDLE)), { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    spawnSync(process.execPath, [BUNDLE, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'module' },
    });

  it('is one file that starts with a shebang and requires only node built-ins and the fallback packages', () => {
    const code = fs.readFileSync(BUNDLE, 'utf8');
    expect(code.startsWith('#!/usr/bin/env node')).toBe(true);
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(new Set(required.filter((r) => !['fs', 'path', 'zlib'].includes(r)))).toEqual(
      new Set(['exceljs', 'jszip']),
    );
  });

  it('counts 関市 without loading ExcelJS or JSZip', () => {
    const r = run([path.join(ROOT, 'samples/seki.xlsx'), '-o', path.join(dir, 'seki.xlsx')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/順調\s+17件/);
    expect(loaded(r.stderr).length).toBeGreaterThan(0); // the trace works
    expect(loaded(r.stderr).filter((l) => /exceljs|jszip/i.test(l))).toEqual([]);
  });

  it('loads ExcelJS for a file only it reads, and says so', async () => {
    const file = path.join(dir, 'iso.xlsx');
    const body = inlineSheetData([['番号']]).replace(
      '</sheetData>',
      '<row r="2"><c r="A2" t="d"><v>2024-04-01T00:00:00</v></c></row></sheetData>',
    );
    fs.writeFileSync(file, await handmadeXlsx({ sheets: [{ name: '表', body }] }));
    const r = run([file, '-o', path.join(dir, 'iso.out.xlsx')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ExcelJS で読み取りました/);
    expect(loaded(r.stderr).some((l) => /exceljs/i.test(l))).toBe(true);
  });
});
