import {
  readerFallbackNotice,
  resolveSettings,
  settingsJsonWithTable,
  settingsToJson,
  isCellData,
  type Settings,
  type CellInput,
  type CellScalar,
  type TableDef,
  type WorkbookInput,
} from '../core/index';
import { withDepartmentFiles, type DepartmentFile } from '../ui/departmentFiles';
import type { EngineRunner } from '../ui/engineRunner';
import type { CellExcerpt, LoadedSettings, PreviousFile, SheetTop, WorkbookHost } from '../ui/host';
import { readPreviousFile } from '../ui/previous';
import type { Engine, JobSource } from '../ui/job';
import { runJob } from '../ui/job';
import { T } from '../ui/strings';
import { readXlsx, type ReadXlsxResult } from '../xlsx/readXlsx';
import { writeOutputFile } from '../xlsx/writeOutputFile';

/**
 * The task pane outside Office: the same engine run on an .xlsx file opened in the page. Nothing
 * leaves the browser; the result is a new workbook (the file plus the output sheets) to download.
 */

const STORAGE_KEY = 'kaikaku-shukei.settings';
const EXCERPT_RADIUS = 2;

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export class PreviewHost implements WorkbookHost {
  readonly kind = 'preview' as const;
  private file: OpenedFile | null = null;
  private lastInput: WorkbookInput | null = null;
  /** Why ExcelJS read the last file instead of the streaming reader (readerFallbackNotice says it). */
  readerFallback: string | null = null;
  private output: { readonly name: string; readonly bytes: Uint8Array } | null = null;
  private memorySettings: string | null = null;
  private readonly engine: Engine;
  private readonly storage: Storage | null;
  private readonly runner: EngineRunner | undefined;

  constructor(engine: Engine, storage: Storage | null = safeLocalStorage(), runner?: EngineRunner) {
    this.engine = engine;
    this.storage = storage;
    this.runner = runner;
  }

  open(file: OpenedFile): void {
    this.file = file;
    this.output = null;
    this.lastInput = null;
  }

  get fileName(): string | null {
    return this.file?.name ?? null;
  }

  /** The workbook written by the last run, ready to download. */
  get result(): { readonly name: string; readonly bytes: Uint8Array } | null {
    return this.output;
  }

  async loadSettings(): Promise<LoadedSettings> {
    const json = this.readStored();
    try {
      return { settings: resolveSettings(json) };
    } catch (problem) {
      return { settings: resolveSettings(null), problem };
    }
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.store(settingsToJson(settings));
  }

  async saveTable(def: TableDef): Promise<void> {
    this.store(settingsJsonWithTable(this.readStored(), def));
  }

  /** The opened file's sheets, top rows only (the header row is near the top). */
  async sheetTops(rows: number): Promise<readonly SheetTop[]> {
    const file = this.file;
    if (!file) return [];
    const input = this.lastInput ?? (await readXlsx(file.bytes, { name: file.name })).input;
    this.lastInput = input;
    return input.sheets
      .filter((s) => (s.visibility ?? 'visible') === 'visible')
      .map((s) => ({
        name: s.name,
        rows: excerptRows(s.cells, 0, 0, Math.min(rows, s.cells.length) - 1, widest(s.cells, rows) - 1),
      }));
  }

  private store(json: string): void {
    this.memorySettings = json;
    try {
      this.storage?.setItem(STORAGE_KEY, json);
    } catch {
      // Storage may be full or forbidden (file:// pages, private windows): the session copy is kept.
    }
  }

  async run(
    onProgress: Parameters<WorkbookHost['run']>[0],
    previousFile?: PreviousFile | null,
    departmentFiles: readonly DepartmentFile[] = [],
  ) {
    const file = this.file;
    if (!file) throw new Error('No file opened');
    const previous = previousFile ? await readPreviousFile(previousFile) : null;
    let opened: ReadXlsxResult | null = null;
    const source: JobSource = {
      read: async (progress) => {
        progress(0, 1);
        const read = await readXlsx(file.bytes, { name: file.name });
        opened = read;
        this.lastInput = read.input;
        this.readerFallback = read.fallback ?? null;
        // No notice area in the pane yet: the page's console says it, as the command line does.
        if (read.fallback !== undefined) console.info(readerFallbackNotice(read.fallback, 'ja'));
        progress(1, 1);
        return {
          workbook: read.input,
          existing: read.existing,
          storedSettings: this.readStored(),
        };
      },
      write: async (plan) => {
        if (!opened) throw new Error('write before read');
        // The command line's write: into the user's package as it is, ExcelJS only as the fallback.
        const { bytes } = await writeOutputFile(file.bytes, plan, {
          ...(opened.excel ? { workbook: opened.excel } : {}),
          name: file.name,
        });
        this.output = { name: T.downloadName(file.name), bytes };
      },
    };
    return runJob(withDepartmentFiles(source, departmentFiles, file.name), this.engine, {
      resolveStored: (json) => resolveSettings(json),
      onProgress,
      ...(this.runner ? { runner: this.runner } : {}),
      ...(previous ? { previous } : {}),
    });
  }

  async select(at: Parameters<WorkbookHost['select']>[0], to?: Parameters<WorkbookHost['select']>[1]) {
    const sheet = this.lastInput?.sheets.find((s) => s.name === at.sheet);
    if (!sheet) return null;
    return excerpt(sheet.cells, at.sheet, at, to ?? at);
  }

  private readStored(): string | null {
    try {
      return this.storage?.getItem(STORAGE_KEY) ?? this.memorySettings;
    } catch {
      return this.memorySettings;
    }
  }
}

export function excerpt(
  cells: ReadonlyArray<ReadonlyArray<CellInput>>,
  sheet: string,
  from: { readonly row: number; readonly col: number },
  to: { readonly row: number; readonly col: number },
): CellExcerpt {
  const top = Math.max(0, from.row - EXCERPT_RADIUS);
  const left = Math.max(0, from.col - EXCERPT_RADIUS);
  const bottom = Math.max(from.row, to.row) + EXCERPT_RADIUS;
  const right = Math.min(Math.max(from.col, to.col) + EXCERPT_RADIUS, left + 8);
  return {
    sheet,
    top,
    left,
    rows: excerptRows(cells, top, left, bottom, right),
    focus: {
      top: from.row,
      left: from.col,
      bottom: Math.max(from.row, to.row),
      right: Math.max(from.col, to.col),
    },
  };
}

function excerptRows(
  cells: ReadonlyArray<ReadonlyArray<CellInput>>,
  top: number,
  left: number,
  bottom: number,
  right: number,
): CellScalar[][] {
  const rows: CellScalar[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: CellScalar[] = [];
    for (let c = left; c <= right; c++) row.push(scalar(cells[r]?.[c]));
    rows.push(row);
  }
  return rows;
}

/** Columns used in the first `rows` rows. */
function widest(cells: ReadonlyArray<ReadonlyArray<CellInput>>, rows: number): number {
  let width = 0;
  for (let r = 0; r < Math.min(rows, cells.length); r++) width = Math.max(width, cells[r]?.length ?? 0);
  return width;
}

function scalar(cell: CellInput): CellScalar {
  if (cell === undefined) return null;
  if (isCellData(cell)) return cell.error ?? cell.value;
  return cell;
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}
