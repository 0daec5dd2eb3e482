/**
 * Renders a conversation as one self-contained SVG that reads like a chat: the bot's messages on
 * the left, each person's on the right in their own colour, photos inlined as `data:` URIs,
 * keyboards under the message that showed them, presses, edits and deletions marked.
 *
 * Why SVG: cucumber's HTML report shows `image/*` attachments inline as `<img>` (and `text/html`
 * only as source text), and an SVG keeps text crisp and needs no rasterizer. Inside an `<img>`
 * an SVG may not load anything external, so everything it shows is inlined here; fonts are the
 * reader's own sans-serif.
 *
 * SVG has no text flow, so lines are wrapped here with an estimate of glyph widths that errs on
 * the wide side: a bubble may be a little roomy, never clipped.
 */
import { BOT, participants, type ConversationEvent, type Keyboard, type PhotoRef } from './conversation';
import { imageInfo } from './image-info';

const WIDTH = 640;
const MARGIN = 16;
const BUBBLE_MAX = 400;
const PAD = 10;
const FONT = 14;
const LINE = 19;
const LABEL = 11;
const GAP = 12;
const PHOTO_MAX = 260;
const ALBUM_CELL = 124;
const BUTTON_H = 30;
const FONT_FAMILY = 'system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, Helvetica, Arial, sans-serif';

/** Light bubble colours for people, in order of appearance; the bot is always white. */
const PERSON_COLOURS = ['#dcf8c6', '#d6e9ff', '#ffe4c4', '#e8dcff', '#ffd6e0', '#d4f4ef'];

export interface SvgOptions {
  /** Shown at the top, e.g. the scenario's name. */
  title?: string;
}

interface Block {
  height: number;
  draw(y: number): string;
}

export function renderConversationSvg(events: readonly ConversationEvent[], options: SvgOptions = {}): string {
  const people = participants(events);
  const colourOf = (name: string) => PERSON_COLOURS[Math.max(0, people.indexOf(name)) % PERSON_COLOURS.length];
  const blocks: Block[] = [header(options.title, people)];
  if (events.length === 0) blocks.push(centred('Nothing was sent or received.', '#666'));
  for (const event of events) blocks.push(blockFor(event, colourOf));

  let y = MARGIN;
  const parts: string[] = [];
  for (const block of blocks) {
    parts.push(block.draw(y));
    y += block.height + GAP;
  }
  const height = y - GAP + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"`,
    ` font-family="${FONT_FAMILY}" font-size="${FONT}">`,
    `<title>${escapeXml(options.title ?? 'Conversation')}</title>`,
    `<rect width="100%" height="100%" fill="#eef1f4"/>`,
    ...parts,
    '</svg>',
  ].join('');
}

function blockFor(event: ConversationEvent, colourOf: (name: string) => string): Block {
  switch (event.kind) {
    case 'message': {
      const fromBot = event.from === BOT;
      const label = fromBot
        ? `bot → ${event.to}`
        : `${event.from}${event.forwardedFrom ? ` · forwarded from ${event.forwardedFrom}` : ''}`;
      return bubble({ fromBot, label, fill: fromBot ? '#ffffff' : colourOf(event.from), text: event.text, photos: event.photos, keyboard: event.keyboard });
    }
    case 'edit':
      return bubble({ fromBot: true, label: `bot edited its message to ${event.to}`, fill: '#fffbe6', text: event.text, photos: event.photos, keyboard: event.keyboard, tag: 'edited' });
    case 'delete':
      return bubble({ fromBot: true, label: `bot deleted its message to ${event.to}`, fill: '#f3f3f3', text: event.text || '(message deleted)', deleted: true });
    case 'press':
      return pill(`${event.by} pressed`, event.button, colourOf(event.by));
    case 'note':
      return centred(event.text, '#555', true);
  }
}

function header(title: string | undefined, people: string[]): Block {
  const who = people.length === 0 ? 'the bot' : `${people.join(', ')} and the bot`;
  const lines = wrap(title ?? 'Conversation', 70);
  return {
    height: lines.length * 20 + 16,
    draw: (y) =>
      textLines(lines, MARGIN, y + 16, 20, 'font-size="16" font-weight="600" fill="#222"') +
      `<text x="${MARGIN}" y="${y + lines.length * 20 + 12}" font-size="${LABEL + 1}" fill="#666">${escapeXml(who)}</text>`,
  };
}

interface BubbleSpec {
  fromBot: boolean;
  label: string;
  fill: string;
  text?: string;
  photos?: PhotoRef[];
  keyboard?: Keyboard;
  tag?: string;
  deleted?: boolean;
}

function bubble(spec: BubbleSpec): Block {
  const lines = spec.text ? wrap(spec.text, Math.floor((BUBBLE_MAX - 2 * PAD) / charWidth())) : [];
  const photos = layoutPhotos(spec.photos ?? []);
  const textWidth = Math.max(0, ...lines.map(measure));
  const labelWidth = measure(spec.label) * (LABEL / FONT) + (spec.tag ? 50 : 0);
  const keyboardWidth = spec.keyboard ? Math.max(...spec.keyboard.rows.map((row) => row.reduce((sum, b) => sum + measure(b) + 24, 0))) : 0;
  const width = Math.min(BUBBLE_MAX, Math.max(80, textWidth + 2 * PAD, photos.width + 2 * PAD, labelWidth + 2 * PAD, keyboardWidth));
  const textHeight = lines.length * LINE;
  const inner = photos.height + (photos.height && textHeight ? 8 : 0) + textHeight;
  const bubbleHeight = inner + 2 * PAD;
  const keyboardRows = spec.keyboard?.rows.filter((row) => row.length > 0) ?? [];
  const keyboardHeight = keyboardRows.length ? 6 + (spec.keyboard?.type === 'reply' ? 16 : 0) + keyboardRows.length * (BUTTON_H + 4) : 0;
  const labelHeight = 16;
  const x = spec.fromBot ? MARGIN : WIDTH - MARGIN - width;

  return {
    height: labelHeight + bubbleHeight + keyboardHeight,
    draw(y) {
      const out: string[] = [];
      const labelX = spec.fromBot ? x + 2 : x + width - 2;
      const anchor = spec.fromBot ? 'start' : 'end';
      out.push(`<text x="${labelX}" y="${y + 11}" font-size="${LABEL}" fill="#555" text-anchor="${anchor}">${escapeXml(spec.label)}${spec.tag ? ` <tspan font-style="italic" fill="#a07800">(${spec.tag})</tspan>` : ''}</text>`);
      const top = y + labelHeight;
      out.push(`<rect x="${x}" y="${top}" width="${width}" height="${bubbleHeight}" rx="12" fill="${spec.fill}" stroke="#c9d1d9"${spec.deleted ? ' stroke-dasharray="4 3"' : ''}/>`);
      out.push(photos.draw(x + PAD, top + PAD));
      const textTop = top + PAD + photos.height + (photos.height && textHeight ? 8 : 0);
      const style = spec.deleted ? 'fill="#888" text-decoration="line-through"' : 'fill="#111"';
      out.push(textLines(lines, x + PAD, textTop + FONT, LINE, style));
      if (spec.keyboard && keyboardRows.length) out.push(drawKeyboard(spec.keyboard.type, keyboardRows, x, top + bubbleHeight + 6, width));
      return out.join('');
    },
  };
}

function drawKeyboard(type: Keyboard['type'], rows: string[][], x: number, y: number, width: number): string {
  const out: string[] = [];
  let top = y;
  if (type === 'reply') {
    out.push(`<text x="${x + 2}" y="${top + 11}" font-size="${LABEL}" fill="#555">keyboard shown:</text>`);
    top += 16;
  }
  for (const row of rows) {
    const cell = (width - 4 * (row.length - 1)) / row.length;
    row.forEach((button, i) => {
      const bx = x + i * (cell + 4);
      const fill = type === 'inline' ? '#e3effa' : '#f6f6f6';
      out.push(`<rect x="${bx}" y="${top}" width="${cell}" height="${BUTTON_H}" rx="8" fill="${fill}" stroke="#9fb8d0"/>`);
      const label = truncate(button, Math.floor((cell - 8) / charWidth()));
      out.push(`<text x="${bx + cell / 2}" y="${top + 20}" text-anchor="middle" fill="#1d5c99" font-size="13">${escapeXml(label)}</text>`);
    });
    top += BUTTON_H + 4;
  }
  return out.join('');
}

function pill(prefix: string, button: string, fill: string): Block {
  const text = button ? `${prefix} [${button}]` : `${prefix} a button`;
  const width = Math.min(WIDTH - 2 * MARGIN, measure(text) * (13 / FONT) + 28);
  return {
    height: 26,
    draw: (y) =>
      `<rect x="${WIDTH - MARGIN - width}" y="${y}" width="${width}" height="26" rx="13" fill="${fill}" stroke="#9fb8d0"/>` +
      `<text x="${WIDTH - MARGIN - width / 2}" y="${y + 17}" text-anchor="middle" font-size="13" fill="#1d3b57">${escapeXml(prefix)} ${button ? `<tspan font-weight="600">[${escapeXml(button)}]</tspan>` : 'a button'}</text>`,
  };
}

function centred(text: string, fill: string, italic = false): Block {
  const lines = wrap(text, 80);
  return {
    height: lines.length * 17,
    draw: (y) =>
      textLines(lines, WIDTH / 2, y + 13, 17, `text-anchor="middle" font-size="13" fill="${fill}"${italic ? ' font-style="italic"' : ''}`),
  };
}

interface PhotoLayout {
  width: number;
  height: number;
  draw(x: number, y: number): string;
}

/** One photo at its own aspect ratio; an album as a grid of square cells. */
function layoutPhotos(photos: PhotoRef[]): PhotoLayout {
  if (photos.length === 0) return { width: 0, height: 0, draw: () => '' };
  if (photos.length === 1) {
    const info = photos[0].bytes ? imageInfo(photos[0].bytes) : undefined;
    const ratio = info && info.width > 0 && info.height > 0 ? info.height / info.width : 0.75;
    const width = Math.round(ratio > 1 ? PHOTO_MAX / ratio : PHOTO_MAX);
    const height = Math.round(width * ratio);
    return { width, height, draw: (x, y) => drawPhoto(photos[0], x, y, width, height, 'xMidYMid meet') };
  }
  const columns = photos.length <= 4 ? 2 : 3;
  const rows = Math.ceil(photos.length / columns);
  const width = columns * ALBUM_CELL + (columns - 1) * 4;
  return {
    width,
    height: rows * ALBUM_CELL + (rows - 1) * 4,
    draw: (x, y) =>
      photos
        .map((photo, i) => drawPhoto(photo, x + (i % columns) * (ALBUM_CELL + 4), y + Math.floor(i / columns) * (ALBUM_CELL + 4), ALBUM_CELL, ALBUM_CELL, 'xMidYMid slice'))
        .join(''),
  };
}

function drawPhoto(photo: PhotoRef, x: number, y: number, width: number, height: number, fit: string): string {
  const name = photo.name ? `<title>${escapeXml(photo.name)}</title>` : '';
  if (!photo.bytes || photo.bytes.length === 0) {
    return (
      `<g>${name}<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="6" fill="#d0d7de"/>` +
      `<text x="${x + width / 2}" y="${y + height / 2}" text-anchor="middle" fill="#555" font-size="12">photo: ${escapeXml(photo.name ?? '(not downloaded)')}</text></g>`
    );
  }
  const mimeType = photo.mimeType ?? imageInfo(photo.bytes)?.mimeType ?? 'image/jpeg';
  const href = `data:${mimeType};base64,${Buffer.from(photo.bytes).toString('base64')}`;
  return `<g>${name}<image x="${x}" y="${y}" width="${width}" height="${height}" preserveAspectRatio="${fit}" href="${href}"/></g>`;
}

function textLines(lines: string[], x: number, baseline: number, lineHeight: number, attributes: string): string {
  if (lines.length === 0) return '';
  const spans = lines.map((line, i) => `<tspan x="${x}" ${i === 0 ? '' : `dy="${lineHeight}"`}>${escapeXml(line) || ' '}</tspan>`);
  return `<text x="${x}" y="${baseline}" ${attributes} xml:space="preserve">${spans.join('')}</text>`;
}

/** Average advance of a character at FONT size, rounded up for safety. */
function charWidth(): number {
  return FONT * 0.6;
}

/** Estimated width in px: wide glyphs (CJK, emoji) count double. */
function measure(text: string): number {
  let units = 0;
  for (const ch of text) units += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : /[MWmw@%]/.test(ch) ? 1.4 : /[il.,:;'|!]/.test(ch) ? 0.5 : 1;
  return units * charWidth();
}

/** Wraps `text` at word boundaries to lines of at most `max` estimated characters. */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      for (const piece of chunks(word, max)) {
        const candidate = line ? `${line} ${piece}` : piece;
        if (measure(candidate) / charWidth() <= max || !line) line = candidate;
        else {
          out.push(line);
          line = piece;
        }
      }
    }
    out.push(line);
  }
  return out;
}

function chunks(word: string, max: number): string[] {
  const chars = [...word];
  if (chars.length <= max) return [word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
  return out;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

export function escapeXml(text: string): string {
  // Control characters are not allowed in XML at all; one would make the whole image unreadable.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);
}
