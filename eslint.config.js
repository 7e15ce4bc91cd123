// Lint with type information: typescript-eslint's strict and stylistic type-checked sets.
// The project service finds the right tsconfig per file, so src/ui is checked against the DOM
// (src/ui/tsconfig.json) and everything else against Node (tsconfig.json).
// Import cycles and the layer map are not here: dependency-cruiser owns them (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['test/**/*.ts', 'src/**/*.test.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'bench/.work/**'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Files outside every tsconfig (configs, bin/, examples/) are checked with the root compiler options.
        projectService: {
          allowDefaultProject: ['*.js', '*.cjs', 'bin/*.js', 'bench/lib/*.mjs', 'examples/*.ts'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // noUncheckedIndexedAccess is on: `xs[i]!` is the honest way to say an index is in range;
      // banning it only moves the same claim into `as` casts or dead branches.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Store and transport methods are async to satisfy Promise-returning interfaces over
      // synchronous drivers (better-sqlite3); dropping `async` would turn a thrown error into a
      // synchronous throw and change behaviour.
      '@typescript-eslint/require-await': 'off',
      // `() => void` callbacks in shorthand (`el.onclick = () => render()`) are clear; returning a
      // void call from a block body or nesting it in an expression stays forbidden.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `||` on a string or number is deliberate where '' or 0 means "not set" (empty env vars,
      // WeCom's `limit: 0`); `??` is still required for every other type.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true, number: true } }],
      // An AbortSignal's reason is `any`, and fetch rejects with it unchanged; so does nodeHttpFetch.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true }],
      // `[...text].length` counts code points, which is how WeCom and JSON Schema count characters;
      // spreading Maps, Promises or class instances stays forbidden.
      '@typescript-eslint/no-misused-spread': ['error', { allow: ['string'] }],
      // The event validators reject control characters on purpose; the rule cannot tell that from a typo.
      'no-control-regex': 'off',
      // Numbers and booleans in template strings are how the CLI and errmsg texts are written;
      // objects and nullish values stay forbidden.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `_`-prefixed names mark parameters a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      // Tests read replies as untyped JSON (`res.json()` is `any`) and check their shape with
      // expect(); typing each reply first would restate the very wire types under test.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain JS files have no types to check against.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // A CommonJS jest example shows require() on purpose, and jest provides its globals at run time.
    files: ['examples/*.test.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: Object.fromEntries(['describe', 'test', 'expect', 'beforeAll', 'beforeEach', 'afterAll'].map((name) => [name, 'readonly'])),
    },
  },
);
