// Cucumber configuration. Profiles are picked with `npx cucumber-js --profile <name>`.
//
// The suite's TypeScript is transpiled by swc (support/transpile.cjs: no type-checking, no
// TypeScript package loaded, output cached): type-checking every worker would cost ~1 s per
// process, so `npm test` type-checks once with `tsc --noEmit`. Code that still loads ts-node
// (a script a step runs) stays in transpile-only mode.
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';

/** Loaded first by every profile: nothing may print before the console is masked. */
const CONSOLE_MASKING = 'support/reporting/render/mask-console.ts';

const common = {
  // No `paths`: cucumber's default is features/**/*.feature, and leaving it unset lets
  // `npx cucumber-js features/x.feature:12` run just that (configured paths would be merged in).
  requireModule: [require.resolve('./support/transpile.cjs')],
  // The suite's entry points, in this order on purpose: the console masking first (in the
  // coordinator and every worker, before any formatter or hook can print a secret), then the World and parameter types,
  // then the lifecycle hooks, then the reporting hooks. Cucumber runs After hooks in reverse
  // order of definition, so the reporting hook attaches each scenario's conversation (read from
  // the people's logs, its photos downloaded) before the lifecycle hooks stop its bot and drop
  // its schema. The reporting hooks also wrap every step definition, to attach a failed
  // expectation as data (one wrapper per run: setDefinitionFunctionWrapper). Everything else
  // under support/ is imported by these (nothing runs merely because a glob loaded it).
  require: [CONSOLE_MASKING, 'support/world.ts', 'support/parameter-types.ts', 'support/hooks.ts', 'support/reporting/hooks.ts', 'steps/**/*.ts'],
  // One formatter writes to the terminal (cucumber keeps only the last of those): progress-bar,
  // which ends with the failures and a summary. The others write the reports, the living
  // documentation (reports/index.html) among them, so every run writes it, --shard and
  // --parallel included; `npm run docs` rebuilds it from saved messages and masks secrets in the
  // other three.
  format: [
    // A scenario whose worker died, failed in every report below (it listens first); Ctrl-C
    // as an orderly end of a parallel run (see the file).
    './support/reporting/stopped-workers-formatter.cjs:reports/stopped-workers.txt',
    'progress-bar',
    'html:reports/cucumber.html',
    'junit:reports/junit.xml',
    'message:reports/messages.ndjson',
    './support/reporting/living-docs-formatter.cjs:reports/index.html',
  ],
  // Beside cucumber's snippet for an undefined line, the closest lines of the vocabulary ("did you mean").
  formatOptions: { snippetSyntax: './support/vocabulary/snippet-syntax.cjs' },
  strict: true,
  // End the process as soon as the run and its formatters are done. What otherwise keeps it
  // alive for up to 10 s after the summary is GramJS 2.26's keep-alive ping: `timeout()` in
  // node_modules/telegram/client/updates.js races each PingDelayDisconnect against a
  // `sleep(PING_TIMEOUT)` (10 s, a ref'd timer) that it never clears, so the last ping of every
  // client holds the event loop after the client is destroyed (measured: summary → exit 7 s on
  // a full serial run). Everything the suite starts is still stopped in AfterAll, before this.
  // scripts/run-features.js fails `npm test` when the process outlives its summary by > 1 s.
  forceExit: true,
};

/**
 * A profile whose file only sets TELEGRAM_BACKEND: loaded right after the console masking and
 * before hooks.ts, which sets the step timeout from that backend's settle default (support/settle.ts).
 */
function withProfileFile(file) {
  const [masking, ...rest] = common.require;
  return { ...common, require: [masking, file, ...rest] };
}

module.exports = {
  /** The embedded backend: an in-process Telegram and an embedded PostgreSQL. Needs nothing. */
  default: { ...common },

  /**
   * Telegram's real test DC (see support/backends/test-dc.ts for the settings it needs:
   * TELEGRAM_API_ID, TELEGRAM_API_HASH, TEST_DC_BOT_TOKENS, TEST_DC_BOT_USERNAMES).
   */
  'test-dc': withProfileFile('support/profiles/test-dc.cjs'),

  /**
   * The test-dc backend proven offline: each worker starts a twin of the test DC (the embedded
   * Telegram with faults on) and runs the test-dc code against it. Needs nothing.
   */
  'test-dc-twin': withProfileFile('support/profiles/test-dc-twin.cjs'),

  /** Continuous integration: the embedded backend on two workers, in random order (cucumber prints the seed: rerun with `--order random:<seed>`). */
  ci: { ...common, parallel: 2, order: 'random' },
};
