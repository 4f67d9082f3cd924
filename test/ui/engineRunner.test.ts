import { analyze, planOutput } from '../../src/core/engine';
import type { ProgressStep } from '../../src/core/engine';
import { EngineError } from '../../src/core/errors';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type {
  EngineInput,
  EngineReply,
  EngineRequest,
  EngineScope,
  WorkerLike,
} from '../../src/ui/engineRunner';
import { inThreadRunner, serveEngine, workerRunner } from '../../src/ui/engineRunner';
import type { Engine } from '../../src/ui/job';
import { runJob } from '../../src/ui/job';
import { seedWorkbook } from '../support/seeds';

const engine: Engine = { analyze, planOutput };
const NOW = new Date(2022, 4, 31, 9, 0);
const input: EngineInput = { workbook: seedWorkbook('001'), existing: [], generatedAt: NOW };

type Listener = (event: { data: EngineReply; preventDefault?: () => void }) => void;

/**
 * A worker as the browser makes one, without the thread: every message crosses by structured clone
 * (as postMessage copies it, so a function, a class's prototype or anything else that does not
 * survive the copy shows here), and the worker's side is serveEngine, as engine.worker.ts runs it.
 */
function clonedWorker(engineOnWorker: Engine = engine): WorkerLike & { posted: number } {
  const listeners: Record<string, Listener[]> = { message: [], error: [] };
  const scope: EngineScope = {
    onmessage: null,
    postMessage: (reply) =>
      setTimeout(() => listeners['message']!.forEach((l) => l({ data: structuredClone(reply) })), 0),
  };
  serveEngine(scope, inThreadRunner(engineOnWorker));
  const worker = {
    posted: 0,
    postMessage(request: EngineRequest) {
      worker.posted++;
      const copy = structuredClone(request);
      setTimeout(() => scope.onmessage?.({ data: copy }), 0);
    },
    addEventListener(type: string, listener: Listener) {
      listeners[type]!.push(listener);
    },
    terminate: () => undefined,
  };
  return worker as WorkerLike & { posted: number };
}

/** A worker whose script never loads (a CSP refusing it, a missing file): an error event, no answer. */
function failingWorker(): WorkerLike & { terminated: boolean } {
  const errors: Listener[] = [];
  const worker = {
    terminated: false,
    postMessage() {
      setTimeout(
        () => errors.forEach((l) => l({ data: undefined as never, preventDefault: () => undefined })),
        0,
      );
    },
    addEventListener(type: string, listener: Listener) {
      if (type === 'error') errors.push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker as WorkerLike & { terminated: boolean };
}

async function runWith(runner: ReturnType<typeof inThreadRunner>) {
  const steps: ProgressStep[] = [];
  const output = await runner(input, DEFAULT_SETTINGS, (step) => steps.push(step));
  return { output, steps };
}

describe('the engine runner', () => {
  it('gives through the worker exactly what the engine gives on this thread, with progress by step', async () => {
    const here = await runWith(inThreadRunner(engine));
    const worker = clonedWorker();
    const there = await runWith(workerRunner(() => worker, inThreadRunner(engine)));
    expect(worker.posted).toBe(1);
    expect(there.output).toEqual(here.output);
    expect(there.output.result.entries.length).toBe(31);
    expect(there.steps).toEqual(here.steps);
    expect(there.steps).toEqual(expect.arrayContaining(['recognize', 'check', 'summarize']));
  });

  it('runs on this thread when there is no Worker', async () => {
    const here = await runWith(inThreadRunner(engine));
    const fallback = await runWith(workerRunner(null, inThreadRunner(engine)));
    expect(fallback.output).toEqual(here.output);
    expect(fallback.steps).toEqual(here.steps);
  });

  it('runs on this thread when the worker cannot be made, and when it fails before answering', async () => {
    const here = await runWith(inThreadRunner(engine));
    const refused = workerRunner(() => {
      throw new Error('Refused by Content-Security-Policy');
    }, inThreadRunner(engine));
    expect((await runWith(refused)).output).toEqual(here.output);

    const failing = failingWorker();
    let made = 0;
    const runner = workerRunner(() => {
      made++;
      return failing;
    }, inThreadRunner(engine));
    expect((await runWith(runner)).output).toEqual(here.output);
    expect(failing.terminated).toBe(true);
    // The broken worker is not tried again.
    expect((await runWith(runner)).output).toEqual(here.output);
    expect(made).toBe(1);
  });

  it('brings the engine’s error back as an EngineError with its code', async () => {
    const failing: Engine = {
      analyze: () => {
        throw new EngineError('INTERNAL', 'broken', 'in the worker');
      },
      planOutput,
    };
    const runner = workerRunner(() => clonedWorker(failing), inThreadRunner(engine));
    const error = await runner(input, DEFAULT_SETTINGS, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'broken', detail: 'in the worker' });
  });
});

describe('runJob with a runner', () => {
  it('runs the engine through the runner given, passing its progress on, and writes its plan', async () => {
    const written: unknown[] = [];
    const progress: string[] = [];
    const worker = clonedWorker();
    const outcome = await runJob(
      {
        read: async () => ({ workbook: input.workbook, existing: [], storedSettings: null }),
        write: async (plan) => void written.push(plan),
      },
      // The job must not call the engine itself when a runner is given.
      {
        analyze: () => {
          throw new Error('engine called on the page');
        },
        planOutput,
      },
      {
        resolveStored: () => DEFAULT_SETTINGS,
        now: () => NOW,
        runner: workerRunner(() => worker, inThreadRunner(engine)),
        onProgress: (p) => progress.push(p.step),
      },
    );
    expect(worker.posted).toBe(1);
    expect(outcome.result.entries.length).toBe(31);
    expect(written).toEqual([outcome.plan]);
    expect(progress).toEqual(expect.arrayContaining(['read', 'recognize', 'check', 'summarize', 'write']));
    expect(progress.indexOf('recognize')).toBeLessThan(progress.indexOf('write'));
  });
});
