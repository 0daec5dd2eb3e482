/**
 * updates.*: the state a client keeps (pts/qts/seq/date) and the difference it asks for after
 * being away, as Telegram answers them (https://core.telegram.org/api/updates,
 * https://core.telegram.org/method/updates.getDifference).
 *
 * Per account: `pts` counts the changes of its message box (the state keeps it, and every
 * pushed update and RPC result carries the pts it advanced to); `qts` is 0 (no secret chats,
 * and users get no qts-numbered updates); `seq` is 0 (every update the emulator sends carries a
 * pts, so none is sequenced by seq); `date` is the server's current date.
 *
 * GramJS 2.26 never calls getDifference itself (it calls getState to learn whether it is
 * logged in), but clients that keep pts (mtcute, Telethon, TDLib) call it on reconnect and on a
 * pts gap, and get what they missed:
 *  - nothing new: `updates.differenceEmpty`;
 *  - new messages (as they are now; deleted ones left out), edits and deletions:
 *    `updates.difference`, or `updates.differenceSlice` with an intermediate state when more
 *    than a slice is waiting (the client asks again from there);
 *  - older than the journal keeps, or more than the client's `pts_total_limit`:
 *    `updates.differenceTooLong` with the current pts (the client refetches its dialogs).
 */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { unixNow, type Account, type JournalEntry, type Message } from '../../state';
import { messageToTl, usersOf } from '../convert';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';
import { viewpoint } from './common';

/**
 * Updates per answer before the emulator slices a difference. Telegram does not publish its own
 * figure; clients must handle a slice of any size, so any bound is faithful to the protocol.
 */
export const DIFFERENCE_SLICE = 100;

function stateOf(account: Account, pts = account.pts): Api.updates.State {
  return new Api.updates.State({ pts, qts: 0, date: unixNow(), seq: 0, unreadCount: 0 });
}

function getState(ctx: RequestContext): Api.updates.State {
  return stateOf(signedInAccount(ctx));
}

function getDifference(ctx: RequestContext, request: Api.updates.GetDifference): Api.updates.TypeDifference {
  const account = signedInAccount(ctx);
  // The errors the method's page lists for a missing or impossible pts. The date is not needed: the journal is in pts order.
  if (!(request.pts > 0)) throw new BadRequestError('PERSISTENT_TIMESTAMP_EMPTY', 'pass the pts of your last updates.State');
  if (request.pts > account.pts) throw new BadRequestError('PERSISTENT_TIMESTAMP_INVALID', `pts ${request.pts} is ahead of this account's ${account.pts}: call updates.getState`);
  if (request.pts === account.pts) return new Api.updates.DifferenceEmpty({ date: unixNow(), seq: 0 });

  const { entries, complete } = ctx.state.journal.since(account.id, request.pts);
  const tooMany = request.ptsTotalLimit !== undefined && request.ptsTotalLimit !== null && request.pts + request.ptsTotalLimit < account.pts;
  if (!complete || tooMany) return new Api.updates.DifferenceTooLong({ pts: account.pts });

  const sliceSize = Math.min(DIFFERENCE_SLICE, request.ptsLimit || DIFFERENCE_SLICE);
  const slice = entries.slice(0, sliceSize);
  const { newMessages, otherUpdates, shown } = replay(ctx, account, slice);
  const users = usersOf(viewpoint(ctx, account.id), shown, [account.id]);
  if (slice.length < entries.length) {
    return new Api.updates.DifferenceSlice({
      newMessages, newEncryptedMessages: [], otherUpdates, chats: [], users,
      intermediateState: stateOf(account, slice[slice.length - 1].pts),
    });
  }
  return new Api.updates.Difference({ newMessages, newEncryptedMessages: [], otherUpdates, chats: [], users, state: stateOf(account) });
}

/** The journal's entries as Telegram lists them: new messages apart, edits and deletions as updates. */
function replay(ctx: RequestContext, account: Account, entries: JournalEntry[]) {
  const view = viewpoint(ctx, account.id);
  const newMessages: Api.TypeMessage[] = [];
  const otherUpdates: Api.TypeUpdate[] = [];
  const shown: Message[] = [];
  for (const entry of entries) {
    if (entry.kind === 'delete') {
      otherUpdates.push(new Api.UpdateDeleteMessages({ messages: [...entry.boxIds], pts: entry.pts, ptsCount: entry.ptsCount }));
      continue;
    }
    const message = ctx.state.messageInBox(account.id, entry.boxId);
    if (!message) continue;
    shown.push(message);
    const tl = messageToTl(view, message, entry.boxId);
    if (entry.kind === 'message') newMessages.push(tl);
    else otherUpdates.push(new Api.UpdateEditMessage({ message: tl, pts: entry.pts, ptsCount: 1 }));
  }
  return { newMessages, otherUpdates, shown };
}

/** No channels exist in the emulator: every channel is CHANNEL_INVALID, as Telegram answers an unknown one. */
function getChannelDifference(ctx: RequestContext): never {
  signedInAccount(ctx);
  throw new BadRequestError('CHANNEL_INVALID', 'there are no channels in the embedded Telegram');
}

export const updatesHandlers: HandlerRegistry = {
  'updates.GetState': getState,
  'updates.GetDifference': getDifference,
  'updates.GetChannelDifference': getChannelDifference,
};
