/**
 * Merged ranges that overlap: Excel repairs such a file on opening, ExcelJS refuses to load it. The
 * reader takes the overlapping ones out (the first listed stays, as Excel keeps it) and hands them to
 * the engine, which reports each as OVERLAPPING_MERGES in 検証結果.
 */
import { columnIndex, type MergeArea } from '../core/index';
import { openPackage, partKey } from './package';
import {
  decodeXml,
  encodeUtf8,
  entryContent,
  newEntry,
  readZip,
  writeZip,
  webCodec,
  type Codec,
} from './zip';

/** Beyond this many merges in one sheet the pairwise check is skipped (the file is refused as before). */
const MAX_MERGES = 20000;

function parseRange(ref: string): MergeArea | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]!);
  const bottom = m[4] !== undefined ? Number(m[4]) - 1 : top;
  const right = m[3] !== undefined ? columnIndex(m[3]) : left;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

const overlap = (a: MergeArea, b: MergeArea): boolean =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

export interface RepairedMerges {
  readonly bytes: Uint8Array;
  /** The merges taken out, by sheet name, to be reported. */
  readonly dropped: ReadonlyMap<string, readonly MergeArea[]>;
}

/** The package with every overlapping merge taken out of its sheet parts; null when there is none. */
export async function withoutOverlappingMerges(
  bytes: Uint8Array,
  codec?: Codec,
): Promise<RepairedMerges | null> {
  const c = codec ?? webCodec();
  if (!c) return null;
  const pkg = await openPackage(bytes, c);
  const entries = readZip(bytes);
  const dropped = new Map<string, MergeArea[]>();
  const replaced = new Map<string, Uint8Array>();
  for (const sheet of pkg.sheets) {
    if (sheet.part === null) continue;
    const entry = entries.find((e) => partKey(e.name) === sheet.part);
    if (!entry) continue;
    const xml = decodeXml(await entryContent(entry, c), entry.name);
    const kept: MergeArea[] = [];
    const gone: MergeArea[] = [];
    let count = 0;
    const edited = xml.replace(
      /<(\w+:)?mergeCell\b[^>]*\bref="([^"]+)"[^>]*\/>/g,
      (whole, _p, ref: string) => {
        const area = parseRange(ref);
        if (area === null || ++count > MAX_MERGES) return whole;
        if (kept.some((k) => overlap(k, area))) {
          gone.push(area);
          return '';
        }
        kept.push(area);
        return whole;
      },
    );
    if (gone.length === 0) continue;
    dropped.set(sheet.name, gone);
    replaced.set(
      entry.name,
      encodeUtf8(edited.replace(/(<(?:\w+:)?mergeCells\b[^>]*\bcount=")\d+"/, `$1${kept.length}"`)),
    );
  }
  if (dropped.size === 0) return null;
  const out = await Promise.all(
    entries.map((e) => {
      const content = replaced.get(e.name);
      return content ? newEntry(e.name, content, c) : e;
    }),
  );
  return { bytes: writeZip(out), dropped };
}
