/**
 * LibreOffice as a real spreadsheet program for the tests: opens files headless in a throwaway
 * profile and converts them. Runs where soffice is installed, and always in CI (where a missing
 * LibreOffice must fail rather than skip).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const SOFFICE = process.env['SOFFICE'] ?? 'soffice';
const available = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' }).status === 0;
export const describeLO = available || process.env['CI'] ? describe : describe.skip;

/** OOXMLRecalcMode 0: recalculate every formula on load, whatever the file caches. */
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function soffice(dir: string, args: readonly string[], recalculate: boolean): void {
  const profile = path.join(dir, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  if (recalculate) fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', ...args], {
    encoding: 'utf8',
    timeout: 150000,
  });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.status} ${r.stderr}`);
}

/**
 * Opens each file recalculating every formula and exports its sheet `sheetNumber` (1-based) as CSV
 * into `outDir`, cells as shown (so shares come out as "54.8%"). A profile goes under `dir`.
 */
export function exportRecalculatedCsv(
  dir: string,
  files: readonly string[],
  sheetNumber: number,
  outDir: string,
): void {
  const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,${sheetNumber}`;
  soffice(dir, ['--convert-to', filter, '--outdir', outDir, ...files], true);
}

/** Opens each file and saves it again as .xlsx into `outDir`. */
export function resaveAsXlsx(dir: string, files: readonly string[], outDir: string): void {
  soffice(dir, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...files], false);
}

/** Minimal CSV reader: quoted fields with doubled quotes, commas, line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Opens each file and prints it to PDF into `outDir` (every sheet, as LibreOffice would print it). */
export function exportPdf(dir: string, files: readonly string[], outDir: string): void {
  soffice(dir, ['--convert-to', 'pdf', '--outdir', outDir, ...files], false);
}

/** poppler's pdftotext and pdftoppm, for reading what LibreOffice printed. */
export const PDFTOTEXT = process.env['PDFTOTEXT'] ?? 'pdftotext';
export const PDFTOPPM = process.env['PDFTOPPM'] ?? 'pdftoppm';

/** The text of one page (1-based) of a PDF. */
export function pdfPageText(pdf: string, page: number): string {
  const r = spawnSync(PDFTOTEXT, ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.status} ${r.stderr}`);
  return r.stdout;
}

/** One page (1-based) of a PDF as RGB pixels, from pdftoppm's binary PPM (P6). */
export function pdfPagePixels(
  pdf: string,
  page: number,
  dpi = 60,
): { width: number; height: number; rgb: Buffer } {
  const r = spawnSync(PDFTOPPM, ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.status} ${String(r.stderr)}`);
  const out = r.stdout;
  // Header: "P6\n<width> <height>\n<max>\n", then width × height × 3 bytes.
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(out.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error('pdftoppm did not write a PPM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, rgb: out.subarray(m[0].length, m[0].length + width * height * 3) };
}
