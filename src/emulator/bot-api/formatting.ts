import type { EntityType, MessageEntity } from '../state';
import { badRequest, BotApiError } from './errors';

/**
 * `parse_mode`: HTML, MarkdownV2 and legacy Markdown into plain text plus entities, with the
 * real API's "Bad Request: can't parse entities: …" errors (byte offsets in UTF-8, as Telegram
 * reports them). Entity offsets and lengths are UTF-16 code units, which JS strings count.
 */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export function parseFormatted(source: string, parseMode: string): FormattedText {
  switch (parseMode.toLowerCase()) {
    case 'html':
      return new HtmlParser(source).parse();
    case 'markdownv2':
      return new MarkdownV2Parser(source).parse();
    case 'markdown':
      return parseLegacyMarkdown(source);
    default:
      throw badRequest('unsupported parse_mode');
  }
}

function cantParse(reason: string): BotApiError {
  return badRequest(`can't parse entities: ${reason}`);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8');
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
}

// ── HTML ──────────────────────────────────────────────────────────────────────────────────

const HTML_TAGS: Record<string, EntityType> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler', span: 'spoiler',
  a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};

const NAMED_CHARACTERS: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

interface OpenTag {
  name: string;
  offset: number;
  attributes: Map<string, string>;
  /** `<pre><code class="language-x">` gives the pre its language. */
  language?: string;
}

class HtmlParser {
  private text = '';
  private readonly entities: MessageEntity[] = [];
  private readonly open: OpenTag[] = [];
  private i = 0;

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const s = this.source;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '&') this.characterReference();
      else if (c === '<' && s[this.i + 1] === '/') this.endTag();
      else if (c === '<') this.startTag();
      else this.text += s[this.i++];
    }
    if (this.open.length > 0) throw cantParse(`Can't find end tag corresponding to start tag "${this.open[this.open.length - 1].name}"`);
    return { text: this.text, entities: sortEntities(this.entities) };
  }

  private characterReference(): void {
    const match = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/.exec(this.source.slice(this.i, this.i + 12));
    const code = match?.[1] !== undefined ? Number(match[1]) : match?.[2] !== undefined ? parseInt(match[2], 16) : undefined;
    const decoded = code !== undefined && code <= 0x10ffff ? String.fromCodePoint(code) : match?.[3] !== undefined ? NAMED_CHARACTERS[match[3].toLowerCase()] : undefined;
    if (match && decoded !== undefined) {
      this.text += decoded;
      this.i += match[0].length;
    } else {
      // Unknown references stay as written, as Telegram leaves them.
      this.text += '&';
      this.i++;
    }
  }

  private startTag(): void {
    const start = this.i;
    const s = this.source;
    let j = this.i + 1;
    while (j < s.length && /[a-zA-Z0-9-]/.test(s[j])) j++;
    const name = s.slice(this.i + 1, j).toLowerCase();
    if (!(name in HTML_TAGS)) throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(s, start)}`);
    const attributes = new Map<string, string>();
    for (;;) {
      while (j < s.length && /\s/.test(s[j])) j++;
      if (j >= s.length) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(s, start)}`);
      if (s[j] === '>') break;
      if (s[j] === '/' && s[j + 1] === '>') throw cantParse(`Unsupported start tag "${name}/" at byte offset ${byteOffset(s, start)}`);
      let k = j;
      while (k < s.length && /[a-zA-Z0-9_-]/.test(s[k])) k++;
      const attribute = s.slice(j, k).toLowerCase();
      if (!attribute) throw cantParse(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(s, start)}`);
      j = k;
      while (j < s.length && /\s/.test(s[j])) j++;
      let value = '';
      if (s[j] === '=') {
        j++;
        while (j < s.length && /\s/.test(s[j])) j++;
        const quote = s[j];
        if (quote === '"' || quote === "'") {
          const end = s.indexOf(quote, j + 1);
          if (end < 0) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(s, start)}`);
          value = decodeAttribute(s.slice(j + 1, end));
          j = end + 1;
        } else {
          k = j;
          while (k < s.length && !/[\s>]/.test(s[k])) k++;
          value = decodeAttribute(s.slice(j, k));
          j = k;
        }
      }
      attributes.set(attribute, value);
    }
    if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
      throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(s, start)}`);
    }
    this.open.push({ name, offset: this.text.length, attributes });
    this.i = j + 1;
  }

  private endTag(): void {
    const s = this.source;
    const start = this.i;
    const close = s.indexOf('>', this.i);
    if (close < 0) throw cantParse(`Unclosed end tag at byte offset ${byteOffset(s, start)}`);
    const name = s.slice(this.i + 2, close).trim().toLowerCase();
    const top = this.open.pop();
    if (!top) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(s, start)}`);
    if (name !== '' && name !== top.name) {
      throw cantParse(`Unmatched end tag at byte offset ${byteOffset(s, start)}, expected "</${top.name}>", found "</${name}>"`);
    }
    this.i = close + 1;
    this.closeEntity(top);
  }

  private closeEntity(tag: OpenTag): void {
    const length = this.text.length - tag.offset;
    const parent = this.open[this.open.length - 1];
    const type = HTML_TAGS[tag.name];
    const base = { offset: tag.offset, length };
    if (type === 'code' && parent?.name === 'pre' && parent.offset === tag.offset) {
      const language = /^language-(.+)$/.exec(tag.attributes.get('class') ?? '')?.[1];
      if (language) {
        parent.language = language;
        return;
      }
    }
    if (type === 'text_link') {
      const href = tag.attributes.get('href') ?? '';
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention) this.entities.push({ ...base, type: 'text_mention', userId: Number(mention[1]) });
      else if (href) this.entities.push({ ...base, type: 'text_link', url: href });
      return;
    }
    if (type === 'pre') {
      this.entities.push({ ...base, type: 'pre', ...(tag.language ? { language: tag.language } : {}) });
      return;
    }
    if (type === 'blockquote') {
      this.entities.push({ ...base, type: tag.attributes.has('expandable') ? 'expandable_blockquote' : 'blockquote' });
      return;
    }
    if (type === 'custom_emoji') {
      const id = tag.attributes.get('emoji-id');
      if (id) this.entities.push({ ...base, type, customEmojiId: id });
      return;
    }
    this.entities.push({ ...base, type });
  }
}

function decodeAttribute(value: string): string {
  return value.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (whole, dec?: string, hex?: string, named?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return NAMED_CHARACTERS[(named ?? '').toLowerCase()] ?? whole;
  });
}

// ── MarkdownV2 ────────────────────────────────────────────────────────────────────────────

const RESERVED_V2 = new Set('_*[]()~`>#+-=|{}.!'.split(''));

const V2_NAMES: Partial<Record<EntityType, string>> = {
  bold: 'Bold', italic: 'Italic', underline: 'Underline', strikethrough: 'Strikethrough', spoiler: 'Spoiler',
  code: 'Code', pre: 'Pre', text_link: 'TextUrl', custom_emoji: 'CustomEmoji',
};

interface OpenMark {
  type: EntityType;
  offset: number;
  byte: number;
  language?: string;
}

class MarkdownV2Parser {
  private text = '';
  private readonly entities: MessageEntity[] = [];
  private readonly open: OpenMark[] = [];
  private quoteStart: number | undefined;

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const s = this.source;
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      const top = this.open[this.open.length - 1];
      if ((i === 0 || s[i - 1] === '\n') && !this.inCode()) this.lineStart(s, i);
      if (c === '>' && (i === 0 || s[i - 1] === '\n') && !this.inCode()) {
        i++;
        continue;
      }
      if (c === '\\' && i + 1 < s.length && s.charCodeAt(i + 1) > 0 && s.charCodeAt(i + 1) < 127) {
        this.text += s[i + 1];
        i += 2;
        continue;
      }
      if (top && (top.type === 'code' || top.type === 'pre')) {
        if (top.type === 'pre' && s.startsWith('```', i)) {
          this.close(top);
          i += 3;
        } else if (top.type === 'code' && c === '`') {
          this.close(top);
          i++;
        } else {
          this.text += c;
          i++;
        }
        continue;
      }
      if (!RESERVED_V2.has(c)) {
        this.text += c;
        i++;
        continue;
      }
      const byte = byteOffset(s, i);
      switch (c) {
        case '_':
          if (s[i + 1] === '_' && top?.type !== 'italic') {
            this.toggle('underline', byte);
            i += 2;
          } else {
            this.toggle('italic', byte);
            i++;
          }
          break;
        case '*':
          this.toggle('bold', byte);
          i++;
          break;
        case '~':
          this.toggle('strikethrough', byte);
          i++;
          break;
        case '|':
          if (s[i + 1] !== '|') throw reserved(c);
          this.toggle('spoiler', byte);
          i += 2;
          break;
        case '`':
          if (s.startsWith('```', i)) {
            i += 3;
            const newline = s.indexOf('\n', i);
            const firstLine = newline >= 0 ? s.slice(i, newline) : '';
            const language = /^[A-Za-z0-9_+#.-]+$/.test(firstLine) ? firstLine : undefined;
            if (language !== undefined) i = newline + 1;
            this.open.push({ type: 'pre', offset: this.text.length, byte, language });
          } else {
            this.open.push({ type: 'code', offset: this.text.length, byte });
            i++;
          }
          break;
        case '!':
          if (s[i + 1] !== '[') throw reserved(c);
          this.open.push({ type: 'custom_emoji', offset: this.text.length, byte });
          i += 2;
          break;
        case '[':
          this.open.push({ type: 'text_link', offset: this.text.length, byte });
          i++;
          break;
        case ']': {
          if (top?.type !== 'text_link' && top?.type !== 'custom_emoji') throw reserved(c);
          i = this.closeLink(top, s, i + 1);
          break;
        }
        default:
          throw reserved(c);
      }
    }
    this.endQuote();
    const unclosed = this.open[this.open.length - 1];
    if (unclosed) throw cantParse(`Can't find end of ${V2_NAMES[unclosed.type] ?? unclosed.type} entity at byte offset ${unclosed.byte}`);
    return { text: this.text, entities: sortEntities(this.entities) };
  }

  private inCode(): boolean {
    const top = this.open[this.open.length - 1];
    return top?.type === 'code' || top?.type === 'pre';
  }

  /** Blockquotes are runs of lines starting with ">". */
  private lineStart(s: string, i: number): void {
    const quoted = s[i] === '>';
    if (quoted && this.quoteStart === undefined) this.quoteStart = this.text.length;
    if (!quoted) this.endQuote(true);
  }

  private endQuote(beforeNewline = false): void {
    if (this.quoteStart === undefined) return;
    // The newline that ends the quote is not part of it.
    const end = beforeNewline && this.text.endsWith('\n') ? this.text.length - 1 : this.text.length;
    this.entities.push({ type: 'blockquote', offset: this.quoteStart, length: end - this.quoteStart });
    this.quoteStart = undefined;
  }

  private toggle(type: EntityType, byte: number): void {
    const top = this.open[this.open.length - 1];
    if (top?.type === type) this.close(top);
    else this.open.push({ type, offset: this.text.length, byte });
  }

  private close(mark: OpenMark): void {
    this.open.pop();
    this.entities.push({ type: mark.type, offset: mark.offset, length: this.text.length - mark.offset, ...(mark.language ? { language: mark.language } : {}) });
  }

  /** After "]": "(url)" with ")" and "\" escaped inside; returns the index after it. */
  private closeLink(mark: OpenMark, s: string, i: number): number {
    this.open.pop();
    let url = '';
    if (s[i] === '(') {
      let j = i + 1;
      for (; j < s.length && s[j] !== ')'; j++) {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        url += s[j];
      }
      if (j >= s.length) throw cantParse(`Can't find end of a url at byte offset ${byteOffset(s, i)}`);
      i = j + 1;
    } else {
      url = this.text.slice(mark.offset);
    }
    const base = { offset: mark.offset, length: this.text.length - mark.offset };
    if (mark.type === 'custom_emoji') {
      const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
      if (!id) throw cantParse(`Custom emoji entity must contain a tg://emoji URL`);
      this.entities.push({ ...base, type: 'custom_emoji', customEmojiId: id });
      return i;
    }
    const mention = /^tg:\/\/user\?id=(\d+)$/.exec(url);
    if (mention) this.entities.push({ ...base, type: 'text_mention', userId: Number(mention[1]) });
    else if (url) this.entities.push({ ...base, type: 'text_link', url });
    return i;
  }
}

function reserved(character: string): BotApiError {
  return cantParse(`Character '${character}' is reserved and must be escaped with the preceding '\\'`);
}

// ── legacy Markdown ───────────────────────────────────────────────────────────────────────

function parseLegacyMarkdown(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\' && '_*`['.includes(source[i + 1] ?? '')) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (!'_*`['.includes(c)) {
      text += c;
      i++;
      continue;
    }
    const startByte = byteOffset(source, i);
    const fail = () => cantParse(`Can't find end of the entity starting at byte offset ${startByte}`);
    const offset = text.length;
    if (c === '[') {
      const end = source.indexOf(']', i + 1);
      if (end < 0 || source[end + 1] !== '(') throw fail();
      const urlEnd = source.indexOf(')', end + 2);
      if (urlEnd < 0) throw fail();
      text += source.slice(i + 1, end);
      const url = source.slice(end + 2, urlEnd);
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(url);
      if (mention) entities.push({ type: 'text_mention', offset, length: end - i - 1, userId: Number(mention[1]) });
      else if (url) entities.push({ type: 'text_link', offset, length: end - i - 1, url });
      i = urlEnd + 1;
      continue;
    }
    const marker = c === '`' && source.startsWith('```', i) ? '```' : c;
    const end = source.indexOf(marker, i + marker.length);
    if (end < 0) throw fail();
    let content = source.slice(i + marker.length, end);
    let language: string | undefined;
    if (marker === '```') {
      const newline = content.indexOf('\n');
      if (newline > 0 && /^[A-Za-z0-9_+#.-]+$/.test(content.slice(0, newline))) {
        language = content.slice(0, newline);
        content = content.slice(newline + 1);
      }
    }
    text += content;
    const type: EntityType = marker === '```' ? 'pre' : c === '`' ? 'code' : c === '*' ? 'bold' : 'italic';
    entities.push({ type, offset, length: content.length, ...(language ? { language } : {}) });
    i = end + marker.length;
  }
  return { text, entities: sortEntities(entities) };
}
