// The layer rules of eslint.config.js fire when broken, and engine/ has no import cycle, counting `import type`
// (ESLint's import-x/no-cycle skips type-only imports; this walks every specifier with TypeScript's own scanner).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** The rule ids ESLint reports for `code` as if it were the file at `path` (relative to the project). */
async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries (no-restricted-imports)', () => {
  const cases: [string, string, string][] = [
    ['the engine importing a widget helper', 'engine/random.ts', "import { el } from '../components/lib/dom';"],
    ['the engine importing d3', 'engine/random.ts', "import * as d3 from 'd3';"],
    ['the engine importing the worker', 'engine/losses.ts', "import { parseToWorker } from './worker/protocol';"],
    ['a task importing the worker', 'engine/train/trainer.ts', "import { parseToWorker } from '../worker/protocol';"],
    [
      'a chart importing a widget',
      'components/charts/lineChart.ts',
      "import { charModelUrl } from '../widgets/CharModel/state';",
    ],
    ['the worker importing page code', 'engine/worker/handler.ts', "import { el } from '../../components/lib/dom';"],
  ];
  for (const [what, path, line] of cases) {
    it(`refuses ${what}`, async () => {
      const ids = await ruleIdsFor(
        path,
        `${line}\nexport const used = [${line.match(/import (?:\* as )?\{? ?(\w+)/)?.[1]}];\n`,
      );
      expect(ids).toContain('no-restricted-imports');
    });
  }

  it('accepts the engine importing the engine', async () => {
    const ids = await ruleIdsFor(
      'engine/random.ts',
      "import { zeros } from './tensor';\nexport const used = [zeros];\n",
    );
    expect(ids).not.toContain('no-restricted-imports');
  });
});

/** Every .ts file under `dir` (tests excluded: they may import anything they test). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The import graph of `files`: each file's relative imports (value and type), resolved to files. */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec))
      .flatMap((base) => [base, `${base}.ts`, join(base, 'index.ts')].filter((p) => known.has(p)).slice(0, 1));
    graph.set(file, targets);
  }
  return graph;
}

/** The first cycle found by depth-first search, as a list of files, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('import cycles', () => {
  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', []],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull();
  });

  for (const dir of ['engine', 'components']) {
    it(`${dir}/ has none, type-only imports included`, () => {
      const cycle = findCycle(importGraph(sourceFiles(join(root, dir))));
      expect(cycle?.map((f) => relative(root, f)).join(' → ') ?? null).toBeNull();
    });
  }
});
