/**
 * ExcelJS workbook → .xlsx bytes, with two repairs ExcelJS does not make itself:
 * - in-document links: ExcelJS writes every hyperlink as an external relationship; a link into the
 *   workbook must be a `location` with no relationship, or Excel and LibreOffice try to open a file
 *   named "#'取組一覧'!B3";
 * - optional fixed zip entry dates, so the same workbook gives the same bytes (seed samples).
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EngineError } from '../core/index';

export interface ToBytesOptions {
  /** Date stamped on every zip entry (and the document's created / modified dates) for reproducible output. */
  readonly fixedDate?: Date;
}

export async function workbookToBytes(
  workbook: ExcelJS.Workbook,
  options: ToBytesOptions = {},
): Promise<Uint8Array> {
  if (options.fixedDate) {
    workbook.created = options.fixedDate;
    workbook.modified = options.fixedDate;
  }
  let raw: ArrayBuffer | Uint8Array;
  try {
    // Stored, not compressed: the archive is compressed once, below, after the links are repaired
    // (compressing here too made every output sheet go through deflate twice).
    raw = (await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })) as ArrayBuffer | Uint8Array;
  } catch (e) {
    throw new EngineError('OUTPUT_FAILED', `ExcelJS could not write the workbook: ${String(e)}`);
  }
  const zip = await JSZip.loadAsync(raw);
  await fixInternalLinks(zip);
  const date = options.fixedDate;
  if (date) {
    // Re-adding each entry in order with one date makes the archive byte-stable.
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const contents = await Promise.all(names.map((n) => zip.file(n)!.async('uint8array')));
    const out = new JSZip();
    names.forEach((n, i) => out.file(n, contents[i]!, { date, createFolders: false }));
    return out.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 6 },
    });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

const HYPERLINK = /<hyperlink\b[^>]*\/>/g;
const RELATIONSHIP = /<Relationship\b[^>]*\/>/g;

/**
 * ExcelJS writes a link into the workbook in one of two ways, both wrong for Excel: with a
 * `location="#…"` beside a relationship, or — when the sheet name holds a '!', which its test for
 * "Sheet!A1" does not expect — only as an external relationship whose target is "#'Sheet!'!A1".
 * Both become a plain `location` with no relationship.
 */
async function fixInternalLinks(zip: JSZip): Promise<void> {
  const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  for (const name of sheets) {
    const xml = await zip.file(name)!.async('string');
    if (!xml.includes('<hyperlink ')) continue;
    const relsName = name.replace(/^xl\/worksheets\/(sheet\d+\.xml)$/, 'xl/worksheets/_rels/$1.rels');
    const rels = zip.file(relsName);
    const relsXml = rels ? await rels.async('string') : '';
    const inDocument = new Map<string, string>();
    for (const [tag] of relsXml.matchAll(RELATIONSHIP)) {
      const id = /\bId="([^"]*)"/.exec(tag)?.[1];
      const target = /\bTarget="#([^"]*)"/.exec(tag)?.[1];
      if (id !== undefined && target !== undefined) inDocument.set(id, target);
    }
    const dropped = new Set<string>();
    const fixed = xml.replace(HYPERLINK, (tag) => {
      const rid = /\br:id="([^"]*)"/.exec(tag)?.[1];
      if (/\blocation="#/.test(tag)) {
        if (rid !== undefined) dropped.add(rid);
        return tag.replace(/\s+r:id="[^"]*"/, '').replace(/\blocation="#/, 'location="');
      }
      const target = rid !== undefined ? inDocument.get(rid) : undefined;
      if (target === undefined) return tag;
      dropped.add(rid!);
      return tag.replace(/\s+r:id="[^"]*"/, ` location="${target}"`);
    });
    if (dropped.size === 0) continue;
    zip.file(name, fixed);
    if (!rels) continue;
    zip.file(
      relsName,
      relsXml.replace(RELATIONSHIP, (tag) => {
        const id = /\bId="([^"]*)"/.exec(tag)?.[1];
        return id !== undefined && dropped.has(id) ? '' : tag;
      }),
    );
  }
}
