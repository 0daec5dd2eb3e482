// cucumber loads a custom formatter with import(), which cannot read TypeScript: this shim
// requires the TypeScript module through ts-node, which cucumber.js registers (requireModule)
// before it loads any formatter. See living-docs-formatter.ts.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./living-docs-formatter.ts').default;
