/**
 * The shape of the code: adapters reach the engine through its one public module (src/core/index.ts),
 * and no module imports itself back through others (a cycle makes load order decide what is
 * undefined). Read with the TypeScript parser; imports of types only are erased, so they are not
 * edges of a cycle.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '../../src');
const CORE = path.join(SRC, 'core');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

interface Import {
  readonly target: string;
  /** False when erased at run time (import type, or every name imported as a type). */
  readonly value: boolean;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(c)) return c;
  }
  return null;
}

function importsOf(file: string): Import[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: Import[] = [];
  for (const st of sf.statements) {
    let spec: ts.Expression | undefined;
    let value = true;
    if (ts.isImportDeclaration(st)) {
      spec = st.moduleSpecifier;
      const clause = st.importClause;
      if (clause?.isTypeOnly) value = false;
      else if (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        const els = clause.namedBindings.elements;
        if (els.length > 0 && els.every((e) => e.isTypeOnly)) value = false;
      }
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
      spec = st.moduleSpecifier;
      value = !st.isTypeOnly;
    }
    if (!spec || !ts.isStringLiteral(spec)) continue;
    const target = resolve(file, spec.text);
    if (target) out.push({ target, value });
  }
  return out;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string): string => path.relative(SRC, f).split(path.sep).join('/');

/** Every run-time cycle, as the chain of files that closes it. */
function cyclesIn(nodes: readonly string[], edges: ReadonlyMap<string, readonly Import[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const i of edges.get(f) ?? []) {
      if (!i.value) continue;
      const s = state.get(i.target);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(i.target)), i.target].map(rel).join(' → '));
      else if (s === undefined) visit(i.target);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of nodes) if (!state.has(f)) visit(f);
  return cycles;
}

describe('imports', () => {
  it('reach the core from outside it only through src/core/index.ts', () => {
    const offenders: string[] = [];
    for (const [file, imports] of graph) {
      if (file.startsWith(CORE + path.sep)) continue;
      for (const i of imports) {
        if (i.target.startsWith(CORE + path.sep) && i.target !== path.join(CORE, 'index.ts')) {
          offenders.push(`${rel(file)} → ${rel(i.target)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('form no cycle at run time', () => {
    expect(cyclesIn(files, graph)).toEqual([]);
  });

  it('finds a cycle when there is one, through value imports only (the check can fail)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
    fs.writeFileSync(path.join(tmp, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
    fs.writeFileSync(
      path.join(tmp, 'b.ts'),
      "import type { a } from './a';\nimport { c } from './c';\nexport const b = c;\n",
    );
    fs.writeFileSync(path.join(tmp, 'c.ts'), "import { a } from './a';\nexport const c = 1; void a;\n");
    expect(importsOf(path.join(tmp, 'b.ts')).map((i) => [path.basename(i.target), i.value])).toEqual([
      ['a.ts', false],
      ['c.ts', true],
    ]);
    const made = ['a.ts', 'b.ts', 'c.ts'].map((f) => path.join(tmp, f));
    const madeGraph = new Map(made.map((f) => [f, importsOf(f)]));
    expect(cyclesIn(made, madeGraph).map((c) => c.split(' → ').map((f) => path.basename(f)))).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
    ]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
