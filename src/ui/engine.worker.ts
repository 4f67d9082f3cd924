import { analyze, analyzeFiles, planOutput } from '../core/index';
import type { EngineScope } from './engineRunner';
import { inThreadRunner, serveEngine } from './engineRunner';

/**
 * The engine's worker (issue 12 item 4): one request per run, progress by step, the analysis and
 * the plan back. Pure core only: no Office.js, no DOM.
 */
serveEngine(self as unknown as EngineScope, inThreadRunner({ analyze, planOutput, analyzeFiles }));
