// cucumber loads a custom formatter with import(), which cannot read TypeScript: this shim
// requires the TypeScript module through the .ts loader cucumber.js registers (requireModule:
// support/transpile.cjs) before it loads any formatter. See stopped-workers-formatter.ts.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./stopped-workers-formatter.ts').default;
