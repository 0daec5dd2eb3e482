/**
 * The reports as a person sees them. A real, small cucumber run (its own features, with one
 * scenario that fails on purpose, written to a temp dir) produces cucumber.html, junit.xml and
 * messages.ndjson; the living documentation is generated from it; then headless Chromium opens
 * both pages and checks that every scenario is listed, the conversation images load, and the
 * failure is explained in plain words. Screenshots go to reports/ for a person to look at.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH); .ci/run installs it. Where
 * it is missing the test is skipped with a message saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeLivingDocs } from '../../../../scripts/living-docs';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'reports');
/** A made-up token: it must be masked in every file the run writes. */
const FAKE_TOKEN = '7654321:AAFakeTokenForTheReportsTest_0123456789x';

const FEATURES: Record<string, string> = {
  'photos.feature': `Feature: Getting a photo back
  Anyone in the family gets a random photo from the album on request.

  Scenario: Bob gets the photo Alice uploaded
    Given Alice has started the bot
    And Bob has started the bot
    When Alice uploads the photo "beach.png"
    And Bob asks for a photo
    Then Bob receives 1 photo

  Scenario: Bob asks for a photo from an empty album
    Given Bob has started the bot
    When Bob asks for a photo
    Then Bob receives 1 photo
`,
  'uploads.feature': `Feature: Keeping photos in the family album

  Scenario: An upload can be undone
    Given Alice has started the bot
    When Alice uploads the photo "garden.png"
    And Alice presses "Undo"
    And Alice asks for a photo
    Then Alice receives 0 photos

  Scenario: Secrets never reach a report
    Given Alice has started the bot
    When Alice mentions the token "${FAKE_TOKEN}" to the bot
    Then the request to "http://127.0.0.1:9/bot${FAKE_TOKEN}/getMe" fails
`,
};

const SCENARIOS = ['Bob gets the photo Alice uploaded', 'Bob asks for a photo from an empty album', 'An upload can be undone', 'Secrets never reach a report'];
const EXPLANATION = "Bob expected 1 photo but received none; the bot said 'The album is empty'.";

/**
 * Runs cucumber on `features` with the support code `require` (globs or paths), writing its
 * reports to `<dir>/reports`.
 */
function runCucumber(dir: string, features: Record<string, string>, require: string[], more: { format?: string[]; formatOptions?: object } = {}): { status: number | null; output: string } {
  mkdirSync(join(dir, 'features'), { recursive: true });
  for (const [name, text] of Object.entries(features)) writeFileSync(join(dir, 'features', name), text);
  const reports = join(dir, 'reports');
  const config = join(dir, 'cucumber.js');
  writeFileSync(
    config,
    `module.exports = { default: ${JSON.stringify({
      paths: [join(dir, 'features', '*.feature')],
      requireModule: ['ts-node/register'],
      require,
      format: ['summary', `html:${join(reports, 'cucumber.html')}`, `junit:${join(reports, 'junit.xml')}`, `message:${join(reports, 'messages.ndjson')}`, ...(more.format ?? [])],
      formatOptions: more.formatOptions ?? {},
      strict: true,
    })} };\n`,
  );
  // cucumber joins the config path to its working directory, even an absolute one.
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', relative(ROOT, config)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

async function launchChromium() {
  // playwright gives the browser a fresh temporary profile; the flags keep it off the network.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Natural sizes of the images matching `selector`, once decoded. */
async function imageSizes(page: import('playwright-core').Page, selector: string): Promise<Array<{ width: number; height: number }>> {
  return page.$$eval(selector, async (elements) => {
    const imgs = elements as Array<{ decode(): Promise<void>; naturalWidth: number; naturalHeight: number }>;
    await Promise.all(imgs.map((img) => img.decode().catch(() => undefined)));
    return imgs.map((img) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  });
}

function tempDir(t: import('node:test').TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => (process.env.KEEP_REPORTS_TEST_DIR ? console.log(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));
  return dir;
}

const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`;
if (skip) console.log(`SKIPPING the reports browser test: ${skip}`);

test('both reports of a real run list every scenario, show the conversations and explain the failure', { skip, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t, 'reports-test-');
  const run = runCucumber(dir, FEATURES, [join(ROOT, 'support', 'reporting', 'hooks.ts'), join(ROOT, 'test', 'support', 'reporting', 'render', 'fixture', 'steps.ts')]);
  assert.equal(run.status, 1, `one scenario fails on purpose, so cucumber exits 1:\n${run.output}`);
  assert.match(run.output, /4 scenarios \(2 failed, 2 passed\)/, run.output);
  const reports = join(dir, 'reports');
  await writeLivingDocs(reports, 'Reports test');

  for (const file of ['cucumber.html', 'junit.xml', 'messages.ndjson', 'index.html']) {
    const text = readFileSync(join(reports, file), 'utf8');
    assert.ok(!text.includes(FAKE_TOKEN) && !text.includes(FAKE_TOKEN.split(':')[1]), `${file} must not contain the token`);
    assert.ok(text.includes('[masked bot token]'), `${file} shows where a token was masked`);
  }
  assert.match(readFileSync(join(reports, 'junit.xml'), 'utf8'), /<testsuite [^>]*tests="4"[^>]*failures="2"/);

  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const external: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|blob|about):/.test(request.url())) external.push(request.url());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  await t.test('the living documentation', async () => {
    await page.goto(`file://${join(reports, 'index.html')}`);
    const titles = await page.locator('article.scenario h3').allTextContents();
    for (const name of SCENARIOS) assert.ok(titles.some((title) => title.includes(name)), `index.html lists "${name}"; it lists ${JSON.stringify(titles)}`);
    assert.deepEqual(await page.locator('section.capability > h2').allTextContents(), ['Getting a photo back', 'Keeping photos in the family album']);

    const images = await imageSizes(page, 'img.chat');
    assert.equal(images.length, SCENARIOS.length, 'every scenario shows its conversation');
    for (const size of images) assert.ok(size.width > 0 && size.height > 0, `a conversation image loads (${JSON.stringify(size)})`);

    const failed = page.locator('article.scenario.failed', { hasText: 'Bob asks for a photo from an empty album' });
    assert.equal((await failed.locator('p.explanation').textContent())?.trim(), EXPLANATION);
    assert.equal(await failed.locator('details.technical').getAttribute('open'), null, 'the technical detail is folded');
    await page.screenshot({ path: join(SCREENSHOTS, 'living-docs.png'), fullPage: true });

    await page.fill('#search', 'bob empty');
    assert.deepEqual(await page.locator('article.scenario:visible h3').allTextContents(), [`failed ${SCENARIOS[1]}`]);
    await page.fill('#search', '');
    await page.click('button[data-filter="failed"]');
    assert.equal(await page.locator('article.scenario:visible').count(), 2);
  });

  await t.test("cucumber's HTML report", async () => {
    await page.goto(`file://${join(reports, 'cucumber.html')}`);
    await page.waitForSelector('text=Bob asks for a photo from an empty album');
    // The conversation is attached by an After hook: cucumber folds hooks ("1 hooks") and shows
    // each image attachment in a <details>. Unfold both, as a reader would.
    const folded = page.getByRole('button', { name: /^\d+ hooks?$/ });
    for (let unfolded = 0; (await folded.count()) > 0 && unfolded < 50; unfolded++) await folded.first().click();
    await page.$$eval('details:not([open])', (elements) => elements.forEach((d) => ((d as unknown as { open: boolean }).open = true)));
    const text = (await page.textContent('body')) ?? '';
    for (const name of SCENARIOS) assert.ok(text.includes(name), `cucumber.html lists "${name}"`);
    const images = await imageSizes(page, 'img[src^="data:image/svg+xml"]');
    assert.equal(images.length, SCENARIOS.length, 'every scenario carries its conversation image');
    for (const size of images) assert.ok(size.width > 0 && size.height > 0, `an attached conversation image loads (${JSON.stringify(size)})`);
    await page.screenshot({ path: join(SCREENSHOTS, 'cucumber-report.png'), fullPage: true });
  });

  assert.deepEqual(external, [], 'neither report fetches anything from the network');
});

/** The real suite: its World, actors, embedded Telegram and bot, with one scenario failing on purpose. */
const REAL_FEATURES: Record<string, string> = {
  'sharing.feature': `Feature: Sharing photos in a family (reports test)

  Scenario: Bob gets the photo Alice uploaded
    Given Alice has started the bot
    And Bob has joined Alice's family
    When Alice uploads a photo
    And Bob asks for a photo
    Then Bob receives the photo Alice uploaded

  Scenario: Bob asks for a photo from an empty album
    Given Bob has started the bot
    When Bob asks for a photo
    Then Bob receives 1 photo

  Scenario: Carol writes a line no step knows yet
    Given Carol has started the bot
    When Carol asks for a picture
`,
};

test("a run of the real suite: the actors' conversations, photos included, reach both reports", { skip, timeout: 240_000 }, async (t) => {
  const dir = tempDir(t, 'reports-real-suite-');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = (require(join(ROOT, 'cucumber.js')) as { default: { require: string[]; formatOptions: object } }).default;
  const reports = join(dir, 'reports');
  // The living documentation as every run writes it: by the formatter cucumber.js configures.
  const run = runCucumber(dir, REAL_FEATURES, suite.require, { format: [`./support/reporting/living-docs-formatter.cjs:${join(reports, 'index.html')}`], formatOptions: suite.formatOptions });
  const messages = readFileSync(join(reports, 'messages.ndjson'), 'utf8');
  assert.match(messages, /"testRunFinished":\{[^\n]*"success":false/, `the run ends, failed:\n${run.output}`);
  assert.match(run.output, /3 scenarios \(1 failed, 1 undefined, 1 passed\)/, run.output);
  assert.match(run.output, /\/\/ Did you mean one of these\?/, 'the terminal shows "did you mean" beside the snippet');
  assert.match(readFileSync(join(reports, 'index.html'), 'utf8'), /<section id="coverage"/, 'the run itself wrote index.html, coverage included');
  await writeLivingDocs(reports, 'Reports test: the real suite');

  // The sharing scenario's chat holds both photos as real images: Alice's upload and Bob's copy.
  const attachments = messages
    .split('\n')
    .filter((line) => line.includes('"attachment"'))
    .map((line) => (JSON.parse(line) as { attachment: { fileName?: string; body: string } }).attachment);
  const chats = attachments.filter((a) => a.fileName === 'conversation.svg').map((a) => Buffer.from(a.body, 'base64').toString('utf8'));
  const transcripts = attachments.filter((a) => a.fileName === 'conversation.txt').map((a) => a.body);
  assert.equal(chats.length, 3);
  const sharing = chats.find((svg) => svg.includes('Bob gets the photo Alice uploaded'))!;
  // Alice's upload shows as the fixture she sent (PNG); Telegram (embedded too) keeps photos as
  // JPEGs of its own, so Bob's copy inlines as JPEG, still named after the fixture it shows.
  assert.equal(sharing.match(/<image [^>]*href="data:image\/png;base64,/g)?.length, 1, "Alice's photo inlined as sent");
  assert.equal(sharing.match(/<image [^>]*href="data:image\/jpeg;base64,/g)?.length, 1, "Bob's photo inlined as received, JPEG");
  const sharingText = transcripts.find((text) => text.includes('bot → Bob: [1 photo: autumn.png]'));
  assert.ok(sharingText, `a transcript shows Bob receiving the photo:\n${transcripts.join('\n')}`);
  assert.ok(sharingText.indexOf('Alice → bot: [1 photo') < sharingText.indexOf('bot → Bob: [1 photo'), 'in the order it happened');

  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`file://${join(reports, 'index.html')}`);
  assert.equal(await page.locator('article.scenario').count(), 3);
  const sizes = await imageSizes(page, 'img.chat');
  assert.equal(sizes.length, 3);
  for (const size of sizes) assert.ok(size.width > 0 && size.height > 0, `a conversation image loads (${JSON.stringify(size)})`);
  const explanation = await page.locator('article.scenario.failed', { hasText: 'Bob asks for a photo from an empty album' }).locator('p.explanation').textContent();
  assert.match(explanation ?? '', /^Bob expected 1 photo but received none; the bot said '.+'\.$/);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'living-docs-real-suite.png'), fullPage: true });

  await t.test('"did you mean" on the undefined step', async () => {
    const hint = page.locator('li.step', { hasText: 'When Carol asks for a picture' }).locator('.did-you-mean');
    assert.ok(await hint.isVisible());
    const first = await hint.locator('li').first().textContent();
    assert.match(first ?? '', /asks for a photo.*\d+ % alike/);
  });

  await t.test('the specification coverage lists every reply, command and button with the scenarios that show it', async () => {
    await page.click('nav a[href="#coverage"]');
    const coverage = page.locator('section#coverage');
    assert.ok(await coverage.isVisible());
    assert.match((await coverage.locator('p.coverage-summary').textContent()) ?? '', /^Shown by the scenarios of this run: \d+ of \d+ replies · \d+ of 8 commands · \d+ of 4 buttons\./);
    // Every reply of texts.ts has its row, shown or not.
    const { specification } = await import('../../../../support/reporting/specification');
    const rows = await coverage.locator('table.coverage-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-item')));
    const spec = specification();
    assert.deepEqual(rows, [...spec.replies.map((r) => `reply:${r.key}`), ...spec.commands.map((c) => `command:/${c.command}`), ...spec.buttons.map((b) => `button:${b.label}`)]);

    const empty = coverage.locator('tr[data-item="reply:photos.empty"]');
    assert.equal(await empty.getAttribute('class'), 'shown');
    const link = empty.locator('a', { hasText: 'Bob asks for a photo from an empty album' });
    await link.click();
    const target = page.locator(`[id="${(await link.getAttribute('href'))!.slice(1)}"]`);
    assert.match((await target.locator('h3').textContent()) ?? '', /Bob asks for a photo from an empty album/);
    assert.ok(await target.isVisible());

    assert.equal(await coverage.locator('tr[data-item="button:📷 Photo"]').getAttribute('class'), 'shown');
    assert.equal(await coverage.locator('tr[data-item="command:/start"]').getAttribute('class'), 'shown');
    const unseen = coverage.locator('tr[data-item="command:/handover"]');
    assert.equal(await unseen.getAttribute('class'), 'not-shown');
    assert.match((await unseen.textContent()) ?? '', /no scenario shows it yet/);
    assert.ok(await coverage.locator('ul.not-shown-list li[data-item="command:/handover"]').isVisible(), 'listed among what no scenario shows yet');
    await coverage.screenshot({ path: join(SCREENSHOTS, 'living-docs-coverage.png') });
  });
});
