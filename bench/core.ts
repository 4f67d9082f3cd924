/**
 * The core's part of the bench (issue 10 item 6): analyze() + planOutput() on a generated workbook,
 * against its floor measured in the same process, with the memory the analysis and the plan hold.
 *
 *   floor   one pass over the same cells in which each string is trimmed and normalised once (the
 *           labels' normalisation, normalizeLabel) and looked up in a Map of every layout's label
 *           words: the least any reader of the labels must do;
 *   held    bytes the AnalysisResult and the OutputPlan keep alive, per entry: the heap after a full
 *           garbage collection with both held, less the heap after one before analyze() (the input
 *           workbook and the warm caches alive in both). Needs `node --expose-gc` (the bench's
 *           children get it); without it the figure is null.
 *
 * `tsx bench/core.ts [scale …]` measures only the core (each scale in a child process of its own).
 */
import { fork } from 'child_process';
import { analyze, planOutput } from '../src/core/engine';
import { LAYOUT_LABELS } from '../src/core/layouts/index';
import { normalizeLabel } from '../src/core/text';
import type { WorkbookInput } from '../src/core/workbook';
import { benchWorkbook, generateWorkbook } from './generator';

export interface CoreResult {
  readonly scale: number;
  readonly entries: number;
  readonly cells: number;
  readonly filledCells: number;
  /** analyze + planOutput, median of the repeats. */
  readonly seconds: number;
  readonly analyzeSeconds: number;
  readonly planSeconds: number;
  readonly entriesPerSecond: number;
  /** The floor (see above) on the same workbook in the same process, median of its repeats. */
  readonly floorSeconds: number;
  /** seconds / floorSeconds. Goal: ≤ 20. */
  readonly ratioToFloor: number;
  /**
   * The same in CPU time of the process (user + system), medians: on a machine shared with other work
   * the wall times of the core and of its floor are slowed unequally; CPU time much less so.
   */
  readonly cpuSeconds: number;
  readonly floorCpuSeconds: number;
  readonly cpuRatioToFloor: number;
  /** seconds per entry, in microseconds: flat from 1× to 10× when the core is linear. */
  readonly microsecondsPerEntry: number;
  /** Bytes the analysis and the plan hold per entry (see above); null without --expose-gc. Goal: ≤ 1024. */
  readonly heldBytesPerEntry: number | null;
  /** Of which the analysis alone (the AnalysisResult, before the plan is made). */
  readonly heldAnalysisBytesPerEntry: number | null;
  /** process.resourceUsage().maxRSS of the child, in MB. */
  readonly peakMemoryMB: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const cpu = (c0: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1e6;
};

/** Every built-in label word, normalised, for the floor's look-ups. */
function labelWords(): Map<string, number> {
  const words = new Map<string, number>();
  for (const concepts of Object.values(LAYOUT_LABELS)) {
    for (const list of Object.values(concepts)) {
      for (const w of list) words.set(normalizeLabel(w), words.size);
    }
  }
  return words;
}

/** The floor's pass; returns the number of label hits so that the work cannot be optimised away. */
export function coreFloorPass(workbook: WorkbookInput, words: ReadonlyMap<string, number>): number {
  let hits = 0;
  for (const sheet of workbook.sheets) {
    for (const row of sheet.cells) {
      if (!row) continue;
      for (const cell of row) {
        const v = cell !== null && typeof cell === 'object' ? cell.value : cell;
        if (typeof v !== 'string') continue;
        if (words.get(normalizeLabel(v.trim())) !== undefined) hits++;
      }
    }
  }
  return hits;
}

type Gc = () => void;
const gc = (globalThis as { gc?: Gc }).gc;

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

export function runCore(scale: number, repeats: number): CoreResult {
  // Warm the JIT on a small workbook of every layout first, as a user's second run would be.
  const warm = generateWorkbook({ seed: 1, sheets: 10, itemsPerSheet: 20 }).workbook;
  const words = labelWords();
  for (let i = 0; i < 3; i++) {
    planOutput(analyze(warm), [], { generatedAt: new Date() });
    coreFloorPass(warm, words);
  }

  const g = benchWorkbook(scale);
  const a: number[] = [];
  const p: number[] = [];
  const f: number[] = [];
  const ac: number[] = [];
  const fc: number[] = [];
  let entries = 0;
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = analyze(g.workbook);
    a.push(seconds(t0));
    const t1 = performance.now();
    planOutput(result, [], { generatedAt: new Date() });
    p.push(seconds(t1));
    ac.push(cpu(c0));
    entries = result.entries.length;
  }
  // The floor is fast: more repeats, interleaved after the core so that a busy moment hits both.
  for (let i = 0; i < Math.max(5, repeats); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (coreFloorPass(g.workbook, words) < 0) throw new Error('unreachable');
    f.push(seconds(t0));
    fc.push(cpu(c0));
  }
  if (entries !== g.expectedEntries) {
    throw new Error(`the engine found ${entries} entries, the generator made ${g.expectedEntries}`);
  }
  let held: number | null = null;
  let heldAnalysis: number | null = null;
  if (gc) {
    const before = heapAfterGc();
    const result = analyze(g.workbook);
    const analysed = heapAfterGc();
    const plan = planOutput(result, [], { generatedAt: new Date() });
    const after = heapAfterGc();
    // Both held to here, so the collection above could not free them.
    if (result.entries.length !== entries || plan.sheets.length === 0) throw new Error('lost the result');
    held = Math.round((after - before) / entries);
    heldAnalysis = Math.round((analysed - before) / entries);
  }
  const total = a.map((x, i) => x + p[i]!);
  const s = median(total);
  const floorSeconds = median(f);
  return {
    scale,
    entries,
    cells: g.cells,
    filledCells: g.filledCells,
    seconds: s,
    analyzeSeconds: median(a),
    planSeconds: median(p),
    entriesPerSecond: Math.round(entries / s),
    floorSeconds,
    ratioToFloor: Math.round((s / floorSeconds) * 10) / 10,
    cpuSeconds: median(ac),
    floorCpuSeconds: median(fc),
    cpuRatioToFloor: Math.round((median(ac) / median(fc)) * 10) / 10,
    microsecondsPerEntry: Math.round((s / entries) * 1e7) / 10,
    heldBytesPerEntry: held,
    heldAnalysisBytesPerEntry: heldAnalysis,
    peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Cost per entry from the smallest scale to the largest, and the goals of issue 10 item 6. */
export function coreSummary(core: readonly CoreResult[]): {
  readonly perEntryChange: number;
  readonly goals: {
    readonly coreWithin20xFloorAt10kAnd100k: boolean;
    readonly corePerEntryWithin15Percent: boolean;
    readonly coreHeldUnder1KBPerEntry: boolean;
  };
} {
  const at = (scale: number): CoreResult | undefined => core.find((c) => c.scale === scale);
  const one = at(1);
  const ten = at(10);
  const first = one ?? core[0]!;
  const last = ten ?? core[core.length - 1]!;
  const perEntry = (c: CoreResult): number => c.seconds / c.entries;
  // From 1× to 10× and every scale between: the one furthest from 1×.
  const span = core.filter((c) => c.scale >= first.scale && c.scale <= last.scale);
  const changes = span.map((c) => perEntry(c) / perEntry(first) - 1);
  const worst = changes.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);
  return {
    perEntryChange: Math.round(worst * 1000) / 1000,
    goals: {
      coreWithin20xFloorAt10kAnd100k:
        one !== undefined && ten !== undefined && one.ratioToFloor <= 20 && ten.ratioToFloor <= 20,
      corePerEntryWithin15Percent: one !== undefined && ten !== undefined && Math.abs(worst) <= 0.15,
      coreHeldUnder1KBPerEntry: core.every(
        (c) => c.heldBytesPerEntry !== null && c.heldBytesPerEntry <= 1024,
      ),
    },
  };
}

function inChild(scale: number, repeats: number): Promise<CoreResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--task', JSON.stringify({ scale, repeats })], {
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: CoreResult | null = null;
    child.on('message', (m) => void (answer = m as CoreResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`core ${scale}× exited ${code}`)),
    );
  });
}

if (require.main === module) {
  if (process.argv[2] === '--task') {
    const t = JSON.parse(process.argv[3] ?? '{}') as { scale: number; repeats: number };
    const r = runCore(t.scale, t.repeats);
    process.send!(r, () => process.exit(0));
  } else {
    void (async () => {
      const scales = process.argv.slice(2).map(Number);
      const core: CoreResult[] = [];
      for (const s of scales.length > 0 ? scales : [1, 10]) {
        const r = await inChild(s, 1);
        process.stdout.write(`${JSON.stringify(r)}\n`);
        core.push(r);
      }
      process.stdout.write(`${JSON.stringify(coreSummary(core))}\n`);
    })();
  }
}
