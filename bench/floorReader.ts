/**
 * The floor for reading an .xlsx: the least a reader can do and still extract what the engine needs —
 * sheet names, cell values (shared strings, inline strings, numbers, booleans, errors, formula
 * results), number formats and merges — with JSZip and regular expressions, no checks, no fallback.
 * The bench runs it as a whole process (`node floor.js file.xlsx`) beside the command line's, so the
 * ratio between them is what the command line spends beyond reading the file. Bench only: the
 * project's reader is src/xlsx/readFast.ts.
 */
import * as fs from 'fs';
import JSZip from 'jszip';

export interface FloorCell {
  readonly value: string | number | boolean | null;
  readonly numberFormat?: string;
  readonly error?: string;
}

export interface FloorSheet {
  readonly name: string;
  readonly cells: Map<string, FloorCell>;
  readonly merges: string[];
}

const BUILTIN: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  49: '@',
};

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : (ENTITIES[e] ?? m),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attrOf(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
}

/** The text of an <si> or <is>: its <t> elements outside phonetic runs. */
function textOf(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) {
    out += m[1];
  }
  return unescape(out);
}

async function text(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  return f ? f.async('string') : '';
}

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export async function floorRead(bytes: Uint8Array): Promise<FloorSheet[]> {
  const zip = await JSZip.loadAsync(bytes);
  const rootRels = await text(zip, '_rels/.rels');
  const wbTarget = /<Relationship\b[^>]*officeDocument"[^>]*>/.exec(rootRels)?.[0];
  const workbookPath = resolve('', attrOf(wbTarget ?? '', 'Target') ?? 'xl/workbook.xml');
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const workbook = await text(zip, workbookPath);
  const rels = await text(zip, `${folder}_rels/${workbookPath.slice(folder.length)}.rels`);
  const targets = new Map<string, string>();
  let stylesPath = `${folder}styles.xml`;
  let stringsPath = `${folder}sharedStrings.xml`;
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attrOf(m[0], 'Id') ?? '';
    const target = resolve(workbookPath, attrOf(m[0], 'Target') ?? '');
    targets.set(id, target);
    if (/\/styles"/.test(m[0])) stylesPath = target;
    if (/\/sharedStrings"/.test(m[0])) stringsPath = target;
  }

  const strings = [...(await text(zip, stringsPath)).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    textOf(m[1]!),
  );

  const styles = await text(zip, stylesPath);
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) {
    custom.set(Number(attrOf(m[0], 'numFmtId')), attrOf(m[0], 'formatCode') ?? '');
  }
  const xfsXml = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const formats = [...xfsXml.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attrOf(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN[id];
  });

  const sheets: FloorSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attrOf(m[0], 'name') ?? '';
    const rid = /\sr:id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const path = targets.get(rid);
    if (!path || !path.includes('worksheets/')) continue;
    const xml = await text(zip, path);
    const cells = new Map<string, FloorCell>();
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const inner = c[2] ?? '';
      const ref = attrOf(attrs, 'r') ?? '';
      const t = attrOf(attrs, 't');
      const numberFormat = formats[Number(attrOf(attrs, 's') ?? 0)];
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      let value: FloorCell['value'] = null;
      let error: string | undefined;
      if (t === 'inlineStr') value = textOf(inner);
      else if (v === undefined) continue;
      else if (t === 's') value = strings[Number(v)] ?? '';
      else if (t === 'str') value = unescape(v);
      else if (t === 'b') value = v === '1';
      else if (t === 'e') error = v;
      else value = Number(v);
      if (typeof value === 'string' && value.trim() === '') continue;
      cells.set(ref, {
        value,
        ...(numberFormat && numberFormat !== 'General' ? { numberFormat } : {}),
        ...(error ? { error } : {}),
      });
    }
    const merges = [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((x) => x[1]!);
    sheets.push({ name, cells, merges });
  }
  return sheets;
}

if (require.main === module) {
  floorRead(new Uint8Array(fs.readFileSync(process.argv[2]!))).then(
    (sheets) => {
      const cells = sheets.reduce((n, s) => n + s.cells.size, 0);
      process.stdout.write(`${sheets.length} sheets, ${cells} cells\n`);
    },
    (e: unknown) => {
      process.stderr.write(`floor: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
