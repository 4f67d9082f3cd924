import { readdirSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';

/**
 * The ExcelApi requirement sets the code in a folder needs, read the way the compiler reads it: every
 * property and method the code touches is resolved to its declaration in @types/office-js, whose
 * documentation says `[Api set: ExcelApi 1.x]` (for the member, and for any parameter it uses).
 */
export interface ApiSetScan {
  /** Highest set needed, e.g. "1.13". */
  readonly highest: string;
  /** Member name → highest set its declarations mention. */
  readonly members: ReadonlyMap<string, string>;
}

const API_SET = /\[Api set: ExcelApi (\d+)\.(\d+)\]/g;

function versionKey(v: string): number {
  const [major = '0', minor = '0'] = v.split('.');
  return Number(major) * 1000 + Number(minor);
}

export function apiSetsUsed(folder: string): ApiSetScan {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    types: ['office-js'],
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const members = new Map<string, string>();

  const record = (name: string, declaration: ts.Declaration) => {
    const source = declaration.getSourceFile();
    if (!source.fileName.includes('@types/office-js')) return;
    const docs = source.text.slice(declaration.getFullStart(), declaration.getStart());
    for (const m of docs.matchAll(API_SET)) {
      const version = `${m[1]}.${m[2]}`;
      const known = members.get(name);
      if (!known || versionKey(version) > versionKey(known)) members.set(name, version);
    }
  };

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const d of symbol?.declarations ?? []) record(node.name.text, d);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const highest = [...members.values()].reduce((a, b) => (versionKey(b) > versionKey(a) ? b : a), '1.1');
  return { highest, members };
}
