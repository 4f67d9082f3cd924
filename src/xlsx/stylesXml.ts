/**
 * The plan's styles (STYLES) appended to the workbook's own xl/styles.xml: fonts, fills, borders,
 * number formats and cell formats added after the existing ones, so every index a source cell uses
 * still means what it meant. Our fonts start from the workbook's default font (font 0), so the output
 * sheets are set in the same typeface as the user's.
 */
import { STYLES, type StyleDef, type StyleName } from '../core/index';
import {
  attr,
  canonicalFragment,
  canonicalXml,
  childNamed,
  childPrefix,
  escapeAttr,
  parseXml,
  XmlEditor,
  type XmlElement,
} from './xml';
import { UnsupportedPackageError } from './unsupported';

export interface StyledSheetXml {
  readonly xml: string;
  /** cellXfs index of each named style. */
  readonly index: Readonly<Record<StyleName, number>>;
  /** False when every style was already in the part (a re-run): the part is left as it was. */
  readonly changed: boolean;
}

/** CT_Stylesheet's sequence: where a missing section goes. */
const STYLESHEET_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;

/** Excel's built-in number formats we might ask for: they are referred to by id, never declared. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

const BORDER_COLOR = 'FFA6A6A6';

/** A styles part for a workbook that has none (rare: some generators leave it out). */
export function emptyStylesXml(mainNs: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<styleSheet xmlns="${mainNs}">` +
    `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `</styleSheet>`
  );
}

export function addPlanStyles(xml: string, mainNs: string, strict: boolean): StyledSheetXml {
  const root = parseXml(xml, 'styles.xml');
  if (root.local !== 'styleSheet' || root.ns !== mainNs) {
    throw new UnsupportedPackageError('styles part is not a SpreadsheetML styleSheet');
  }
  const p = childPrefix(root);
  const edit = new XmlEditor(xml);
  const section = (local: string): XmlElement | undefined => childNamed(root, local, mainNs);
  const items = (el: XmlElement | undefined, local: string): XmlElement[] =>
    el ? el.children.filter((c) => c.local === local && c.ns === mainNs) : [];

  const fontsEl = section('fonts');
  const fillsEl = section('fills');
  const bordersEl = section('borders');
  const numFmtsEl = section('numFmts');
  const cellStyleXfsEl = section('cellStyleXfs');
  const cellXfsEl = section('cellXfs');

  const fonts = items(fontsEl, 'font');
  const fills = items(fillsEl, 'fill');
  const borders = items(bordersEl, 'border');
  const numFmts = items(numFmtsEl, 'numFmt');
  const styleXfs = items(cellStyleXfsEl, 'xf');
  const cellXfs = items(cellXfsEl, 'xf');

  // Sections a cell format needs at index 0, made where missing (fills 0 and 1 are reserved by Excel).
  const newFonts: string[] =
    fonts.length === 0 ? [`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`] : [];
  const newFills: string[] =
    fills.length === 0
      ? [
          `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`,
          `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`,
        ]
      : [];
  const newBorders: string[] =
    borders.length === 0
      ? [`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`]
      : [];
  const newStyleXfs: string[] =
    styleXfs.length === 0 ? [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`] : [];
  const newCellXfs: string[] =
    cellXfs.length === 0 ? [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`] : [];
  const newNumFmts: string[] = [];

  const base = baseFont(fonts[0], mainNs);
  // Records already in the part, by canonical form: a style equal to one of them (ours from an earlier
  // run, or the user's) is referred to, not added again, so re-runs do not make the part grow.
  const known = (list: readonly XmlElement[]): Map<string, number> => {
    const m = new Map<string, number>();
    list.forEach((el, i) => {
      const c = canonicalXml(xml, el);
      if (!m.has(c)) m.set(c, i);
    });
    return m;
  };
  const fontIds = known(fonts);
  const fillIds = known(fills);
  const borderIds = known(borders);
  const xfIds = known(cellXfs);
  const canon = (fragment: string): string => canonicalFragment(fragment, mainNs, root.prefix);
  const formatIds = new Map<string, number>();
  for (const f of numFmts) {
    const id = Number(attr(f, 'numFmtId'));
    const code = attr(f, 'formatCode');
    if (Number.isInteger(id) && code !== undefined && !formatIds.has(code)) formatIds.set(code, id);
  }
  // A loop, not Math.max(...ids): a styles part may list more formats than a call takes arguments.
  let nextFormatId = 163;
  for (const id of formatIds.values()) nextFormatId = Math.max(nextFormatId, id);
  nextFormatId++;
  const usedFormatIds = new Set(numFmts.map((f) => Number(attr(f, 'numFmtId'))));

  const indexed = (map: Map<string, number>, list: string[], existing: number, xmlOf: string): number => {
    const key = canon(xmlOf);
    let id = map.get(key);
    if (id === undefined) {
      id = existing + list.length;
      list.push(xmlOf);
      map.set(key, id);
    }
    return id;
  };

  const index = {} as Record<StyleName, number>;
  for (const name of Object.keys(STYLES) as StyleName[]) {
    const d: StyleDef = STYLES[name];
    const fontXml = fontOf(d, base, p);
    const fontId = fontXml === null ? 0 : indexed(fontIds, newFonts, fonts.length, fontXml);
    const fillId =
      d.fill === undefined
        ? 0
        : indexed(
            fillIds,
            newFills,
            fills.length,
            `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(d.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
          );
    const borderId =
      d.border === 'thin' ? indexed(borderIds, newBorders, borders.length, thinBorder(p, strict)) : 0;
    let numFmtId = 0;
    if (d.numberFormat !== undefined) {
      const builtin = BUILTIN_FORMATS[d.numberFormat];
      if (builtin !== undefined) numFmtId = builtin;
      else {
        let id = formatIds.get(d.numberFormat);
        if (id === undefined) {
          while (usedFormatIds.has(nextFormatId)) nextFormatId++;
          id = nextFormatId++;
          formatIds.set(d.numberFormat, id);
          newNumFmts.push(`<${p}numFmt numFmtId="${id}" formatCode="${escapeAttr(d.numberFormat)}"/>`);
        }
        numFmtId = id;
      }
    }
    const align: string[] = [];
    if (d.horizontal) align.push(`horizontal="${d.horizontal}"`);
    if (d.vertical) align.push(`vertical="${d.vertical}"`);
    if (d.wrap) align.push('wrapText="1"');
    const applies = [
      numFmtId !== 0 ? ' applyNumberFormat="1"' : '',
      fontId !== 0 ? ' applyFont="1"' : '',
      fillId !== 0 ? ' applyFill="1"' : '',
      borderId !== 0 ? ' applyBorder="1"' : '',
      align.length > 0 ? ' applyAlignment="1"' : '',
    ].join('');
    const head = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    index[name] = indexed(
      xfIds,
      newCellXfs,
      cellXfs.length,
      align.length > 0 ? `${head}><${p}alignment ${align.join(' ')}/></${p}xf>` : `${head}/>`,
    );
  }

  const present = new Map<string, XmlElement>();
  for (const c of root.children) if (c.ns === mainNs) present.set(c.local, c);
  const grow = (local: string, el: XmlElement | undefined, before: number, added: string[]): void => {
    if (added.length === 0) return;
    if (el) {
      edit.append(el, added.join(''));
      edit.setAttribute(el, 'count', String(before + added.length));
    } else {
      insertSection(
        edit,
        root,
        present,
        local,
        `<${p}${local} count="${added.length}">${added.join('')}</${p}${local}>`,
      );
    }
  };
  grow('numFmts', numFmtsEl, numFmts.length, newNumFmts);
  grow('fonts', fontsEl, fonts.length, newFonts);
  grow('fills', fillsEl, fills.length, newFills);
  grow('borders', bordersEl, borders.length, newBorders);
  grow('cellStyleXfs', cellStyleXfsEl, styleXfs.length, newStyleXfs);
  grow('cellXfs', cellXfsEl, cellXfs.length, newCellXfs);
  return { xml: edit.result(), index, changed: edit.changed };
}

/** Inserts a missing section before the first later section of the sequence that is present. */
function insertSection(
  edit: XmlEditor,
  root: XmlElement,
  present: ReadonlyMap<string, XmlElement>,
  local: string,
  text: string,
): void {
  const order = STYLESHEET_ORDER as readonly string[];
  const later = order.slice(order.indexOf(local) + 1);
  // Only main-namespace children take part in the sequence; e.g. mc:AlternateContent is skipped.
  const next = root.children.find((c) => present.get(c.local) === c && later.includes(c.local));
  if (next) edit.insert(next.start, text);
  else edit.append(root, text);
}

interface BaseFont {
  readonly size: string;
  readonly name?: string;
  readonly family?: string;
  readonly charset?: string;
  readonly scheme?: string;
  /** The default font's colour as attributes (theme="1", rgb=…), written back unchanged. */
  readonly color?: string;
}

function baseFont(font: XmlElement | undefined, mainNs: string): BaseFont {
  if (!font) return { size: '11', name: 'Calibri' };
  const val = (local: string): string | undefined => {
    const c = childNamed(font, local, mainNs);
    return c ? attr(c, 'val') : undefined;
  };
  const colorEl = childNamed(font, 'color', mainNs);
  const color = colorEl
    ? colorEl.attributes
        .filter((a) => a.ns === '')
        .map((a) => `${a.name}="${escapeAttr(a.value)}"`)
        .join(' ')
    : undefined;
  const out: { -readonly [K in keyof BaseFont]: BaseFont[K] } = { size: val('sz') ?? '11' };
  const name = val('name');
  const family = val('family');
  const charset = val('charset');
  const scheme = val('scheme');
  if (name !== undefined) out.name = name;
  if (family !== undefined) out.family = family;
  if (charset !== undefined) out.charset = charset;
  if (scheme !== undefined) out.scheme = scheme;
  if (color !== undefined && color !== '') out.color = color;
  return out;
}

/** The font of a style, or null when it is the workbook's default font unchanged. */
function fontOf(d: StyleDef, base: BaseFont, p: string): string | null {
  if (!d.bold && !d.italic && !d.underline && d.fontSize === undefined && d.fontColor === undefined)
    return null;
  const parts: string[] = [];
  if (d.bold) parts.push(`<${p}b/>`);
  if (d.italic) parts.push(`<${p}i/>`);
  if (d.underline) parts.push(`<${p}u/>`);
  parts.push(`<${p}sz val="${d.fontSize ?? escapeAttr(base.size)}"/>`);
  if (d.fontColor !== undefined) parts.push(`<${p}color rgb="${argb(d.fontColor)}"/>`);
  else if (base.color !== undefined) parts.push(`<${p}color ${base.color}/>`);
  if (base.name !== undefined) parts.push(`<${p}name val="${escapeAttr(base.name)}"/>`);
  if (base.family !== undefined) parts.push(`<${p}family val="${escapeAttr(base.family)}"/>`);
  if (base.charset !== undefined) parts.push(`<${p}charset val="${escapeAttr(base.charset)}"/>`);
  if (base.scheme !== undefined) parts.push(`<${p}scheme val="${escapeAttr(base.scheme)}"/>`);
  return `<${p}font>${parts.join('')}</${p}font>`;
}

/** Thin grey on all four sides. Strict SpreadsheetML names the sides start/end, not left/right. */
function thinBorder(p: string, strict: boolean): string {
  const side = (local: string): string =>
    `<${p}${local} style="thin"><${p}color rgb="${BORDER_COLOR}"/></${p}${local}>`;
  const [first, second] = strict ? ['start', 'end'] : ['left', 'right'];
  return `<${p}border>${side(first)}${side(second)}${side('top')}${side('bottom')}<${p}diagonal/></${p}border>`;
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}
