/**
 * The zip-level writer: the input .xlsx with the output sheets added, every other part of the package
 * kept byte for byte (carried still compressed). It edits only what a new sheet must be registered
 * in — xl/workbook.xml (sheets, defined names, the workbook view), its relationships,
 * [Content_Types].xml and xl/styles.xml (our styles appended) — and drops xl/calcChain.xml, which
 * Excel rebuilds. Our old outputs (plan.replace) go with their parts. docProps/app.xml is left as it
 * was: it only caches the sheet titles for file browsers, and Excel rewrites it on save.
 *
 * Where the package is one it will not edit, it throws UnsupportedPackageError before writing
 * anything; the ExcelJS writer (writePlan + workbookToBytes) is the fallback.
 */
import {
  quoteSheetName,
  toA1,
  EngineError,
  type OutputPlan,
  type SheetPlan,
  OWNER_NAME_PREFIX,
  ownerNameFor,
} from '../core/index';
import {
  CONTENT_TYPE,
  folderOf,
  NS,
  openPackage,
  partKey,
  PartReader,
  relsKeyOf,
  relTypeIs,
  type RelsPart,
  type WorkbookPackage,
} from './package';
import { DRAWING_CONTENT_TYPE, DRAWING_NS, chartXml, drawingXml } from './chartXml';
import { checkPackage } from './guard';
import { worksheetXml } from './sheetXml';
import { addPlanStyles, emptyStylesXml } from './stylesXml';
import { UnsupportedPackageError } from './unsupported';
import {
  attr,
  childNamed,
  childPrefix,
  escapeAttr,
  escapeText,
  parseXml,
  prefixFor,
  XmlEditor,
  type XmlElement,
} from './xml';
import { encodeUtf8, newEntry, writeZip, type Codec, type ZipEntry } from './zip';

export interface WriteOutputsOptions {
  /** Deflate for the parts written; the platform's CompressionStream when left out. */
  readonly codec?: Codec;
  /** Date stamped on the zip entries written (reproducible output); now when left out. */
  readonly date?: Date;
}

/** CT_Workbook's sequence. */
const WORKBOOK_ORDER = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
] as const;

interface NewSheet {
  readonly plan: SheetPlan;
  readonly index: number;
  readonly partName: string;
  readonly rid: string;
  readonly sheetId: number;
}

/** The parts a new sheet's charts take: its relationships, its drawing and one part per chart. */
interface SheetDrawing {
  readonly sheet: NewSheet;
  readonly relsName: string;
  readonly drawingName: string;
  readonly chartNames: readonly string[];
}

export async function writeOutputs(
  input: Uint8Array,
  plan: OutputPlan,
  options: WriteOutputsOptions = {},
): Promise<Uint8Array> {
  // Every part is copied byte for byte: a damaged one (CRC, UTF-8, size) is refused, never carried.
  await checkPackage(input, { codec: options.codec, passUnparsable: true });
  const pkg = await openPackage(input, options.codec);
  const parts = new PartReader(pkg.entries, pkg.codec);
  const mainNs = pkg.mainNs;
  const workbookName = pkg.byKey.get(pkg.workbookKey)!.name.replace(/^\/+/, '');
  const folder = folderOf(workbookName);

  // Which sheets go (our old outputs), and the index each kept sheet moves to.
  const replace = new Set(plan.replace);
  const removedIndex = new Set<number>();
  pkg.sheets.forEach((s, i) => {
    if (replace.has(s.name)) removedIndex.add(i);
  });
  const keptBefore: number[] = [];
  let kept = 0;
  for (let i = 0; i <= pkg.sheets.length; i++) {
    keptBefore.push(kept);
    if (i < pkg.sheets.length && !removedIndex.has(i)) kept++;
  }
  const keptNames = new Set(
    pkg.sheets.filter((_, i) => !removedIndex.has(i)).map((s) => s.name.toLowerCase()),
  );
  for (const s of plan.sheets) {
    if (keptNames.has(s.name.toLowerCase())) {
      throw new EngineError('OUTPUT_FAILED', `a sheet named ${s.name} is already in the workbook`, s.name);
    }
  }
  const finalNames = new Set([...keptNames, ...plan.sheets.map((s) => s.name.toLowerCase())]);
  // Sheets that are gone after the write (a removed output not written again under its name).
  const goneNames = new Set(
    pkg.sheets
      .filter((s, i) => removedIndex.has(i) && !finalNames.has(s.name.toLowerCase()))
      .map((s) => s.name.toLowerCase()),
  );

  const removedRids = new Set<string>();
  const removedParts = new Set<string>();
  for (const i of removedIndex) {
    const s = pkg.sheets[i]!;
    if (s.rid !== undefined) removedRids.add(s.rid);
    if (s.part !== null) removedParts.add(s.part);
  }
  const hasFormulas = plan.sheets.some((s) =>
    s.rows.some((r) => r.some((c) => c !== null && c.kind === 'formula')),
  );
  if (removedIndex.size > 0 || hasFormulas) {
    // A calculation chain naming cells that moved or missing formulas makes Excel "repair" the file.
    for (const r of pkg.workbookRels.relationships) {
      if (relTypeIs(r.type, 'calcChain')) {
        removedRids.add(r.id);
        if (r.target !== null) removedParts.add(r.target);
      }
    }
  }
  await dropUnreferenced(parts, pkg, removedParts, removedRids);

  // Part names: the lowest sheetN.xml that no kept part has (nor a stray relationships part), so a
  // re-run writes its sheets under the names the last run used.
  const sheetFolder = `${folder}worksheets/`;
  const inUse = (name: string): boolean => {
    const key = partKey(name);
    return pkg.byKey.has(key) && !removedParts.has(key);
  };
  let partNumber = 0;
  const ids = new Set(pkg.workbookRels.relationships.map((r) => r.id));
  let ridNumber = 0;
  for (const id of ids) {
    const m = /^rId(\d+)$/.exec(id);
    if (m) ridNumber = Math.max(ridNumber, Number(m[1]));
  }
  const nextRid = (): string => {
    let id: string;
    do id = `rId${++ridNumber}`;
    while (ids.has(id));
    ids.add(id);
    return id;
  };
  let sheetIdNumber = Math.max(0, ...pkg.sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0)));
  const newSheets: NewSheet[] = plan.sheets.map((s, i) => {
    let name: string;
    do name = `${sheetFolder}sheet${++partNumber}.xml`;
    while (inUse(name) || inUse(relsKeyOf(name)));
    return { plan: s, index: kept + i, partName: name, rid: nextRid(), sheetId: ++sheetIdNumber };
  });

  const drawings = planDrawings(newSheets, folder, inUse);

  // Styles: ours appended to the workbook's own part, or a part of our own where it has none.
  const stylesRel = pkg.workbookRels.relationships.find(
    (r) => relTypeIs(r.type, 'styles') && r.target !== null,
  );
  const stylesEntry = stylesRel ? pkg.byKey.get(stylesRel.target!) : undefined;
  let stylesName: string;
  let stylesXml: string;
  let newStylesPart = false;
  if (stylesEntry) {
    stylesName = stylesEntry.name.replace(/^\/+/, '');
    stylesXml = (await parts.text(stylesRel!.target!))!;
  } else {
    stylesName = `${folder}styles.xml`;
    for (let n = 2; pkg.byKey.has(partKey(stylesName)); n++) stylesName = `${folder}styles${n}.xml`;
    stylesXml = emptyStylesXml(mainNs);
    newStylesPart = true;
  }
  const styles = addPlanStyles(stylesXml, mainNs, pkg.strict);

  const { xml: workbookXml, activated } = editWorkbook(
    pkg,
    plan,
    newSheets,
    removedIndex,
    keptBefore,
    goneNames,
  );
  const relsXml = editWorkbookRels(
    pkg,
    newSheets,
    removedRids,
    newStylesPart ? { rid: nextRid(), name: stylesName } : null,
  );
  const contentTypes = await editContentTypes(parts, removedParts, [
    ...newSheets.map((s) => ({ name: s.partName, type: CONTENT_TYPE.worksheet })),
    ...(newStylesPart ? [{ name: stylesName, type: CONTENT_TYPE.styles }] : []),
    ...drawings.flatMap((d) => [
      { name: d.drawingName, type: DRAWING_CONTENT_TYPE.drawing },
      ...d.chartNames.map((name) => ({ name, type: DRAWING_CONTENT_TYPE.chart })),
    ]),
  ]);

  const edited = new Map<string, string>([
    [pkg.workbookKey, workbookXml],
    [pkg.workbookRels.key, relsXml],
    [partKey('[Content_Types].xml'), contentTypes],
  ]);
  // A re-run finds all its styles in the part already and leaves it byte for byte.
  if (!newStylesPart && styles.changed) edited.set(partKey(stylesName), styles.xml);

  const date = options.date ?? new Date();
  const out: ZipEntry[] = [];
  for (const e of pkg.entries) {
    const key = partKey(e.name);
    if (removedParts.has(key)) continue;
    const text = edited.get(key);
    if (text === undefined) {
      out.push(e);
      continue;
    }
    const fresh = await newEntry(e.name, encodeUtf8(text), pkg.codec, date);
    out.push({ ...fresh, rawName: e.rawName, flags: e.flags, dosTime: e.dosTime, dosDate: e.dosDate });
  }
  if (newStylesPart) out.push(await newEntry(stylesName, encodeUtf8(styles.xml), pkg.codec, date));
  const drawingNs = pkg.strict ? DRAWING_NS.strict : DRAWING_NS.transitional;
  const base = relBase(pkg);
  for (const s of newSheets) {
    const d = drawings.find((x) => x.sheet === s);
    const xml = worksheetXml(s.plan, {
      mainNs,
      styleIndex: styles.index,
      tabSelected: activated && s.plan.name === plan.activate,
      ...(d ? { drawing: { rid: 'rId1', relNs: pkg.relNs } } : {}),
    });
    out.push(await newEntry(s.partName, xml, pkg.codec, date));
    if (!d) continue;
    const charts = s.plan.charts ?? [];
    const rel = (id: string, type: string, from: string, to: string): string =>
      `<Relationship Id="${id}" Type="${base}/${type}" Target="${escapeAttr(relativeTarget(from, to))}"/>`;
    const rels = (body: string): Uint8Array =>
      encodeUtf8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}">${body}</Relationships>`,
      );
    out.push(
      await newEntry(d.relsName, rels(rel('rId1', 'drawing', s.partName, d.drawingName)), pkg.codec, date),
    );
    const chartRids = charts.map((_, i) => `rId${i + 1}`);
    out.push(
      await newEntry(d.drawingName, encodeUtf8(drawingXml(charts, chartRids, drawingNs)), pkg.codec, date),
    );
    out.push(
      await newEntry(
        relsKeyOf(d.drawingName),
        rels(d.chartNames.map((c, i) => rel(chartRids[i]!, 'chart', d.drawingName, c)).join('')),
        pkg.codec,
        date,
      ),
    );
    for (const [i, chart] of charts.entries()) {
      const xml = chartXml(chart, s.plan.name, s.plan.rows, drawingNs);
      out.push(await newEntry(d.chartNames[i]!, encodeUtf8(xml), pkg.codec, date));
    }
  }
  return writeZip(out);
}

/**
 * Part names for the charts of the new sheets: the lowest drawingN.xml and chartN.xml no kept part
 * has, so a re-run (whose old parts went with the sheets they drew on) writes the same names again.
 */
function planDrawings(
  newSheets: readonly NewSheet[],
  folder: string,
  inUse: (name: string) => boolean,
): SheetDrawing[] {
  const taken = new Set<string>();
  const free = (make: (n: number) => string): string => {
    let name: string;
    let n = 0;
    do name = make(++n);
    while (taken.has(name) || inUse(name) || inUse(relsKeyOf(name)));
    taken.add(name);
    return name;
  };
  const out: SheetDrawing[] = [];
  for (const s of newSheets) {
    const charts = s.plan.charts ?? [];
    if (charts.length === 0) continue;
    out.push({
      sheet: s,
      relsName: relsKeyOf(s.partName),
      drawingName: free((n) => `${folder}drawings/drawing${n}.xml`),
      chartNames: charts.map(() => free((n) => `${folder}charts/chart${n}.xml`)),
    });
  }
  return out;
}

/** `to` relative to the folder of `from` (both package paths without a leading slash). */
function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array<string>(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

/**
 * Adds to `removed` every part reachable only from removed parts (a removed sheet's drawings,
 * comments, printer settings…) and the relationship parts of all of them. A part any kept part still
 * refers to stays.
 */
async function dropUnreferenced(
  parts: PartReader,
  pkg: WorkbookPackage,
  removed: Set<string>,
  removedRids: ReadonlySet<string>,
): Promise<void> {
  if (removed.size === 0) return;
  const relsOf = new Map<string, RelsPart>();
  for (const e of pkg.entries) {
    // "xl/worksheets/_rels/sheet1.xml.rels" holds the relationships of "xl/worksheets/sheet1.xml";
    // "_rels/.rels" those of the package itself ('').
    const m = /^(.*\/)?_rels\/([^/]*)\.rels$/.exec(e.name.replace(/^\/+/, ''));
    if (!m) continue;
    const source = m[1] === undefined && m[2] === '' ? '' : `${m[1] ?? ''}${m[2]}`;
    const rels = await parts.rels(source);
    if (rels) relsOf.set(partKey(source), rels);
  }
  const referrers = new Map<string, Set<string>>();
  for (const [source, rels] of relsOf) {
    for (const r of rels.relationships) {
      if (r.target === null) continue;
      if (source === pkg.workbookKey && removedRids.has(r.id)) continue;
      let set = referrers.get(r.target);
      if (!set) referrers.set(r.target, (set = new Set()));
      set.add(source);
    }
  }
  const queue = [...removed];
  while (queue.length > 0) {
    const part = queue.pop()!;
    const rels = relsOf.get(part);
    if (!rels) continue;
    removed.add(rels.key);
    for (const r of rels.relationships) {
      if (r.target === null || removed.has(r.target) || r.target === pkg.workbookKey) continue;
      const from = referrers.get(r.target);
      if (from && [...from].every((s) => removed.has(s))) {
        removed.add(r.target);
        queue.push(r.target);
      }
    }
  }
}

function editWorkbook(
  pkg: WorkbookPackage,
  plan: OutputPlan,
  newSheets: readonly NewSheet[],
  removedIndex: ReadonlySet<number>,
  keptBefore: readonly number[],
  goneNames: ReadonlySet<string>,
): { xml: string; activated: boolean } {
  const xml = pkg.workbookXml;
  const wb = pkg.workbook;
  const ns = pkg.mainNs;
  const p = childPrefix(wb);
  const edit = new XmlEditor(xml);

  const sheetsEl = childNamed(wb, 'sheets', ns)!;
  pkg.sheets.forEach((s, i) => {
    if (removedIndex.has(i)) edit.remove(s.element);
  });
  const rPrefix = prefixFor(sheetsEl, pkg.relNs);
  const rAttr = (rid: string): string =>
    rPrefix !== null ? `${rPrefix}:id="${rid}"` : `xmlns:r="${pkg.relNs}" r:id="${rid}"`;
  edit.append(
    sheetsEl,
    newSheets
      .map((s) => `<${p}sheet name="${escapeAttr(s.plan.name)}" sheetId="${s.sheetId}" ${rAttr(s.rid)}/>`)
      .join(''),
  );

  // Defined names: ours are written afresh; names scoped to a removed sheet, or referring to one that
  // is not written again under its name, go; the others follow their sheet to its new index.
  for (const dn of pkg.definedNames) {
    const local = dn.localSheetId;
    const drop =
      dn.name.startsWith(OWNER_NAME_PREFIX) ||
      (local !== undefined && removedIndex.has(local)) ||
      (goneNames.size > 0 && referredSheets(dn.formula).some((s) => goneNames.has(s.toLowerCase())));
    if (drop) {
      edit.remove(dn.element);
    } else if (local !== undefined && Number.isInteger(local) && local >= 0 && local < pkg.sheets.length) {
      const moved = keptBefore[local]!;
      if (moved !== local) edit.setAttribute(dn.element, 'localSheetId', String(moved));
    }
  }
  const names: string[] = [];
  const definedName = (name: string, formula: string, local?: number, hidden = false): void => {
    const scope = local !== undefined ? ` localSheetId="${local}"` : '';
    names.push(
      `<${p}definedName name="${name}"${scope}${hidden ? ' hidden="1"' : ''}>${escapeText(formula)}</${p}definedName>`,
    );
  };
  for (const s of newSheets) {
    const q = quoteSheetName(s.plan.name);
    const f = s.plan.autoFilter;
    if (f) {
      const range = `$${toA1(f.top, f.left).replace(/(\d+)$/, '$$$1')}:$${toA1(f.bottom, f.right).replace(/(\d+)$/, '$$$1')}`;
      definedName('_xlnm._FilterDatabase', `${q}!${range}`, s.index, true);
    }
    const t = s.plan.printTitleRows;
    if (t) definedName('_xlnm.Print_Titles', `${q}!$${t.first + 1}:$${t.last + 1}`, s.index);
  }
  for (const s of newSheets) definedName(ownerNameFor(s.plan.role), `${quoteSheetName(s.plan.name)}!$A$1`);
  const namesEl = childNamed(wb, 'definedNames', ns);
  if (namesEl) edit.append(namesEl, names.join(''));
  else
    insertAfterEarlier(
      edit,
      wb,
      ns,
      'definedNames',
      `<${p}definedNames>${names.join('')}</${p}definedNames>`,
    );

  const activated = editBookViews(edit, pkg, plan, newSheets, removedIndex, keptBefore);
  return { xml: edit.result(), activated };
}

/**
 * Keeps the workbook opening where the user left it: the active tab and the first tab shown follow
 * their sheets to their new index. Only when the active sheet was one of our old outputs (now gone)
 * does the new summary become the active tab — its own part then carries tabSelected, and no source
 * part is touched. Source sheets' parts are never edited to clear their tabSelected, so the new
 * summary is not activated otherwise: two selected tabs would open as a group.
 */
function editBookViews(
  edit: XmlEditor,
  pkg: WorkbookPackage,
  plan: OutputPlan,
  newSheets: readonly NewSheet[],
  removedIndex: ReadonlySet<number>,
  keptBefore: readonly number[],
): boolean {
  const ns = pkg.mainNs;
  const wb = pkg.workbook;
  const count = pkg.sheets.length;
  const summary = newSheets.find((s) => s.plan.name === plan.activate) ?? newSheets[0];
  const views = childNamed(wb, 'bookViews', ns);
  const viewEls = views ? views.children.filter((c) => c.local === 'workbookView' && c.ns === ns) : [];
  let activated = false;
  for (const v of viewEls) {
    const active = intAttr(v, 'activeTab', 0);
    const first = intAttr(v, 'firstSheet', 0);
    let newActive: number;
    if (active < 0 || active >= count || removedIndex.has(active)) {
      if (!summary) continue;
      newActive = summary.index;
      activated = true;
    } else {
      newActive = keptBefore[active]!;
    }
    const newFirst = Math.min(keptBefore[Math.max(0, Math.min(first, count))]!, newActive);
    if (newActive !== active) edit.setAttribute(v, 'activeTab', String(newActive));
    if (newFirst !== first) edit.setAttribute(v, 'firstSheet', String(newFirst));
  }
  if (viewEls.length === 0 && removedIndex.has(0) && summary) {
    // No view at all means the first tab is active, and the first tab was one of our old outputs.
    const p = childPrefix(wb);
    const text = `<${p}bookViews><${p}workbookView activeTab="${summary.index}"/></${p}bookViews>`;
    const sheetsEl = childNamed(wb, 'sheets', ns)!;
    if (views) edit.append(views, `<${p}workbookView activeTab="${summary.index}"/>`);
    else edit.insert(sheetsEl.start, text);
    activated = true;
  }
  return activated;
}

function intAttr(el: XmlElement, name: string, fallback: number): number {
  const v = attr(el, name);
  const n = v === undefined ? fallback : Number(v);
  return Number.isInteger(n) ? n : fallback;
}

/**
 * Inserts a missing child right after the last present element that comes before it in CT_Workbook's
 * sequence (where Excel writes it), so extension elements such as mc:AlternateContent keep their place.
 */
function insertAfterEarlier(edit: XmlEditor, wb: XmlElement, ns: string, local: string, text: string): void {
  const order = WORKBOOK_ORDER as readonly string[];
  const earlier = new Set(order.slice(0, order.indexOf(local)));
  let after: XmlElement | undefined;
  for (const c of wb.children) if (c.ns === ns && earlier.has(c.local)) after = c;
  if (after) edit.insert(after.end, text);
  else edit.append(wb, text);
}

/** Sheet names a defined name's formula refers to: 'Quoted Name'!… and Bare!… . */
function referredSheets(formula: string): string[] {
  const out: string[] = [];
  // String literals cannot refer to sheets; blank them so a '!' inside one is not read as a reference.
  const f = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const m of f.matchAll(/'((?:[^']|'')+)'!|(?<![\w.'\]])([^\s'!"(),;:=+\-*/&<>^{}#[\]]+)!/g)) {
    const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
    // A workbook-qualified reference ([1]Sheet1!A1) points outside this workbook.
    if (!/^\[\d+\]/.test(name)) out.push(name);
  }
  return out;
}

function editWorkbookRels(
  pkg: WorkbookPackage,
  newSheets: readonly NewSheet[],
  removedRids: ReadonlySet<string>,
  styles: { rid: string; name: string } | null,
): string {
  const rels = pkg.workbookRels;
  const edit = new XmlEditor(rels.xml);
  for (const r of rels.relationships) if (removedRids.has(r.id)) edit.remove(r.element);
  const p = childPrefix(rels.root);
  const folder = folderOf(pkg.byKey.get(pkg.workbookKey)!.name.replace(/^\/+/, ''));
  const base = relBase(pkg);
  const rel = (id: string, type: string, name: string): string =>
    `<${p}Relationship Id="${id}" Type="${base}/${type}" Target="${escapeAttr(name.slice(folder.length))}"/>`;
  edit.append(
    rels.root,
    newSheets.map((s) => rel(s.rid, 'worksheet', s.partName)).join('') +
      (styles ? rel(styles.rid, 'styles', styles.name) : ''),
  );
  return edit.result();
}

/** The relationship-type base the workbook already uses for its sheets (transitional or strict). */
function relBase(pkg: WorkbookPackage): string {
  const sheetRel = pkg.workbookRels.relationships.find((r) => relTypeIs(r.type, 'worksheet'));
  if (sheetRel) return sheetRel.type.slice(0, sheetRel.type.lastIndexOf('/'));
  return pkg.strict ? NS.relStrict : NS.rel;
}

async function editContentTypes(
  parts: PartReader,
  removed: ReadonlySet<string>,
  added: readonly { name: string; type: string }[],
): Promise<string> {
  const key = partKey('[Content_Types].xml');
  const xml = await parts.text(key);
  if (xml === null) throw new UnsupportedPackageError('no [Content_Types].xml');
  const root = parseXml(xml, '[Content_Types].xml');
  if (root.local !== 'Types' || root.ns !== NS.contentTypes) {
    throw new UnsupportedPackageError('[Content_Types].xml is not a content types part');
  }
  const edit = new XmlEditor(xml);
  // A stale override for a name we now use would make two entries for one part.
  const addedKeys = new Set(added.map((a) => partKey(a.name)));
  for (const c of root.children) {
    if (c.local !== 'Override' || c.ns !== NS.contentTypes) continue;
    const name = attr(c, 'PartName');
    if (name !== undefined && (removed.has(partKey(name)) || addedKeys.has(partKey(name)))) edit.remove(c);
  }
  const p = childPrefix(root);
  edit.append(
    root,
    added.map((a) => `<${p}Override PartName="/${escapeAttr(a.name)}" ContentType="${a.type}"/>`).join(''),
  );
  return edit.result();
}
