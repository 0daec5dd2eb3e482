// cucumber loads a custom formatter with import(), which cannot read TypeScript: this shim
// requires the TypeScript module through the .ts loader cucumber.js registers (requireModule:
// support/transpile.cjs) before it loads any formatter; elsewhere (a script) it falls back to ts-node. See living-docs-formatter.ts.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./living-docs-formatter.ts').default;
