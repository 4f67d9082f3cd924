/**
 * Just enough XML for editing package parts in place: a parser that keeps every element's position
 * in the source text and resolves namespaces (so `<x:workbook>` and `<workbook xmlns=…>` read the
 * same), and an editor that splices new text in at those positions, leaving the rest of the part
 * exactly as it was. What it does not understand (a DOCTYPE, unbalanced tags, unbound prefixes, an
 * unknown entity) it refuses: the writer must not guess at a part it is about to rewrite.
 */
import { UnsupportedPackageError } from './unsupported';

export interface XmlAttribute {
  readonly name: string;
  readonly local: string;
  /** Namespace URI; '' for an unprefixed attribute. */
  readonly ns: string;
  readonly value: string;
}

export interface XmlElement {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  /** Prefix → namespace URI in scope inside this element. */
  readonly scope: ReadonlyMap<string, string>;
  /** Index of '<' of the start tag. */
  readonly start: number;
  /** Index just after the start tag's '>'. */
  readonly openEnd: number;
  /** Index of the end tag's '<' (equal to openEnd for an empty element). */
  readonly closeStart: number;
  /** Index just after the element. */
  readonly end: number;
  readonly selfClosing: boolean;
  readonly children: readonly XmlElement[];
}

export const XMLNS = 'http://www.w3.org/2000/xmlns/';

interface Building {
  name: string;
  prefix: string;
  local: string;
  ns: string;
  attributes: XmlAttribute[];
  scope: Map<string, string>;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  selfClosing: boolean;
  children: Building[];
}

/** The root element of a part. */
export function parseXml(xml: string, part: string): XmlElement {
  const fail = (why: string, at: number): never => {
    throw new UnsupportedPackageError(`${part}: ${why} at ${at}`);
  };
  const stack: Building[] = [];
  let root: Building | null = null;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) fail('unclosed processing instruction', lt);
      i = e + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      if (e < 0) fail('unclosed comment', lt);
      i = e + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      if (e < 0) fail('unclosed CDATA', lt);
      i = e + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) fail('DOCTYPE or declaration', lt);
    if (xml[lt + 1] === '/') {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) fail('unclosed end tag', lt);
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (!open || open.name !== name) fail(`end tag </${name}> does not match`, lt);
      open!.closeStart = lt;
      open!.end = gt + 1;
      i = gt + 1;
      continue;
    }
    // A start tag: find its '>' outside quoted attribute values ('>' may stand unescaped in them).
    let j = lt + 1;
    let quote = '';
    for (; j < n; j++) {
      const ch = xml[j]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    if (j >= n) fail('unclosed start tag', lt);
    const selfClosing = xml[j - 1] === '/';
    const body = xml.slice(lt + 1, selfClosing ? j - 1 : j);
    const nameMatch = /^[^\s/>]+/.exec(body);
    if (!nameMatch) fail('element without a name', lt);
    const name = nameMatch![0];
    const parent = stack[stack.length - 1];
    if (!parent && root) fail('second root element', lt);
    const scope = new Map<string, string>(
      parent ? parent.scope : [['xml', 'http://www.w3.org/XML/1998/namespace']],
    );
    const raw: { name: string; value: string }[] = [];
    const attrRe = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
    const rest = body.slice(name.length);
    let consumed = 0;
    for (const m of rest.matchAll(attrRe)) {
      if (rest.slice(consumed, m.index).trim() !== '') fail('malformed attributes', lt);
      consumed = m.index + m[0].length;
      const value = decodeEntities(m[3] ?? m[4] ?? '', () => fail('unknown entity', lt));
      raw.push({ name: m[1]!, value });
      if (m[1] === 'xmlns') scope.set('', value);
      else if (m[1]!.startsWith('xmlns:')) scope.set(m[1]!.slice(6), value);
    }
    if (rest.slice(consumed).trim() !== '') fail('malformed attributes', lt);
    const [prefix, local] = splitName(name);
    const ns = scope.get(prefix);
    if (ns === undefined) fail(`unbound prefix ${prefix}`, lt);
    const attributes = raw.map(({ name: an, value }): XmlAttribute => {
      const [ap, al] = splitName(an);
      if (an === 'xmlns' || ap === 'xmlns') return { name: an, local: al, ns: XMLNS, value };
      const ans = ap === '' ? '' : scope.get(ap);
      if (ans === undefined) fail(`unbound prefix ${ap}`, lt);
      return { name: an, local: al, ns: ans!, value };
    });
    const el: Building = {
      name,
      prefix,
      local,
      ns: ns!,
      attributes,
      scope,
      start: lt,
      openEnd: j + 1,
      closeStart: j + 1,
      end: j + 1,
      selfClosing,
      children: [],
    };
    if (parent) parent.children.push(el);
    else root = el;
    if (!selfClosing) stack.push(el);
    i = j + 1;
  }
  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1]!.name}>`, n);
  if (!root) fail('no root element', 0);
  return root!;
}

function splitName(name: string): [string, string] {
  const c = name.indexOf(':');
  return c < 0 ? ['', name] : [name.slice(0, c), name.slice(c + 1)];
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string, onUnknown: () => never = unknownEntity): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);|&/g, (_all, ref: string | undefined) => {
    if (ref === undefined) return onUnknown();
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED[ref];
    return named ?? onUnknown();
  });
}

function unknownEntity(): never {
  throw new UnsupportedPackageError('unknown XML entity');
}

/** An element's text: character data and CDATA sections, child tags left out. */
export function textOf(xml: string, el: XmlElement): string {
  const inner = xml.slice(el.openEnd, el.closeStart);
  let out = '';
  let i = 0;
  while (i < inner.length) {
    const lt = inner.indexOf('<', i);
    if (lt < 0) {
      out += decodeEntities(inner.slice(i));
      break;
    }
    out += decodeEntities(inner.slice(i, lt));
    if (inner.startsWith('<![CDATA[', lt)) {
      const e = inner.indexOf(']]>', lt);
      out += inner.slice(lt + 9, e);
      i = e + 3;
    } else {
      i = inner.indexOf('>', lt) + 1;
    }
  }
  return out;
}

export function attr(el: XmlElement, local: string, ns = ''): string | undefined {
  return el.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

export function childrenNamed(el: XmlElement, local: string, ns: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && c.ns === ns);
}

export function childNamed(el: XmlElement, local: string, ns: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local && c.ns === ns);
}

/** The prefix (with its colon) to write a new child of `el` in `el`'s namespace: '' or 'x:'. */
export function childPrefix(el: XmlElement): string {
  return el.prefix === '' ? '' : `${el.prefix}:`;
}

/** A prefix bound to `ns` in scope at `el`, or null. */
export function prefixFor(el: XmlElement, ns: string): string | null {
  for (const [p, uri] of el.scope) if (uri === ns && p !== '') return p;
  return null;
}

export function escapeText(s: string): string {
  return xmlSafe(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(s: string): string {
  return xmlSafe(s).replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Characters XML 1.0 cannot carry, written as Excel's own escape _xHHHH_, so that the writer never
 * emits a part no program opens, whatever text reaches it.
 */
function xmlSafe(s: string): string {
  return s.replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const ATTR_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * An element as a canonical string: local names with their namespace, attributes sorted, character
 * data trimmed, no prefixes or whitespace between tags. Two records that mean the same compare equal
 * however their writer spelled them.
 */
export function canonicalXml(xml: string, el: XmlElement): string {
  const attrs = el.attributes
    .filter((a) => a.ns !== XMLNS)
    .map((a) => `${a.ns === '' ? '' : `{${a.ns}}`}${a.local}=${JSON.stringify(a.value)}`)
    .sort()
    .join(' ');
  const inner =
    el.children.length > 0
      ? el.children.map((c) => canonicalXml(xml, c)).join('')
      : el.selfClosing
        ? ''
        : textOf(xml, el).trim();
  return `<{${el.ns}}${el.local} ${attrs}>${inner}</>`;
}

/** The canonical form of a fragment written for a part whose main namespace is `ns` under `prefix`. */
export function canonicalFragment(fragment: string, ns: string, prefix: string): string {
  const wrapper = prefix === '' ? 'w' : `${prefix}:w`;
  const declaration = prefix === '' ? `xmlns="${ns}"` : `xmlns:${prefix}="${ns}"`;
  const xml = `<${wrapper} ${declaration}>${fragment}</${wrapper}>`;
  return canonicalXml(xml, parseXml(xml, 'style record').children[0]!);
}

/** Edits to a part's text: replacements and insertions at source positions, applied at once. */
export class XmlEditor {
  private readonly edits: { start: number; end: number; text: string; order: number }[] = [];

  constructor(private readonly xml: string) {}

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  remove(el: XmlElement): void {
    this.replace(el.start, el.end, '');
  }

  /** Sets (or adds) an unprefixed attribute on an element's start tag. */
  setAttribute(el: XmlElement, name: string, value: string): void {
    const tag = this.xml.slice(el.start, el.openEnd);
    const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
    const m = re.exec(tag);
    if (m) {
      const at = el.start + m.index + m[1]!.length;
      this.replace(at, at + m[2]!.length, `"${escapeAttr(value)}"`);
    } else {
      const at = el.start + 1 + el.name.length;
      this.insert(at, ` ${name}="${escapeAttr(value)}"`);
    }
  }

  removeAttribute(el: XmlElement, name: string): void {
    const tag = this.xml.slice(el.start, el.openEnd);
    const m = new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`).exec(tag);
    if (m) this.replace(el.start + m.index, el.start + m.index + m[0].length, '');
  }

  /**
   * Appends children at the end of `el`; an empty element `<x/>` is opened up as `<x>…</x>`. A
   * removal of the element's last children is fine alongside: its end tag is not touched.
   */
  append(el: XmlElement, text: string): void {
    if (text === '') return;
    if (el.selfClosing) {
      const slash = this.xml.lastIndexOf('/', el.openEnd - 1);
      this.replace(slash, el.openEnd, `>${text}</${el.name}>`);
    } else {
      this.insert(el.closeStart, text);
    }
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  /** The edited text. Overlapping edits are a bug in the caller. */
  result(): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let out = '';
    let at = 0;
    for (const e of sorted) {
      if (e.start < at) throw new Error(`overlapping XML edits at ${e.start}`);
      out += this.xml.slice(at, e.start) + e.text;
      at = e.end;
    }
    return out + this.xml.slice(at);
  }
}
