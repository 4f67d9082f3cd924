/**
 * Command-line arguments: `kaikaku-shukei <input.xlsx|folder>... [-o output.xlsx] [--json result.json]
 * [--config settings.json] [--year 2021|R3|令和3年度] [--locale ja|en] [--previous LAST.xlsx]
 * [--by-department DIR] [--help] [--version]`.
 */
import { parseFiscalYear } from '../core/index';

export interface CliArgs {
  /** The first input (the only one for one workbook). */
  readonly input?: string;
  /** Every input in order, when more than one is given: workbooks and folders (issue 11). */
  readonly inputs?: readonly string[];
  /** --by-department: the folder for one send-back workbook per department. */
  readonly byDepartment?: string;
  readonly output?: string;
  readonly json?: string;
  readonly config?: string;
  readonly year?: number;
  readonly locale?: 'ja' | 'en';
  /** Last year's report (or last year's output), for the comparison (issue 11). */
  readonly previous?: string;
  readonly help: boolean;
  readonly version: boolean;
}

/** A mistake on the command line; `problem` names it for the one-line message. */
export class UsageError extends Error {
  readonly problem:
    'unknownOption' | 'missingValue' | 'badYear' | 'badLocale' | 'extraArgument' | 'noInput' | 'needOutput';
  readonly arg: string;
  constructor(problem: UsageError['problem'], arg: string) {
    super(`${problem}: ${arg}`);
    this.name = 'UsageError';
    this.problem = problem;
    this.arg = arg;
  }
}

const WITH_VALUE: Readonly<
  Record<string, 'output' | 'json' | 'config' | 'year' | 'locale' | 'previous' | 'byDepartment'>
> = {
  '--by-department': 'byDepartment',
  '-o': 'output',
  '--output': 'output',
  '--json': 'json',
  '-c': 'config',
  '--config': 'config',
  '-y': 'year',
  '--year': 'year',
  '--locale': 'locale',
  '--previous': 'previous',
};

/** 2021, FY2021, R3, 令和3年度, 令和元年度, H31 → the fiscal year's Western year. */
export function parseYearArg(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (/^(19|20)\d{2}$/.test(t)) return Number(t);
  return parseFiscalYear(t);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: {
    -readonly [K in keyof CliArgs]?: CliArgs[K];
  } = {};
  const inputs: string[] = [];
  let help = false;
  let version = false;
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (!onlyFiles && raw === '--') {
      onlyFiles = true;
      continue;
    }
    if (!onlyFiles && (raw === '-h' || raw === '--help')) {
      help = true;
      continue;
    }
    if (!onlyFiles && (raw === '-v' || raw === '--version')) {
      version = true;
      continue;
    }
    if (!onlyFiles && raw.startsWith('-') && raw !== '-') {
      const eq = raw.indexOf('=');
      const flag = eq > 0 ? raw.slice(0, eq) : raw;
      const key = WITH_VALUE[flag];
      if (!key) throw new UsageError('unknownOption', raw);
      let value: string;
      if (eq > 0) value = raw.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError('missingValue', flag);
        value = next;
        i++;
      }
      if (value === '') throw new UsageError('missingValue', flag);
      if (key === 'year') {
        const y = parseYearArg(value);
        if (y === null) throw new UsageError('badYear', value);
        out.year = y;
      } else if (key === 'locale') {
        if (value !== 'ja' && value !== 'en') throw new UsageError('badLocale', value);
        out.locale = value;
      } else {
        out[key] = value;
      }
      continue;
    }
    out.input ??= raw;
    inputs.push(raw);
  }
  return { ...out, ...(inputs.length > 1 ? { inputs } : {}), help, version };
}
