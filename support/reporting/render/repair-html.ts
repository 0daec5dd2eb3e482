/**
 * Rebuilds cucumber's HTML and JUnit reports from the run's messages when a file was cut short: a
 * process that exits before cucumber's formatters finish (e.g. an exit hook calling
 * `process.exit`) leaves `cucumber.html` without its closing script (the page shows nothing) or
 * `junit.xml` empty. The messages hold the same run, so the report is written again with the very
 * formatter cucumber uses (resolved from cucumber's own dependencies, so the versions match).
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
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

/** True when the JUnit report was written to its end. */
export function isCompleteJunit(xml: string): boolean {
  return /<\/testsuite>\s*$/.test(xml) || /<testsuite\b[^>]*\/>\s*$/.test(xml);
}

/** One of cucumber's own formatter packages, as cucumber itself resolves it. */
function cucumberFormatter<T>(name: string): T {
  const cucumberDir = dirname(require.resolve('@cucumber/cucumber/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(name, { paths: [cucumberDir] })) as T;
}

export function rebuildJunitXml(ndjsonPath: string, xmlPath: string): void {
  writeFileSync(xmlPath, junitXmlOf(parseMessages(readFileSync(ndjsonPath, 'utf8'))));
}

/** The JUnit report of a run's messages, as cucumber's `junit` formatter writes it. */
export function junitXmlOf(envelopes: readonly unknown[]): string {
  type Printer = { update(envelope: unknown): void };
  const { JUnitXmlPrinter } = cucumberFormatter<{ JUnitXmlPrinter: new (options: object, write: (text: string) => void) => Printer }>(
    '@cucumber/junit-xml-formatter/dist/JUnitXmlPrinter',
  );
  let xml = '';
  const printer = new JUnitXmlPrinter({}, (text) => (xml += text));
  for (const envelope of envelopes) printer.update(envelope);
  return xml;
}

export async function rebuildCucumberHtml(ndjsonPath: string, htmlPath: string): Promise<void> {
  await writeCucumberHtml(parseMessages(readFileSync(ndjsonPath, 'utf8')), htmlPath);
}

/** Writes cucumber's HTML report of a run's messages, as its `html` formatter does. */
export async function writeCucumberHtml(envelopes: readonly unknown[], htmlPath: string): Promise<void> {
  const { CucumberHtmlStream } = cucumberFormatter<{ CucumberHtmlStream: new () => NodeJS.ReadWriteStream }>('@cucumber/html-formatter');
  await pipeline(Readable.from(envelopes), new CucumberHtmlStream(), createWriteStream(htmlPath));
}
