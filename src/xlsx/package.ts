/**
 * The .xlsx package as parts: where the workbook part is, its sheets and their parts, and the
 * relationships between parts, read from the zip without loading any sheet. Shared by the zip-level
 * writer (writeOutputs) and by readWorkbook's list of sheets.
 */
import { type ExistingSheet, type OutputRole, roleOfOwnerName, sheetOfReference } from '../core/index';
import { UnsupportedPackageError } from './unsupported';
import { attr, childNamed, childrenNamed, parseXml, textOf, type XmlElement } from './xml';
import { decodeXml, entryContent, readZip, webCodec, type Codec, type ZipEntry } from './zip';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  mainStrict: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  relStrict: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  packageRels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
} as const;

export interface Relationship {
  readonly element: XmlElement;
  readonly id: string;
  readonly type: string;
  /** Part key of the target (see partKey); null for an external target. */
  readonly target: string | null;
}

export interface RelsPart {
  readonly key: string;
  readonly xml: string;
  readonly root: XmlElement;
  readonly relationships: readonly Relationship[];
}

export interface SheetEntry {
  readonly element: XmlElement;
  readonly name: string;
  readonly sheetId: number;
  readonly state: string | undefined;
  readonly rid: string | undefined;
  /** The sheet's part key, when its relationship points into the package. */
  readonly part: string | null;
  readonly relType: string | null;
}

export interface DefinedNameEntry {
  readonly element: XmlElement;
  readonly name: string;
  readonly localSheetId: number | undefined;
  readonly formula: string;
}

export interface WorkbookPackage {
  readonly entries: readonly ZipEntry[];
  readonly codec: Codec;
  /** Zip entry by part key. */
  readonly byKey: ReadonlyMap<string, ZipEntry>;
  readonly workbookKey: string;
  readonly workbookXml: string;
  readonly workbook: XmlElement;
  readonly mainNs: string;
  readonly strict: boolean;
  /** The namespace of r:id attributes in this workbook (transitional or strict). */
  readonly relNs: string;
  readonly workbookRels: RelsPart;
  readonly sheets: readonly SheetEntry[];
  readonly definedNames: readonly DefinedNameEntry[];
}

/**
 * A part's key: its name without the leading '/', percent-decoded and lower-cased (part names compare
 * without case in OPC), so `/xl/Workbook.xml`, `xl/workbook.xml` and a zip entry match.
 */
export function partKey(name: string): string {
  let n = name.replace(/^\/+/, '');
  try {
    n = decodeURIComponent(n);
  } catch {
    // a stray '%' stays as it is
  }
  return n.toLowerCase();
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsKeyOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** The folder of a part, with its trailing slash: "xl/workbook.xml" → "xl/". */
export function folderOf(partName: string): string {
  return partName.slice(0, partName.lastIndexOf('/') + 1);
}

/** A relationship target resolved against the source part's folder, as a part name (no leading '/'). */
export function resolveTarget(sourceFolder: string, target: string): string {
  const path = target.split('#')[0]!;
  const joined = path.startsWith('/') ? path.slice(1) : sourceFolder + path;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

export class PartReader {
  readonly byKey: Map<string, ZipEntry>;
  constructor(
    readonly entries: readonly ZipEntry[],
    readonly codec: Codec,
  ) {
    this.byKey = new Map(entries.filter((e) => !e.name.endsWith('/')).map((e) => [partKey(e.name), e]));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  async text(key: string): Promise<string | null> {
    const entry = this.byKey.get(key);
    if (!entry) return null;
    return decodeXml(await entryContent(entry, this.codec), entry.name);
  }

  /** The relationships of the part `sourceName` ('' for the package); null when it has none. */
  async rels(sourceName: string): Promise<RelsPart | null> {
    const key = partKey(sourceName === '' ? '_rels/.rels' : relsKeyOf(sourceName));
    const xml = await this.text(key);
    if (xml === null) return null;
    const root = parseXml(xml, key);
    if (root.local !== 'Relationships' || root.ns !== NS.packageRels) {
      throw new UnsupportedPackageError(`${key} is not a relationships part`);
    }
    const folder = folderOf(sourceName);
    const relationships = childrenNamed(root, 'Relationship', NS.packageRels).map((el): Relationship => {
      const target = attr(el, 'Target') ?? '';
      const external = attr(el, 'TargetMode') === 'External';
      return {
        element: el,
        id: attr(el, 'Id') ?? '',
        type: attr(el, 'Type') ?? '',
        target: external ? null : partKey(resolveTarget(folder, target)),
      };
    });
    return { key, xml, root, relationships };
  }
}

export function relTypeIs(type: string, local: string): boolean {
  return type.endsWith(`/${local}`);
}

/** Opens the package down to its workbook part; anything it cannot read is UnsupportedPackageError. */
export async function openPackage(bytes: Uint8Array, codec?: Codec): Promise<WorkbookPackage> {
  const c = codec ?? webCodec();
  if (!c) throw new UnsupportedPackageError('no deflate available on this platform');
  const entries = readZip(bytes);
  const parts = new PartReader(entries, c);
  const rootRels = await parts.rels('');
  const office = rootRels?.relationships.find(
    (r) => relTypeIs(r.type, 'officeDocument') && r.target !== null,
  );
  if (!office || !office.target) throw new UnsupportedPackageError('no officeDocument relationship');
  const workbookEntry = parts.byKey.get(office.target);
  if (!workbookEntry) throw new UnsupportedPackageError(`no workbook part ${office.target}`);
  const workbookName = workbookEntry.name.replace(/^\/+/, '');
  const workbookXml = (await parts.text(office.target))!;
  const workbook = parseXml(workbookXml, workbookName);
  if (workbook.local !== 'workbook' || (workbook.ns !== NS.main && workbook.ns !== NS.mainStrict)) {
    throw new UnsupportedPackageError('the officeDocument is not a SpreadsheetML workbook');
  }
  const mainNs = workbook.ns;
  const strict = mainNs === NS.mainStrict;
  const workbookRels = await parts.rels(workbookName);
  if (!workbookRels) throw new UnsupportedPackageError('the workbook has no relationships part');

  const sheetsEl = childNamed(workbook, 'sheets', mainNs);
  if (!sheetsEl) throw new UnsupportedPackageError('the workbook has no <sheets>');
  const sheetEls = childrenNamed(sheetsEl, 'sheet', mainNs);
  const ridOf = (el: XmlElement): { rid: string | undefined; ns: string | undefined } => {
    const a = el.attributes.find((x) => x.local === 'id' && (x.ns === NS.rel || x.ns === NS.relStrict));
    return { rid: a?.value, ns: a?.ns };
  };
  const relNs =
    sheetEls.map((el) => ridOf(el).ns).find((n) => n !== undefined) ?? (strict ? NS.relStrict : NS.rel);
  const relById = new Map(workbookRels.relationships.map((r) => [r.id, r]));
  const sheets = sheetEls.map((el): SheetEntry => {
    const { rid } = ridOf(el);
    const rel = rid !== undefined ? relById.get(rid) : undefined;
    return {
      element: el,
      name: attr(el, 'name') ?? '',
      sheetId: Number(attr(el, 'sheetId') ?? NaN),
      state: attr(el, 'state'),
      rid,
      part: rel?.target ?? null,
      relType: rel?.type ?? null,
    };
  });

  const namesEl = childNamed(workbook, 'definedNames', mainNs);
  const definedNames = (namesEl ? childrenNamed(namesEl, 'definedName', mainNs) : []).map(
    (el): DefinedNameEntry => {
      const local = attr(el, 'localSheetId');
      return {
        element: el,
        name: attr(el, 'name') ?? '',
        localSheetId: local === undefined ? undefined : Number(local),
        formula: textOf(workbookXml, el),
      };
    },
  );

  return {
    entries,
    codec: c,
    byKey: parts.byKey,
    workbookKey: office.target,
    workbookXml,
    workbook,
    mainNs,
    strict,
    relNs,
    workbookRels,
    sheets,
    definedNames,
  };
}

/**
 * Every sheet of the package in tab order — chart sheets and dialog sheets too, which ExcelJS does not
 * list — with ownership proven by a workbook-level KaikakuShukei_<role> name referring to it.
 */
export function packageSheets(pkg: WorkbookPackage): ExistingSheet[] {
  const roleBySheet = new Map<string, OutputRole>();
  for (const dn of pkg.definedNames) {
    if (dn.localSheetId !== undefined) continue;
    const role = roleOfOwnerName(dn.name);
    if (role === null) continue;
    const sheet = sheetOfReference(dn.formula);
    if (sheet !== null) roleBySheet.set(sheet, role);
  }
  return pkg.sheets.map((s) => {
    const role = roleBySheet.get(s.name);
    return role ? { name: s.name, owned: true, role } : { name: s.name, owned: false };
  });
}
