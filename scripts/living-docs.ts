/**
 * Writes the living documentation, `reports/index.html`, from a run's `reports/messages.ndjson`,
 * after masking secrets in every report the run wrote (cucumber.html, junit.xml, messages.ndjson).
 *
 *   npm run docs                        # reports/ of the last run
 *   npm run docs -- --reports some/dir  # another run's reports
 *
 * `npm run test:features` runs it after cucumber (scripts/run-features.js), whatever the result.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderLivingDocs } from '../support/reporting/render/living-docs';
import { registerSecretsFromEnvironment } from '../support/reporting/render/mask';
import { REPORT_FILES, maskReportFiles } from '../support/reporting/render/mask-reports';
import { isCompleteHtml, isCompleteJunit, isCompleteRun, rebuildCucumberHtml, rebuildJunitXml } from '../support/reporting/render/repair-html';
import { buildRunView, parseMessages } from '../support/reporting/render/run-model';

const USAGE = 'Usage: living-docs [--reports <dir>] [--title <title>]';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value. ${USAGE}`);
  return value;
}

export async function writeLivingDocs(reportsDir: string, title?: string): Promise<string> {
  const messagesPath = join(reportsDir, REPORT_FILES.messages);
  if (!existsSync(messagesPath)) {
    throw new Error(
      `${messagesPath} does not exist: run the features first (npm run test:features), whose message ` +
        `formatter writes it (cucumber.js: 'message:reports/messages.ndjson').`,
    );
  }
  registerSecretsFromEnvironment();
  const htmlPath = join(reportsDir, REPORT_FILES.html);
  const messages = readFileSync(messagesPath, 'utf8');
  if (existsSync(htmlPath) && !isCompleteHtml(readFileSync(htmlPath, 'utf8')) && isCompleteRun(messages)) {
    console.error(`${htmlPath} was cut short (the process exited before cucumber finished it): rebuilding it from ${REPORT_FILES.messages}.`);
    await rebuildCucumberHtml(messagesPath, htmlPath);
  }
  const junitPath = join(reportsDir, REPORT_FILES.junit);
  if (existsSync(junitPath) && !isCompleteJunit(readFileSync(junitPath, 'utf8')) && isCompleteRun(messages)) {
    console.error(`${junitPath} was cut short: rebuilding it from ${REPORT_FILES.messages}.`);
    rebuildJunitXml(messagesPath, junitPath);
  }
  maskReportFiles(reportsDir);
  const run = buildRunView(parseMessages(readFileSync(messagesPath, 'utf8')));
  const out = join(reportsDir, 'index.html');
  writeFileSync(out, renderLivingDocs(run, { title }));
  return out;
}

async function main(): Promise<void> {
  try {
    const args = process.argv.slice(2);
    const unknown = args.filter((arg, i) => arg.startsWith('--') && !['--reports', '--title'].includes(arg) && !['--reports', '--title'].includes(args[i - 1]));
    if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(', ')}. ${USAGE}`);
    const out = await writeLivingDocs(option(args, '--reports') ?? 'reports', option(args, '--title') ?? 'Family Album bot — living documentation');
    console.log(`Living documentation: ${relative(process.cwd(), out) || out}`);
  } catch (error) {
    console.error(`living-docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
