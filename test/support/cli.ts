import { runCli } from '../../src/cli/run';

/** What one in-process run of the command line said, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/**
 * The command line run in this process with its output lines captured. `now` fixes the time written
 * into the outputs (their stamp), so that two runs can be compared; the real clock when absent.
 */
export async function runCliCaptured(args: readonly string[], now?: Date): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l), ...(now ? { now: () => now } : {}) },
    '0.0.0-test',
  );
  return { code, out, err };
}
