/**
 * The test DC's three DCs, through the wire with real GramJS clients: where each DC is, the
 * 303 redirects (PHONE_MIGRATE, USER_MIGRATE, FILE_MIGRATE) and GramJS following them, and
 * downloads across DCs through exported authorizations.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { FileMigrateError, PhoneMigrateError, UserMigrateError } from 'telegram/errors';
import { createEmulatorClient, emulatorEndpoint } from '../../../src/emulator/gramjs';
import { rpcRejection } from '../mtproto/rpc-rejection';
import { accountIdOf, GUARD, nextMessage, Twin } from './harness';

/** Sends one request on a client's main connection, bypassing GramJS's own redirect handling. */
function sendRaw<R>(client: TelegramClient, request: Api.AnyRequest): Promise<R> {
  return (client as unknown as { _sender: { send(r: Api.AnyRequest): Promise<R> } })._sender.send(request);
}

/** Sends one request on an exported sender (another DC's connection). */
function sendOn(sender: { send(request: Api.AnyRequest): Promise<unknown> | undefined }, request: Api.AnyRequest): Promise<unknown> {
  return sender.send(request) ?? Promise.reject(new Error('the sender is not connected'));
}

/** The DC a client's session is on now. */
const dcOf = (client: TelegramClient) => client.session.dcId;

describe('the twin: three DCs over one state', () => {
  let twin: Twin;
  before(async () => {
    twin = await Twin.start();
  });
  after(() => twin?.stop());

  it('listens on DCs 1, 2 and 3 at their own loopback ports, all ≤ 32767, with one RSA key', () => {
    const { dcs, host, mtprotoPort, dcId } = twin.emulator.connection();
    assert.deepEqual(dcs.map((dc) => dc.id), [1, 2, 3]);
    assert.equal(new Set(dcs.map((dc) => dc.port)).size, 3);
    for (const dc of dcs) {
      assert.equal(dc.host, '127.0.0.1');
      assert.ok(dc.port > 0 && dc.port <= 32767, `DC ${dc.id}'s port ${dc.port} fits a StringSession`);
    }
    assert.equal(dcId, 2);
    assert.equal(mtprotoPort, dcs[1].port);
    assert.equal(host, '127.0.0.1');
    const fingerprints = new Set([...twin.emulator.servers.values()].map((server) => server.fingerprint));
    assert.equal(fingerprints.size, 1);
  });

  it('help.getConfig on each DC lists all three with their real addresses and the test flag; getNearestDc answers', GUARD, async () => {
    const connection = twin.emulator.connection();
    for (const dc of connection.dcs) {
      const client = createEmulatorClient({ ...emulatorEndpoint(connection), port: dc.port, dcId: dc.id });
      try {
        await client.connect();
        const config = await client.invoke(new Api.help.GetConfig());
        assert.equal(config.thisDc, dc.id);
        assert.equal(config.testMode, true);
        assert.deepEqual(
          config.dcOptions.map((option) => [option.id, option.ipAddress, option.port]).sort(),
          connection.dcs.map((d) => [d.id, d.host, d.port]).sort(),
        );
        const nearest = await client.invoke(new Api.help.GetNearestDc());
        assert.equal(nearest.thisDc, dc.id);
      } finally {
        await client.destroy();
      }
    }
  });

  it('auth.sendCode for a DC-1 number on DC 2 answers 303 PHONE_MIGRATE_1 at once (no hang)', GUARD, async () => {
    const client = twin.client();
    await client.connect();
    const error = await rpcRejection(sendRaw(client, new Api.auth.SendCode({
      phoneNumber: '9996610001', apiId: 1, apiHash: 'twin', settings: new Api.CodeSettings({}),
    })));
    assert.equal(error.code, 303);
    assert.ok(error instanceof PhoneMigrateError, `PHONE_MIGRATE_X, got ${error.errorMessage}`);
    assert.equal(error.newDc, 1);
  });

  it('GramJS follows PHONE_MIGRATE: a DC-3 number signs up from DC 2, ends on DC 3, and resumes there', GUARD, async () => {
    const handshakesOn3 = twin.emulator.servers.get(3)!.handshakes;
    const carol = await twin.person('9996630001', 'Carol');
    assert.equal(dcOf(carol), 3);
    assert.equal((await carol.getMe()).phone, '9996630001');
    assert.equal(twin.emulator.servers.get(3)!.handshakes, handshakesOn3 + 1);

    const saved = (carol.session as unknown as { save(): string }).save();
    const resumed = twin.client(saved);
    await resumed.connect();
    assert.equal(dcOf(resumed), 3);
    assert.equal(await resumed.checkAuthorization(), true);
    assert.equal(twin.emulator.servers.get(3)!.handshakes, handshakesOn3 + 1, 'resuming needs no new key');
  });

  describe('people on different DCs', () => {
    let alice: TelegramClient;
    let bob: TelegramClient;
    let sent: Api.Message;
    let received: Api.Message;
    const bytes = randomBytes(40_000);

    before(async () => {
      [alice, bob] = await Promise.all([twin.person('9996610002', 'Alice'), twin.person('9996620002', 'Bob')]);
      const bobSees = nextMessage(bob);
      sent = await alice.sendFile(await twin.inputPeerOf(bob), { file: new CustomFile('notes.bin', bytes.length, '', bytes), forceDocument: true });
      received = await bobSees;
    });

    it('messages between DCs are pushed to each person on their home DC', GUARD, async () => {
      assert.equal(dcOf(alice), 1);
      assert.equal(dcOf(bob), 2);
      const aliceSees = nextMessage(alice, (message) => message.message === 'hello from DC 2');
      await bob.sendMessage(await twin.inputPeerOf(alice), { message: 'hello from DC 2' });
      const received = await aliceSees;
      assert.equal(Number(received.senderId?.toString()), await accountIdOf(bob));
    });

    it('a file lives on its uploader\'s DC, and GramJS downloads it from there through an exported authorization', GUARD, async () => {
      const document = (sent.media as Api.MessageMediaDocument).document as Api.Document;
      assert.equal(document.dcId, 1);
      const handshakesOn1 = twin.emulator.servers.get(1)!.handshakes;
      const downloaded = await bob.downloadMedia(received);
      assert.ok(Buffer.isBuffer(downloaded));
      assert.ok(bytes.equals(downloaded), 'the bytes Alice uploaded on DC 1');
      assert.equal(twin.emulator.servers.get(1)!.handshakes, handshakesOn1 + 1, 'Bob made a key on DC 1 for the download');
    });

    it('on a foreign DC an imported authorization downloads, and anything else answers USER_MIGRATE; a file asked on the wrong DC answers FILE_MIGRATE', GUARD, async () => {
      const document = (sent.media as Api.MessageMediaDocument).document as Api.Document;
      const location = new Api.InputDocumentFileLocation({ id: document.id, accessHash: document.accessHash, fileReference: document.fileReference, thumbSize: '' });
      const onDc3 = await alice.getSender(3);
      const userMigrate = await rpcRejection(sendOn(onDc3, new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 10, offsetDate: 0, offsetId: 0, hash: bigInt(0) })));
      assert.equal(userMigrate.code, 303);
      assert.ok(userMigrate instanceof UserMigrateError, `USER_MIGRATE_X, got ${userMigrate.errorMessage}`);
      assert.equal(userMigrate.newDc, 1);
      const fileMigrate = await rpcRejection(sendOn(onDc3, new Api.upload.GetFile({ location, offset: bigInt(0), limit: 4096 })));
      assert.ok(fileMigrate instanceof FileMigrateError && fileMigrate.newDc === 1, `FILE_MIGRATE_1, got ${fileMigrate.errorMessage}`);
      const onHome = await rpcRejection(sendRaw(bob, new Api.upload.GetFile({ location, offset: bigInt(0), limit: 4096 })));
      assert.ok(onHome instanceof FileMigrateError && onHome.newDc === 1, 'Bob on DC 2 is sent to DC 1 for it');
    });

    it('an exported authorization works once, on the DC it was made for; exporting to one\'s own DC is DC_ID_INVALID', GUARD, async () => {
      const exported = await alice.invoke(new Api.auth.ExportAuthorization({ dcId: 2 }));
      const stranger = twin.client();
      await stranger.connect();
      const onDc2 = await stranger.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }));
      assert.ok(onDc2 instanceof Api.auth.Authorization);
      const again = await rpcRejection(stranger.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes })));
      assert.equal(again.errorMessage, 'AUTH_BYTES_INVALID');
      const own = await rpcRejection(alice.invoke(new Api.auth.ExportAuthorization({ dcId: 1 })));
      assert.equal(own.errorMessage, 'DC_ID_INVALID');
    });
  });
});
