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

/**
 * A reader that stops early (`kaikaku-shukei … | head -1`) closes the pipe: the rest of the output is
 * dropped quietly and the work (writing the workbook) still finishes, with no stack trace.
 */
const closed = { stdout: false, stderr: false };
function quietOnClose(stream: NodeJS.WriteStream, key: keyof typeof closed): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed[key] = true;
    else throw e;
  });
}
quietOnClose(process.stdout, 'stdout');
quietOnClose(process.stderr, 'stderr');

runCli(
  process.argv.slice(2),
  {
    out: (line) => {
      if (!closed.stdout) process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      if (!closed.stderr) process.stderr.write(`${line}\n`);
    },
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
