/** The shared job lives in the core (src/core/job.ts); the UI and the Office adapter import it from here. */
export {
  runJob,
  runDiagnostics,
  inThreadRunner,
  type Engine,
  type EngineRunner,
  type JobOptions,
  type JobOutcome,
  type JobProgress,
  type JobSource,
  type SourceRead,
  type PreviousWorkbook,
} from '../core/index';
