// How cucumber's processes load the suite's TypeScript: swc, as ts-node did here (tsconfig.json
// "ts-node": { "swc": true }), with the same options ts-node derived from tsconfig.json — but
// without ts-node, and with each file's output cached by content.
//
// Why hand-written (30 lines) rather than ts-node or another register package:
// - ts-node loads the whole `typescript` package only to read tsconfig.json, even in
//   transpile-only mode with swc: 0.6 s of CPU in every process (`--cpu-prof`: typescript and
//   ts-node's findAndReadConfig), paid three times by `--parallel 2` (the coordinator loads the
//   step definitions too).
// - The output of every file is cached under node_modules/.cache (keyed by swc's version, the
//   options, the path and the source), so the workers reuse what the coordinator transpiled
//   and later runs transpile only what changed.
// - @swc/core is already a pinned dependency; a register package would add one for the same call.
// Type-checking stays where it was: `npm run typecheck` (tsc --noEmit) in `npm test`.
// Stack traces point at the .ts lines: the output carries an inline source map and Node applies
// it (process.setSourceMapsEnabled). Scripts and unit tests still use ts-node/register.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');

/** tsconfig.json's compilerOptions (ES2022, CommonJS, esModuleInterop, strict) as ts-node's swc transpiler maps them. */
const OPTIONS = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', noInterop: false, strictMode: true, ignoreDynamic: false },
  jsc: {
    parser: { syntax: 'typescript', tsx: false, decorators: false, dynamicImport: true },
    target: 'es2022',
    transform: { legacyDecorator: true, useDefineForClassFields: true },
    keepClassNames: true,
  },
};

const CACHE_DIR = join(__dirname, '..', 'node_modules', '.cache', 'family-album-transpiled');
const OPTIONS_DIGEST = createHash('sha256').update(`${swc.version}\0${JSON.stringify(OPTIONS)}`).digest('hex');
let cacheUsable = true;

function transpile(source, filename) {
  const key = createHash('sha256').update(OPTIONS_DIGEST).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet.
  }
  const { code } = swc.transformSync(source, { ...OPTIONS, filename });
  if (cacheUsable) {
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside and renamed, so a parallel worker never reads half a file.
      const partial = `${cached}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, cached);
    } catch {
      cacheUsable = false; // a read-only checkout: transpile every time, as ts-node did
    }
  }
  return code;
}

// A script already running under ts-node/register (npm run vocabulary, docs, bench) keeps
// ts-node as its loader: ts-node installs source-map-support, which replaces
// Error.prepareStackTrace, and Node applies inline source maps only while that hook is its own.
// Our output would then report generated lines, and cucumber reads a step definition's line
// from `new Error().stack` (get_definition_line_and_uri.js), so "file.ts:11" would name the wrong line.
if (process[Symbol.for('ts-node.register.instance')] === undefined) {
  process.setSourceMapsEnabled(true);
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(transpile(readFileSync(filename, 'utf8'), filename), filename);
  };
}
