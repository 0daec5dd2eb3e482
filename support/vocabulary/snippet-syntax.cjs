// cucumber loads a custom snippet syntax with import(), which cannot read TypeScript: this shim
// requires the TypeScript module through ts-node, which cucumber.js registers (requireModule)
// before it loads any snippet syntax. See snippet-syntax.ts.
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
module.exports = require('./snippet-syntax.ts').default;
