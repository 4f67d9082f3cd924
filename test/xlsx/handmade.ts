/**
 * Small .xlsx packages written by hand, part by part, for what the seed workbooks (all written by
 * ExcelJS) never hold: rich text with phonetic runs (ふりがな) as Excel writes Japanese text, `_x000D_`
 * escapes, entities and character references, inline strings, shared formulas, the 1904 date system,
 * built-in and escaped number formats, hyperlinks, merges with values under them, hidden sheets, a
 * <dimension> that lies — and the same package with prefixed or strict OOXML names.
 */
import { zlibCodec } from '../../src/cli/zlibCodec';
import { newEntry, writeZip } from '../../src/xlsx/zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface HandSheet {
  readonly name: string;
  /** The <sheetData> content and anything after it (mergeCells, hyperlinks), as written. */
  readonly body: string;
  readonly state?: 'hidden' | 'veryHidden';
  /** External hyperlink targets by relationship id. */
  readonly links?: Readonly<Record<string, string>>;
}

export interface HandWorkbook {
  readonly sheets: readonly HandSheet[];
  /** <si> elements, as written. */
  readonly strings?: readonly string[];
  /** <numFmt> and <xf> elements. */
  readonly numFmts?: readonly string[];
  readonly xfs?: readonly string[];
  readonly date1904?: boolean;
  readonly definedNames?: string;
}

export type Spelling = 'plain' | 'prefixed' | 'strict';

/** Every main-namespace tag written with the prefix `x:` (declared as xmlns:x). */
function prefixed(xml: string): string {
  return xml.replace(/<(\/?)([A-Za-z])/g, '<$1x:$2').replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`);
}

export async function handmadeXlsx(wb: HandWorkbook, spelling: Spelling = 'plain'): Promise<Uint8Array> {
  const main = (xml: string): string => {
    if (spelling === 'prefixed') return DECL + prefixed(xml);
    if (spelling === 'strict') return DECL + xml.split(MAIN).join(MAIN_STRICT).split(REL).join(REL_STRICT);
    return DECL + xml;
  };
  const relType = (t: string): string => (spelling === 'strict' ? `${REL_STRICT}/${t}` : `${REL}/${t}`);
  const rels = (items: readonly [string, string, string, boolean?][]): string =>
    `${DECL}<Relationships xmlns="${PKG_REL}">` +
    items
      .map(
        ([id, type, target, external]) =>
          `<Relationship Id="${id}" Type="${type.startsWith('http') ? type : relType(type)}" Target="${target.replace(/&/g, '&amp;')}"${external ? ' TargetMode="External"' : ''}/>`,
      )
      .join('') +
    `</Relationships>`;

  const files: [string, string][] = [];
  const overrides = wb.sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  files.push([
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      `${overrides}</Types>`,
  ]);
  files.push(['_rels/.rels', rels([['rId1', 'officeDocument', 'xl/workbook.xml']])]);
  files.push([
    'xl/workbook.xml',
    main(
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
        `<workbookPr${wb.date1904 ? ' date1904="1"' : ''}/>` +
        `<bookViews><workbookView/></bookViews><sheets>` +
        wb.sheets
          .map(
            (s, i) =>
              `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 10}"/>`,
          )
          .join('') +
        `</sheets>${wb.definedNames ?? ''}</workbook>`,
    ),
  ]);
  files.push([
    'xl/_rels/workbook.xml.rels',
    rels([
      ['rId1', 'styles', 'styles.xml'],
      ['rId2', 'sharedStrings', 'sharedStrings.xml'],
      ...wb.sheets.map((_, i): [string, string, string] => [
        `rId${i + 10}`,
        'worksheet',
        `worksheets/sheet${i + 1}.xml`,
      ]),
    ]),
  ]);
  const numFmts = wb.numFmts ?? [];
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...(wb.xfs ?? [])];
  files.push([
    'xl/styles.xml',
    main(
      `<styleSheet xmlns="${MAIN}">` +
        (numFmts.length > 0 ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
        `<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts>` +
        `<fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
        `<borders count="1"><border/></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
        `</styleSheet>`,
    ),
  ]);
  const strings = wb.strings ?? [];
  files.push([
    'xl/sharedStrings.xml',
    main(
      `<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`,
    ),
  ]);
  wb.sheets.forEach((s, i) => {
    files.push([
      `xl/worksheets/sheet${i + 1}.xml`,
      main(
        `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1"/>` +
          `<sheetViews><sheetView workbookViewId="0"/></sheetViews>${s.body}</worksheet>`,
      ),
    ]);
    const links = Object.entries(s.links ?? {});
    if (links.length > 0) {
      files.push([
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        rels(links.map(([id, target]): [string, string, string, boolean] => [id, 'hyperlink', target, true])),
      ]);
    }
  });
  const entries = await Promise.all(
    files.map(([name, text]) => newEntry(name, new TextEncoder().encode(text), zlibCodec)),
  );
  return writeZip(entries);
}

/** A Japanese report as Excel writes one, with every cell kind the reader must get right. */
export const JAPANESE: HandWorkbook = {
  strings: [
    '<si><t>改革項目</t></si>',
    '<si><r><t>行政</t></r><r><rPr><b/><sz val="11"/><rFont val="游ゴシック"/></rPr><t>改革</t></r>' +
      '<rPh sb="0" eb="2"><t>ギョウセイ</t></rPh><rPh sb="2" eb="4"><t>カイカク</t></rPh><phoneticPr fontId="1"/></si>',
    '<si><t>関市</t><rPh sb="0" eb="2"><t>セキシ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
    '<si><t xml:space="preserve">  前後に空白  </t></si>',
    '<si><t>1行目_x000D_\n2行目</t></si>',
    '<si><t>&lt;&amp;&gt; &#x5186; &#20870; &quot;引用&quot; &apos;</t></si>',
    '<si><t>_x005F_x0041_ と _x0009_</t></si>',
    '<si><t xml:space="preserve">   </t></si>',
    '<si><t/></si>',
    '<si><t>順調</t></si>',
    '<si><r><rPr><sz val="11"/></rPr><t xml:space="preserve">やや </t></r><r><t>遅れている</t></r></si>',
  ],
  numFmts: [
    '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>',
    '<numFmt numFmtId="177" formatCode="0\\回"/>',
    '<numFmt numFmtId="178" formatCode="#,##0&quot;千円&quot;"/>',
    '<numFmt numFmtId="179" formatCode="[h]:mm"/>',
    '<numFmt numFmtId="180" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>',
  ],
  xfs: [
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 1
    '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 2
    '<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 3
    '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 4
    '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 5
    '<xf numFmtId="179" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 6
    '<xf numFmtId="178" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 7
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 8
    '<xf numFmtId="180" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>', // 9
  ],
  sheets: [
    {
      name: '関市',
      links: { rId1: 'https://www.city.seki.lg.jp/', rId2: 'https://example.jp/a?b=1&c=2' },
      body:
        `<sheetFormatPr defaultRowHeight="18.75"/><cols><col min="1" max="3" width="12" customWidth="1"/></cols>` +
        `<sheetData>\n` +
        `<row r="1" spans="1:9"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>` +
        `<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c>` +
        `<c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" s="8" t="s"><v>8</v></c>` +
        `<c r="J1" s="3" t="s"><v>10</v></c></row>\n` +
        `<!-- numbers and dates -->\n` +
        `<row r="2"><c r="A2"><v>12.5</v></c><c r="B2" s="1"><v>45000</v></c><c r="C2" s="2"><v>45000.5</v></c>` +
        `<c r="D2" s="3"><v>97</v></c><c r="E2" s="4"><v>0.648</v></c><c r="F2" t="b"><v>1</v></c>` +
        `<c r="G2" t="b"><v>0</v></c><c r="H2" t="e"><v>#N/A</v></c><c r="I2" s="5"><v>45000</v></c>` +
        `<c r="J2" s="6"><v>1.5</v></c><c r="K2" s="7"><v>1234</v></c><c r="L2" s="8" t="s"><v>9</v></c>` +
        `<c r="M2" s="9"><v>45000</v></c><c r="N2" s="0"><v>-0.25</v></c><c r="O2" s="1"/><c r="P2"><v>1E-3</v></c></row>\n` +
        `<row r="3"><c r="A3"><f>SUM(A2,1)</f><v>13.5</v></c><c r="B3" t="str"><f>"a"&amp;"&lt;b&gt;"</f><v>a&lt;b&gt;</v></c>` +
        `<c r="C3" t="b"><f>TRUE()</f><v>1</v></c><c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
        `<c r="E3" s="1"><f>B2+1</f><v>45001</v></c><c r="F3"><f>NOW()</f></c><c r="G3" s="4"><f>E2/2</f><v>0.324</v></c>` +
        `<c r="H3"><f>A2*0</f><v>0</v></c><c r="I3" t="b"><f>FALSE()</f><v>0</v></c></row>\n` +
        `<row r="4"><c r="A4"><v>1</v></c><c r="B4"><f t="shared" ref="B4:B6" si="0">A4*2+$A$4+Sheet2!C4</f><v>3</v></c></row>\n` +
        `<row r="5"><c r="A5"><v>2</v></c><c r="B5"><f t="shared" si="0"/><v>5</v></c></row>\n` +
        `<row r="6"><c r="A6"><v>3</v></c><c r="B6"><f t="shared" si="0"/><v>7</v></c></row>\n` +
        `<row r="7"><c r="A7" t="inlineStr"><is><t>インライン</t></is></c>` +
        `<c r="B7" t="inlineStr"><is><r><t>リッチ</t></r><r><rPr><i/></rPr><t>テキスト</t></r></is></c>` +
        `<c r="C7" t="str"><v>文字列</v></c><c r="D7" t="inlineStr"><is><t xml:space="preserve"> 空白 </t></is></c></row>\n` +
        `<row r="8"><c r="A8" t="s"><v>9</v></c><c r="B8" t="s"><v>10</v></c><c r="C8"><v>8</v></c></row>\n` +
        `<row r="9"><c r="A9"><v>9</v></c><c r="C9"><v>99</v></c><c r="D9"><v>100</v></c></row>\n` +
        `<row r="10"><c r="A10"><v>97</v></c><c r="B10" t="s"><v>2</v></c></row>\n` +
        `<row r="12" spans="1:1"><c r="A12" s="0" t="s"><v>0</v></c><c r="XFD12"><v>1</v></c></row>\n` +
        `<row r="13"><c r="A13" s="4"/><c r="B13" t="s"><v>7</v></c></row>\n` +
        `</sheetData>` +
        `<mergeCells count="2"><mergeCell ref="A8:C9"/><mergeCell ref="E12:F13"/></mergeCells>` +
        `<hyperlinks><hyperlink ref="A10" r:id="rId1"/><hyperlink ref="B10" r:id="rId2"/>` +
        `<hyperlink ref="C10" location="'関市'!A1"/></hyperlinks>` +
        `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
    },
    {
      name: 'メモ',
      state: 'hidden',
      body: `<sheetData><row r="2"><c r="B2" t="s"><v>9</v></c></row></sheetData>`,
    },
    {
      name: '旧データ',
      state: 'veryHidden',
      body: `<sheetData/>`,
    },
    {
      name: '集計',
      body: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`,
    },
  ],
  // An old output of ours: its sheet is left out of the input, and known as owned.
  definedNames: `<definedNames><definedName name="KaikakuShukei_summary">'集計'!$A$1</definedName></definedNames>`,
};

/** The same dates in the 1904 date system (old Mac workbooks). */
export const DATES_1904: HandWorkbook = {
  date1904: true,
  numFmts: ['<numFmt numFmtId="176" formatCode="yyyy/m/d"/>'],
  xfs: [
    '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  ],
  sheets: [
    {
      name: '日付',
      body:
        `<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43538</v></c>` +
        `<c r="C1" s="2"><v>43538.75</v></c><c r="D1"><v>43538</v></c><c r="E1" s="1"><f>B1+1</f><v>43539</v></c></row></sheetData>`,
    },
  ],
};

/** Rows and cells in a row following each other, with and without their `r` attributes. */
export function withoutReferences(body: string): string {
  return body.replace(/<(row|c) r="[A-Z]*[0-9]+"/g, '<$1');
}

export const CONSECUTIVE: HandWorkbook = {
  strings: ['<si><t>番号</t></si>', '<si><t>取組</t></si>'],
  sheets: [
    {
      name: '連続',
      body:
        `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
        `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>窓口</t></is></c><c r="C2"><v>3</v></c></row>` +
        `<row r="3"><c r="A3"><v>2</v></c></row></sheetData>`,
    },
  ],
};

/** A <sheetData> of inline strings and numbers from a grid (rows from A1; null and '' are no cell). */
export function inlineSheetData(rows: readonly (readonly unknown[])[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number): string =>
    i < 26 ? String.fromCharCode(65 + i) : col(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = `${col(c)}${r + 1}`;
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v !== 'string' || v === '') return '';
          return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return `<sheetData>${body}</sheetData>`;
}
