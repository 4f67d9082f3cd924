/**
 * 集計 with last year's counts and shares that add up (issue 11), recalculated by LibreOffice: the
 * 関市 R4 report compared with R3 (test/support/sekiR4.ts), shares rounded by the largest remainder.
 * A second copy has every cached result in 集計 replaced by 999, so what LibreOffice shows comes from
 * the formulas alone (COUNTIFS, the 増減 as 件数 − 前年度, the largest remainder's INT / MOD ranks).
 *   16 / 11 / 3 of 30: 53.3% + 36.7% + 10.0% = 100.0% (36.6 gets the tenth left: the largest remainder)
 */
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { zlibCodec } from '../../src/cli/zlibCodec';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { readWorkbook, workbookFromInput, workbookToBytes, writeOutputs } from '../../src/xlsx';
import { describeLO, exportRecalculatedCsv, parseCsv } from '../support/libreoffice';
import { runR4WithR3, sekiR4 } from '../support/sekiR4';
import { sheetParts } from '../xlsx/packageSupport';

describeLO('LibreOffice recalculates 前年度 / 増減 and the adjusted shares', () => {
  jest.setTimeout(300000);
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-lo-prev-'));
    const original = await workbookToBytes(workbookFromInput(sekiR4()));
    const { input, existing } = await readWorkbook(original);
    const settings = {
      ...DEFAULT_SETTINGS,
      output: { ...DEFAULT_SETTINGS.output, shareRounding: 'largestRemainder' as const },
    };
    const { plan } = await runR4WithR3(settings, { workbook: input, existing });
    const bytes = await writeOutputs(original, plan, { codec: zlibCodec });
    fs.writeFileSync(path.join(dir, 'good.xlsx'), bytes);
    const part = (await sheetParts(bytes)).get('集計')!;
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file(part)!.async('string');
    zip.file(part, xml.replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1<v>999</v>'));
    fs.writeFileSync(
      path.join(dir, 'wrong.xlsx'),
      await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
    );
    exportRecalculatedCsv(
      dir,
      [path.join(dir, 'good.xlsx'), path.join(dir, 'wrong.xlsx')],
      2,
      path.join(dir, 'csv'),
    );
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['good', 'wrong'])(
    '%s caches: the table shows the counts, shares adding to 100.0%, 前年度 and ▲',
    (name) => {
      const csv = fs.readdirSync(path.join(dir, 'csv')).find((f) => f.startsWith(`${name}`))!;
      const rows = parseCsv(fs.readFileSync(path.join(dir, 'csv', csv), 'utf8'));
      const head = rows.findIndex((r) => r[0] === '区分' && r[1] === '件数');
      const table = rows.slice(head, head + 6).map((r) => r.slice(0, 5));
      expect(table).toEqual([
        ['区分', '件数', '割合', '前年度', '増減'],
        ['順調', '16', '53.3%', '17', '▲1'],
        ['　うち達成', '1', '3.3%', '', ''],
        ['やや遅れている', '11', '36.7%', '12', '▲1'],
        ['遅れている', '3', '10.0%', '2', '1'],
        ['合計', '30', '100.0%', '31', '▲1'],
      ]);
      expect(rows.flat()).not.toContain('999');
    },
  );
});
