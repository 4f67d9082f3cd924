import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as zlib from 'zlib';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { zlibCodec } from '../../src/cli/zlibCodec';
import JSZip from 'jszip';
import { analyze, planOutput } from '../../src/core/engine';
import { resolveSettings } from '../../src/core/settingsIO';
import { STYLES, type StyleName } from '../../src/core/outputPlan';
import {
  readWorkbook,
  UnsupportedPackageError,
  workbookFromInput,
  workbookToBytes,
  writeOutputs,
} from '../../src/xlsx';
import { crc32, readZip } from '../../src/xlsx/zip';
import { entry, result } from '../plan/fixtures';
import { SEED_IDS, seedWorkbook } from '../support/seeds';
import {
  addChart,
  addChartSheet,
  AT,
  decoratedWorkbook,
  editParts,
  hashes,
  loadExcelJs,
  MAIN_NS,
  parseXmlStrict,
  parts,
  partText,
  run,
  serialize,
  sheetParts,
} from './packageSupport';

/** The parts a write may edit; every other part of the input must come out byte for byte. */
const SHARED = new Set([
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  '[Content_Types].xml',
  'xl/styles.xml',
  'xl/calcChain.xml',
  'docProps/app.xml',
]);

function sample(id: (typeof SEED_IDS)[number]): Uint8Array {
  return new Uint8Array(fs.readFileSync(samplePath(id)));
}

async function expectCarried(before: Uint8Array, after: Uint8Array, gone: ReadonlySet<string> = new Set()) {
  const a = await hashes(before);
  const b = await hashes(after);
  let carried = 0;
  for (const [name, hash] of a) {
    if (SHARED.has(name)) continue;
    if (gone.has(name)) {
      expect({ name, present: b.has(name) }).toEqual({ name, present: false });
      continue;
    }
    expect({ name, hash: b.get(name) }).toEqual({ name, hash });
    carried++;
  }
  return carried;
}

/** Children of an element in the main namespace, by local name. */
function mainChildren(el: Element): Element[] {
  return Array.from(el.children).filter((c) => c.namespaceURI === MAIN_NS);
}

const outer = serialize;

describe('writeOutputs: the output sheets added to the package as it is', () => {
  it.each(SEED_IDS)(
    'sample %s: every part of the input comes out byte for byte, still compressed as it was; three sheet parts and the summary’s chart are added',
    async (id) => {
      const input = sample(id);
      const { out, plan } = await run(input);
      expect(await expectCarried(input, out)).toBeGreaterThanOrEqual(5);

      // Carried entries are not even re-compressed: their stored bytes are the input's.
      const stored = new Map(readZip(input).map((e) => [e.name, e.data]));
      for (const e of readZip(out)) {
        const before = stored.get(e.name);
        if (before && !SHARED.has(e.name))
          expect(Buffer.compare(Buffer.from(e.data), Buffer.from(before))).toBe(0);
      }

      const added = [...(await hashes(out)).keys()].filter((n) => !stored.has(n));
      const charts = plan.sheets[0]!.charts ?? [];
      expect(charts.length).toBeGreaterThan(0);
      expect(added.sort()).toEqual([
        ...charts.map((_, i) => `xl/charts/chart${i + 1}.xml`),
        'xl/drawings/_rels/drawing1.xml.rels',
        'xl/drawings/drawing1.xml',
        'xl/worksheets/_rels/sheet2.xml.rels',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
        'xl/worksheets/sheet4.xml',
      ]);
      const names = await sheetParts(out);
      expect([...names.keys()].slice(1)).toEqual(plan.sheets.map((s) => s.name));
    },
  );

  it('keeps a chart, a comment, an external link, a defined name, validation and conditional formatting of a source sheet', async () => {
    const input = await decoratedWorkbook();
    const before = await parts(input);
    // The input really has what ExcelJS drops on a re-save: a drawing and a chart.
    expect([...before.keys()]).toEqual(
      expect.arrayContaining(['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml']),
    );
    const { out } = await run(input);
    expect(await expectCarried(input, out)).toBeGreaterThanOrEqual(8);

    const wb = await loadExcelJs(out);
    const ws = wb.getWorksheet('報告')!;
    expect(ws.getCell('C2').note).toBe('担当: 市民課 山田');
    expect((ws.getCell('G1').value as ExcelJS.CellHyperlinkValue).hyperlink).toBe(
      'https://www.city.example.jp/',
    );
    expect(wb.definedNames.model.find((d) => d.name === '集計表')?.ranges).toEqual(["'報告'!$A$7:$B$9"]);
    const xml = await partText(out, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<drawing r:id="rIdChart1"/>');
  });

  it('keeps every record of the shared parts it edits: sheets, names, relationships, content types, styles', async () => {
    const input = await decoratedWorkbook();
    const first = (await run(input)).out;
    const { out } = await run(first);
    const doc = async (bytes: Uint8Array, name: string) => parseXmlStrict(await partText(bytes, name), name);

    const sheetsOf = async (b: Uint8Array) =>
      Array.from((await doc(b, 'xl/workbook.xml')).getElementsByTagNameNS(MAIN_NS, 'sheet')).map(outer);
    const ours = new Set(['集計', '取組一覧', '検証結果']);
    const userSheets = (await sheetsOf(first)).filter(
      (s) => ![...ours].some((n) => s.includes(`name="${n}"`)),
    );
    expect(userSheets).toHaveLength(2);
    expect(await sheetsOf(out)).toEqual(expect.arrayContaining(userSheets));

    const namesOf = async (b: Uint8Array) =>
      Array.from((await doc(b, 'xl/workbook.xml')).getElementsByTagNameNS(MAIN_NS, 'definedName')).map(outer);
    expect(await namesOf(out)).toContain((await namesOf(input)).find((n) => n.includes('集計表')));

    const relsOf = async (b: Uint8Array) =>
      Array.from((await doc(b, 'xl/_rels/workbook.xml.rels')).getElementsByTagName('Relationship')).map(
        outer,
      );
    const keptRels = (await relsOf(input)).filter((r) => !r.includes('calcChain'));
    expect(await relsOf(out)).toEqual(expect.arrayContaining(keptRels));

    const typesOf = async (b: Uint8Array) =>
      Array.from((await doc(b, '[Content_Types].xml')).documentElement.children).map(outer);
    expect(await typesOf(out)).toEqual(expect.arrayContaining(await typesOf(input)));

    // Style records: the input's lists are the start of the output's, index for index.
    const before = (await doc(input, 'xl/styles.xml')).documentElement;
    const after = (await doc(out, 'xl/styles.xml')).documentElement;
    for (const section of [
      'numFmts',
      'fonts',
      'fills',
      'borders',
      'cellStyleXfs',
      'cellXfs',
      'cellStyles',
      'dxfs',
    ]) {
      const a = mainChildren(before).find((c) => c.localName === section);
      const b = mainChildren(after).find((c) => c.localName === section);
      if (!a) continue;
      const items = mainChildren(a).map(outer);
      expect(mainChildren(b!).map(outer).slice(0, items.length)).toEqual(items);
      expect(Number(b!.getAttribute('count') ?? mainChildren(b!).length)).toBe(mainChildren(b!).length);
    }
  });

  it('reads back through ExcelJS with the plan’s cells, formulas and cached results, links, merges, widths, panes, print setup and styles', async () => {
    const input = sample('003');
    const { out, plan } = await run(input);
    const wb = await loadExcelJs(out);
    for (const s of plan.sheets) {
      const ws = wb.getWorksheet(s.name)!;
      expect(ws).toBeDefined();
      s.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cell === null) return;
          const got = cellAt(ws, r + 1, c + 1);
          const at = `${s.name}!${got.address}`;
          switch (cell.kind) {
            case 'text':
              expect({ at, v: got.value }).toEqual({ at, v: cell.text });
              break;
            case 'number':
              expect({ at, v: got.value }).toEqual({ at, v: cell.value });
              break;
            case 'formula':
              // cell.result: ExcelJS's cell.value leaves out a cached 0.
              expect({ at, f: got.formula, v: got.result }).toEqual({
                at,
                f: cell.formula,
                v: cell.cached,
              });
              break;
            case 'link':
              expect({ at, v: got.text }).toEqual({ at, v: cell.text });
              break;
          }
        }),
      );
      const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).length;
      expect(merges).toBe(s.merges.length);
      s.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
      if (s.freeze) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: s.freeze.rows });
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: s.print.orientation,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      if (s.autoFilter) expect(ws.autoFilter).toBeDefined();
      for (const range of s.styles)
        expectStyle(ws.getCell(range.top + 1, range.left + 1), range.style, s.name);
    }
    const list = wb.getWorksheet(plan.sheets[1]!.name)!;
    expect(list.pageSetup.printTitlesRow).toBe('3:3');
    const names = Object.fromEntries(wb.definedNames.model.map((d) => [d.name, d.ranges]));
    expect(names['KaikakuShukei_summary']).toEqual([`'${plan.sheets[0]!.name}'!$A$1`]);
    expect(names['KaikakuShukei_list']).toEqual([`'${plan.sheets[1]!.name}'!$A$1`]);
    expect(names['KaikakuShukei_diagnostics']).toEqual([`'${plan.sheets[2]!.name}'!$A$1`]);

    // Links into the sources are in-document locations, with no relationship.
    const xml = await partText(out, (await sheetParts(out)).get(plan.sheets[1]!.name)!);
    expect(xml).toMatch(/<hyperlink ref="[A-Z]+\d+" location="'会津若松市'![A-Z]+\d+"/);
    expect(xml).not.toContain('r:id');
  });

  it('replaces only its own sheets on a re-run, under the same part names, and leaves every other part as it was', async () => {
    const first = (await run(sample('001'))).out;
    const firstSheets = await sheetParts(first);
    const { out, plan } = await run(first);
    expect(plan.replace).toEqual(['集計', '取組一覧', '検証結果']);
    await expectCarried(first, out);
    expect([...(await sheetParts(out)).entries()]).toEqual([...firstSheets.entries()]);
    // Its styles are found in the part already: styles.xml does not grow with each run.
    expect((await hashes(out)).get('xl/styles.xml')).toBe((await hashes(first)).get('xl/styles.xml'));
    const again = await readWorkbook(out);
    expect(again.existing.filter((s) => s.owned).map((s) => s.name)).toEqual([
      '集計',
      '取組一覧',
      '検証結果',
    ]);
    // The outputs of both runs show the same cells.
    const a = await loadExcelJs(first);
    const b = await loadExcelJs(out);
    for (const name of ['集計', '取組一覧', '検証結果']) {
      const values = (wb: ExcelJS.Workbook) =>
        wb
          .getWorksheet(name)!
          .getSheetValues()
          .map((r) => JSON.stringify(r ?? null));
      expect(values(b)).toEqual(values(a));
    }
  });

  it('takes away with its old sheet what only that sheet used (a chart the user put on it), and nothing else', async () => {
    const first = (await run(await decoratedWorkbook())).out;
    const summaryPart = (await sheetParts(first)).get('集計')!;
    // The user added a chart of their own to our summary (drawing3/chart3); the source sheet's chart
    // is drawing1/chart1 and our summary's own chart drawing2/chart2.
    const withChart = await addChart(first, summaryPart, '集計', 3);
    const gone = ['xl/drawings/drawing3.xml', 'xl/drawings/_rels/drawing3.xml.rels', 'xl/charts/chart3.xml'];
    const { out } = await run(withChart);
    const after = await hashes(out);
    const before = await hashes(withChart);
    for (const part of gone) expect({ part, present: after.has(part) }).toEqual({ part, present: false });
    // Our old chart's part names hold the new summary's chart: no orphan, no second copy.
    expect(await partText(out, 'xl/charts/chart2.xml')).toContain('<a:t>達成状況</a:t>');
    expect(await partText(out, `${summaryPart.replace(/([^/]+)$/, '_rels/$1.rels')}`)).toContain(
      'Target="../drawings/drawing2.xml"',
    );
    for (const part of [
      'xl/drawings/drawing1.xml',
      'xl/charts/chart1.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
    ]) {
      expect({ part, hash: after.get(part) }).toEqual({ part, hash: before.get(part) });
    }
    const types = await partText(out, '[Content_Types].xml');
    expect(types).not.toMatch(/drawing3|chart3/);
    // Each part named once: the old override for chart2 gave way to the new one.
    for (const name of ['drawing1', 'drawing2', 'chart1', 'chart2']) {
      expect({ name, overrides: types.split(`/${name}.xml"`).length - 1 }).toEqual({ name, overrides: 1 });
    }
  });

  it('finds its sheets by their mark after the user renamed and moved them, and renumbers sheet-scoped names', async () => {
    const first = (await run(sample('001'))).out;
    // As Excel would save it: 集計 renamed 前回の集計 and moved to the front, a user's sheet-scoped name
    // on 関市 (now the second tab), every localSheetId following its sheet.
    const edited = await editParts(first, {
      'xl/workbook.xml': (xml) => {
        const sheet = /<sheet name="集計"[^>]*\/>/.exec(xml)![0];
        let x = xml.replace(sheet, '').replace('<sheets>', `<sheets>${sheet.replace('集計', '前回の集計')}`);
        x = x.replace(/'集計'!\$A\$1/g, "'前回の集計'!$A$1");
        x = x.replace(
          /localSheetId="(\d+)"/g,
          (_, n: string) => `localSheetId="${Number(n) === 1 ? 0 : Number(n)}"`,
        );
        // A sheet-scoped name on 関市, and two of the user's own: one over our old summary (which is
        // not written again under that name) and one over our list (which is).
        return x.replace(
          '</definedNames>',
          `<definedName name="_xlnm.Print_Area" localSheetId="1">'関市'!$A$1:$H$40</definedName>` +
            `<definedName name="前回の合計">'前回の集計'!$B$12</definedName>` +
            `<definedName name="一覧の件数">COUNTA('取組一覧'!$A:$A)-3</definedName></definedNames>`,
        );
      },
    });
    const before = await readWorkbook(edited);
    expect(before.existing.map((s) => [s.name, s.owned])).toEqual([
      ['前回の集計', true],
      ['関市', false],
      ['取組一覧', true],
      ['検証結果', true],
    ]);
    const { out, plan } = await run(edited);
    expect(plan.replace).toEqual(['前回の集計', '取組一覧', '検証結果']);
    expect([...(await sheetParts(out)).keys()]).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    const wb = parseXmlStrict(await partText(out, 'xl/workbook.xml'));
    const sheetNames = Array.from(wb.getElementsByTagNameNS(MAIN_NS, 'sheet')).map((s) =>
      s.getAttribute('name'),
    );
    const scoped = Array.from(wb.getElementsByTagNameNS(MAIN_NS, 'definedName')).filter((d) =>
      d.hasAttribute('localSheetId'),
    );
    expect(scoped.length).toBeGreaterThanOrEqual(3);
    for (const d of scoped) {
      // Each sheet-scoped name lives on the sheet its formula points into.
      const sheet = sheetNames[Number(d.getAttribute('localSheetId'))]!;
      expect({ name: d.getAttribute('name'), formula: d.textContent }).toEqual({
        name: d.getAttribute('name'),
        formula: expect.stringContaining(`'${sheet}'!`),
      });
    }
    expect(
      scoped.find((d) => d.getAttribute('name') === '_xlnm.Print_Area')?.getAttribute('localSheetId'),
    ).toBe('0');
    const names = await partText(out, 'xl/workbook.xml');
    expect(names).not.toContain('前回の');
    expect(names).toContain(`<definedName name="一覧の件数">COUNTA('取組一覧'!$A:$A)-3</definedName>`);
  });

  it('leaves a user’s own sheet named 集計 as it is and writes the summary to 集計 (2)', async () => {
    const seed = seedWorkbook('003');
    const input = await workbookToBytes(
      workbookFromInput({
        sheets: [...seed.sheets, { name: '集計', cells: [['利用者の集計表'], ['順調', 17]] }],
      }),
      { fixedDate: AT },
    );
    const userPart = (await sheetParts(input)).get('集計')!;
    const { out, plan } = await run(input);
    expect(plan.sheets.map((s) => s.name)).toEqual(['集計 (2)', '取組一覧', '検証結果']);
    const names = await sheetParts(out);
    expect(names.get('集計')).toBe(userPart);
    expect((await hashes(out)).get(userPart)).toBe((await hashes(input)).get(userPart));
    // And a re-run still leaves it alone.
    const again = await run(out);
    expect(again.plan.replace).toEqual(['集計 (2)', '取組一覧', '検証結果']);
    expect((await hashes(again.out)).get(userPart)).toBe((await hashes(input)).get(userPart));
  });

  it('keeps a chart sheet, and does not take its name: a chart sheet called 集計 pushes the summary to 集計 (2)', async () => {
    const base = await workbookToBytes(workbookFromInput(seedWorkbook('001')), { fixedDate: AT });
    const input = await addChartSheet(base, '集計', '関市');
    const { out, plan } = await run(input);
    expect(plan.sheets.map((s) => s.name)).toEqual(['集計 (2)', '取組一覧', '検証結果']);
    expect([...(await sheetParts(out)).keys()]).toEqual(['関市', '集計', '集計 (2)', '取組一覧', '検証結果']);
    expect(await expectCarried(input, out)).toBeGreaterThanOrEqual(8);
    // A re-run replaces ours and still leaves the chart sheet and its chart.
    const again = await run(out);
    expect(again.plan.replace).toEqual(['集計 (2)', '取組一覧', '検証結果']);
    await expectCarried(input, again.out);
  });

  it('writes sheet names with quotes, ampersands, brackets and ! into the workbook, its names and the links', async () => {
    const settings = resolveSettings({
      output: { summarySheet: 'A&B <集計>', listSheet: "取組'一覧 !", diagnosticsSheet: '検証"結果' },
    });
    const input = sample('001');
    const { input: grid, existing } = await readWorkbook(input);
    const plan = planOutput(analyze(grid, settings), existing, { generatedAt: AT });
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    const wb = await loadExcelJs(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['関市', 'A&B <集計>', "取組'一覧 !", '検証"結果']);
    const names = Object.fromEntries(wb.definedNames.model.map((d) => [d.name, d.ranges]));
    expect(names['KaikakuShukei_list']).toEqual(["'取組''一覧 !'!$A$1"]);
    const again = await readWorkbook(out);
    expect(again.existing.filter((x) => x.owned).map((x) => x.name)).toEqual([
      'A&B <集計>',
      "取組'一覧 !",
      '検証"結果',
    ]);
    const summary = parseXmlStrict(await partText(out, (await sheetParts(out)).get('A&B <集計>')!));
    const locations = Array.from(summary.getElementsByTagNameNS(MAIN_NS, 'hyperlink')).map((h) =>
      h.getAttribute('location'),
    );
    expect(locations).toContain("'検証\"結果'!A1");
    const formulas = Array.from(summary.getElementsByTagNameNS(MAIN_NS, 'f')).map((f) => f.textContent);
    expect(formulas.some((f) => f?.includes("'取組''一覧 !'!$"))).toBe(true);
  });

  it('reads archives written with data descriptors and stored entries, and an empty <definedNames/>', async () => {
    const zip = await JSZip.loadAsync(sample('003'));
    zip.file(
      'xl/workbook.xml',
      (await zip.file('xl/workbook.xml')!.async('string')).replace('</sheets>', '</sheets><definedNames/>'),
    );
    zip.file('docProps/custom.bin', new Uint8Array([1, 2, 3, 4]), { compression: 'STORE' });
    // streamFiles: sizes and CRC follow each entry's data in a descriptor, as streaming writers do.
    const input = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', streamFiles: true });
    expect(readZip(input).some((e) => (e.flags & 0x0008) !== 0)).toBe(true);
    const { out } = await run(input);
    expect(await expectCarried(input, out)).toBeGreaterThanOrEqual(6);
    expect(readZip(out).find((e) => e.name === 'docProps/custom.bin')?.method).toBe(0);
    expect(await partText(out, 'xl/workbook.xml')).toMatch(
      /<definedNames><definedName name="_xlnm\._FilterDatabase"/,
    );
    expect((await loadExcelJs(out)).worksheets).toHaveLength(4);
  });

  it('writes the same parts with the platform’s CompressionStream (the browser’s codec) as with zlib', async () => {
    const input = sample('004');
    const { plan, out } = await run(input);
    const web = await writeOutputs(input, plan, { date: AT });
    expect(await hashes(web)).toEqual(await hashes(out));
    // The CRC-32 of the writer's own table (used where the platform has none) is zlib's.
    const data = new Uint8Array(100_000).map((_, i) => (i * 7919) % 251);
    expect(crc32(data)).toBe(zlib.crc32(data));
  });

  it('writes text that looks like a formula, and text with edge spaces, breaks and _xHHHH_, as inline text', async () => {
    const hostile = [
      "=cmd|' /C calc'!A0",
      '@SUM(1+1)',
      '+1+1',
      '-2+3',
      '  前後に空白  ',
      '一行目\n二行目',
      '_x0041_',
    ];
    const r = result(
      hostile.map((h, i) => entry({ group: [h], title: h, department: h, raw: h, status: null }, i)),
    );
    const input = await workbookToBytes(workbookFromInput({ sheets: [{ name: '報告', cells: [['x']] }] }), {
      fixedDate: AT,
    });
    const plan = planOutput(r, [{ name: '報告', owned: false }], { generatedAt: AT });
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    const xml = await partText(out, (await sheetParts(out)).get('取組一覧')!);
    const doc = parseXmlStrict(xml);
    let seen = 0;
    for (const c of Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'c'))) {
      const t = c.getElementsByTagNameNS(MAIN_NS, 't')[0]?.textContent;
      if (t === undefined || !hostile.some((h) => t.includes(h.trim()) || t.includes('_x005F_'))) continue;
      expect(c.getAttribute('t')).toBe('inlineStr');
      expect(c.getElementsByTagNameNS(MAIN_NS, 'f')).toHaveLength(0);
      seen++;
    }
    expect(seen).toBeGreaterThanOrEqual(hostile.length * 3);
    for (const f of Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'f'))) {
      expect(f.textContent).not.toMatch(/cmd\||@SUM/);
    }
    expect(xml).toContain('<t xml:space="preserve">  前後に空白  </t>');
    expect(xml).toContain('<t xml:space="preserve">一行目\n二行目</t>');
    expect(xml).toContain('<t>_x005F_x0041_</t>');
    const list = (await loadExcelJs(out)).getWorksheet('取組一覧')!;
    const texts = new Set<string>();
    list.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.add(c.value))));
    for (const h of ["=cmd|' /C calc'!A0", '@SUM(1+1)', '+1+1', '-2+3', '  前後に空白  ', '一行目\n二行目']) {
      expect(texts).toContain(h);
    }
  });

  it('writes well-formed parts with their children in the schema’s order (worksheet, workbook, styleSheet)', async () => {
    for (const input of [sample('000'), sample('004'), await decoratedWorkbook()]) {
      const first = (await run(input)).out;
      for (const out of [first, (await run(first)).out]) {
        const all = await parts(out);
        for (const [name, data] of all) {
          if (!/\.(xml|rels)$/.test(name)) continue;
          parseXmlStrict(new TextDecoder().decode(data), name);
        }
        const wb = parseXmlStrict(await partText(out, 'xl/workbook.xml')).documentElement;
        expectSequence(wb, WORKBOOK_SEQUENCE, 'workbook');
        expectSequence(
          parseXmlStrict(await partText(out, 'xl/styles.xml')).documentElement,
          STYLESHEET_SEQUENCE,
          'styles',
        );
        for (const [sheet, part] of await sheetParts(out)) {
          expectSequence(
            parseXmlStrict(await partText(out, part)).documentElement,
            WORKSHEET_SEQUENCE,
            sheet,
          );
        }
      }
    }
  });

  it('keeps the workbook opening on the user’s tab; the new summary is active only where the old one was', async () => {
    // As Excel saves a report: a workbook view on the first tab, and that tab selected.
    const input = await editParts(sample('001'), {
      'xl/workbook.xml': (xml) =>
        xml.replace('<sheets>', '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'),
      'xl/worksheets/sheet1.xml': (xml) =>
        xml.replace(
          '<sheetFormatPr',
          '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr',
        ),
    });
    const activeTab = async (b: Uint8Array) =>
      Number(/<workbookView\b[^>]*\bactiveTab="(\d+)"/.exec(await partText(b, 'xl/workbook.xml'))?.[1] ?? 0);
    const selected = async (b: Uint8Array) => {
      const out: string[] = [];
      for (const [name, part] of await sheetParts(b))
        if (/tabSelected="(1|true)"/.test(await partText(b, part))) out.push(name);
      return out;
    };
    const first = (await run(input)).out;
    expect(await activeTab(first)).toBe(0);
    expect(await selected(first)).toEqual(['関市']);

    // The user last looked at our 集計 (the second tab) and saved.
    const sheets = await sheetParts(first);
    const onSummary = await editParts(first, {
      'xl/workbook.xml': (xml) => xml.replace(/activeTab="\d+"/, 'activeTab="1"'),
      [sheets.get('関市')!]: (xml) => xml.replace(' tabSelected="1"', ''),
      [sheets.get('集計')!]: (xml) => xml.replace('<sheetView ', '<sheetView tabSelected="1" '),
    });
    const { out } = await run(onSummary);
    expect(await activeTab(out)).toBe(1);
    expect(await selected(out)).toEqual(['集計']);

    // And with the user's tab active again after our sheets were moved in front of it, the index follows it.
    const moved = await editParts(first, {
      'xl/workbook.xml': (xml) => {
        const source = /<sheet [^>]*name="関市"[^>]*\/>/.exec(xml)![0];
        return xml
          .replace(source, '')
          .replace('</sheets>', `${source}</sheets>`)
          .replace(/activeTab="\d+"/, 'activeTab="3"')
          .replace(/localSheetId="(\d+)"/g, (_, n: string) => `localSheetId="${Number(n) - 1}"`);
      },
    });
    const after = (await run(moved)).out;
    expect((await sheetParts(after)).keys().next().value).toBe('関市');
    expect(await activeTab(after)).toBe(0);
    expect(await selected(after)).toEqual(['関市']);
  });

  it('drops the calculation chain, its relationship and its content type', async () => {
    const input = await editParts(sample('003'), {
      'xl/calcChain.xml':
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="1"/></calcChain>',
      'xl/_rels/workbook.xml.rels': (xml) =>
        xml.replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
      '[Content_Types].xml': (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
    });
    const { out } = await run(input);
    expect((await parts(out)).has('xl/calcChain.xml')).toBe(false);
    expect(await partText(out, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(await partText(out, '[Content_Types].xml')).not.toContain('calcChain');
  });

  it('adds the styles after the workbook’s own, starting from its default font, and creates what is missing in schema order', async () => {
    const { out } = await run(sample('002'));
    const styles = await partText(out, 'xl/styles.xml');
    // The samples have no <numFmts>: it is created as the first child, with custom ids ≥ 164 (the
    // share's 0.0% and the change's ▲ for minus, issue 11).
    expect(styles).toMatch(
      /<styleSheet[^>]*><numFmts count="2"><numFmt numFmtId="164" formatCode="0\.0%"\/><numFmt numFmtId="165" formatCode="#,##0;&quot;▲&quot;#,##0;0"\/><\/numFmts><fonts/,
    );
    // The workbook's default font (Calibri here) carries into ours.
    expect(styles).toMatch(/<font><b\/><sz val="14"\/><color theme="1"\/><name val="Calibri"\/>/);
    const wb = await partText(out, 'xl/workbook.xml');
    // No <definedNames> before: created right after <sheets>.
    expect(wb).toMatch(/<\/sheets><definedNames>.*<\/definedNames><calcPr/);
  });
});

describe('writeOutputs on packages other tools write', () => {
  async function plain(): Promise<Uint8Array> {
    return sample('001');
  }

  it('a workbook.xml as Excel writes it: extension markup (mc:AlternateContent, xr:revisionPtr, extLst) and a workbook view', async () => {
    const excelWorkbook =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      `<workbook xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" ' +
      'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" ' +
      'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ' +
      'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" ' +
      'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" ' +
      'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">' +
      '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>' +
      '<workbookPr defaultThemeVersion="166925"/>' +
      '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15">' +
      '<x15ac:absPath url="C:\\Users\\kaikaku\\Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>' +
      '</mc:Choice></mc:AlternateContent>' +
      '<xr:revisionPtr revIDLastSave="0" documentId="8_{1F2E}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>' +
      '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" xr2:uid="{A1B2}"/></bookViews>' +
      '<sheets><sheet name="関市" sheetId="1" r:id="rId4"/></sheets>' +
      '<calcPr calcId="191029"/>' +
      '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>' +
      '</workbook>';
    const input = await editParts(sample('001'), { 'xl/workbook.xml': excelWorkbook });
    const { out } = await run(input);
    const xml = await partText(out, 'xl/workbook.xml');
    // Everything Excel wrote is still there, in place; the names go right after <sheets>.
    expect(xml.startsWith(excelWorkbook.slice(0, excelWorkbook.indexOf('</sheets>')))).toBe(true);
    expect(xml).toMatch(/<\/sheets><definedNames>.*<\/definedNames><calcPr calcId="191029"\/><extLst>/);
    expect(xml.endsWith('</extLst></workbook>')).toBe(true);
    expectSequence(parseXmlStrict(xml).documentElement, WORKBOOK_SEQUENCE, 'workbook');
    expect((await loadExcelJs(out)).worksheets.map((w) => w.name)).toEqual([
      '関市',
      '集計',
      '取組一覧',
      '検証結果',
    ]);
  });

  it('a workbook with prefixed SpreadsheetML (<x:workbook>, <x:styleSheet>)', async () => {
    const prefixed = (xml: string) =>
      xml
        .replace(/<(\/?)([A-Za-z][\w]*)([\s/>])/g, '<$1x:$2$3')
        .replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`);
    const input = await editParts(await plain(), {
      'xl/workbook.xml': prefixed,
      'xl/styles.xml': prefixed,
    });
    const { plan } = await run(await plain());
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    const wb = parseXmlStrict(await partText(out, 'xl/workbook.xml'));
    const sheets = Array.from(wb.getElementsByTagNameNS(MAIN_NS, 'sheet')).map((s) => s.getAttribute('name'));
    expect(sheets).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    expect(await partText(out, 'xl/workbook.xml')).toContain('<x:definedName name="KaikakuShukei_summary">');
    expectSequence(wb.documentElement, WORKBOOK_SEQUENCE, 'workbook');
    const styles = parseXmlStrict(await partText(out, 'xl/styles.xml')).documentElement;
    expectSequence(styles, STYLESHEET_SEQUENCE, 'styles');
    // One cell format per distinct style (body and info look the same and share one).
    expect(mainChildren(mainChildren(styles).find((c) => c.localName === 'cellXfs')!).length).toBe(
      1 + new Set(Object.values(STYLES).map((d) => JSON.stringify(d))).size,
    );
  });

  it('sheets whose parts are not named sheetN.xml, in another folder', async () => {
    const input = await editParts(await plain(), {
      'xl/worksheets/sheet1.xml': null,
      'xl/report/kansai.xml': await partText(await plain(), 'xl/worksheets/sheet1.xml'),
      'xl/_rels/workbook.xml.rels': (xml) =>
        xml.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/report/kansai.xml"'),
      '[Content_Types].xml': (xml) => xml.replace('/xl/worksheets/sheet1.xml', '/xl/report/kansai.xml'),
    });
    // ExcelJS reads only parts named xl/worksheets/sheetN.xml, so the plan comes from the usual copy.
    const { plan } = await run(await plain());
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    expect(await expectCarried(input, out)).toBeGreaterThanOrEqual(5);
    expect([...(await sheetParts(out)).entries()]).toEqual([
      ['関市', 'xl/report/kansai.xml'],
      ['集計', 'xl/worksheets/sheet1.xml'],
      ['取組一覧', 'xl/worksheets/sheet2.xml'],
      ['検証結果', 'xl/worksheets/sheet3.xml'],
    ]);
    const types = await partText(out, '[Content_Types].xml');
    for (const part of ['/xl/report/kansai.xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/sheet3.xml']) {
      expect(types).toContain(
        `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      );
    }
  });

  it('a workbook without a styles part', async () => {
    const input = await editParts(await plain(), {
      'xl/styles.xml': null,
      'xl/_rels/workbook.xml.rels': (xml) => xml.replace(/<Relationship [^>]*styles[^>]*\/>/, ''),
      '[Content_Types].xml': (xml) => xml.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ''),
    });
    const { plan } = await run(await plain());
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    expect(await partText(out, '[Content_Types].xml')).toContain('PartName="/xl/styles.xml"');
    const wb = await loadExcelJs(out);
    expectStyle(wb.getWorksheet('取組一覧')!.getCell('A3'), 'header', '取組一覧');
  });

  it('a workbook in Strict Open XML (ISO 29500 strict namespaces)', async () => {
    const strict = (xml: string) =>
      xml
        .split('http://schemas.openxmlformats.org/spreadsheetml/2006/main')
        .join('http://purl.oclc.org/ooxml/spreadsheetml/main')
        .split('http://schemas.openxmlformats.org/officeDocument/2006/relationships')
        .join('http://purl.oclc.org/ooxml/officeDocument/relationships');
    const base = await plain();
    const input = await editParts(base, {
      'xl/workbook.xml': strict,
      'xl/styles.xml': strict,
      'xl/worksheets/sheet1.xml': strict,
      'xl/_rels/workbook.xml.rels': strict,
      '_rels/.rels': strict,
    });
    const { plan } = await run(base);
    const out = await writeOutputs(input, plan, { codec: zlibCodec, date: AT });
    const rels = await partText(out, 'xl/_rels/workbook.xml.rels');
    expect(rels).not.toContain('schemas.openxmlformats.org/officeDocument');
    expect(rels).toMatch(
      /Type="http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships\/worksheet" Target="worksheets\/sheet2\.xml"/,
    );
    const sheet = await partText(out, 'xl/worksheets/sheet2.xml');
    expect(sheet).toContain(
      '<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships">',
    );
    expect(await partText(out, 'xl/worksheets/_rels/sheet2.xml.rels')).toContain(
      'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/drawing"',
    );
    expect(await partText(out, 'xl/charts/chart1.xml')).toContain(
      'xmlns:c="http://purl.oclc.org/ooxml/drawingml/chart"',
    );
    const styles = await partText(out, 'xl/styles.xml');
    expect(styles).toContain('<start style="thin">');
    expect(styles).not.toContain('<left style="thin">');
  });

  it('refuses, before writing anything, what it will not edit: a DOCTYPE, UTF-16 parts, no workbook, zip64', async () => {
    const { plan } = await run(await plain());
    const refuse = async (bytes: Uint8Array, why: RegExp) => {
      const p = writeOutputs(bytes, plan, { codec: zlibCodec });
      await expect(p).rejects.toBeInstanceOf(UnsupportedPackageError);
      await expect(p).rejects.toMatchObject({ code: 'OUTPUT_FAILED', detail: expect.stringMatching(why) });
    };
    await refuse(
      await editParts(await plain(), {
        '[Content_Types].xml': (xml) => xml.replace('<Types', '<!DOCTYPE Types [<!ENTITY e "x">]><Types'),
      }),
      /DOCTYPE/,
    );
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('<workbook/>', 'utf16le')]);
    await refuse(await editParts(await plain(), { 'xl/workbook.xml': utf16 }), /UTF-16/);
    await refuse(
      await editParts(await plain(), { '_rels/.rels': (xml) => xml.replace(/officeDocument"/, 'other"') }),
      /officeDocument/,
    );
    const zip64 = await plain();
    const copy = new Uint8Array(zip64);
    const view = new DataView(copy.buffer);
    view.setUint32(copy.length - 22 + 16, 0xffffffff, true);
    await refuse(copy, /zip64/);
  });
});

/** ExcelJS's cell (1-based): a plain object, not an Office.js proxy, whatever the add-in lint rules think. */
function cellAt(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell {
  return ws.findCell(row, col) ?? ws.getRow(row).getCell(col);
}

/** Expected look of each named style, as ExcelJS reads it back. */
function expectStyle(cell: ExcelJS.Cell, name: StyleName, sheet: string): void {
  const d = STYLES[name];
  const at = `${sheet}!${cell.address} (${name})`;
  const got = {
    at,
    bold: cell.font?.bold === true,
    italic: cell.font?.italic === true,
    underline: Boolean(cell.font?.underline),
    size: cell.font?.size,
    color: cell.font?.color?.argb,
    fill: (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb,
    border: cell.border?.top?.style,
    numFmt: cell.numFmt ?? 'General',
    wrap: cell.alignment?.wrapText === true,
    horizontal: cell.alignment?.horizontal,
    vertical: cell.alignment?.vertical,
  };
  expect(got).toEqual({
    at,
    bold: d.bold === true,
    italic: d.italic === true,
    underline: d.underline === true,
    size: d.fontSize ?? 11,
    color: d.fontColor ? `FF${d.fontColor.slice(1)}` : got.color,
    fill: d.fill ? `FF${d.fill.slice(1)}` : undefined,
    border: d.border === 'thin' ? 'thin' : undefined,
    numFmt: d.numberFormat ?? 'General',
    wrap: d.wrap === true,
    horizontal: d.horizontal,
    vertical: d.vertical === 'center' ? 'middle' : d.vertical,
  });
}

// The sequences of ECMA-376 Part 1 (transitional sml.xsd): CT_Workbook, CT_Stylesheet, CT_Worksheet.
const WORKBOOK_SEQUENCE = [
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
];
const STYLESHEET_SEQUENCE = [
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
];
const WORKSHEET_SEQUENCE = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Main-namespace children in sequence order, each at most where the schema allows it. */
function expectSequence(el: Element, sequence: readonly string[], what: string): void {
  const repeatable = new Set(['cols', 'conditionalFormatting']);
  const children = mainChildren(el).map((c) => c.localName);
  let last = -1;
  for (const name of children) {
    const i = sequence.indexOf(name);
    expect({ what, name, known: i >= 0 }).toEqual({ what, name, known: true });
    const inOrder = i > last || (i === last && repeatable.has(name));
    expect({ what, name, after: sequence[last] ?? '(start)', inOrder }).toEqual({
      what,
      name,
      after: sequence[last] ?? '(start)',
      inOrder: true,
    });
    last = i;
  }
}
