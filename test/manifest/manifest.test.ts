/**
 * @jest-environment jsdom
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { inflateSync } from 'zlib';
import { apiSetsUsed } from './apiSets';

/**
 * What the online validator cannot check here: ids, resource references, URLs that point at files
 * the build emits, icon pixel sizes, and the ExcelApi requirement set against the calls the
 * Office adapter makes.
 */
const ROOT = resolve(__dirname, '..', '..');
const DEV_URL = 'https://localhost:3000/';
const manifestText = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const doc = new DOMParser().parseFromString(manifestText, 'application/xml');
const all = (name: string): Element[] =>
  [...doc.getElementsByTagName('*')].filter((e) => e.localName === name);
const one = (name: string): Element => {
  const found = all(name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
};

/** Files the build writes: its HTML pages (from webpack.config.js) and the icons it copies from assets/. */
async function emittedFiles(): Promise<Set<string>> {
  const configure = require(join(ROOT, 'webpack.config.js')) as (
    env: object,
    argv: object,
  ) => Promise<{ plugins: { userOptions?: { filename?: string } }[] }>;
  const config = await configure({}, { mode: 'production' });
  const pages = config.plugins
    .map((p) => p.userOptions?.filename)
    .filter((f): f is string => typeof f === 'string');
  const icons = readdirSync(join(ROOT, 'assets'))
    .filter((f) => f.endsWith('.png'))
    .map((f) => `assets/${f}`);
  return new Set([...pages, ...icons, 'manifest.xml']);
}

function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  // The image data must inflate to exactly the rows the header promises (RGBA, 8 bits, one filter byte a row).
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  expect(png[25]).toBe(6);
  expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (width * 4 + 1));
  return { width, height };
}

function localPath(url: string): string {
  expect(url.startsWith(DEV_URL)).toBe(true);
  return url.slice(DEV_URL.length);
}

describe('manifest.xml', () => {
  it('is well-formed XML with a GUID id, Japanese by default and English overrides', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(one('Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one('DefaultLocale').textContent).toBe('ja-JP');
    for (const name of ['DisplayName', 'Description']) {
      const el = [...doc.documentElement.children].find((e) => e.localName === name)!;
      expect(el.getAttribute('DefaultValue')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(
        [...el.children].some((o) => o.getAttribute('Locale') === 'en-US' && o.getAttribute('Value')),
      ).toBe(true);
    }
    const strings = all('String');
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      expect(
        [...s.children].some((o) => o.localName === 'Override' && o.getAttribute('Locale') === 'en-US'),
      ).toBe(true);
    }
    expect(one('Permissions').textContent).toBe('ReadWriteDocument');
  });

  it('puts 「集計」 (ExecuteFunction) and 「結果・設定」 (ShowTaskpane) in a group 「行政改革」 on the Home tab', () => {
    const text = (resid: string | null) =>
      all('String')
        .find((s) => s.getAttribute('id') === resid)
        ?.getAttribute('DefaultValue');
    const tab = one('OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const group = one('Group');
    const label = [...group.children].find((c) => c.localName === 'Label');
    expect(text(label?.getAttribute('resid') ?? null)).toBe('行政改革');
    const controls = all('Control').map((c) => ({
      label: text([...c.children].find((x) => x.localName === 'Label')?.getAttribute('resid') ?? null),
      action: [...c.children].find((x) => x.localName === 'Action')?.getAttribute('xsi:type'),
    }));
    expect(controls).toEqual([
      { label: '集計', action: 'ExecuteFunction' },
      { label: '結果・設定', action: 'ShowTaskpane' },
    ]);
    expect(one('FunctionName').textContent).toBe('runShukei');
    // The command file registers that very name.
    expect(readFileSync(join(ROOT, 'src', 'commands', 'commands.ts'), 'utf8')).toContain(
      "Office.actions.associate('runShukei'",
    );
  });

  it('gives every id once and defines every resid, each of the kind the element needs', () => {
    const ids = [...doc.getElementsByTagName('*')]
      .map((e) => e.getAttribute('id'))
      .filter((x): x is string => !!x);
    expect(new Set(ids).size).toBe(ids.length);

    const kinds = new Map<string, string>();
    const defined = (name: string) => all(name).filter((e) => e.hasAttribute('id'));
    for (const kind of ['Image', 'Url'])
      for (const e of defined(kind)) kinds.set(e.getAttribute('id')!, kind);
    for (const e of defined('String'))
      kinds.set(e.getAttribute('id')!, `String:${e.parentElement?.localName}`);

    const needs: Record<string, string[]> = {
      Image: ['Image'],
      SourceLocation: ['Url'],
      FunctionFile: ['Url'],
      LearnMoreUrl: ['Url'],
      Label: ['String:ShortStrings'],
      Title: ['String:ShortStrings'],
      Description: ['String:LongStrings'],
    };
    const used = new Set<string>();
    const wrong: { element: string; resid: string; kind: string | undefined }[] = [];
    for (const e of [...doc.getElementsByTagName('*')].filter((x) => x.hasAttribute('resid'))) {
      const resid = e.getAttribute('resid')!;
      used.add(resid);
      const kind = kinds.get(resid);
      if (!kind || !(needs[e.localName] ?? []).includes(kind))
        wrong.push({ element: e.localName, resid, kind });
    }
    expect(used.size).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
    // Nothing defined and left unused.
    expect([...kinds.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('points every URL at a file the build emits', async () => {
    const emitted = await emittedFiles();
    const urls = [
      ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']
        .flatMap((n) => all(n))
        .map((e) => e.getAttribute('DefaultValue')),
      ...[...all('Image'), ...all('Url')].map((e) => e.getAttribute('DefaultValue')),
    ].filter((u): u is string => u !== null);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls)
      expect({ url, emitted: emitted.has(localPath(url)) }).toEqual({ url, emitted: true });
  });

  it('has real PNG icons of the pixel size each reference asks for', () => {
    const imageUrl = new Map(all('Image').map((e) => [e.getAttribute('id'), e.getAttribute('DefaultValue')]));
    const checks: { url: string; size: number }[] = [
      { url: one('IconUrl').getAttribute('DefaultValue')!, size: 32 },
      { url: one('HighResolutionIconUrl').getAttribute('DefaultValue')!, size: 64 },
    ];
    for (const ref of all('Image').filter((e) => e.hasAttribute('size'))) {
      checks.push({ url: imageUrl.get(ref.getAttribute('resid'))!, size: Number(ref.getAttribute('size')) });
    }
    for (const { url, size } of checks) {
      expect({ url, ...pngSize(join(ROOT, localPath(url))) }).toEqual({ url, width: size, height: size });
    }
    // The sizes Office requires for ribbon buttons are all there.
    const sizes = new Set(all('Image').map((e) => e.getAttribute('size')));
    for (const required of ['16', '32', '80']) expect(sizes.has(required)).toBe(true);
  });

  it('asks for exactly the ExcelApi version the Office adapter’s calls need', () => {
    const used = apiSetsUsed(join(ROOT, 'src', 'office'));
    const min = all('Set')
      .find((s) => s.getAttribute('Name') === 'ExcelApi')
      ?.getAttribute('MinVersion');
    expect(used.highest).toBe(min);
    // The reason for that version, as a sanity check of the scan itself.
    expect(used.members.get('getMergedAreasOrNullObject')).toBe('1.13');
    expect(used.members.get('getUsedRange')).toBe('1.2');
  });

  it('is copied by the build with the hosting URL from ADDIN_BASE_URL', async () => {
    const saved = process.env['ADDIN_BASE_URL'];
    process.env['ADDIN_BASE_URL'] = 'https://intra.example.lg.jp/kaikaku';
    try {
      const configure = require(join(ROOT, 'webpack.config.js')) as (
        env: object,
        argv: object,
      ) => Promise<{ plugins: { patterns?: { from: string; transform?: (c: Buffer) => string } }[] }>;
      const config = await configure({}, { mode: 'production' });
      const copy = config.plugins.flatMap((p) => p.patterns ?? []).find((p) => p.from === 'manifest.xml');
      const out = copy!.transform!(Buffer.from(manifestText));
      expect(out).not.toContain(DEV_URL);
      expect(out).toContain('https://intra.example.lg.jp/kaikaku/taskpane.html');
      expect(out).toContain('https://intra.example.lg.jp/kaikaku/assets/icon-80.png');
    } finally {
      if (saved === undefined) delete process.env['ADDIN_BASE_URL'];
      else process.env['ADDIN_BASE_URL'] = saved;
    }
  });

  it('leaves the built copy in dist, when there is one, pointing at files that exist there', () => {
    const built = join(ROOT, 'dist', 'manifest.xml');
    if (!existsSync(built)) return; // unit tests run before the build in `npm test`
    const text = readFileSync(built, 'utf8');
    const urls = [...text.matchAll(/DefaultValue="(https:\/\/[^"]+)"/g)].map((m) => m[1]!);
    const base = /<SourceLocation DefaultValue="(https:\/\/[^"]*\/)taskpane\.html"/.exec(text)![1]!;
    for (const url of urls) {
      const file = join(ROOT, 'dist', url.slice(base.length));
      expect({ url, exists: existsSync(file) }).toEqual({ url, exists: true });
    }
  });
});
