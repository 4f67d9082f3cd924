/**
 * A pull scanner over XML text for the streaming reader: start tags, end tags and character data,
 * one after another, with no tree and no regular expression over the document. Sheet parts of
 * several megabytes are read once, left to right. What it will not read (a DOCTYPE, which could
 * declare entities, an unknown entity, a tag left open) it refuses with ReaderUnsupported, so the
 * caller can hand the file to the ExcelJS reader instead of guessing.
 */

/** The streaming reader cannot read this file; the ExcelJS reader may. */
export class ReaderUnsupported extends Error {
  constructor(readonly reason: string) {
    super(`the streaming reader does not read this workbook: ${reason}`);
    this.name = 'ReaderUnsupported';
  }
}

export const END = 0;
export const START = 1;
export const CLOSE = 2;
export const TEXT = 3;
export type Token = typeof END | typeof START | typeof CLOSE | typeof TEXT;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;

export class XmlScanner {
  /** Element name of the last START or CLOSE, prefix included ("x:c"). */
  name = '';
  /** The last START was written `<x/>`: no CLOSE follows it. */
  selfClosing = false;
  /** Decoded character data of the last TEXT (CDATA sections included as they are). */
  text = '';
  /** Report character data as TEXT tokens; off, it is skipped without being copied. */
  wantText = false;
  private pos = 0;
  private attrFrom = 0;
  private attrTo = 0;
  private parsed: string[] | null = null;

  constructor(
    private readonly xml: string,
    private readonly part: string,
  ) {}

  next(): Token {
    const xml = this.xml;
    for (;;) {
      const from = this.pos;
      if (from >= xml.length) return END;
      if (xml.charCodeAt(from) !== LT) {
        let lt = xml.indexOf('<', from);
        if (lt < 0) lt = xml.length;
        this.pos = lt;
        if (this.wantText) {
          this.text = decodeText(xml.slice(from, lt), this.part);
          return TEXT;
        }
        continue;
      }
      const c1 = xml.charCodeAt(from + 1);
      if (c1 === SLASH) {
        const gt = xml.indexOf('>', from + 2);
        if (gt < 0) this.fail('unclosed end tag');
        this.name = xml.slice(from + 2, gt).trimEnd();
        this.pos = gt + 1;
        return CLOSE;
      }
      if (c1 === 0x3f /* ? */) {
        const e = xml.indexOf('?>', from + 2);
        if (e < 0) this.fail('unclosed processing instruction');
        this.pos = e + 2;
        continue;
      }
      if (c1 === 0x21 /* ! */) {
        if (xml.startsWith('<!--', from)) {
          const e = xml.indexOf('-->', from + 4);
          if (e < 0) this.fail('unclosed comment');
          this.pos = e + 3;
          continue;
        }
        if (xml.startsWith('<![CDATA[', from)) {
          const e = xml.indexOf(']]>', from + 9);
          if (e < 0) this.fail('unclosed CDATA');
          this.pos = e + 3;
          if (this.wantText) {
            this.text = normaliseLines(xml.slice(from + 9, e));
            return TEXT;
          }
          continue;
        }
        this.fail('DOCTYPE or declaration');
      }
      // A start tag: the name, then the attributes up to '>' outside quoted values.
      let p = from + 1;
      const n = xml.length;
      for (; p < n; p++) {
        const ch = xml.charCodeAt(p);
        if (ch === GT || ch === SLASH || ch <= 0x20) break;
      }
      this.name = xml.slice(from + 1, p);
      if (this.name === '') this.fail('element without a name');
      this.attrFrom = p;
      let quote = 0;
      for (; p < n; p++) {
        const ch = xml.charCodeAt(p);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === QUOTE || ch === APOS) quote = ch;
        else if (ch === GT) break;
      }
      if (p >= n) this.fail('unclosed start tag');
      this.selfClosing = xml.charCodeAt(p - 1) === SLASH;
      this.attrTo = this.selfClosing ? p - 1 : p;
      this.parsed = null;
      this.pos = p + 1;
      return START;
    }
  }

  /** The last start tag's attributes as [name, raw value, name, raw value, …]. */
  attributes(): readonly string[] {
    if (this.parsed) return this.parsed;
    const xml = this.xml;
    const out: string[] = [];
    let p = this.attrFrom;
    const end = this.attrTo;
    while (p < end) {
      const ch = xml.charCodeAt(p);
      if (ch <= 0x20) {
        p++;
        continue;
      }
      const eq = xml.indexOf('=', p);
      if (eq < 0 || eq >= end) this.fail('malformed attributes');
      let q = eq + 1;
      while (q < end && xml.charCodeAt(q) <= 0x20) q++;
      const quote = xml.charCodeAt(q);
      if (quote !== QUOTE && quote !== APOS) this.fail('unquoted attribute');
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", q + 1);
      if (close < 0 || close >= end) this.fail('malformed attributes');
      out.push(xml.slice(p, eq).trimEnd(), xml.slice(q + 1, close));
      p = close + 1;
    }
    this.parsed = out;
    return out;
  }

  /** A decoded attribute value of the last start tag, by its name as written. */
  attr(name: string): string | undefined {
    const a = this.attributes();
    for (let k = 0; k < a.length; k += 2) {
      if (a[k] === name) return decodeText(a[k + 1]!, this.part);
    }
    return undefined;
  }

  /** Skips the rest of the element just opened (its children and text). */
  skipElement(): void {
    if (this.selfClosing) return;
    const want = this.wantText;
    this.wantText = false;
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t === END) this.fail('unclosed element');
      if (t === START && !this.selfClosing) depth++;
      else if (t === CLOSE && --depth === 0) break;
    }
    this.wantText = want;
  }

  fail(why: string): never {
    throw new ReaderUnsupported(`${this.part}: ${why} at ${this.pos}`);
  }
}

/** The prefix ("" or "x:") under which `root`'s attributes bind one of `namespaces`; null if none. */
export function prefixOf(attributes: readonly string[], namespaces: readonly string[]): string | null {
  for (let k = 0; k < attributes.length; k += 2) {
    const name = attributes[k]!;
    if (!namespaces.includes(attributes[k + 1]!)) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return `${name.slice(6)}:`;
  }
  return null;
}

/** XML's end-of-line handling: CR LF and lone CR read as LF (a real CR is written `_x000D_` or `&#13;`). */
function normaliseLines(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data or an attribute value as written → its text: line ends, entities, character references. */
export function decodeText(raw: string, part: string): string {
  const s = normaliseLines(raw);
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let at = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) throw new ReaderUnsupported(`${part}: bare '&'`);
    const ref = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const digits = ref[1] === 'x' ? /^[0-9a-fA-F]+$/.test(ref.slice(2)) : /^[0-9]+$/.test(ref.slice(1));
      if (digits && code <= 0x10ffff) ch = String.fromCodePoint(code);
    } else {
      ch = NAMED[ref];
    }
    if (ch === undefined) throw new ReaderUnsupported(`${part}: unknown entity &${ref};`);
    out += s.slice(at, amp) + ch;
    at = semi + 1;
    amp = s.indexOf('&', at);
  }
  return out + s.slice(at);
}

/** SpreadsheetML's `_xHHHH_` escapes (ST_Xstring): `_x000D_` is a carriage return, `_x005F_` an underscore. */
export function decodeEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
