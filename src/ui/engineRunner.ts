import {
  EngineError,
  inThreadRunner,
  type EngineErrorCode,
  type EngineInput,
  type EngineOutput,
  type EngineProgress,
  type EngineRunner,
  type ProgressStep,
  type Settings,
} from '../core/index';

/**
 * Where the pure engine (analyze + planOutput) runs: on the page's thread, or in a Web Worker so the
 * task pane stays responsive on large workbooks (issue 12 item 4). Office.js reads and writes stay
 * on the main thread; only cells, settings and the plan cross, all plain data (structured clone).
 */

// The runner's types and the in-thread runner belong to the core's job (src/core/job.ts).
export { inThreadRunner };
export type { EngineInput, EngineOutput, EngineProgress, EngineRunner };

/** Page → worker. */
export interface EngineRequest {
  readonly id: number;
  readonly input: EngineInput;
  readonly settings: Settings;
}

/** Worker → page. */
export type EngineReply =
  | {
      readonly id: number;
      readonly type: 'progress';
      readonly step: ProgressStep;
      readonly done: number;
      readonly total: number;
    }
  | { readonly id: number; readonly type: 'done'; readonly output: EngineOutput }
  | { readonly id: number; readonly type: 'error'; readonly error: WireError };

/** An error as it crosses: EngineError keeps its code so the pane words it as on the main thread. */
export interface WireError {
  readonly message: string;
  readonly code?: EngineErrorCode;
  readonly detail?: string;
}

export function toWireError(e: unknown): WireError {
  if (e instanceof EngineError) {
    return { message: e.message, code: e.code, ...(e.detail !== undefined ? { detail: e.detail } : {}) };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

export function fromWireError(w: WireError): Error {
  return w.code ? new EngineError(w.code, w.message, w.detail) : new Error(w.message);
}

/** What the page needs of a Worker (a stand-in in unit tests). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  addEventListener(type: 'message', listener: (event: { data: EngineReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { preventDefault?: () => void }) => void): void;
  terminate(): void;
}

/**
 * The engine in a worker made by `makeWorker` (one worker, kept for the page's life), falling back
 * to `fallback` on this thread when there is no Worker, when it cannot be made (a CSP refusing
 * workers), or when the worker fails before answering (its script not loadable). A run that the
 * worker started and the engine failed in is not re-run: its error is the run's error.
 */
export function workerRunner(makeWorker: (() => WorkerLike) | null, fallback: EngineRunner): EngineRunner {
  let worker: WorkerLike | null = null;
  let broken = makeWorker === null;
  let nextId = 1;
  const pending = new Map<
    number,
    {
      onProgress: EngineProgress;
      resolve: (o: EngineOutput) => void;
      reject: (e: Error) => void;
      answered: boolean;
      retry: () => void;
    }
  >();

  const start = (): WorkerLike | null => {
    if (worker || broken || !makeWorker) return worker;
    try {
      worker = makeWorker();
    } catch {
      broken = true;
      return null;
    }
    worker.addEventListener('message', ({ data }) => {
      const job = pending.get(data.id);
      if (!job) return;
      job.answered = true;
      if (data.type === 'progress') job.onProgress(data.step, data.done, data.total);
      else {
        pending.delete(data.id);
        if (data.type === 'done') job.resolve(data.output);
        else job.reject(fromWireError(data.error));
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      // The worker is unusable: unanswered runs go to this thread, answered ones fail.
      broken = true;
      worker?.terminate();
      worker = null;
      const jobs = [...pending.values()];
      pending.clear();
      for (const job of jobs) {
        if (job.answered) job.reject(new Error('The engine worker stopped'));
        else job.retry();
      }
    });
    return worker;
  };

  return (input, settings, onProgress) => {
    const w = start();
    if (!w) return fallback(input, settings, onProgress);
    const id = nextId++;
    return new Promise<EngineOutput>((resolve, reject) => {
      pending.set(id, {
        onProgress,
        resolve,
        reject,
        answered: false,
        retry: () => fallback(input, settings, onProgress).then(resolve, reject),
      });
      w.postMessage({ id, input, settings });
    });
  };
}

/** What the worker's global scope offers (a stand-in in unit tests). */
export interface EngineScope {
  onmessage: ((event: { data: EngineRequest }) => void) | null;
  postMessage(message: EngineReply): void;
}

/** The worker's side: each request run by `runner`, its progress, output or error posted back. */
export function serveEngine(scope: EngineScope, runner: EngineRunner): void {
  scope.onmessage = ({ data: { id, input, settings } }) => {
    runner(input, settings, (step, done, total) =>
      scope.postMessage({ id, type: 'progress', step, done, total }),
    )
      .then((output) => scope.postMessage({ id, type: 'done', output }))
      .catch((e: unknown) => scope.postMessage({ id, type: 'error', error: toWireError(e) }));
  };
}
