import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Api } from 'telegram';
import { RPCError } from 'telegram/errors';
import bigInt from 'big-integer';
import { encodePng } from '../../scripts/png';
import { type Person, startWire, type Wire } from './wire';

/**
 * Upload parts expire, through the wire: a GramJS user saves parts with upload.saveFilePart
 * and upload.saveBigFilePart and never sends them; once they are older than the TTL they are
 * gone from the state, and a send naming them gets FILE_PARTS_INVALID. Time is the emulator's
 * injectable clock, so nothing waits.
 */

const TTL_MS = 60_000;
let now = Date.now();
let wire: Wire;
let alice: Person;
let peer: Api.TypeInputPeer;

before(async () => {
  wire = await startWire({ uploadPartsTtlMs: TTL_MS, now: () => now });
  const bot = wire.emulator.control.createBot({ username: 'parts_bot' });
  alice = await wire.person('Alice');
  peer = await wire.peerOf(alice, wire.emulator.state.findAccount(bot.id)!);
});
after(() => wire.close());

const png = encodePng(8, 8, () => [10, 200, 30]);

async function savePart(fileId: number, part: number, bytes: Buffer, big = false): Promise<void> {
  const request = big
    ? new Api.upload.SaveBigFilePart({ fileId: bigInt(fileId), filePart: part, fileTotalParts: 2, bytes })
    : new Api.upload.SaveFilePart({ fileId: bigInt(fileId), filePart: part, bytes });
  assert.equal(await alice.client.invoke(request), true);
}

function sendUploaded(fileId: number, parts: number): Promise<Api.TypeUpdates> {
  return alice.client.invoke(new Api.messages.SendMedia({
    peer,
    media: new Api.InputMediaUploadedPhoto({ file: new Api.InputFile({ id: bigInt(fileId), parts, name: 'p.png', md5Checksum: '' }) }),
    message: '',
    randomId: bigInt(fileId),
  }));
}

test('parts no send used are forgotten after the TTL; a send naming them gets FILE_PARTS_INVALID', async () => {
  await savePart(1, 0, png);
  await savePart(2, 0, Buffer.alloc(1024), true);
  await savePart(2, 1, Buffer.alloc(1024), true);
  assert.equal(wire.emulator.state.mediaUsage().uploads, 2);
  now += TTL_MS / 2;
  await savePart(3, 0, png);
  now += TTL_MS / 2 + 1;
  assert.deepEqual([wire.emulator.state.mediaUsage().uploads, wire.emulator.state.mediaUsage().uploadBytes], [1, png.length], 'only the upload touched within the TTL is left');
  await assert.rejects(sendUploaded(1, 1), (error: unknown) => error instanceof RPCError && error.errorMessage === 'FILE_PARTS_INVALID');
  await sendUploaded(3, 1);
  assert.equal(wire.emulator.state.mediaUsage().uploads, 0, 'a send uses its parts up');
});
