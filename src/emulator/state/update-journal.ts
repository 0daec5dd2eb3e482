/**
 * What changed in each user's message box, in pts order: what `updates.getDifference` replays
 * to a client that was away.
 *
 * Every change of a box advances its owner's pts (a new message by 1, an edit by 1, a deletion
 * by the number of messages deleted), and the journal records it with that pts. Entries name
 * box ids only, never the messages: a difference shows a message as it is now (and leaves out
 * one deleted since), and the journal keeps no deleted message, photo or document alive.
 *
 * Bounded: the newest {@link UpdateJournal.KEPT} entries per account. A client further behind
 * is told the difference is too long (`updates.differenceTooLong`) and refetches its chats, as
 * Telegram tells it. Bots read updates over the Bot API, so their boxes are not journalled.
 */

export type JournalEntry =
  | { readonly kind: 'message' | 'edit'; readonly pts: number; readonly ptsCount: 1; readonly date: number; readonly boxId: number }
  | { readonly kind: 'delete'; readonly pts: number; readonly ptsCount: number; readonly date: number; readonly boxIds: readonly number[] };

export class UpdateJournal {
  /** Entries kept per account. */
  static readonly KEPT = 1000;
  private readonly entries = new Map<number, JournalEntry[]>();

  record(ownerId: number, entry: JournalEntry): void {
    let log = this.entries.get(ownerId);
    if (!log) this.entries.set(ownerId, (log = []));
    log.push(entry);
    if (log.length > UpdateJournal.KEPT) log.splice(0, log.length - UpdateJournal.KEPT);
  }

  /**
   * The entries after `pts`, oldest first; `complete` is false when older entries that a client
   * at `pts` has not seen were already dropped.
   */
  since(ownerId: number, pts: number): { entries: JournalEntry[]; complete: boolean } {
    const log = this.entries.get(ownerId) ?? [];
    const first = log[0];
    const complete = first === undefined || first.pts - first.ptsCount <= pts;
    return { entries: log.filter((entry) => entry.pts > pts), complete };
  }

  forget(ownerId: number): void {
    this.entries.delete(ownerId);
  }

  clear(): void {
    this.entries.clear();
  }
}
