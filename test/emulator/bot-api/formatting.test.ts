import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BotApiError } from '../../../src/emulator/bot-api/errors';
import { parseFormatted } from '../../../src/emulator/bot-api/formatting';

function fails(source: string, mode: string): string {
  try {
    parseFormatted(source, mode);
  } catch (error) {
    assert.ok(error instanceof BotApiError);
    return error.description;
  }
  throw new Error(`expected ${JSON.stringify(source)} (${mode}) to be refused`);
}

describe('parse_mode HTML', () => {
  it('nests tags, decodes character references and counts UTF-16 offsets', () => {
    const { text, entities } = parseFormatted('😀 <b>a <i>b</i></b> &lt;3 &#33; &unknown;', 'HTML');
    assert.equal(text, '😀 a b <3 ! &unknown;');
    assert.deepEqual(entities, [
      { type: 'bold', offset: 3, length: 3 },
      { type: 'italic', offset: 5, length: 1 },
    ]);
  });

  it('knows pre with a language, spoilers, blockquotes, mentions by id and custom emoji', () => {
    const { text, entities } = parseFormatted(
      '<pre><code class="language-ts">x</code></pre><tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span><blockquote expandable>q</blockquote><a href="tg://user?id=42">me</a><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
      'HTML',
    );
    assert.equal(text, 'xstqme👍');
    assert.deepEqual(entities, [
      { type: 'pre', offset: 0, length: 1, language: 'ts' },
      { type: 'spoiler', offset: 1, length: 1 },
      { type: 'spoiler', offset: 2, length: 1 },
      { type: 'expandable_blockquote', offset: 3, length: 1 },
      { type: 'text_mention', offset: 4, length: 2, userId: 42 },
      { type: 'custom_emoji', offset: 6, length: 2, customEmojiId: '5368324170671202286' },
    ]);
  });

  it('refuses malformed markup as Telegram words it', () => {
    assert.equal(fails('<b>x</i>', 'HTML'), `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`);
    assert.equal(fails('x</b>', 'HTML'), "Bad Request: can't parse entities: Unexpected end tag at byte offset 1");
    assert.equal(fails('<b', 'HTML'), "Bad Request: can't parse entities: Unclosed start tag at byte offset 0");
    assert.equal(fails('ü <div>', 'HTML'), `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 3`);
    assert.equal(fails('<span>x</span>', 'HTML'), `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`);
  });
});

describe('parse_mode MarkdownV2', () => {
  it('parses entities, escapes, pre with language, links and blockquotes', () => {
    const { text, entities } = parseFormatted('*b _i_*\n```js\ncode * here\n```\n[a\\]](https://x.org/\\))\n>quoted\n>more\nafter', 'MarkdownV2');
    assert.equal(text, 'b i\ncode * here\n\na]\nquoted\nmore\nafter');
    assert.deepEqual(entities, [
      { type: 'bold', offset: 0, length: 3 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'pre', offset: 4, length: 12, language: 'js' },
      { type: 'text_link', offset: 17, length: 2, url: 'https://x.org/)' },
      { type: 'blockquote', offset: 20, length: 11 },
    ]);
  });

  it('refuses unescaped reserved characters and unclosed entities', () => {
    assert.equal(fails('1-2', 'MarkdownV2'), "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'");
    assert.equal(fails('_open', 'MarkdownV2'), "Bad Request: can't parse entities: Can't find end of Italic entity at byte offset 0");
    assert.equal(fails('`code', 'MarkdownV2'), "Bad Request: can't parse entities: Can't find end of Code entity at byte offset 0");
  });
});

describe('parse_mode Markdown (legacy) and unknown modes', () => {
  it('parses the legacy subset', () => {
    assert.deepEqual(parseFormatted('*b* _i_ `c` [l](https://x.org)', 'Markdown'), {
      text: 'b i c l',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'code', offset: 4, length: 1 },
        { type: 'text_link', offset: 6, length: 1, url: 'https://x.org' },
      ],
    });
  });

  it('refuses an unknown parse_mode', () => {
    assert.equal(fails('x', 'BBCode'), 'Bad Request: unsupported parse_mode');
  });
});
