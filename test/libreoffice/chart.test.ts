/**
 * The 集計 chart (issue 11) as LibreOffice prints and saves it: the zip-level writer's drawing and
 * chart parts are drawn (bars in the series colour, from the cached values), and a re-save keeps the
 * chart over the same cells. A copy written without the chart is printed alongside as the control,
 * so the pixel check is shown to fail where there is no chart.
 */
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { analyze, planOutput } from '../../src/core/engine';
import type { OutputPlan } from '../../src/core/outputPlan';
import { readWorkbook, writeOutputs } from '../../src/xlsx';
import { describeLO, exportPdf, pdfPagePixels, pdfPageText, resaveAsXlsx } from '../support/libreoffice';
import { AT } from '../xlsx/packageSupport';

/** The series colour chartXml gives the bars: #4472C4. */
const BAR = [0x44, 0x72, 0xc4] as const;

function barPixels(img: { rgb: Buffer }): number {
  let n = 0;
  for (let i = 0; i + 2 < img.rgb.length; i += 3) {
    if (
      Math.abs(img.rgb[i]! - BAR[0]) <= 12 &&
      Math.abs(img.rgb[i + 1]! - BAR[1]) <= 12 &&
      Math.abs(img.rgb[i + 2]! - BAR[2]) <= 12
    )
      n++;
  }
  return n;
}

/** The page (1-based) that prints 集計: the one with its 「合計に含めていません」 notes. */
function summaryPage(pdf: string): { page: number; text: string } {
  for (let page = 1; page < 400; page++) {
    let text: string;
    try {
      text = pdfPageText(pdf, page);
    } catch {
      break;
    }
    if (text.includes('合計に含めていません')) return { page, text };
  }
  throw new Error(`no 集計 page in ${pdf}`);
}

describe('the 集計 chart in the sheet part', () => {
  it('writes <drawing> last, after pageMargins and pageSetup, as CT_Worksheet orders them', async () => {
    const input = new Uint8Array(fs.readFileSync(samplePath('001')));
    const { input: wb, existing } = await readWorkbook(input);
    const plan = planOutput(analyze(wb), existing, { generatedAt: AT });
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    const zip = await JSZip.loadAsync(out);
    const sheet = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    const order = ['<sheetData', '<hyperlinks', '<pageMargins', '<pageSetup', '<drawing'].map((t) =>
      sheet.indexOf(t),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sheet).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    // The series points at 区分 and 件数 of the table (rows 9–12: 順調, うち達成, やや遅れている, 遅れている).
    expect(chart).toContain("<c:f>'集計'!$A$9:$A$12</c:f>");
    expect(chart).toContain("<c:f>'集計'!$B$9:$B$12</c:f>");
    expect([...chart.matchAll(/<c:pt idx="\d"><c:v>([^<]*)<\/c:v>/g)].map((m) => m[1])).toEqual([
      '順調',
      '　うち達成',
      'やや遅れている',
      '遅れている',
      '17',
      '1',
      '12',
      '2',
    ]);
  });
});

describeLO('LibreOffice draws and keeps the 集計 chart', () => {
  jest.setTimeout(300000);
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-lo-chart-'));
    const input = new Uint8Array(fs.readFileSync(samplePath('001')));
    const { input: wb, existing } = await readWorkbook(input);
    const plan = planOutput(analyze(wb), existing, { generatedAt: AT });
    const bare: OutputPlan = { ...plan, sheets: plan.sheets.map((s) => ({ ...s, charts: [] })) };
    fs.writeFileSync(
      path.join(dir, 'chart.xlsx'),
      await writeOutputs(input, plan, { codec: zlibCodec, date: AT }),
    );
    fs.writeFileSync(
      path.join(dir, 'bare.xlsx'),
      await writeOutputs(input, bare, { codec: zlibCodec, date: AT }),
    );
    fs.mkdirSync(path.join(dir, 'pdf'));
    exportPdf(dir, [path.join(dir, 'chart.xlsx'), path.join(dir, 'bare.xlsx')], path.join(dir, 'pdf'));
    fs.mkdirSync(path.join(dir, 'lo'));
    resaveAsXlsx(dir, [path.join(dir, 'chart.xlsx')], path.join(dir, 'lo'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the bars and the value axis beside the table; the copy without the chart has neither', () => {
    const withChart = path.join(dir, 'pdf', 'chart.pdf');
    const without = path.join(dir, 'pdf', 'bare.pdf');
    const a = summaryPage(withChart);
    const b = summaryPage(without);
    // The value axis runs 0…18 for counts up to 17: 16 and 18 are nowhere in the tables (14 is: the
    // per-department table's total behind plan, 12 + 2).
    for (const tick of ['16', '18']) {
      expect({ tick, chart: a.text.split(/\s+/).includes(tick) }).toEqual({ tick, chart: true });
      expect({ tick, bare: b.text.split(/\s+/).includes(tick) }).toEqual({ tick, bare: false });
    }
    const bars = barPixels(pdfPagePixels(withChart, a.page));
    const none = barPixels(pdfPagePixels(without, b.page));
    expect(none).toBe(0);
    expect(bars).toBeGreaterThan(100);
  });

  it('keeps the chart over the same cells when it saves the file again', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'lo', 'chart.xlsx')));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(1);
    const chart = await zip.file(charts[0]!)!.async('string');
    expect(chart).toMatch(/<c:f>'?集計'?!\$A\$9:\$A\$12<\/c:f>/);
    expect(chart).toMatch(/<c:f>'?集計'?!\$B\$9:\$B\$12<\/c:f>/);
    expect(chart).toContain('達成状況');
  });
});
