// The linter: ESLint's and typescript-eslint's recommended rules, nothing about style (tsc
// --strict and review cover the rest). `npm run lint`; `npm test` runs it before the unit tests.
// Syntax only, without type information, so the whole tree takes seconds.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'reports/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs' },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import x = require('…')` is TypeScript's typed CommonJS import; plain require() stays flagged.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // A `let` first read in a callback defined before its one assignment (a timer the callback clears).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The scripts and configs that Node runs as they are: CommonJS JavaScript.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Decoded TL objects: the telegram package types requests only by class, and the MTProto
    // core dispatches on a decoded object before it knows which class it is.
    files: ['src/emulator/mtproto/codec.ts', 'src/emulator/mtproto/handler.ts', 'src/emulator/mtproto/handshake.ts', 'src/emulator/mtproto/session.ts',
      'src/emulator/mtproto/tl/compile.ts', 'src/emulator/mtproto/tl/layer-codec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests reach into libraries' internals (GramJS's handshake, grammY's transformers).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
