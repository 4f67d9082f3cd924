import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import webpack from 'webpack';

/**
 * Where the built pages load office.js from: the bundled copy by default, Microsoft's CDN with
 * OFFICE_JS=cdn. The real webpack.config.js and page templates, built with empty scripts in place of
 * the bundles (they never name office.js; test/browser/build.test.ts checks the real dist/).
 */

const ROOT = resolve(__dirname, '..', '..');
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const PAGES = ['taskpane.html', 'commands.html', 'dialog.html'];

type ConfigFactory = (env: unknown, argv: { mode: string }) => Promise<webpack.Configuration>;

async function buildPages(officeJs: string | undefined): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'kaikaku-officejs-'));
  const stub = join(out, 'stub.js');
  writeFileSync(stub, '');
  const saved = process.env['OFFICE_JS'];
  if (officeJs === undefined) delete process.env['OFFICE_JS'];
  else process.env['OFFICE_JS'] = officeJs;
  try {
    const factory = require(join(ROOT, 'webpack.config.js')) as ConfigFactory;
    const config = await factory({}, { mode: 'development' });
    const stubbed: webpack.Configuration = {
      ...config,
      context: ROOT,
      mode: 'development',
      devtool: false,
      entry: { taskpane: stub, commands: stub, dialog: stub },
      output: { ...config.output, path: join(out, 'dist') },
      optimization: { minimize: false },
    };
    await new Promise<void>((done, fail) =>
      webpack(stubbed, (err, stats) => {
        if (err) fail(err);
        else if (stats?.hasErrors()) fail(new Error(stats.toString('errors-only')));
        else done();
      }),
    );
  } finally {
    if (saved === undefined) delete process.env['OFFICE_JS'];
    else process.env['OFFICE_JS'] = saved;
  }
  return join(out, 'dist');
}

/** Every script a page loads (script tags, and the loader's document.write), and every URL it names. */
function references(html: string): { scripts: string[]; external: string[] } {
  const scripts = [...html.matchAll(/<script[^>]*\bsrc=\\?"([^"\\]+)\\?"/g)].map((m) => m[1]!);
  const external = [...html.matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)\\]*/gi)].map(
    (m) => m[0],
  );
  return { scripts, external };
}

describe('office.js in the built pages', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(resolve(d, '..'), { recursive: true, force: true })));

  it('comes from the bundled copy in office-js/ by default, and nothing from outside', async () => {
    const dist = await buildPages(undefined);
    dirs.push(dist);
    for (const page of PAGES) {
      const { scripts, external } = references(readFileSync(join(dist, page), 'utf8'));
      expect({ page, office: scripts.filter((s) => /office\.js$/.test(s)), external }).toEqual({
        page,
        office: ['office-js/office.js'],
        external: [],
      });
    }
    expect(existsSync(join(dist, 'office-js', 'office.js'))).toBe(true);
    expect(existsSync(join(dist, 'office-js', 'excel-web-16.00.js'))).toBe(true);
  });

  it('comes from Microsoft’s CDN with OFFICE_JS=cdn, and from no other host', async () => {
    const dist = await buildPages('cdn');
    dirs.push(dist);
    for (const page of PAGES) {
      const html = readFileSync(join(dist, page), 'utf8');
      const { scripts, external } = references(html);
      expect({ page, office: scripts.filter((s) => /office\.js$/.test(s)), external }).toEqual({
        page,
        office: [CDN],
        external: [CDN],
      });
      expect(html).not.toContain('office-js/office.js');
    }
    expect(existsSync(join(dist, 'office-js'))).toBe(false);
  });

  it('refuses an unknown choice', async () => {
    await expect(buildPages('internet')).rejects.toThrow('OFFICE_JS must be "bundled" or "cdn"');
  });
});
