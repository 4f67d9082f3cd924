/**
 * A tiny evaluator for the formulas the plan writes (COUNTIFS, SUM, IFERROR, INT, MOD, + - * /,
 * comparisons as 1 / 0 like Excel's TRUE / FALSE in arithmetic, parentheses, references),
 * so tests can check every formula against the cells the plan actually lays out, independently of
 * the cached values. The LibreOffice test checks the same with a real spreadsheet program.
 */
import { parseA1 } from '../../src/core/address';
import type { OutputPlan, PlanCell, SheetPlan } from '../../src/core/outputPlan';

type Value = number | string | null | Value[];

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly ctx: { sheet: SheetPlan; resolve: (sheet: string, row: number, col: number) => Value },
  ) {}

  parse(): Value {
    const v = this.comparison();
    if (this.i !== this.s.length) throw new Error(`trailing input at ${this.i} in ${this.s}`);
    return v;
  }

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  /** a < b, a >= b …: 1 or 0 (Excel's TRUE and FALSE count as 1 and 0 in arithmetic). */
  private comparison(): Value {
    const v = this.expr();
    const op = /^(<=|>=|<>|<|>|=)/.exec(this.s.slice(this.i))?.[1];
    if (op === undefined) return v;
    this.i += op.length;
    const a = num(v);
    const b = num(this.expr());
    const r = { '<': a < b, '>': a > b, '<=': a <= b, '>=': a >= b, '=': a === b, '<>': a !== b }[op]!;
    return r ? 1 : 0;
  }

  private expr(): Value {
    let v = this.term();
    while (this.peek() === '+' || this.peek() === '-') {
      const op = this.s[this.i++];
      const r = this.term();
      v = op === '+' ? num(v) + num(r) : num(v) - num(r);
    }
    return v;
  }

  private term(): Value {
    let v = this.atom();
    while (this.peek() === '*' || this.peek() === '/') {
      const op = this.s[this.i++];
      const r = this.atom();
      if (op === '/' && num(r) === 0) throw new DivZero();
      v = op === '*' ? num(v) * num(r) : num(v) / num(r);
    }
    return v;
  }

  private atom(): Value {
    if (this.peek() === '(') {
      this.i++;
      const v = this.comparison();
      this.expect(')');
      return v;
    }
    const rest = this.s.slice(this.i);
    const str = /^"((?:[^"]|"")*)"/.exec(rest);
    if (str) {
      this.i += str[0].length;
      return str[1]!.replace(/""/g, '"');
    }
    const n = /^\d+(\.\d+)?/.exec(rest);
    if (n) {
      this.i += n[0].length;
      return Number(n[0]);
    }
    const fn = /^([A-Z]+)\(/.exec(rest);
    if (fn) {
      this.i += fn[0].length;
      const values: Value[] = [];
      // IFERROR needs lazy evaluation of its first argument.
      if (fn[1] === 'IFERROR') {
        const start = this.i;
        let depth = 0;
        let j = start;
        for (; j < this.s.length; j++) {
          const ch = this.s[j];
          if (ch === '"') {
            j = this.s.indexOf('"', j + 1);
            continue;
          }
          if (ch === '(') depth++;
          if (ch === ')') depth--;
          if (ch === ',' && depth === 0) break;
        }
        const first = this.s.slice(start, j);
        this.i = j + 1;
        const fallback = this.comparison();
        this.expect(')');
        try {
          return new Parser(first, this.ctx).parse();
        } catch (e) {
          if (e instanceof DivZero) return fallback;
          throw e;
        }
      }
      if (this.peek() !== ')') {
        for (;;) {
          values.push(this.comparison());
          if (this.peek() === ',') {
            this.i++;
            continue;
          }
          break;
        }
      }
      this.expect(')');
      return call(fn[1]!, values);
    }
    const r = /^(?:'((?:[^']|'')+)'!)?(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?/.exec(rest);
    if (r) {
      this.i += r[0].length;
      const sheet = r[1] ? r[1].replace(/''/g, "'") : this.ctx.sheet.name;
      const a = parseA1(r[2]!)!;
      if (!r[3]) return this.ctx.resolve(sheet, a.row, a.col);
      const b = parseA1(r[3])!;
      const out: Value[] = [];
      for (let row = a.row; row <= b.row; row++)
        for (let col = a.col; col <= b.col; col++) out.push(this.ctx.resolve(sheet, row, col));
      return out;
    }
    throw new Error(`cannot parse at ${this.i}: ${rest}`);
  }

  private expect(ch: string): void {
    if (this.s[this.i] !== ch) throw new Error(`expected ${ch} at ${this.i} in ${this.s}`);
    this.i++;
  }
}

class DivZero extends Error {}

function num(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

function flat(vs: Value[]): Value[] {
  return vs.flatMap((v) => (Array.isArray(v) ? flat(v) : [v]));
}

/** COUNTIFS criterion "=text" with ~ escapes: exact, case-insensitive. Anything else is refused. */
function matches(cell: Value, crit: string): boolean {
  if (!crit.startsWith('=')) throw new Error(`criterion without "=": ${crit}`);
  const want = crit.slice(1).replace(/~([~*?])/g, '$1');
  if (/(^|[^~])[*?]/.test(crit.slice(1))) throw new Error(`unescaped wildcard in ${crit}`);
  const have = cell === null ? '' : String(cell);
  return have.toLowerCase() === want.toLowerCase();
}

function call(name: string, args: Value[]): Value {
  switch (name) {
    case 'SUM':
      return flat(args).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
    case 'COUNTIFS': {
      const pairs: [Value[], string][] = [];
      for (let i = 0; i < args.length; i += 2) pairs.push([args[i] as Value[], String(args[i + 1])]);
      const len = pairs[0]![0].length;
      for (const [range] of pairs)
        if (range.length !== len) throw new Error('COUNTIFS ranges differ in size');
      let n = 0;
      for (let k = 0; k < len; k++) if (pairs.every(([range, crit]) => matches(range[k]!, crit))) n++;
      return n;
    }
    case 'INT':
      return Math.floor(num(args[0]!));
    case 'MOD': {
      const d = num(args[1]!);
      if (d === 0) throw new DivZero();
      const n = num(args[0]!);
      return n - d * Math.floor(n / d);
    }
    default:
      throw new Error(`function ${name} not supported`);
  }
}

/** Evaluates every formula of the plan from the cells themselves; returns a map "sheet!A1" → value. */
export function evaluatePlan(plan: OutputPlan): Map<string, { value: Value; cached: number | string }> {
  const byName = new Map(plan.sheets.map((s) => [s.name, s]));
  const memo = new Map<string, Value>();
  const resolve = (sheet: string, row: number, col: number): Value => {
    const key = `${sheet}!${row},${col}`;
    if (memo.has(key)) return memo.get(key)!;
    const s = byName.get(sheet);
    if (!s) throw new Error(`unknown sheet ${sheet}`);
    const cell: PlanCell = s.rows[row]?.[col] ?? null;
    let v: Value;
    if (cell === null) v = null;
    else if (cell.kind === 'text' || cell.kind === 'link') v = cell.text;
    else if (cell.kind === 'number') v = cell.value;
    else v = new Parser(cell.formula, { sheet: s, resolve }).parse();
    memo.set(key, v);
    return v;
  };
  const out = new Map<string, { value: Value; cached: number | string }>();
  for (const s of plan.sheets) {
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell?.kind === 'formula')
          out.set(`${s.name}!${r},${c}`, { value: resolve(s.name, r, c), cached: cell.cached });
      }),
    );
  }
  return out;
}
