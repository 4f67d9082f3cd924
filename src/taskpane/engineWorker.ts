import type { Engine } from '../ui/job';
import type { EngineRunner, WorkerLike } from '../ui/engineRunner';
import { inThreadRunner, workerRunner } from '../ui/engineRunner';

/**
 * The pane's engine runner: a Web Worker built by webpack from engine.worker.ts into a file of its
 * own next to the page (same origin, nothing from a CDN or a blob: URL, so a strict CSP allows it).
 * Without Worker (or with ?engine=main, to compare) the engine runs on the page's thread.
 */
export function paneRunner(engine: Engine, search: string): EngineRunner {
  const inThread = inThreadRunner(engine);
  const wanted = new URLSearchParams(search).get('engine') !== 'main';
  const make =
    wanted && typeof Worker !== 'undefined'
      ? (): WorkerLike =>
          new Worker(
            // @ts-expect-error import.meta: the node typecheck (module commonjs) refuses it; webpack reads it.
            new URL('../ui/engine.worker.ts', import.meta.url),
            { name: 'engine' },
          ) as unknown as WorkerLike
      : null;
  const run = workerRunner(make, inThread);
  // User Timing marks around the engine (seen in the browser's performance panel and the tests).
  return async (input, settings, onProgress) => {
    performance.mark('kaikaku:engine:start');
    try {
      return await run(input, settings, onProgress);
    } finally {
      performance.mark('kaikaku:engine:end');
    }
  };
}
