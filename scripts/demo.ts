/**
 * `npm run demo`: runs the command line on every bundled sample workbook (samples/*.xlsx) and tells
 * where each output workbook and JSON result went (samples/output/), with the counts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../src/cli/run';

const SAMPLES = path.resolve(__dirname, '..', 'samples');
const OUTPUT = path.join(SAMPLES, 'output');

async function main(): Promise<number> {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const inputs = fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  let worst = 0;
  for (const file of inputs) {
    const base = file.replace(/\.xlsx$/, '');
    const args = [
      path.join(SAMPLES, file),
      '-o',
      path.join(OUTPUT, `${base}.集計.xlsx`),
      '--json',
      path.join(OUTPUT, `${base}.json`),
    ];
    console.log(`\n$ kaikaku-shukei ${args.map((a) => path.relative(process.cwd(), a)).join(' ')}`);
    const code = await runCli(args, { out: (l) => console.log(l), err: (l) => console.error(l) });
    worst = Math.max(worst, code);
  }
  console.log(
    `\n出力先: ${path.relative(process.cwd(), OUTPUT)}/（元のシートはそのまま、「集計」「取組一覧」「検証結果」シートが後ろに加わっています）`,
  );
  return worst;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
