/**
 * Rebuilds the living documentation, `index.html`, from saved messages — one run's, or several
 * shards' merged into one page — after masking secrets in every report those runs wrote
 * (cucumber.html, junit.xml, messages.ndjson). A run of the features writes index.html itself
 * (the formatter support/reporting/living-docs-formatter.ts, configured in cucumber.js).
 *
 *   npm run docs                                  # reports/ of the last run, rebuilt
 *   npm run docs -- --reports some/dir            # another run's reports
 *   npm run docs -- shard-1 shard-2 --out merged  # several shards' reports as one page (default out: reports)
 *
 * Each directory holds a run's reports (its messages.ndjson). `npm run test:features` runs this
 * after cucumber (scripts/run-features.js), whatever the result.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_TITLE, livingDocsPage } from '../support/reporting/living-docs-formatter';
import { registerSecretsFromEnvironment } from '../support/reporting/render/mask';
import { REPORT_FILES, maskReportFiles } from '../support/reporting/render/mask-reports';
import { mergeRunViews } from '../support/reporting/render/merge-runs';
import { isCompleteHtml, isCompleteJunit, isCompleteRun, rebuildCucumberHtml, rebuildJunitXml } from '../support/reporting/render/repair-html';
import { buildRunView, parseMessages, type RunView } from '../support/reporting/render/run-model';

const USAGE = 'Usage: living-docs [<reports dir>…] [--reports <dir>] [--out <dir>] [--title <title>]';
const OPTIONS = ['--reports', '--out', '--title'];

/** Masks a run's reports, repairs cut-short ones, and reads its messages. */
async function readRun(reportsDir: string): Promise<RunView> {
  const messagesPath = join(reportsDir, REPORT_FILES.messages);
  if (!existsSync(messagesPath)) {
    throw new Error(
      `${messagesPath} does not exist: run the features first (npx cucumber-js), whose message ` +
        `formatter writes it (cucumber.js: 'message:reports/messages.ndjson'), or name a directory that holds one.`,
    );
  }
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
  return buildRunView(parseMessages(readFileSync(messagesPath, 'utf8')));
}

/**
 * Writes `<out>/index.html` from the runs in `reportsDirs` (one, or several shards merged).
 * `out` defaults to the only directory, or to `reports` for several.
 */
export async function writeLivingDocs(reportsDirs: string | readonly string[], title?: string, out?: string): Promise<string> {
  const dirs = typeof reportsDirs === 'string' ? [reportsDirs] : [...reportsDirs];
  if (dirs.length === 0) throw new Error(`Name at least one directory of reports. ${USAGE}`);
  registerSecretsFromEnvironment();
  const runs: RunView[] = [];
  for (const dir of dirs) runs.push(await readRun(dir));
  const outDir = out ?? (dirs.length === 1 ? dirs[0]! : 'reports');
  mkdirSync(outDir, { recursive: true });
  const page = join(outDir, 'index.html');
  writeFileSync(page, livingDocsPage(mergeRunViews(runs), title ?? DEFAULT_TITLE));
  return page;
}

function parseArgs(args: string[]): { dirs: string[]; out?: string; title?: string } {
  const dirs: string[] = [];
  const named: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (OPTIONS.includes(arg)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value. ${USAGE}`);
      if (arg === '--reports') dirs.push(value);
      else named[arg] = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`Unknown option ${arg}. ${USAGE}`);
    } else {
      dirs.push(arg);
    }
  }
  return { dirs: dirs.length ? dirs : ['reports'], out: named['--out'], title: named['--title'] };
}

async function main(): Promise<void> {
  try {
    const { dirs, out, title } = parseArgs(process.argv.slice(2));
    const page = await writeLivingDocs(dirs, title, out);
    console.log(`Living documentation${dirs.length > 1 ? ` of ${dirs.length} runs merged` : ''}: ${relative(process.cwd(), page) || page}`);
  } catch (error) {
    console.error(`living-docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
