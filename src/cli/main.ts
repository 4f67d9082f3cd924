#!/usr/bin/env node
/**
 * kaikaku-shukei: the command line. `npm run build:cli` compiles it to dist/node/cli/main.js, the
 * package's bin.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from './run';

/** The package's version, from the nearest package.json above this file (src/cli or dist/node/cli). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'kaikaku-shukei') return pkg.version ?? '';
      } catch {
        return '';
      }
    }
    if (path.dirname(dir) === dir) return '';
  }
}

runCli(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  packageVersion(),
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kaikaku-shukei: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
