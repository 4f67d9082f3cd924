import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { DIST } from './harness';

/** The production build as an office would host it. */
describe('the built add-in in dist/', () => {
  it('has a manifest whose every URL names a file in dist/', () => {
    const manifest = readFileSync(join(DIST, 'manifest.xml'), 'utf8');
    const base = /<SourceLocation DefaultValue="(https:\/\/[^"]*\/)taskpane\.html"/.exec(manifest)?.[1];
    expect(base).toBeDefined();
    const urls = [...manifest.matchAll(/DefaultValue="(https:\/\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(10);
    const missing = urls.filter(
      (u) => !u.startsWith(base!) || !existsSync(join(DIST, u.slice(base!.length))),
    );
    expect(missing).toEqual([]);
  });

  it('serves office.js from its own files and loads nothing from a CDN', () => {
    expect(existsSync(join(DIST, 'office-js', 'office.js'))).toBe(true);
    expect(existsSync(join(DIST, 'office-js', 'excel-web-16.00.js'))).toBe(true);
    expect(existsSync(join(DIST, 'office-js', 'ja-jp', 'office_strings.js'))).toBe(true);
    const own = readdirSync(DIST).filter((f) => /\.(html|js)$/.test(f));
    for (const f of own) {
      expect({
        f,
        cdn: /appsforoffice\.microsoft\.com|ajax\.aspnetcdn\.com/.test(readFileSync(join(DIST, f), 'utf8')),
      }).toEqual({
        f,
        cdn: false,
      });
    }
  });
});
