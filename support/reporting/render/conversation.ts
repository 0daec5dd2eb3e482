/**
 * The conversation of one scenario, as the reports show it: who sent what to the bot, what the
 * bot answered, which buttons it showed and which were pressed, what it edited or deleted.
 *
 * This is a plain data model, independent of GramJS and of the World, so the renderers and the
 * living documentation can be tested with hand-made conversations. `Transcript` records one.
 */

/** The bot's name in a conversation. Everything else that speaks is a user actor. */
export const BOT = 'bot';

/** A photo in the conversation. Without `bytes` it renders as a labelled placeholder. */
export interface PhotoRef {
  bytes?: Uint8Array;
  /** e.g. `image/jpeg`; sniffed from the bytes when absent. */
  mimeType?: string;
  /** What the photo is called in the feature (a fixture name), when known. */
  name?: string;
}

/** A keyboard attached to a bot message: inline buttons or a reply keyboard. */
export interface Keyboard {
  type: 'inline' | 'reply';
  rows: string[][];
}

interface EventBase {
  /** When it happened (ms, any monotonic origin); orders events recorded from different places. */
  at?: number;
}

/** A message from a user to the bot, or from the bot to a user. */
export interface MessageEvent extends EventBase {
  kind: 'message';
  from: string;
  to: string;
  text?: string;
  photos?: PhotoRef[];
  keyboard?: Keyboard;
  /** Set when the message is a forward: whose message it was. */
  forwardedFrom?: string;
}

/** A user pressed a button (inline or reply keyboard). */
export interface PressEvent extends EventBase {
  kind: 'press';
  by: string;
  /** The button's label; empty when only the press itself was seen. */
  button: string;
}

/** The bot edited a message it had sent to `to`. */
export interface EditEvent extends EventBase {
  kind: 'edit';
  from: string;
  to: string;
  text?: string;
  photos?: PhotoRef[];
  keyboard?: Keyboard;
}

/** The bot deleted a message it had sent to `to`. */
export interface DeleteEvent extends EventBase {
  kind: 'delete';
  from: string;
  to: string;
  text?: string;
}

/** Something that is not a message but explains the conversation ("Alice opens the invite link"). */
export interface NoteEvent extends EventBase {
  kind: 'note';
  text: string;
}

export type ConversationEvent = MessageEvent | PressEvent | EditEvent | DeleteEvent | NoteEvent;

/** The people in a conversation, in order of first appearance, the bot excluded. */
export function participants(events: readonly ConversationEvent[]): string[] {
  const seen = new Set<string>();
  for (const event of events) {
    const names = event.kind === 'press' ? [event.by] : event.kind === 'note' ? [] : [event.from, event.to];
    for (const name of names) if (name !== BOT) seen.add(name);
  }
  return [...seen];
}

/** `1 photo`, `2 photos`, `no photos`. */
export function countOf(count: number, noun: string): string {
  if (count === 0) return `no ${noun}s`;
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
