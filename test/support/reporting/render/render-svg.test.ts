import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderConversationSvg, wrap } from '../../../../support/reporting/render/render-svg';
import { Transcript } from '../../../../support/reporting/render/transcript';
import { solidPng } from '../../../../scripts/png';
import { sampleTranscript } from './conversation-fixture';

test('the chat rendering inlines every photo and shows texts, buttons, presses, edits and deletions', () => {
  const svg = renderConversationSvg(sampleTranscript().events, { title: 'Bob gets a photo' });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="\d+"/);
  assert.equal(svg.match(/<image /g)?.length, 3);
  assert.equal(svg.match(/href="data:image\/png;base64,/g)?.length, 3);
  for (const text of ['Welcome to the family album!', 'Get a photo', 'Show album', 'Alice pressed', '(edited)', 'bot deleted its message to Alice', 'forwarded from Alice', 'The album is empty', 'Alice, Bob and the bot']) {
    assert.ok(svg.includes(text), `missing ${text}`);
  }
  assert.ok(!/(?:src|href)="(?!data:)/.test(svg), 'nothing external is referenced');
});

test('text is escaped and control characters dropped, so the SVG stays well-formed', () => {
  const svg = renderConversationSvg(new Transcript().userSent('Alice', { text: '<b>&"\'\u0001' }).events);
  assert.ok(svg.includes('&lt;b&gt;&amp;&quot;&apos;'));
  assert.ok(!svg.includes('\u0001'));
});

test('a photo keeps its aspect ratio; one without bytes is a labelled placeholder', () => {
  const tall = renderConversationSvg(new Transcript().botSent('Bob', { photos: [{ bytes: solidPng(100, 200, [0, 0, 0]) }] }).events);
  assert.match(tall, /<image x="\d+" y="\d+" width="130" height="260"/);
  const placeholder = renderConversationSvg(new Transcript().botSent('Bob', { photos: [{ name: 'snowman.png' }] }).events);
  assert.ok(placeholder.includes('photo: snowman.png') && !placeholder.includes('<image'));
});

test('long text wraps at word boundaries and long words are cut', () => {
  assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(wrap('abcdefghijkl', 5), ['abcde', 'fghij', 'kl']);
});

test('a secret is masked before the chat wraps it across lines', async () => {
  const { conversationAttachments } = await import('../../../../support/reporting/render/attachments');
  const token = '7654321:AAFakeTokenForTheReportsTest_0123456789x';
  const { image, text } = conversationAttachments(new Transcript().userSent('Alice', { text: `my token is ${token}` }).events, `About ${token}`);
  const svg = image.data.toString('utf8');
  for (const piece of ['7654321', 'AAFakeToken', '0123456789x']) {
    assert.ok(!svg.includes(piece) && !text.data.includes(piece), `no piece of the token (${piece}) remains`);
  }
  assert.ok(svg.includes('[masked bot token]'));
});
