import { analyze, planOutput } from '../core/engine';
import type { EngineReply, EngineRequest } from './engineRunner';
import { inThreadRunner, toWireError } from './engineRunner';

/**
 * The engine's worker (issue 12 item 4): one request per run, progress by step, the analysis and
 * the plan back. Pure core only: no Office.js, no DOM.
 */

interface WorkerScope {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineReply): void;
}

const scope = self as unknown as WorkerScope;
const run = inThreadRunner({ analyze, planOutput });

scope.onmessage = (event) => {
  const { id, input, settings } = event.data;
  run(input, settings, (step, done, total) =>
    scope.postMessage({ id, type: 'progress', step, done, total }),
  ).then(
    (output) => scope.postMessage({ id, type: 'done', output }),
    (e: unknown) => scope.postMessage({ id, type: 'error', error: toWireError(e) }),
  );
};
