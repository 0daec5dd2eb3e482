/**
 * A person in a scenario (Screenplay style): a name, the ability to use Telegram
 * ({@link TelegramUser}) and to read the bot's records ({@link AlbumRecords}), tasks they
 * perform and questions they answer about what they see.
 *
 * An Actor lives for one scenario; the TelegramUser behind it lives for the worker. What the
 * actor did and saw is in one place, their ability's log ({@link Inbox}): the settle barrier
 * reads it through this class (an Actor is a barrier {@link Participant}), questions and the
 * reports read it directly. Steps make actors act through the World's `perform`, which always
 * ends settled: there is no other way in.
 */
import type { Participant, ChangeCounts } from '../settle';
import type { AlbumRecords } from './album-records';
import type { Fixture } from './fixtures';
import type { Inbox } from './inbox';
import type { TelegramUser } from './telegram-user';

/** Something an actor does, e.g. `sends('/count')`. Performed through `FamilyAlbumWorld.perform`. */
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
  constructor(
    readonly name: string,
    /** Their Telegram account: how they act and what they see. */
    readonly telegram: TelegramUser,
    /** The bot's records of this scenario: how a "Then" checks facts no message shows. */
    readonly records: AlbumRecords,
  ) {}

  get userId(): number {
    return this.telegram.id;
  }

  /** This scenario's log of the actor's chat with the bot. */
  get inbox(): Inbox {
    return this.telegram.inbox;
  }

  /** Photos this actor uploaded in this scenario, in order (read from the log). */
  get uploaded(): Fixture[] {
    return this.inbox.photosSent();
  }

  get causedUpdates(): number {
    return this.inbox.causedUpdates;
  }

  asks<T>(question: Question<T>): Promise<T> {
    return question.answeredBy(this);
  }

  arrived(): ChangeCounts {
    return this.inbox.arrived();
  }

  writtenTo(userId: number): number {
    return this.inbox.writtenTo(userId);
  }

  arrivedFrom(userId: number): number {
    return this.inbox.arrivedFrom(userId);
  }

  describeArrivals(): string[] {
    return this.inbox.describe();
  }

  onChange(listener: () => void): () => void {
    return this.inbox.onChange(listener);
  }

  toString(): string {
    return this.name;
  }
}
