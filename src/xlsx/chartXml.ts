/**
 * DrawingML for the plan's charts (issue 11): a drawing part anchoring each chart over cells, and one
 * chart part per chart whose series points at the sheet's cells with their values cached
 * (c:strCache / c:numCache), so that a reader that does not recalculate still draws the bars.
 */
import { columnLetters, quoteSheetName, type CellBlock, type ChartPlan, type PlanCell } from '../core/index';
import { xstring } from './sheetXml';
import { escapeAttr, escapeText } from './xml';

/** The namespaces of a transitional or a strict (ISO 29500 strict) package. */
export interface DrawingNamespaces {
  readonly a: string;
  readonly c: string;
  readonly xdr: string;
  readonly r: string;
}

export const DRAWING_NS: { readonly transitional: DrawingNamespaces; readonly strict: DrawingNamespaces } = {
  transitional: {
    a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
    c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
    xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
    r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  },
  strict: {
    a: 'http://purl.oclc.org/ooxml/drawingml/main',
    c: 'http://purl.oclc.org/ooxml/drawingml/chart',
    xdr: 'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing',
    r: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  },
};

export const DRAWING_CONTENT_TYPE = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
} as const;

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The drawing part: one two-cell anchor per chart, each referring to its chart part by `rids[i]`. */
export function drawingXml(
  charts: readonly ChartPlan[],
  rids: readonly string[],
  ns: DrawingNamespaces,
): string {
  const anchors = charts.map((c, i) => {
    const { row, col, rows, cols } = c.anchor;
    const id = i + 1;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">` +
      `<xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${col + cols}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${escapeAttr(`Chart ${id}`)}" descr="${escapeAttr(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${ns.c}"><c:chart r:id="${rids[i]!}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    HEAD +
    `<xdr:wsDr xmlns:xdr="${ns.xdr}" xmlns:a="${ns.a}" xmlns:c="${ns.c}" xmlns:r="${ns.r}">${anchors.join('')}</xdr:wsDr>`
  );
}

/** An absolute reference to a block on `sheet`: '集計'!$A$8:$A$11. */
export function blockReference(sheet: string, b: CellBlock): string {
  const cell = (r: number, c: number): string => `$${columnLetters(c)}$${r + 1}`;
  return `${quoteSheetName(sheet)}!${cell(b.top, b.left)}:${cell(b.bottom, b.right)}`;
}

function cellText(cell: PlanCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
    case 'link':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'formula':
      return String(cell.cached);
  }
}

function cellNumber(cell: PlanCell | undefined): number | null {
  if (!cell) return null;
  if (cell.kind === 'number') return cell.value;
  if (cell.kind === 'formula' && typeof cell.cached === 'number') return cell.cached;
  return null;
}

/** The cells of a one-column block, top to bottom. */
function blockCells(rows: readonly (readonly PlanCell[])[], b: CellBlock): (PlanCell | undefined)[] {
  const out: (PlanCell | undefined)[] = [];
  for (let r = b.top; r <= b.bottom; r++) out.push(rows[r]?.[b.left] ?? undefined);
  return out;
}

/** A clustered bar chart (horizontal bars, categories top to bottom as in the table), no legend. */
export function chartXml(
  chart: ChartPlan,
  sheet: string,
  rows: readonly (readonly PlanCell[])[],
  ns: DrawingNamespaces,
): string {
  const labels = blockCells(rows, chart.categories).map(cellText);
  const values = blockCells(rows, chart.values).map(cellNumber);
  const strCache =
    `<c:strCache><c:ptCount val="${labels.length}"/>` +
    labels.map((t, i) => `<c:pt idx="${i}"><c:v>${escapeText(xstring(t))}</c:v></c:pt>`).join('') +
    `</c:strCache>`;
  const numCache =
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('') +
    `</c:numCache>`;
  const title = (text: string): string =>
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="ja-JP" sz="1200" b="1"/><a:t>${escapeText(xstring(text))}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  const catAx = 500000001;
  const valAx = 500000002;
  return (
    HEAD +
    `<c:chartSpace xmlns:c="${ns.c}" xmlns:a="${ns.a}" xmlns:r="${ns.r}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/>` +
    `<c:tx><c:v>${escapeText(xstring(chart.seriesName))}</c:v></c:tx>` +
    `<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr>` +
    `<c:invertIfNegative val="0"/>` +
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    `<c:cat><c:strRef><c:f>${escapeText(blockReference(sheet, chart.categories))}</c:f>${strCache}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeText(blockReference(sheet, chart.values))}</c:f>${numCache}</c:numRef></c:val>` +
    `</c:ser><c:gapWidth val="80"/><c:axId val="${catAx}"/><c:axId val="${valAx}"/></c:barChart>` +
    // Categories read top to bottom as in the table: the category axis runs max→min.
    `<c:catAx><c:axId val="${catAx}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${valAx}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${valAx}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="t"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${catAx}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}
