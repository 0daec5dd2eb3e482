/**
 * Making the worker's bot by talking to @BotFather as a person does: "/newbot", a display
 * name, a username ending in "bot"; the token is read from the last reply by its shape
 * (botfather-reply.ts). Each reply is awaited as an event (GramJS's NewMessage from
 * @BotFather), with a failure guard that names what did not answer.
 */
import { randomBytes } from 'node:crypto';
import { Api, type TelegramClient } from 'telegram';
import { NewMessage, type NewMessageEvent } from 'telegram/events';
import { BotFatherRefusedError, botUsername, tokenInReply } from './botfather-reply';

export interface MadeBot {
  readonly token: string;
  readonly username: string;
}

const BOTFATHER = 'BotFather';

/** Asks @BotFather for a new bot; retries once with another username when the first gets no token (e.g. taken). */
export async function makeBotWithBotFather(client: TelegramClient, options: { worker: number; timeoutMs: number; displayName?: string }): Promise<MadeBot> {
  const resolved = await client.invoke(new Api.contacts.ResolveUsername({ username: BOTFATHER }));
  const botFather = resolved.users.find((user): user is Api.User => user instanceof Api.User);
  if (!botFather) throw new Error('The test DC has no @BotFather to make a bot with; set TEST_DC_BOT_TOKENS and TEST_DC_BOT_USERNAMES instead.');
  const ask = (text: string) => exchange(client, botFather, text, options.timeoutMs);

  const newbotReply = await ask('/newbot');
  await ask(options.displayName ?? `Family Album w${options.worker}`);
  let username = botUsername(options.worker, randomBytes(5).toString('hex'));
  let reply = await ask(username);
  let token = tokenInReply(reply);
  if (!token) {
    // A taken username keeps BotFather at the username question: answer it once more.
    username = botUsername(options.worker, randomBytes(5).toString('hex'));
    reply = await ask(username);
    token = tokenInReply(reply);
  }
  if (!token) throw new BotFatherRefusedError(reply, newbotReply);
  return { token, username };
}

/** Sends `text` to @BotFather and resolves with the text of its next message. */
function exchange(client: TelegramClient, botFather: Api.User, text: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const filter = new NewMessage({ incoming: true });
    let timer: NodeJS.Timeout | undefined;
    const done = (finish: () => void) => {
      clearTimeout(timer);
      client.removeEventHandler(handler, filter);
      finish();
    };
    const handler = (event: NewMessageEvent) => {
      const peer = event.message.peerId;
      if (peer instanceof Api.PeerUser && peer.userId.equals(botFather.id)) done(() => resolve(event.message.message ?? ''));
    };
    client.addEventHandler(handler, filter);
    timer = setTimeout(() => done(() => reject(new Error(`@BotFather did not answer "${text.startsWith('/') ? text : '…'}" within ${timeoutMs} ms (raise SETTLE_TIMEOUT_MS if the test DC is slow today).`))), timeoutMs);
    client.sendMessage(botFather, { message: text, parseMode: undefined }).catch((error: unknown) => done(() => reject(error)));
  });
}
