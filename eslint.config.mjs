// Type-aware lint for every package, tests included. The import rules keep the one-way package
// dependencies of ARCHITECTURE.md: conventions import nothing of ours; the server never imports
// examples; nothing imports the server's internals from another package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/results/**', 'scripts/**', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['packages/conventions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@lumay/*', '../../*'], message: 'conventions depend on nothing of ours' }] }],
    },
  },
  {
    files: ['packages/telemetry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lumay/*', '!@lumay/conventions', '!@lumay/test-support', '**/examples/**', '**/server/**', '**/simulator/**'], message: 'the SDK depends only on @lumay/conventions (and @lumay/test-support in tests)' }] },
      ],
    },
  },
  {
    files: ['packages/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lumay/server', '@lumay/server/*', '**/server/src/**'], message: 'the simulator talks to the plane over OTLP and HTTP only' }] },
      ],
    },
  },
  {
    files: ['examples/voice-engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lumay/*', '!@lumay/telemetry', '!@lumay/conventions', '!@lumay/test-support', '**/server/**', '**/packages/**'], message: 'the reference engine uses only @lumay/telemetry and @lumay/conventions (and @lumay/test-support in tests); it talks to the plane over OTLP and HTTP' }] },
      ],
    },
  },
  {
    files: ['packages/stack-tests/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lumay/server', '@lumay/server/*', '**/server/src/**'], message: 'the stack tests run the plane as a process and talk to it over HTTP' }] },
      ],
    },
  },
  {
    files: ['packages/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lumay/example-*', '@lumay/telemetry', '@lumay/simulator', '@lumay/cli', '**/examples/**'], message: 'the server depends only on @lumay/conventions' }] },
      ],
    },
  },
);
