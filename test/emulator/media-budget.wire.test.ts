import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Bot, GrammyError } from 'grammy';
import { Api } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { encodePng } from '../../scripts/png';
import { processPhoto, type Account } from '../../src/emulator/state';
import { type Person, startWire, type Wire } from './wire';

/**
 * The emulator bounds its memory, through the real wires: a GramJS user uploads 500 photos to a
 * bot and clears the chat with messages.deleteHistory (revoke), as the suite does before every
 * scenario; the stored bytes the state accounts stay within the media budget and flat, while a
 * grammY bot's file_ids stay valid for what the budget keeps and a message still holds.
 */

/** A distinct, incompressible PNG of about 6 KB. */
function photo(seed: number): Buffer {
  return encodePng(45, 45, (x, y) => [(x * 7 + y * 13 + seed) & 255, (x * y + seed * 31) & 255, (x ^ y ^ seed) & 255], 0);
}

/** What the emulator stores of one such photo: its JPEG sizes and stripped thumbnail, not the PNG. */
let ONE: number;
let BUDGET: number;
let wire: Wire;
let alice: Person;
let botAccount: Account;
let bot: Bot;
let peer: Api.TypeInputPeer;

before(async () => {
  const kept = await processPhoto(photo(0));
  ONE = kept.sizes.reduce((sum, size) => sum + size.bytes.length, kept.stripped.length);
  BUDGET = 40 * ONE;
  wire = await startWire({ mediaBudgetBytes: BUDGET });
  const handle = wire.emulator.control.createBot({ username: 'budget_bot' });
  botAccount = wire.emulator.state.findAccount(handle.id)!;
  bot = new Bot(handle.token, { client: { apiRoot: wire.emulator.botApiRoot } });
  alice = await wire.person('Alice');
  peer = await wire.peerOf(alice, botAccount);
});
after(() => wire.close());

let updateOffset = 0;
/** The file_ids of the photos the bot has been sent since it last asked (its real getUpdates). */
async function photosTheBotReceived(): Promise<string[]> {
  const updates = await bot.api.getUpdates({ offset: updateOffset, timeout: 0 });
  updateOffset = (updates.at(-1)?.update_id ?? updateOffset - 1) + 1;
  return updates.flatMap((update) => (update.message?.photo ? [update.message.photo.at(-1)!.file_id] : []));
}

async function upload(seed: number): Promise<void> {
  const bytes = photo(seed);
  await alice.client.sendFile(peer, { file: new CustomFile(`p${seed}.png`, bytes.length, '', bytes) });
}

async function clearHistory(): Promise<void> {
  await alice.client.invoke(new Api.messages.DeleteHistory({ peer, maxId: 0, revoke: true }));
}

test('500 uploads with history cleared every 50: the stored bytes stay within the budget and flat; file_ids the budget kept still work', { timeout: 600_000 }, async () => {
  const storedAfterClear: number[] = [];
  const fileIds: string[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 50; i++) await upload(round * 50 + i);
    fileIds.push(...(await photosTheBotReceived()));
    assert.ok(wire.emulator.state.mediaUsage().photos >= 50, 'what the chat holds is all stored, whatever the budget');
    await clearHistory();
    storedAfterClear.push(wire.emulator.state.mediaUsage().storedBytes);
  }
  assert.equal(fileIds.length, 500, 'the bot was handed a file_id for every photo');
  assert.ok(storedAfterClear.every((bytes) => bytes <= BUDGET), `stored bytes after each clear ≤ the budget ${BUDGET}: ${storedAfterClear.join(', ')}`);
  assert.ok(storedAfterClear.at(-1)! <= storedAfterClear[0]! + ONE, `flat from the first clear to the last: ${storedAfterClear.join(', ')}`);
  assert.equal(wire.emulator.state.mediaUsage().uploads, 0, 'no upload parts are left behind');

  // The newest released photos are kept for the bot's file_ids; the oldest were evicted.
  const newest = await bot.api.getFile(fileIds.at(-1)!);
  const response = await fetch(`${wire.emulator.botApiRoot}/file/bot${bot.token}/${newest.file_path}`);
  assert.equal(response.status, 200);
  // An evicted file's file_id answers as an unknown one does.
  const refused = (description: RegExp) => (error: unknown) => error instanceof GrammyError && error.error_code === 400 && description.test(error.description);
  await assert.rejects(bot.api.getFile(fileIds[0]!), refused(/invalid file_id/));
  await assert.rejects(bot.api.sendPhoto(alice.account.id, fileIds[0]!), refused(/wrong file identifier/));
  assert.equal((await bot.api.sendPhoto(alice.account.id, fileIds.at(-1)!)).photo.at(-1)!.file_id, fileIds.at(-1), 'a kept one can be re-sent');
  await clearHistory();
});

test('a file a message still holds is never evicted, whatever the budget: the user downloads it after the chat grew past the budget', { timeout: 300_000 }, async () => {
  await upload(10_000);
  const [first] = await alice.client.getMessages(peer, { limit: 1 });
  for (let i = 1; i <= 60; i++) await upload(10_000 + i);
  assert.ok(wire.emulator.state.mediaUsage().photos >= 61, 'every photo the chat holds is stored, past the budget');
  const downloaded = await alice.client.downloadMedia(first!, {});
  assert.ok(Buffer.isBuffer(downloaded) && downloaded.length > 0, 'the first photo still downloads');
  await clearHistory();
  assert.ok(wire.emulator.state.mediaUsage().storedBytes <= BUDGET, 'released once the chat is cleared');
});
