/**
 * Shared by the zip-level writer's tests: runs through the writer, zip parts and their hashes, and
 * workbooks carrying what ExcelJS cannot (a chart, made here by hand as Excel writes one).
 */
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { analyze, planOutput } from '../../src/core/engine';
import type { AnalysisResult } from '../../src/core/engine';
import type { OutputPlan } from '../../src/core/outputPlan';
import { readWorkbook, workbookToBytes, writeOutputs } from '../../src/xlsx';

export const AT = new Date(Date.UTC(2022, 4, 10, 5, 3));

export interface Run {
  readonly out: Uint8Array;
  readonly plan: OutputPlan;
  readonly result: AnalysisResult;
}

/** read → analyze → plan → the zip-level writer, as the command line does. */
export async function run(bytes: Uint8Array): Promise<Run> {
  const { input, existing } = await readWorkbook(bytes);
  const result = analyze(input);
  const plan = planOutput(result, existing, { generatedAt: AT });
  const out = await writeOutputs(bytes, plan, { codec: zlibCodec, date: AT });
  return { out, plan, result };
}

/** Every file entry of a zip, by name, as its uncompressed bytes. */
export async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (!f.dir) out.set(name, await f.async('uint8array'));
  }
  return out;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function hashes(bytes: Uint8Array): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const [name, data] of await parts(bytes)) m.set(name, sha256(data));
  return m;
}

export async function partText(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(name);
  if (!f) throw new Error(`no part ${name}`);
  return f.async('string');
}

/** A copy of the package with parts replaced (string or function of the old text) or removed (null). */
export async function editParts(
  bytes: Uint8Array,
  edits: Readonly<Record<string, string | Uint8Array | null | ((xml: string) => string)>>,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, edit] of Object.entries(edits)) {
    if (edit === null) zip.remove(name);
    else if (typeof edit === 'function') zip.file(name, edit(await zip.file(name)!.async('string')));
    else zip.file(name, edit);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const dom = new JSDOM('');

/** An element as XML text (to compare records before and after). */
export function serialize(el: Element): string {
  return new dom.window.XMLSerializer().serializeToString(el);
}

/** Parses XML with an independent parser (jsdom's DOMParser); throws on anything not well-formed. */
export function parseXmlStrict(xml: string, name = 'part'): Document {
  const doc = new dom.window.DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${name} is not well-formed: ${error.textContent ?? ''}`);
  return doc;
}

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Sheet name → zip entry name of its part, from the workbook and its relationships. */
export async function sheetParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = parseXmlStrict(await partText(bytes, 'xl/workbook.xml'));
  const rels = parseXmlStrict(await partText(bytes, 'xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, string>();
  for (const r of Array.from(rels.getElementsByTagName('Relationship'))) {
    const t = r.getAttribute('Target')!;
    targets.set(r.getAttribute('Id')!, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const out = new Map<string, string>();
  for (const s of Array.from(wb.getElementsByTagNameNS(MAIN_NS, 'sheet'))) {
    out.set(s.getAttribute('name')!, targets.get(s.getAttributeNS(REL_NS, 'id')!)!);
  }
  return out;
}

export async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/**
 * A 関市-like report with what offices put around their tables: a comment (note), an external link, a
 * defined name, data validation and conditional formatting on the source sheet — all written by
 * ExcelJS — and then, by hand, a bar chart over the counts (a drawing and a chart part, which ExcelJS
 * can neither write nor keep).
 */
export async function decoratedWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('報告');
  ws.addRows([
    ['改革項目', 1, '窓口のオンライン化', null, '市民課'],
    ['R3進捗状況', null, '順調'],
    [],
    ['改革項目', 2, '公共施設の統廃合', null, '財政課'],
    ['R3進捗状況', null, 'やや遅れている'],
    [],
    ['区分', '件数'],
    ['順調', 1],
    ['やや遅れている', 1],
  ]);
  ws.getCell('C2').note = '担当: 市民課 山田';
  ws.getCell('G1').value = { text: '市のホームページ', hyperlink: 'https://www.city.example.jp/' };
  ws.getCell('C2').dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: ['"順調,やや遅れている,遅れている"'],
  };
  ws.addConditionalFormatting({
    ref: 'C2:C5',
    rules: [
      {
        type: 'containsText',
        operator: 'containsText',
        text: '遅れ',
        priority: 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  wb.definedNames.add("'報告'!$A$7:$B$9", '集計表');
  wb.addWorksheet('メモ').getCell('A1').value = '前年度の数字は別ファイル';
  const plain = await workbookToBytes(wb, { fixedDate: AT });
  return addChart(plain, 'xl/worksheets/sheet1.xml', '報告');
}

/** Adds a drawing (drawing<n>.xml) with a bar chart (chart<n>.xml) over A8:B9 of `sheet`, as Excel stores one. */
export async function addChart(
  bytes: Uint8Array,
  sheetPart: string,
  sheet: string,
  n = 1,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const relsName = sheetPart.replace(/([^/]+)$/, '_rels/$1.rels');
  const existing = zip.file(relsName) ? await zip.file(relsName)!.async('string') : null;
  const rid = `rIdChart${n}`;
  const rel = `<Relationship Id="${rid}" Type="${REL_NS}/drawing" Target="../drawings/drawing${n}.xml"/>`;
  zip.file(
    relsName,
    existing
      ? existing.replace('</Relationships>', `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
  );
  const sheetXml = await zip.file(sheetPart)!.async('string');
  const withR = sheetXml.includes('xmlns:r=')
    ? sheetXml
    : sheetXml.replace('<worksheet ', `<worksheet xmlns:r="${REL_NS}" `);
  // <drawing> comes after everything ExcelJS writes here but before legacyDrawing / tableParts.
  const drawing = `<drawing r:id="${rid}"/>`;
  zip.file(
    sheetPart,
    /<legacyDrawing\b/.test(withR)
      ? withR.replace(/<legacyDrawing\b/, `${drawing}<legacyDrawing`)
      : withR.replace('</worksheet>', `${drawing}</worksheet>`),
  );
  const q = `'${sheet.replace(/'/g, "''")}'`;
  zip.file(
    `xl/drawings/drawing${n}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="グラフ 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL_NS}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  zip.file(
    `xl/drawings/_rels/drawing${n}.xml.rels`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/chart" Target="../charts/chart${n}.xml"/></Relationships>`,
  );
  zip.file(
    `xl/charts/chart${n}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL_NS}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>達成状況</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>${q}!$A$8:$A$9</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${q}!$B$8:$B$9</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`,
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      `<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
    ),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Adds a chart sheet (a tab that is only a chart, which ExcelJS does not list) named `name` at the end,
 * charting A8:B9 of the first sheet, `source`.
 */
export async function addChartSheet(bytes: Uint8Array, name: string, source: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await addChart(bytes, 'xl/worksheets/sheet1.xml', source));
  // The chart made above moves to a chart sheet of its own: the drawing leaves sheet1 for it.
  const sheet1 = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', sheet1.replace('<drawing r:id="rIdChart1"/>', ''));
  zip.remove('xl/worksheets/_rels/sheet1.xml.rels');
  zip.file(
    'xl/chartsheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
  );
  zip.file(
    'xl/chartsheets/_rels/sheet1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
  );
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdCs1" Type="${REL_NS}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    ),
  );
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  zip.file(
    'xl/workbook.xml',
    wb.replace('</sheets>', `<sheet name="${name}" sheetId="90" r:id="rIdCs1"/></sheets>`),
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
