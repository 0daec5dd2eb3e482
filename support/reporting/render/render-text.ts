/**
 * The plain-text transcript of a conversation: what a person reads in a terminal or a CI log.
 * (Explanations of failures read the conversation's events as data, not this text.)
 *
 *   Alice → bot: /start
 *   bot → Alice: Welcome to the family album!
 *       buttons: [Upload a photo] [Get a photo]
 *   Alice presses [Get a photo]
 *   bot → Alice: [1 photo: sunset.jpg] Here is one from Bob
 *   bot edits its message to Alice: Thanks!
 *   bot deletes its message to Alice: Uploading…
 *   · Alice opens Bob's invite link
 */
import { countOf, type ConversationEvent, type Keyboard, type PhotoRef } from './conversation';

export const TRANSCRIPT_TITLE = 'Conversation';
const CONTINUATION = '    ';

export function renderTranscriptText(events: readonly ConversationEvent[]): string {
  if (events.length === 0) return `${TRANSCRIPT_TITLE}: nothing was sent or received.\n`;
  const lines = [`${TRANSCRIPT_TITLE}:`];
  for (const event of events) lines.push(...eventLines(event));
  return lines.join('\n') + '\n';
}

function eventLines(event: ConversationEvent): string[] {
  switch (event.kind) {
    case 'message': {
      const head = event.forwardedFrom ? `${event.from} → ${event.to} (forwarded from ${event.forwardedFrom})` : `${event.from} → ${event.to}`;
      return withBody(head, event.text, event.photos, event.keyboard);
    }
    case 'edit':
      return withBody(`${event.from} edits its message to ${event.to}`, event.text, event.photos, event.keyboard);
    case 'delete':
      return withBody(`${event.from} deletes its message to ${event.to}`, event.text, undefined, undefined);
    case 'press':
      return [event.button ? `  ${event.by} presses [${event.button}]` : `  ${event.by} presses a button`];
    case 'note':
      return [`  · ${oneLine(event.text)}`];
  }
}

function withBody(head: string, text?: string, photos?: PhotoRef[], keyboard?: Keyboard): string[] {
  const parts: string[] = [];
  if (photos && photos.length > 0) parts.push(photoLabel(photos));
  const textLines = (text ?? '').split('\n');
  if (textLines[0]) parts.push(textLines[0]);
  const lines = [`  ${head}: ${parts.join(' ') || '(empty)'}`];
  for (const more of textLines.slice(1)) lines.push(`${CONTINUATION}  ${more}`);
  if (keyboard && keyboard.rows.length > 0) {
    const label = keyboard.type === 'inline' ? 'buttons' : 'keyboard';
    lines.push(`${CONTINUATION}${label}: ${keyboard.rows.map((row) => row.map((b) => `[${b}]`).join(' ')).join(' | ')}`);
  }
  return lines;
}

function photoLabel(photos: PhotoRef[]): string {
  const names = photos.map((p) => p.name).filter(Boolean);
  return `[${countOf(photos.length, 'photo')}${names.length ? `: ${names.join(', ')}` : ''}]`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
