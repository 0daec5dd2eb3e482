// cucumber loads a custom snippet syntax with import(), which cannot read TypeScript: this shim
// requires the TypeScript module through the .ts loader cucumber.js registers (requireModule:
// support/transpile.cjs) before it loads any snippet syntax; elsewhere it falls back to ts-node. See snippet-syntax.ts.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./snippet-syntax.ts').default;
