/**
 * messages.*: private chats between a signed-in user and other users or bots.
 *
 * Sending answers with `Updates` (updateMessageID + updateNewMessage per message), which
 * GramJS's sendMessage / sendFile / forwardMessages turn back into the sent messages. The
 * other participant gets its copy pushed by `../updates.ts` from the state's events.
 */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import {
  checkCaption, detectEntities, randomLong, unixNow, type Account, type Media, type Message,
} from '../../state';
import {
  prepareMedia, mediaToTl, messageToTl, peerUser, messageIdOf, resolveInputPeer, resolveInputUser, userEntities, usersById, usersOf,
} from '../convert';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';
import { sentMessagesUpdates, updatesBundle, viewpoint } from './common';

/** Telegram's cap on one page of history or dialogs. */
const PAGE_LIMIT = 100;
/** Telegram's cap on an album. */
const ALBUM_LIMIT = 10;

/** The signed-in account and the account `peer` names; Saved Messages is not emulated. */
function chatOf(ctx: RequestContext, peer: unknown): { me: Account; other: Account } {
  const me = signedInAccount(ctx);
  const other = resolveInputPeer(ctx.state, me.id, peer);
  if (other.id === me.id) throw new BadRequestError('PEER_ID_INVALID', 'Saved Messages (a chat with yourself) is not supported by the emulator');
  return { me, other };
}

function replyToBoxId(replyTo: Api.TypeInputReplyTo | undefined): number | undefined {
  return replyTo instanceof Api.InputReplyToMessage ? replyTo.replyToMsgId : undefined;
}

/**
 * Checks a reply target before uploaded parts are joined (which consumes them), so a bad
 * reply id costs the client nothing: it can fix the id and send the same upload again.
 */
function checkReplyTo(ctx: RequestContext, me: Account, boxId: number | undefined): void {
  if (boxId !== undefined && !ctx.state.messageInBox(me.id, boxId)) {
    throw new BadRequestError('REPLY_TO_MSG_ID_INVALID', `message ${boxId} does not exist`);
  }
}

/** The message `boxId` of `me`'s chat with `other`, or MESSAGE_ID_INVALID. */
function messageInChat(ctx: RequestContext, me: Account, other: Account, boxId: number): Message {
  const message = ctx.state.messageInBox(me.id, boxId);
  if (!message || ctx.state.peerOf(message, me.id) !== other.id) {
    throw new BadRequestError('MESSAGE_ID_INVALID', `message ${boxId} is not in your chat with ${other.id}`);
  }
  return message;
}

// ── sending ───────────────────────────────────────────────────────────────────────────────

function sendMessage(ctx: RequestContext, request: Api.messages.SendMessage): Api.Updates {
  const { me, other } = chatOf(ctx, request.peer);
  const text = request.message ?? '';
  const message = ctx.state.sendMessage(me.id, other.id, {
    text,
    entities: userEntities(ctx.state, me.id, text, request.entities),
    replyToBoxId: replyToBoxId(request.replyTo),
  });
  return sentMessagesUpdates(ctx, me.id, [{ message, randomId: request.randomId }]);
}

async function sendMedia(ctx: RequestContext, request: Api.messages.SendMedia): Promise<Api.Updates> {
  const { me, other } = chatOf(ctx, request.peer);
  const text = request.message ?? '';
  checkCaption(text); // before the upload is consumed, so a long caption costs the client nothing
  const replyTo = replyToBoxId(request.replyTo);
  checkReplyTo(ctx, me, replyTo);
  const media = (await prepareMedia(ctx.state, me.id, request.media, ctx.server.dcId))();
  const message = ctx.state.sendMessage(me.id, other.id, {
    text,
    entities: userEntities(ctx.state, me.id, text, request.entities),
    media,
    replyToBoxId: replyTo,
  });
  return sentMessagesUpdates(ctx, me.id, [{ message, randomId: request.randomId }]);
}

/** Stores media before an album is sent (GramJS uploads each photo this way first). */
async function uploadMedia(ctx: RequestContext, request: Api.messages.UploadMedia): Promise<Api.TypeMessageMedia> {
  const me = signedInAccount(ctx);
  resolveInputPeer(ctx.state, me.id, request.peer);
  return mediaToTl((await prepareMedia(ctx.state, me.id, request.media, ctx.server.dcId))());
}

/** An album: every item is resolved first (so a bad one sends nothing), then all share a groupedId. */
async function sendMultiMedia(ctx: RequestContext, request: Api.messages.SendMultiMedia): Promise<Api.Updates> {
  const { me, other } = chatOf(ctx, request.peer);
  const items = request.multiMedia ?? [];
  if (items.length === 0) throw new BadRequestError('MEDIA_EMPTY', 'an album needs at least one photo or document');
  if (items.length > ALBUM_LIMIT) throw new BadRequestError('MULTI_MEDIA_TOO_LONG', `an album has at most ${ALBUM_LIMIT} items`);
  for (const item of items) checkCaption(item.message ?? '');
  const replyTo = replyToBoxId(request.replyTo);
  checkReplyTo(ctx, me, replyTo);
  const prepared = await Promise.all(items.map((item) => prepareMedia(ctx.state, me.id, item.media, ctx.server.dcId)));
  const media: Media[] = prepared.map((store) => store());
  const groupedId = randomLong();
  const sent = items.map((item, index) => {
    const text = item.message ?? '';
    const message = ctx.state.sendMessage(me.id, other.id, {
      text,
      entities: userEntities(ctx.state, me.id, text, item.entities),
      media: media[index],
      groupedId,
      replyToBoxId: replyTo,
    });
    return { message, randomId: item.randomId };
  });
  return sentMessagesUpdates(ctx, me.id, sent);
}

/** Forwards keep their original author (or only the name, when the author hides forwards). */
function forwardMessages(ctx: RequestContext, request: Api.messages.ForwardMessages): Api.Updates {
  const me = signedInAccount(ctx);
  const from = resolveInputPeer(ctx.state, me.id, request.fromPeer);
  const { other: to } = chatOf(ctx, request.toPeer);
  const ids = request.id ?? [];
  if (ids.length === 0) throw new BadRequestError('MESSAGE_IDS_EMPTY', 'pass the ids of the messages to forward');
  const randomIds = request.randomId ?? [];
  if (randomIds.length !== ids.length) throw new BadRequestError('RANDOM_ID_INVALID', 'pass one random id per forwarded message');
  const forwarded = ctx.state.forwardMessages(me.id, from.id, ids, to.id, randomLong());
  return sentMessagesUpdates(ctx, me.id, forwarded.map((message, index) => ({ message, randomId: randomIds[index] })));
}

/** /start with a deep-link parameter, as a client sends when opening t.me/<bot>?start=<param>. */
function startBot(ctx: RequestContext, request: Api.messages.StartBot): Api.Updates {
  const me = signedInAccount(ctx);
  const bot = resolveInputUser(ctx.state, me.id, request.bot);
  if (!bot.isBot) throw new BadRequestError('BOT_INVALID', 'this user is not a bot');
  const param = request.startParam ?? '';
  if (!/^[A-Za-z0-9_-]{0,64}$/.test(param)) throw new BadRequestError('START_PARAM_INVALID', 'a start parameter is up to 64 characters A-Z, a-z, 0-9, _ and -');
  const message = ctx.state.sendMessage(me.id, bot.id, { text: param ? `/start ${param}` : '/start' });
  return sentMessagesUpdates(ctx, me.id, [{ message, randomId: request.randomId }]);
}

// ── changing ──────────────────────────────────────────────────────────────────────────────

function editMessage(ctx: RequestContext, request: Api.messages.EditMessage): Api.Updates {
  const { me, other } = chatOf(ctx, request.peer);
  messageInChat(ctx, me, other, request.id);
  // An absent optional field may be undefined (built in process) or null (decoded): both mean "no media".
  if (request.media != null) throw new BadRequestError('MEDIA_INVALID', 'the emulator edits text only');
  const text = request.message;
  const entities = text === undefined ? undefined : userEntities(ctx.state, me.id, text, request.entities) ?? detectEntities(text);
  const message = ctx.state.editMessage(me.id, request.id, { text, entities });
  const view = viewpoint(ctx, me.id);
  return updatesBundle(
    [new Api.UpdateEditMessage({ message: messageToTl(view, message, request.id), pts: me.pts, ptsCount: 1 })],
    usersOf(view, [message]),
  );
}

function deleteMessages(ctx: RequestContext, request: Api.messages.DeleteMessages): Api.messages.AffectedMessages {
  const me = signedInAccount(ctx);
  const present = (request.id ?? []).filter((id) => ctx.state.messageInBox(me.id, id) !== undefined);
  if (present.length > 0) ctx.state.deleteMessages(me.id, present, request.revoke ?? false);
  return new Api.messages.AffectedMessages({ pts: me.pts, ptsCount: present.length });
}

/** Clears the chat (up to `maxId` when given) for this account; with `revoke`, for both sides. */
function deleteHistory(ctx: RequestContext, request: Api.messages.DeleteHistory): Api.messages.AffectedHistory {
  const { me, other } = chatOf(ctx, request.peer);
  const ids = ctx.state.history(me.id, other.id)
    .map((entry) => entry.boxId)
    .filter((id) => !request.maxId || id <= request.maxId);
  if (ids.length > 0) ctx.state.deleteMessages(me.id, ids, request.revoke ?? false);
  return new Api.messages.AffectedHistory({ pts: me.pts, ptsCount: ids.length, offset: 0 });
}

/** Read receipts are accepted; the emulator does not track unread counts. */
function readHistory(ctx: RequestContext, request: Api.messages.ReadHistory): Api.messages.AffectedMessages {
  const { me } = chatOf(ctx, request.peer);
  return new Api.messages.AffectedMessages({ pts: me.pts, ptsCount: 0 });
}

function setTyping(ctx: RequestContext, request: Api.messages.SetTyping): boolean {
  chatOf(ctx, request.peer);
  return true;
}

/** Presses an inline button and waits for the bot's answer (BOT_RESPONSE_TIMEOUT if none comes). */
async function getBotCallbackAnswer(ctx: RequestContext, request: Api.messages.GetBotCallbackAnswer): Promise<Api.messages.BotCallbackAnswer> {
  const { me, other } = chatOf(ctx, request.peer);
  const msgId = messageIdOf(request.msgId);
  messageInChat(ctx, me, other, msgId);
  if (request.game) throw new BadRequestError('DATA_INVALID', 'games are not supported by the emulator');
  if (!request.data) throw new BadRequestError('DATA_INVALID', 'pass the callback data of the button');
  const answer = await ctx.state.pressButton(me.id, msgId, Buffer.from(request.data));
  return new Api.messages.BotCallbackAnswer({
    alert: answer.alert || undefined,
    hasUrl: answer.url !== undefined || undefined,
    message: answer.text,
    url: answer.url,
    cacheTime: answer.cacheTime ?? 0,
  });
}

// ── reading ───────────────────────────────────────────────────────────────────────────────

/**
 * A page of the chat, newest first: from `offsetId` (exclusive) or `offsetDate`, shifted by
 * `addOffset` (negative means newer), at most `limit` (≤ 100), within (minId, maxId).
 */
function getHistory(ctx: RequestContext, request: Api.messages.GetHistory): Api.messages.TypeMessages {
  const { me, other } = chatOf(ctx, request.peer);
  const all = ctx.state.history(me.id, other.id);
  let start = 0;
  if (request.offsetId > 0) start = indexOrEnd(all, (e) => e.boxId < request.offsetId);
  else if (request.offsetDate > 0) start = indexOrEnd(all, (e) => e.message.date < request.offsetDate);
  start = Math.max(0, start + (request.addOffset ?? 0));
  const limit = Math.min(Math.max(request.limit ?? 0, 0) || PAGE_LIMIT, PAGE_LIMIT);
  const page = all.slice(start, start + limit)
    .filter((e) => (!request.maxId || e.boxId < request.maxId) && (!request.minId || e.boxId > request.minId));
  return messagesResult(ctx, me, page, all.length);
}

function indexOrEnd<T>(items: T[], predicate: (item: T) => boolean): number {
  const index = items.findIndex(predicate);
  return index === -1 ? items.length : index;
}

/** Messages by id; an id that is not in the box comes back as messageEmpty, as on Telegram. */
function getMessages(ctx: RequestContext, request: Api.messages.GetMessages): Api.messages.Messages {
  const me = signedInAccount(ctx);
  const view = viewpoint(ctx, me.id);
  const found: Message[] = [];
  const messages = (request.id ?? []).map((input) => {
    const boxId = inputMessageId(ctx, me, input);
    const message = boxId === undefined ? undefined : ctx.state.messageInBox(me.id, boxId);
    if (!message || boxId === undefined) return new Api.MessageEmpty({ id: boxId ?? 0 });
    found.push(message);
    return messageToTl(view, message, boxId);
  });
  return new Api.messages.Messages({ messages, chats: [], users: usersOf(view, found) });
}

function inputMessageId(ctx: RequestContext, me: Account, input: Api.TypeInputMessage): number | undefined {
  if (input instanceof Api.InputMessageID) return input.id;
  if (input instanceof Api.InputMessageReplyTo) {
    const message = ctx.state.messageInBox(me.id, input.id);
    if (message?.replyToKey === undefined) return undefined;
    const peer = ctx.state.peerOf(message, me.id);
    return ctx.state.history(me.id, peer).find((e) => e.message.key === message.replyToKey)?.boxId;
  }
  return undefined;
}

function messagesResult(ctx: RequestContext, me: Account, page: Array<{ boxId: number; message: Message }>, total: number): Api.messages.TypeMessages {
  const view = viewpoint(ctx, me.id);
  const messages = page.map((e) => messageToTl(view, e.message, e.boxId));
  const users = usersOf(view, page.map((e) => e.message));
  if (page.length === total) return new Api.messages.Messages({ messages, chats: [], users });
  return new Api.messages.MessagesSlice({ count: total, messages, chats: [], users });
}

function dialogTl(peerId: number, topBoxId: number): Api.Dialog {
  return new Api.Dialog({
    peer: peerUser(peerId),
    topMessage: topBoxId,
    readInboxMaxId: topBoxId,
    readOutboxMaxId: topBoxId,
    unreadCount: 0,
    unreadMentionsCount: 0,
    unreadReactionsCount: 0,
    notifySettings: new Api.PeerNotifySettings({}),
  });
}

/** The account's chats, newest first; the archive (folder 1) is empty. */
function getDialogs(ctx: RequestContext, request: Api.messages.GetDialogs): Api.messages.TypeDialogs {
  const me = signedInAccount(ctx);
  const view = viewpoint(ctx, me.id);
  const all = request.folderId === 1 ? [] : ctx.state.dialogs(me.id);
  let start = 0;
  if (request.offsetId > 0) start = indexOrEnd(all, (d) => d.top.boxId < request.offsetId);
  else if (request.offsetDate > 0) start = indexOrEnd(all, (d) => d.top.message.date < request.offsetDate);
  const limit = Math.min(Math.max(request.limit ?? 0, 0) || PAGE_LIMIT, PAGE_LIMIT);
  const page = all.slice(start, start + limit);
  const dialogs = page.map((d) => dialogTl(d.peerId, d.top.boxId));
  const messages = page.map((d) => messageToTl(view, d.top.message, d.top.boxId));
  const users = usersById(view, [...page.map((d) => d.peerId), ...usersOf(view, page.map((d) => d.top.message)).map((u) => Number(u.id.toString()))]);
  if (page.length === all.length) return new Api.messages.Dialogs({ dialogs, messages, chats: [], users });
  return new Api.messages.DialogsSlice({ count: all.length, dialogs, messages, chats: [], users });
}

function getPeerDialogs(ctx: RequestContext, request: Api.messages.GetPeerDialogs): Api.messages.PeerDialogs {
  const me = signedInAccount(ctx);
  const view = viewpoint(ctx, me.id);
  const all = ctx.state.dialogs(me.id);
  const wanted = (request.peers ?? []).map((input) => {
    if (!(input instanceof Api.InputDialogPeer)) throw new BadRequestError('PEER_ID_INVALID', 'dialog folders are not supported');
    return resolveInputPeer(ctx.state, me.id, input.peer).id;
  });
  const page = all.filter((d) => wanted.includes(d.peerId));
  return new Api.messages.PeerDialogs({
    dialogs: page.map((d) => dialogTl(d.peerId, d.top.boxId)),
    messages: page.map((d) => messageToTl(view, d.top.message, d.top.boxId)),
    chats: [],
    users: usersById(view, [me.id, ...wanted]),
    state: new Api.updates.State({ pts: me.pts, qts: 0, date: unixNow(), seq: 0, unreadCount: 0 }),
  });
}

export const messagesHandlers: HandlerRegistry = {
  'messages.SendMessage': sendMessage,
  'messages.SendMedia': sendMedia,
  'messages.UploadMedia': uploadMedia,
  'messages.SendMultiMedia': sendMultiMedia,
  'messages.ForwardMessages': forwardMessages,
  'messages.StartBot': startBot,
  'messages.EditMessage': editMessage,
  'messages.DeleteMessages': deleteMessages,
  'messages.DeleteHistory': deleteHistory,
  'messages.ReadHistory': readHistory,
  'messages.SetTyping': setTyping,
  'messages.GetBotCallbackAnswer': getBotCallbackAnswer,
  'messages.GetHistory': getHistory,
  'messages.GetMessages': getMessages,
  'messages.GetDialogs': getDialogs,
  'messages.GetPeerDialogs': getPeerDialogs,
};
