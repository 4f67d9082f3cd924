/**
 * The command line as one file: src/cli/main.ts and everything it imports bundled by esbuild into
 * dist/node/cli/main.js (the package's bin), so a run starts by reading one file instead of resolving
 * some sixty modules. ExcelJS and JSZip stay outside the bundle: the fallback loads them with
 * require() only when it is used (see src/xlsx/readXlsx.ts), so the normal path never reads them.
 *
 *   node scripts/build-cli.js [outfile]
 */
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const outfile = path.resolve(process.argv[2] ?? path.join(root, 'dist/node/cli/main.js'));

esbuild.buildSync({
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['exceljs', 'jszip'],
  legalComments: 'none',
  logLevel: 'warning',
});
