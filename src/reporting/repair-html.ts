/**
 * Rebuilds cucumber's HTML report from the run's messages when the file was cut short: a
 * process that exits before cucumber's formatters finish (e.g. an exit hook calling
 * `process.exit`) leaves `cucumber.html` without its closing script, and the page shows nothing.
 * The messages hold the same run, so the report is written again with the very HTML formatter
 * cucumber uses (resolved from cucumber's own dependencies, so the versions match).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseMessages } from './run-model';

/** True when the HTML report was written to its end. */
export function isCompleteHtml(html: string): boolean {
  return /<\/html>\s*$/.test(html);
}

/** True when the messages include the end of the run (cucumber wrote them to the end). */
export function isCompleteRun(ndjson: string): boolean {
  return parseMessages(ndjson).some((envelope) => 'testRunFinished' in envelope);
}

export async function rebuildCucumberHtml(ndjsonPath: string, htmlPath: string): Promise<void> {
  const cucumberDir = dirname(require.resolve('@cucumber/cucumber/package.json'));
  const formatterPath = require.resolve('@cucumber/html-formatter', { paths: [cucumberDir] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CucumberHtmlStream } = require(formatterPath) as { CucumberHtmlStream: new () => NodeJS.ReadWriteStream };
  const envelopes = parseMessages(readFileSync(ndjsonPath, 'utf8'));
  await pipeline(Readable.from(envelopes), new CucumberHtmlStream(), createWriteStream(htmlPath));
}
