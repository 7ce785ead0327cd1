// ESLint flat config: typescript-eslint's type-aware recommended rules, no import cycles, and the
// project's layer boundaries (docs: ../shared/design/architecture.md) written as no-restricted-imports.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A no-restricted-imports rule forbidding imports whose path matches any of `groups`, with the reason. */
const forbid = (message, ...groups) => ['error', { patterns: [{ group: groups, message }] }];

/** Import paths that leave the engine: the page, the site, UI libraries. */
const OUTSIDE_ENGINE = ['**/components/**', '**/src/**', 'd3', 'd3-*', '@observablehq/*', 'astro', 'astro:*'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-subpath/',
      // Per-worktree production builds (npx astro build --outDir dist-<name>).
      'dist-*/',
      '.astro/',
      'node_modules/',
      'e2e/screenshots/',
      'engine/kernels/*.f64.ts',
      'engine/kernels/wasm/binary.generated.ts',
      // AssemblyScript (compiled by engine/kernels/wasm/build.mjs), not TypeScript: its own types and decorators.
      'engine/kernels/wasm/assembly/',
      '**/*.astro',
      '**/*.mdx',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })],
    },
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      eqeqeq: ['error', 'always'],
      // Prettier wraps code at 120; this catches the long strings and comments it cannot wrap.
      'max-len': [
        'error',
        // A lone quoted address with its query (a test's widget state) reads better whole.
        { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: "^\\s*'[^' ]*\\?[^' ]*',?$" },
      ],
    },
  },
  {
    // TypeScript checks names itself; plain JS files (configs, scripts) run in Node.
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Imports .astro components, whose types the type-aware linter cannot see (astro check covers them).
    files: ['components/widgets/registry.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Scripts, configs and the bench run in Node with loose JSON; tests poke at internals on purpose.
    files: ['**/*.mjs', '**/*.js', 'scripts/**', 'bench/**', '**/*.test.ts', 'e2e/**', '**/testing/**'],
    rules: {
      // Test doubles and bench contestants implement async interfaces with synchronous bodies.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The engine runs unchanged in Node, a Worker and the page: it imports nothing above it.
    files: ['engine/**/*.ts'],
    ignores: ['engine/worker/**'],
    rules: {
      'no-restricted-imports': forbid(
        'engine/ imports only engine/: no page code, no UI library, and no worker code outside engine/worker/.',
        ...OUTSIDE_ENGINE,
        '**/worker/**',
        './worker/*',
      ),
    },
  },
  {
    // The worker is part of the engine: it may import the engine, never the page.
    files: ['engine/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'engine/worker imports only engine/: no page code or UI library.',
        ...OUTSIDE_ENGINE,
      ),
    },
  },
  {
    // Training tasks are pure: the worker drives them, they never reach back into it.
    files: ['engine/train/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'engine/train never imports the worker (the worker drives the tasks) nor anything outside engine/.',
        ...OUTSIDE_ENGINE,
        '**/worker/**',
      ),
    },
  },
  {
    // Charts are data in, node out: they know nothing of the widgets that use them.
    files: ['components/charts/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid('components/charts never imports a widget.', '**/widgets/**'),
    },
  },
);
