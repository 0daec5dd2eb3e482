/**
 * The attachments a scenario carries about its conversation, as cucumber stores them. The file
 * names are how the living documentation finds them again in `messages.ndjson`, so both sides
 * use these constants.
 *
 * Beside the two renderings, the events themselves are attached as JSON, for the living
 * documentation to explain a failure from data.
 *
 * The chat is attached as `image/svg+xml` in a Buffer: cucumber encodes Buffers as base64, and
 * its HTML report shows base64 `image/*` attachments as an inline `<img>`, whereas it shows
 * `text/html` as source text.
 */
import type { ConversationEvent } from './conversation';
import type { FailedExpectation } from './expectation';
import { maskDeep, maskSecrets } from './mask';
import { renderConversationSvg } from './render-svg';
import { renderTranscriptText } from './render-text';

export const CONVERSATION_IMAGE = { mediaType: 'image/svg+xml', fileName: 'conversation.svg' } as const;
export const CONVERSATION_TEXT = { mediaType: 'text/plain', fileName: 'conversation.txt' } as const;
/** The conversation's events as data (photos by name, without their bytes): what explanations read. */
export const CONVERSATION_JSON = { mediaType: 'application/json', fileName: 'conversation.json' } as const;
/** A failed expectation as data (expectation.ts), attached beside the step that failed. */
export const EXPECTATION_JSON = { mediaType: 'application/json', fileName: 'expectation.json' } as const;

export interface ConversationAttachments {
  image: { data: Buffer; mediaType: string; fileName: string };
  text: { data: string; mediaType: string; fileName: string };
  json: { data: string; mediaType: string; fileName: string };
}

/**
 * Both renderings of a conversation, secrets masked, ready for `this.attach`. Texts are masked
 * before rendering too: the chat wraps long words across lines, which would split a token into
 * pieces that no longer look like one.
 */
export function conversationAttachments(conversation: readonly ConversationEvent[], title?: string): ConversationAttachments {
  const events = conversation.map(maskEvent);
  title = title === undefined ? undefined : maskSecrets(title);
  return {
    image: { ...CONVERSATION_IMAGE, data: Buffer.from(maskSecrets(renderConversationSvg(events, { title })), 'utf8') },
    text: { ...CONVERSATION_TEXT, data: maskSecrets(renderTranscriptText(events)) },
    json: { ...CONVERSATION_JSON, data: maskSecrets(JSON.stringify(events.map(withoutPhotoBytes))) },
  };
}

/** A failed expectation, secrets masked, ready for `this.attach`. */
export function expectationAttachment(failed: FailedExpectation): { data: string; mediaType: string; fileName: string } {
  return { ...EXPECTATION_JSON, data: maskSecrets(JSON.stringify(failed)) };
}

/** Reads the JSON conversation attachment back; an unreadable one reads as no conversation. */
export function parseConversationJson(json: string): ConversationEvent[] {
  try {
    const events = JSON.parse(json) as unknown;
    return Array.isArray(events) ? (events as ConversationEvent[]) : [];
  } catch {
    return [];
  }
}

function withoutPhotoBytes(event: ConversationEvent): ConversationEvent {
  if (!('photos' in event) || !event.photos) return event;
  return { ...event, photos: event.photos.map((photo) => ({ name: photo.name, mimeType: photo.mimeType })) };
}

/** The event with every text in it masked; photos' bytes are left alone. */
export function maskEvent(event: ConversationEvent): ConversationEvent {
  const masked = maskDeep({ ...event, photos: undefined }) as ConversationEvent;
  if ('photos' in event && event.photos) {
    (masked as { photos?: unknown }).photos = event.photos.map((photo) => ({ ...photo, name: photo.name && maskSecrets(photo.name) }));
  }
  return masked;
}
