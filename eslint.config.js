// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import fs from 'node:fs';
import importCycles from './eslint-rules/no-import-cycle.js';

/**
 * Module boundaries of the house style (docs: ARCHITECTURE.md, "Boundaries").
 * Each entry forbids a layer from importing the layers above it.
 */
const layer = (/** @type {string[]} */ names) =>
  names.flatMap((name) => [`**/${name}/**`, `**/${name}`, `#${name}/**`]);

const upward = {
  domain: [
    ...layer([
      'storage',
      'engine',
      'features',
      'http',
      'jobs',
      'cli',
      'integrations',
      'signing',
      'documents',
    ]),
    'pg',
    'kysely',
    '@electric-sql/pglite',
    'hono',
    'hono/*',
    'node:fs',
    'node:fs/promises',
    'node:http',
    'pino',
  ],
  storage: layer([
    'engine',
    'features',
    'http',
    'jobs',
    'cli',
    'integrations',
    'signing',
    'documents',
  ]),
  integrations: layer(['engine', 'features', 'http', 'jobs', 'cli']),
  signing: layer(['engine', 'features', 'http', 'jobs', 'cli']),
  documents: layer(['engine', 'features', 'http', 'jobs', 'cli']),
  // The application engine's core (load, run a command, record events): below every use case.
  engine: layer(['features', 'http', 'jobs', 'cli']),
  features: layer(['http', 'jobs', 'cli']),
  jobs: layer(['http', 'cli']),
  http: ['**/*.repository', '**/*.repository.js', '**/storage/migrations/**'],
};

/**
 * Boundaries between folders that a pattern per layer cannot say (ARCHITECTURE.md, "Modules";
 * house style, "One composition root"): http builds the application from the dependencies it
 * is given and never reaches the jobs or the command line; the registry adapters never reach
 * the signing code; a feature area does not reach into a workspace's area.
 */
const featureAreas = fs
  .readdirSync(new URL('src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const workspaceAreas = [
  'admin',
  'back-office',
  'cabinet',
  'front-office',
  'kindergarten',
  'portal',
];
const restrictedPaths = [
  {
    target: './src/http',
    from: ['./src/jobs', './src/cli'],
    message: 'http is built from the dependencies it is given: jobs and the CLI compose it.',
  },
  {
    target: './src/integrations',
    from: ['./src/signing', './src/documents', './src/features'],
    message: 'Registry adapters import config, domain and storage only.',
  },
  ...workspaceAreas.map((area) => ({
    target: featureAreas
      .filter((other) => other !== area && other !== 'demo')
      .map((other) => `./src/features/${other}`),
    from: `./src/features/${area}`,
    message: `Only the ${area} area (and the demo seed) imports the ${area} use cases; a rule both need belongs in the domain or the engine.`,
  })),
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'data/**', 'artifacts/**', 'coverage/**', 'node_modules/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX, local: importCycles },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // No import cycle, type-only imports included (issue 15: AppEnv once tied 59 files).
      'local/no-import-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: restrictedPaths }],
    },
  },
  {
    // One page convention (issue 15): a page's loader, view and action stay small.
    files: ['src/http/**/*.ts', 'src/http/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...Object.entries(upward).map(([name, patterns]) => ({
    files: [`src/${name}/**/*.ts`, `src/${name}/**/*.tsx`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: patterns,
              message: `The ${name} layer must not import this module (house style: module boundaries).`,
            },
          ],
        },
      ],
    },
  })),
  {
    // The domain is pure: "now" is passed in, never read from the wall clock.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain is pure: take the current instant as a parameter.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain is pure: take the current instant as a parameter.',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'The domain is pure: configuration is passed in.',
        },
      ],
    },
  },
);
