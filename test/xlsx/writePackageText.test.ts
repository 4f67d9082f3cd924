import fc from 'fast-check';
import * as fs from 'fs';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { zlibCodec } from '../../src/cli/zlibCodec';
import type { OutputPlan, PlanCell, SheetPlan } from '../../src/core/outputPlan';
import { writeOutputs } from '../../src/xlsx';
import { MAIN_NS, parseXmlStrict, partText, sheetParts } from './packageSupport';

const INPUT = new Uint8Array(fs.readFileSync(samplePath('001')));

function sheet(rows: PlanCell[][]): SheetPlan {
  return {
    role: 'list',
    name: '取組一覧',
    rows,
    styles: [],
    merges: [],
    columnWidths: [],
    print: { paper: 'A4', orientation: 'portrait', fitToWidth: true },
  };
}

/** What a spreadsheet reads from a <t>: XML text with SpreadsheetML's _xHHHH_ escapes decoded. */
function readText(t: Element): string {
  return (t.textContent ?? '').replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) =>
    String.fromCharCode(parseInt(h, 16)),
  );
}

// What XML 1.0 cannot carry at all: those characters are left out, everything else must come back.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these control characters are what XML cannot carry.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made of the characters that need care, mixed with ordinary Japanese. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '&',
        '<',
        '>',
        '"',
        "'",
        '\n',
        '\r',
        '\t',
        ' ',
        '　',
        '_x0041_',
        '_x',
        '_X000D_',
        '=',
        '@',
        '+',
      ),
      fc.constantFrom('順調', '達成', '市民課', 'A', '１'),
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\uD800', '\uDC00', '\uD83D\uDE00', '\uFFFE'),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('the zip-level writer’s cell text', () => {
  it('comes back as written (less what XML cannot carry), as text, for any mix of markup, escapes, controls and surrogates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tricky, { minLength: 1, maxLength: 20 }), async (texts) => {
        // Each text as a cell, as a link's text and as a formula's cached text.
        const rows: PlanCell[][] = texts.map((t) => [
          { kind: 'text', text: t },
          { kind: 'link', text: t, sheet: '関市', cell: 'A1' },
          { kind: 'formula', formula: 'T("x")', cached: t },
        ]);
        const plan: OutputPlan = { sheets: [sheet(rows)], replace: [], activate: '取組一覧' };
        const out = await writeOutputs(INPUT, plan, { codec: zlibCodec });
        const xml = await partText(out, (await sheetParts(out)).get('取組一覧')!);
        const doc = parseXmlStrict(xml, '取組一覧');
        const all = Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'c'));
        const cells = all.filter((c) => c.getAttribute('r')!.startsWith('A'));
        expect(cells.map((c) => c.getAttribute('t'))).toEqual(texts.map(() => 'inlineStr'));
        const expected = texts.map((t) => t.replace(XML_INVALID, ''));
        const links = all.filter((c) => c.getAttribute('r')!.startsWith('B'));
        expect(links.map((c) => readText(c.getElementsByTagNameNS(MAIN_NS, 't')[0]!))).toEqual(expected);
        const display = Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'hyperlink')).map((h) =>
          h
            .getAttribute('display')!
            .replace(/_x([0-9A-Fa-f]{4})_/g, (_, x: string) => String.fromCharCode(parseInt(x, 16))),
        );
        expect(display).toEqual(expected);
        const cached = all.filter((c) => c.getAttribute('r')!.startsWith('C'));
        expect(cached.map((c) => c.getAttribute('t'))).toEqual(texts.map(() => 'str'));
        expect(cached.map((c) => readText(c.getElementsByTagNameNS(MAIN_NS, 'v')[0]!))).toEqual(expected);
        // Only the formulas are formulas: no cell text ended up in an <f>.
        expect(Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'f')).map((f) => f.textContent)).toEqual(
          texts.map(() => 'T("x")'),
        );
        const ts = cells.map((c) => c.getElementsByTagNameNS(MAIN_NS, 't')[0]!);
        expect(ts.map(readText)).toEqual(expected);
        // Readers drop blanks at the edges of a <t> unless told to keep them.
        ts.forEach((t, i) => {
          if (/^[ \t\n]|[ \t\n]$/.test(texts[i]!.replace(XML_INVALID, ''))) {
            expect(t.getAttribute('xml:space')).toBe('preserve');
          }
        });
      }),
      { numRuns: 100 },
    );
  });
});
