import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MASKS } from '../../../../support/reporting/render/mask';
import { maskCucumberHtml, maskNdjson, maskReportFiles } from '../../../../support/reporting/render/mask-reports';
import { isCompleteHtml, isCompleteJunit, isCompleteRun, rebuildCucumberHtml, rebuildJunitXml } from '../../../../support/reporting/render/repair-html';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
const PNG_BODY = Buffer.from(`\x89PNG +1234567890 ${TOKEN}`).toString('base64');
const ENVELOPES = [
  { testStepFinished: { testStepResult: { status: 'FAILED', message: `<b> ${TOKEN}` } } },
  { attachment: { body: PNG_BODY, contentEncoding: 'BASE64', mediaType: 'image/png' } },
  { testRunFinished: { success: false, timestamp: { seconds: 1, nanos: 0 } } },
];

test("cucumber's HTML report is masked message by message, its own code untouched", () => {
  const messages = ENVELOPES.map((e) => JSON.stringify(e).replace(/</g, '\\x3C')).join(',');
  const code = `var h="0123456789abcdef0123456789abcdef";`;
  const html = `<html><script>\nwindow.CUCUMBER_MESSAGES = [${messages}];\n</script>\n<script>${code}</script></html>`;
  const masked = maskCucumberHtml(html);
  assert.ok(!masked.includes(TOKEN));
  assert.ok(masked.includes(`\\x3Cb> ${MASKS.botToken}`), 'the message is masked and < stays escaped');
  assert.ok(masked.includes(PNG_BODY), 'image bytes are untouched');
  assert.ok(masked.includes(code), "the page's code is untouched");
});

test('messages.ndjson is masked line by line; junit.xml as text; files are rewritten in place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-reports-'));
  try {
    const ndjson = ENVELOPES.map((e) => JSON.stringify(e)).join('\n') + '\n';
    writeFileSync(join(dir, 'messages.ndjson'), ndjson);
    writeFileSync(join(dir, 'junit.xml'), `<failure message="${TOKEN}"/>`);
    assert.deepEqual(maskReportFiles(dir).sort(), ['junit.xml', 'messages.ndjson']);
    assert.equal(readFileSync(join(dir, 'junit.xml'), 'utf8'), `<failure message="${MASKS.botToken}"/>`);
    assert.equal(readFileSync(join(dir, 'messages.ndjson'), 'utf8'), maskNdjson(ndjson));
    assert.ok(!readFileSync(join(dir, 'messages.ndjson'), 'utf8').includes(`> ${TOKEN}`));
    assert.deepEqual(maskReportFiles(dir), [], 'masking twice changes nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cut-short HTML report is recognised and rebuilt from the messages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'repair-html-'));
  try {
    const ndjson = ENVELOPES.map((e) => JSON.stringify(e)).join('\n') + '\n';
    writeFileSync(join(dir, 'messages.ndjson'), ndjson);
    assert.equal(isCompleteRun(ndjson), true);
    assert.equal(isCompleteRun(ndjson.split('\n').slice(0, 2).join('\n')), false);
    assert.equal(isCompleteHtml('<html><script>window.CUCUMBER_MESSAGES = [{"a":'), false);
    await rebuildCucumberHtml(join(dir, 'messages.ndjson'), join(dir, 'cucumber.html'));
    const html = readFileSync(join(dir, 'cucumber.html'), 'utf8');
    assert.equal(isCompleteHtml(html), true);
    assert.ok(html.includes('window.CUCUMBER_MESSAGES = [{"testStepFinished"'));
    assert.equal(isCompleteJunit(''), false);
    rebuildJunitXml(join(dir, 'messages.ndjson'), join(dir, 'junit.xml'));
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    assert.match(xml, /<testsuite name="Cucumber"/);
    assert.equal(isCompleteJunit(xml), true, xml);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
