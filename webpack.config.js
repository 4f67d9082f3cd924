/**
 * Builds the add-in's pages into dist/: taskpane.html (also the browser preview), commands.html
 * (the ribbon's function file) and dialog.html (the command's error dialog), plus the icons and the
 * manifest.
 *
 * Where office.js comes from (docs/addin.md): by default the copy in the @microsoft/office-js
 * package, copied into dist/office-js/, so nothing is loaded from the internet (LGWAN and other closed
 * networks). For sites with internet access, Microsoft's CDN, which Microsoft supports and keeps up
 * to date (the npm package is no longer maintained):
 *   OFFICE_JS=cdn npm run build
 *
 * Hosting URL: the manifest points at https://localhost:3000/ for development. Set ADDIN_BASE_URL
 * when building for an office's server, e.g.
 *   ADDIN_BASE_URL=https://intra.example.lg.jp/kaikaku/ npm run build
 * and dist/manifest.xml points there instead (docs/addin.md).
 */
const fs = require('fs');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;
const OFFICE_JS = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
/** Microsoft's CDN address for office.js (API version 1, always the newest build). */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_BUNDLED = 'office-js/office.js';

/** The office.js the pages load, from OFFICE_JS: "bundled" (the default) or "cdn". */
function officeJsSource() {
  const choice = (process.env.OFFICE_JS || 'bundled').trim().toLowerCase();
  if (choice === 'bundled') return OFFICE_JS_BUNDLED;
  if (choice === 'cdn') return OFFICE_JS_CDN;
  throw new Error(`OFFICE_JS must be "bundled" or "cdn", got "${process.env.OFFICE_JS}"`);
}

/** The hosting URL with one trailing slash, from ADDIN_BASE_URL or the development default. */
function baseUrl() {
  const url = (process.env.ADDIN_BASE_URL || DEV_URL).trim();
  if (!/^https:\/\//.test(url)) throw new Error(`ADDIN_BASE_URL must be an https:// URL, got "${url}"`);
  return url.endsWith('/') ? url : `${url}/`;
}

/** The only office.js files an Excel add-in loads: the loader, Excel's host scripts, strings, telemetry. */
const officeJsPatterns = [
  'office.js',
  'excel*.js',
  'o15apptofilemappingtable.js',
  'es6-promise.js',
  '*/office_strings.js',
  'telemetry/*.js',
  'ariatelemetry/*.js',
].map((from) => ({
  from,
  context: OFFICE_JS,
  to: 'office-js/',
  globOptions: { ignore: ['**/*.debug.js'] },
}));

/**
 * webpack's own minimizer, told to skip the already minified xlsx chunk (it took most of the build
 * time). It comes with webpack; if a webpack without it is installed, the default minimizer runs.
 */
function minimizers() {
  try {
    const MinimizerPlugin = require('minimizer-webpack-plugin');
    return [new MinimizerPlugin({ exclude: /^xlsx\./, extractComments: false })];
  } catch {
    return ['...'];
  }
}

/** What webpack's clean leaves in dist/: the command line under dist/node/. */
function keepCommandLine(asset) {
  return /^node(?:[\\/]|$)/.test(asset);
}

module.exports = async (env, options) => {
  const dev = options.mode !== 'production';
  const url = baseUrl();
  const officeJs = officeJsSource();
  // Pages that also open outside Office load office.js through this guard (see the file).
  const officeLoader = fs
    .readFileSync(path.resolve(__dirname, 'src/taskpane/office-loader.html'), 'utf8')
    .split('OFFICE_JS_URL')
    .join(officeJs);
  const config = {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      dialog: './src/commands/dialog.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      // dist/node is the command line (package.json bin, built by `npm run build:cli`): a build of the
      // add-in must not delete it.
      clean: { keep: keepCommandLine },
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type checking is `npm run typecheck`; here ES modules so that import() splits chunks.
              transpileOnly: true,
              compilerOptions: { module: 'esnext', target: 'es2020', sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        templateParameters: { officeLoader },
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        templateParameters: { officeJs },
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({
        filename: 'dialog.html',
        template: './src/commands/dialog.html',
        templateParameters: { officeLoader },
        chunks: ['dialog'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().split(DEV_URL).join(url),
          },
          ...(officeJs === OFFICE_JS_BUNDLED ? officeJsPatterns : []),
        ],
      }),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // ExcelJS and JSZip ship minified; only the preview loads them.
          xlsx: {
            test: /[\\/]node_modules[\\/](exceljs|jszip)[\\/]/,
            name: 'xlsx',
            chunks: 'async',
            enforce: true,
          },
        },
      },
      minimizer: minimizers(),
    },
    performance: { hints: false },
    devServer: {
      port: DEV_PORT,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
  if (env && env.WEBPACK_SERVE) {
    // Trusted localhost certificates for Office (installed on first use by office-addin-dev-certs).
    const devCerts = require('office-addin-dev-certs');
    config.devServer.server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }
  return config;
};
