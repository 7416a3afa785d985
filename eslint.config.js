// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
