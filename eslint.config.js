// @ts-check
// ESLint for correctness, Prettier for layout (`npm run lint`, `npm run format`). typescript-eslint's
// type-checked rules catch what matters in a service made of async handlers: promises nobody awaits, async
// functions handed to callbacks that ignore their result, switches that miss a case. They ask TypeScript
// itself for types, where Biome's own inference covers only part of these rules.
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The front doors under adapters/; each may import only its own folder, src/index.js and adapters/*.ts. */
const adapters = ['cli', 'discord', 'slack', 'terminal', 'web'];

/** Platform SDKs and servers, each owned by one adapter (Redis is shared through adapters/redis-connection.ts). */
const sdks = { discord: ['discord.js'], slack: ['@slack/*'], web: ['fastify', '@fastify/*'] };

/**
 * The dependency rule (STYLE.md §1) as `no-restricted-imports` options for one part of the tree.
 * `no-restricted-imports` sees static imports and `export … from`; test/architecture.test.ts also checks
 * dynamic imports. Later config objects replace a rule's options rather than merge them, so each part of the
 * tree gets its whole list from here.
 * @param {{ core?: boolean, minisearch?: boolean, adapter?: string, allow?: string[] }} part
 *   `adapter`: the folder under adapters/ ('' for the shared files directly in adapters/);
 *   `allow`: other adapters' folders or files (relative to adapters/) this part may import all the same.
 */
function dependencyRule({ core = false, minisearch = false, adapter = '', allow = [] }) {
  /** @type {({ group: string[], message: string } | { regex: string, message: string })[]} */
  const patterns = [];
  if (!minisearch) patterns.push({ group: ['minisearch', 'minisearch/*'], message: 'Only src/search/ imports minisearch.' });
  if (core) {
    patterns.push(
      { group: ['discord.js', '@slack/*', '@redis/*', 'dotenv', 'dotenv/*'], message: 'src/ is platform-neutral: no chat SDK, no dotenv.' },
      { regex: String.raw`^\.{1,2}/(?:.*/)?adapters(?:/|$)`, message: 'src/ never imports adapters/; adapters import src/index.js.' },
    );
    return /** @type {const} */ (['error', { patterns }]);
  }
  patterns.push({ regex: String.raw`^(?:\.\./)+src/(?!index\.js$)`, message: 'Adapters reach the core only through src/index.js.' });
  const foreign = adapters.filter((name) => name !== adapter && !allow.includes(name));
  if (foreign.length > 0) {
    const allowed = allow.map((file) => file.replaceAll('.', String.raw`\.`) + '$');
    patterns.push({
      // From adapters/x/…: ../y/… (or ../../y/… deeper down); from adapters/*.ts: ./y/….
      regex: String.raw`^\.{1,2}/(?:\.\./)*(?:adapters/)?` + allowed.map((file) => `(?!${file})`).join('') + `(?:${foreign.join('|')})/`,
      message:
        adapter === ''
          ? "A shared file in adapters/ imports no adapter's folder; adapters/main.ts is the one that starts them."
          : `adapters/${adapter}/ imports no other adapter: only its own folder, src/index.js and adapters/*.ts.`,
    });
  }
  const foreignSdks = Object.entries(sdks).flatMap(([owner, names]) => (owner === adapter ? [] : names));
  patterns.push({ group: foreignSdks, message: "A platform SDK is used only in its own adapter's folder." });
  return /** @type {const} */ (['error', { patterns }]);
}

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'bench-results/', 'tmp/', 'logs/', '.cache/']),
  {
    files: ['**/*.{ts,js}'],
    extends: [eslint.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // eslint.config.js is outside tsconfig.json's include; it is checked with the same options.
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
    rules: {
      // The rules this codebase most needs, on explicitly (strictTypeChecked has the first two already).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: 'error',

      // Object shapes are `type X = {…}` throughout (STYLE.md's sketches); enforce that instead of interfaces.
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      // `record['key']` on an index signature marks a key that may be absent (env records, raw JSON payloads).
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
      // Numbers read fine in messages (`${count} passages`); objects, arrays, null and undefined stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => logger(…)` and `return send(…)` in a void function are the house idiom for event handlers.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `text?.trim() || undefined` treats an empty string as absent on purpose.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Spreading a word into code points is what the letter keys and test alphabets want; graphemes don't matter there.
      '@typescript-eslint/no-misused-spread': ['error', { allow: ['string'] }],
      // `const { dropped: _, ...rest } = x` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],

      // Off: an `async` function with no `await` is how a synchronous body implements a Promise-returning port
      // (Bolt's app.error, the fakes); a forgotten await is caught by no-floating-promises instead.
      '@typescript-eslint/require-await': 'off',
      // Off: the regexes that mention control characters (\u0000-\u001F) are there to strip them from input.
      'no-control-regex': 'off',
    },
  },
  {
    // Off in the hot paths: indexed loops over typed arrays are measured choices there (DESIGN.md), not style.
    files: ['src/answer/**', 'src/search/**', 'src/text/**'],
    rules: { '@typescript-eslint/prefer-for-of': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      // In a test a wrong `!` throws and fails the test, which is the check wanted; src/, adapters/ and scripts/ have none.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['test/**/*.test.ts'],
    rules: {
      // vitest types its asymmetric matchers (expect.any, expect.objectContaining) as `any`; inside an expectation
      // that is their job. The other no-unsafe-* rules stay on.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-console': 'error', // the core logs through its injected Logger
      'no-restricted-imports': dependencyRule({ core: true }),
    },
  },
  { files: ['src/search/**'], rules: { 'no-restricted-imports': dependencyRule({ core: true, minisearch: true }) } },
  // adapters/main.ts starts every adapter: it is the one file that may import them all.
  { files: ['adapters/*.ts'], ignores: ['adapters/main.ts'], rules: { 'no-restricted-imports': dependencyRule({}) } },
  { files: ['adapters/main.ts'], rules: { 'no-restricted-imports': dependencyRule({ allow: adapters }) } },
  ...adapters.map((adapter) => ({
    files: [`adapters/${adapter}/**`],
    rules: {
      'no-restricted-imports': dependencyRule({
        adapter,
        // The command line prints what the terminal chat prints (text and the JSON contract), from one formatter,
        // through the terminal's one sanitizer.
        allow: adapter === 'cli' ? ['terminal/format.js', 'terminal/clean.js'] : [],
      }),
    },
  })),
  {
    // The build and test runners are plain JavaScript that runs before anything is compiled, with no types
    // to check against: the type-aware rules are off there, the rest stay on.
    files: ['scripts/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The web page's own scripts: plain JavaScript modules run by the browser, typed by JSDoc against the DOM
    // (adapters/web/public/tsconfig.json).
    files: ['adapters/web/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  prettier,
);
