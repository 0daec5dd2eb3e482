/**
 * Blocking a bot and reacting, from mtcute (`@mtcute/node`, layer 227, its default transport),
 * configured only through its public options, against a grammY bot over HTTP: the same
 * behaviour as blocks-reactions.test.ts proves with GramJS, in another client's encoding and layer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { startEmulator, type Emulator } from '../../../src/emulator';

// mtcute's CommonJS bundles print a deprecation notice once per process; the flag is the one they check.
(globalThis as { _MTCUTE_CJS_DEPRECATION_WARNED?: boolean })._MTCUTE_CJS_DEPRECATION_WARNED = true;
import mtcute = require('@mtcute/node');
import mtcuteUtils = require('@mtcute/node/utils.js');

describe('blocks and reactions from mtcute (layer 227)', { timeout: 120_000 }, () => {
  let emulator: Emulator;
  let client: InstanceType<typeof mtcute.TelegramClient>;
  let bot: Bot;
  let aliceId: number;
  let offset = 0;
  const BOT = 'mtcute_react_bot';
  const PHONE = '9996627001';

  before(async () => {
    emulator = await startEmulator();
    const handle = emulator.control.createBot({ username: BOT });
    bot = new Bot(handle.token, { client: { apiRoot: emulator.botApiRoot } });
    aliceId = emulator.state.createUser({ phone: PHONE, firstName: 'Alice' }).id;
    const dc = emulator.dcs.find((candidate) => candidate.id === emulator.dcId)!;
    const address = { id: dc.id, ipAddress: dc.host, port: dc.port, testMode: true };
    const crypto = new mtcuteUtils.NodeCryptoProvider();
    await crypto.initialize();
    mtcuteUtils.addPublicKey(crypto, emulator.rsaPublicKeyPkcs1Pem);
    client = new mtcute.TelegramClient({
      crypto, apiId: 1, apiHash: 'emulator', storage: new mtcute.MemoryStorage(), testMode: true,
      defaultDcs: { main: address, media: { ...address, mediaOnly: true } }, logLevel: 0,
    });
    await client.start({ phone: PHONE, code: String(emulator.dcId).repeat(5), codeSentCallback: () => undefined });
    await client.sendText(BOT, '/start');
    await updates(['message', 'my_chat_member', 'message_reaction']);
  });

  after(async () => {
    await client?.destroy().catch(() => undefined);
    await emulator?.stop();
  });

  async function updates(allowed?: string[]): Promise<Update[]> {
    const got = await bot.api.getUpdates({ offset, timeout: 0, ...(allowed ? { allowed_updates: allowed as never } : {}) });
    if (got.length > 0) offset = got[got.length - 1]!.update_id + 1;
    return got;
  }

  it('blockUser / unblockUser: my_chat_member kicked, then member', async () => {
    await client.blockUser(BOT);
    const [blocked] = await updates();
    assert.deepEqual([blocked?.my_chat_member?.from.id, blocked?.my_chat_member?.old_chat_member.status, blocked?.my_chat_member?.new_chat_member.status], [aliceId, 'member', 'kicked']);
    await client.unblockUser(BOT);
    const [unblocked] = await updates();
    assert.equal(unblocked?.my_chat_member?.new_chat_member.status, 'member');
  });

  it('sendReaction: the bot gets message_reaction, and mtcute reads the reacted message from the answer', async () => {
    const sent = await bot.api.sendMessage(aliceId, 'react to me');
    const [inAlice] = await client.getHistory(BOT, { limit: 1 });
    assert.equal(inAlice?.text, 'react to me');
    const reacted = await client.sendReaction({ chatId: BOT, message: inAlice!.id, emoji: '👍' });
    assert.equal(reacted?.id, inAlice!.id, 'the answer holds the edited message (updateEditMessage)');
    assert.deepEqual(reacted?.reactions?.reactions.map((count) => [count.emoji, count.count]), [['👍', 1]]);
    const [update] = await updates();
    assert.deepEqual(
      [update?.message_reaction?.message_id, update?.message_reaction?.user?.id, update?.message_reaction?.new_reaction],
      [sent.message_id, aliceId, [{ type: 'emoji', emoji: '👍' }]],
    );
  });
});
