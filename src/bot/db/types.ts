/** What the repositories hand to handlers: plain data, never rows or SQL. */

/** A person who has talked to the bot. `id` is their Telegram user id (also their private chat id). */
export interface Person {
  readonly id: number;
  readonly firstName: string;
  readonly username: string | null;
  /** The album the person belongs to: their own, or the family album they joined. */
  readonly albumId: number;
}

/** Who someone is, enough to name them in a message. */
export interface PersonName {
  readonly id: number;
  readonly firstName: string;
}

export interface Member extends PersonName {
  readonly username: string | null;
  readonly isOwner: boolean;
  readonly joinedAt: Date;
}

/** An album with the people in it: owner first, then members by the time they joined. */
export interface Family {
  readonly albumId: number;
  readonly owner: PersonName;
  readonly members: readonly Member[];
}

export interface StoredPhoto {
  readonly id: number;
  readonly fileId: string;
  readonly caption: string | null;
  readonly uploader: PersonName;
  readonly sentAt: Date;
}

/** Row values of bigint columns arrive as strings; Telegram ids fit in a double. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
