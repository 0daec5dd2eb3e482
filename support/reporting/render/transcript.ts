import { performance } from 'node:perf_hooks';
import { BOT, type ConversationEvent, type Keyboard, type PhotoRef } from './conversation';

/** What a message carries, whoever sent it. */
export interface MessageContent {
  text?: string;
  photos?: PhotoRef[];
  keyboard?: Keyboard;
  forwardedFrom?: string;
}

/**
 * Records one scenario's conversation as it happens, or as it is reconstructed afterwards from
 * the actors' inboxes. Events carry a time so that records made in different places (what an
 * actor sent, what its inbox received) merge into the order they really happened; events with
 * the same time keep the order they were recorded in.
 */
export class Transcript {
  private readonly recorded: Array<{ event: ConversationEvent; seq: number }> = [];

  /** A user actor sent something to the bot. */
  userSent(actor: string, content: MessageContent, at?: number): this {
    return this.record({ kind: 'message', from: actor, to: BOT, ...content, at });
  }

  /** The bot sent something to a user actor. */
  botSent(actor: string, content: MessageContent, at?: number): this {
    return this.record({ kind: 'message', from: BOT, to: actor, ...content, at });
  }

  /** A user actor pressed a button the bot had shown. */
  pressed(actor: string, button: string, at?: number): this {
    return this.record({ kind: 'press', by: actor, button, at });
  }

  /** The bot edited a message it had sent to a user actor; `content` is the new content. */
  botEdited(actor: string, content: Omit<MessageContent, 'forwardedFrom'>, at?: number): this {
    return this.record({ kind: 'edit', from: BOT, to: actor, ...content, at });
  }

  /** The bot deleted a message it had sent to a user actor. */
  botDeleted(actor: string, text?: string, at?: number): this {
    return this.record({ kind: 'delete', from: BOT, to: actor, text, at });
  }

  /** A line of context that is not a message ("Alice opens Bob's invite link"). */
  note(text: string, at?: number): this {
    return this.record({ kind: 'note', text, at });
  }

  /** Records any event; stamps it with the current time when it has none. */
  record(event: ConversationEvent): this {
    const stamped = { ...event, at: event.at ?? performance.timeOrigin + performance.now() };
    this.recorded.push({ event: stamped, seq: this.recorded.length });
    return this;
  }

  /** The conversation in the order it happened. */
  get events(): ConversationEvent[] {
    return [...this.recorded]
      .sort((a, b) => (a.event.at ?? 0) - (b.event.at ?? 0) || a.seq - b.seq)
      .map(({ event }) => event);
  }

  get isEmpty(): boolean {
    return this.recorded.length === 0;
  }
}
