// @ts-check
/**
 * `no-import-cycle`: no file of `src/` may reach itself through its relative imports —
 * `import type` and `export … from` included (issue 15: a type-only cycle tied 59 files of
 * `src/http` to the file that mounts every route; `import-x/no-cycle` skips type imports).
 *
 * The graph is read from the files' text (import/export specifiers, resolved as TypeScript
 * resolves `./x.js` to `./x.ts` or `./x.tsx`) once per lint run and per file change.
 */
import fs from 'node:fs';
import path from 'node:path';

const specifierPattern =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** @type {Map<string, { mtimeMs: number; imports: string[] }>} */
const graph = new Map();

/** @param {string} from @param {string} specifier */
function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  for (const candidate of [
    `${stem}.ts`,
    `${stem}.tsx`,
    base,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** @param {string} file */
function importsOf(file) {
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const known = graph.get(file);
  if (known && known.mtimeMs === mtimeMs) return known.imports;
  const text = fs.readFileSync(file, 'utf8');
  /** @type {string[]} */
  const imports = [];
  for (const match of text.matchAll(specifierPattern)) {
    const target = resolve(file, match[1] ?? match[2]);
    if (target && /\.tsx?$/.test(target)) imports.push(target);
  }
  graph.set(file, { mtimeMs, imports });
  return imports;
}

/** The chain of files from `start` back to `goal`, or undefined when there is none. */
function findPath(/** @type {string} */ start, /** @type {string} */ goal) {
  /** @type {Map<string, string | null>} */
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = /** @type {string} */ (queue.shift());
    for (const next of importsOf(current)) {
      if (next === goal) {
        const chain = [current];
        let step = previous.get(current);
        while (step) {
          chain.unshift(step);
          step = previous.get(step);
        }
        return chain;
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid import cycles, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    /** @param {import('estree').Node & { source?: import('estree').Literal | null }} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolve(file, specifier);
      if (!target || target === file) return;
      const chain = findPath(target, file);
      if (!chain) return;
      context.report({
        node,
        messageId: 'cycle',
        data: {
          chain: [file, ...chain, file].map((step) => path.relative(root, step)).join(' → '),
        },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

export default { rules: { 'no-import-cycle': rule } };
