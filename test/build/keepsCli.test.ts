/**
 * `npm run build` (webpack, whose output.clean empties dist/) must leave the command line in
 * dist/node, which package.json's bin names. Runs webpack for real, with the project's own clean
 * option, on a one-line entry in a temporary folder that already holds a built CLI and a stale asset.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import webpack from 'webpack';

const ROOT = resolve(__dirname, '../..');

type ConfigFactory = (env: object, options: { mode: string }) => Promise<webpack.Configuration>;

describe('the add-in build keeps the command line', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaikaku-build-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('package.json bin lies under dist/node', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin['kaikaku-shukei']).toBe('dist/node/cli/main.js');
  });

  it("webpack's clean with the project's option removes stale files but not dist/node", async () => {
    const factory = require(join(ROOT, 'webpack.config.js')) as ConfigFactory;
    const config = await factory({}, { mode: 'production' });
    const clean = config.output?.clean;
    expect(clean).toBeDefined();

    const out = join(dir, 'dist');
    mkdirSync(join(out, 'node', 'cli'), { recursive: true });
    writeFileSync(join(out, 'node', 'cli', 'main.js'), '#!/usr/bin/env node\n');
    writeFileSync(join(out, 'stale.js'), '// from an older build\n');
    writeFileSync(join(dir, 'entry.js'), 'console.log(1);\n');

    const compiler = webpack({
      mode: 'production',
      context: dir,
      entry: './entry.js',
      output: { path: out, filename: 'bundle.js', ...(clean !== undefined ? { clean } : {}) },
    });
    const stats = await new Promise<webpack.Stats | undefined>((done, fail) =>
      compiler.run((err, s) => (err ? fail(err) : done(s))),
    );
    await new Promise<void>((done) => compiler.close(() => done()));
    expect(stats?.hasErrors()).toBe(false);
    expect(existsSync(join(out, 'bundle.js'))).toBe(true);
    expect(existsSync(join(out, 'stale.js'))).toBe(false);
    expect(existsSync(join(out, 'node', 'cli', 'main.js'))).toBe(true);
  });
});
