/**
 * A person in a scenario (Screenplay style): a name, the ability to use Telegram
 * ({@link TelegramUser}), tasks they perform and questions they answer about what they see.
 *
 * An Actor lives for one scenario; the TelegramUser behind it lives for the worker. The actor
 * counts the updates its actions give the bot, which the settle barrier compares with what
 * the bot finished.
 */
import { EventEmitter } from 'node:events';
import type { Participant, ChangeCounts } from '../settle';
import type { Fixture } from './fixtures';
import type { TelegramUser } from './telegram-user';

/** Something an actor does, e.g. `sends('/count')`. */
export interface Task {
  readonly description: string;
  performAs(actor: Actor): Promise<void>;
}

/** Something an actor can tell about what they see, e.g. `photosReceived()`. */
export interface Question<T> {
  readonly description: string;
  answeredBy(actor: Actor): Promise<T>;
}

export class Actor implements Participant {
  private caused = 0;
  private readonly events = new EventEmitter();
  /** Photos this actor uploaded in this scenario, in order. */
  readonly uploaded: Fixture[] = [];
  /** Labels of the inline buttons this actor pressed in this scenario, one per press, in order (for the report). */
  readonly pressedButtons: string[] = [];

  constructor(
    readonly name: string,
    readonly telegram: TelegramUser,
  ) {}

  get userId(): number {
    return this.telegram.id;
  }

  get causedUpdates(): number {
    return this.caused;
  }

  /** Records that an action gave the bot `updates` more updates (before the action is sent). */
  cause(updates = 1): void {
    this.caused += updates;
    this.events.emit('change');
  }

  async attemptsTo(...tasks: Task[]): Promise<void> {
    for (const task of tasks) await task.performAs(this);
  }

  asks<T>(question: Question<T>): Promise<T> {
    return question.answeredBy(this);
  }

  arrived(): ChangeCounts {
    return this.telegram.inbox.arrived();
  }

  describeArrivals(): string[] {
    return this.telegram.inbox.describe();
  }

  onChange(listener: () => void): () => void {
    this.events.on('change', listener);
    const stopInbox = this.telegram.inbox.onChange(listener);
    return () => {
      this.events.off('change', listener);
      stopInbox();
    };
  }

  toString(): string {
    return this.name;
  }
}
