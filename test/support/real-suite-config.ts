/**
 * A cucumber configuration for tests that run the real suite: the repository's own cucumber.js
 * (its default profile: support code, formatters, options) with its reports written to a temp
 * directory instead of the developer's `reports/`, and optionally other feature files and extra
 * support code. Cucumber joins `--config` to its working directory, so the path returned is
 * relative to the repository root, where the suite must run (ts-node, fixtures).
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CUCUMBER = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');

export function realSuiteConfig(dir: string, options: { paths?: string[]; require?: string[]; reportsDir: string }): string {
  const config = join(dir, 'cucumber.js');
  writeFileSync(config, `
    const real = require(${JSON.stringify(join(ROOT, 'cucumber.js'))}).default;
    const inReports = (format) => format.replace(/(^|:)reports\\//, (_, colon) => colon + ${JSON.stringify(`${options.reportsDir}/`)});
    module.exports = { default: {
      ...real,
      ${options.paths ? `paths: ${JSON.stringify(options.paths)},` : ''}
      require: [...real.require, ...${JSON.stringify(options.require ?? [])}],
      format: real.format.map(inReports),
    } };
  `);
  return relative(ROOT, config);
}
