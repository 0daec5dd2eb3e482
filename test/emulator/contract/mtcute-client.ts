/**
 * The contract client over mtcute (`@mtcute/node`), unmodified and configured only through its
 * public options: the emulator's DC as `defaultDcs` with `testMode`, memory storage, the
 * emulator's PKCS#1 public key through `@mtcute/node/utils.js`'s `addPublicKey`, the default
 * transport (TCP, intermediate), and `network.usePfs` for the PFS run.
 *
 * mtcute's `start()` resolves before its updates loop listens: `UpdatesManager.startLoop`
 * subscribes to the connection's updates only after its own `updates.getState` and
 * `updates.getDifference` answer, and a push arriving in between is dropped by mtcute itself
 * (on Telegram too; there the round trips make the window rarely hit, here a message sent right
 * after sign-in lands in it every time). So the adapter turns on the public `updates.catchUp`
 * option, under which the loop listens at once, and `signIn` resolves when mtcute reports the
 * catch-up done (`onConnectionState`: 'updating', then 'connected').
 */
import type { ContractClient, ContractClientFactory, ContractEndpoint, ReceivedMessage } from './contract-client';

// mtcute's CommonJS bundles print a deprecation notice once per process; the flag is the one they check.
(globalThis as { _MTCUTE_CJS_DEPRECATION_WARNED?: boolean })._MTCUTE_CJS_DEPRECATION_WARNED = true;
import mtcute = require('@mtcute/node');
import mtcuteUtils = require('@mtcute/node/utils.js');

type Client = InstanceType<typeof mtcute.TelegramClient>;
type Message = Parameters<Parameters<Client['onNewMessage']['add']>[0]>[0];

function received(message: Message): ReceivedMessage {
  const markup = message.markup as { type?: string; buttons?: Array<Array<{ _: string; data?: Uint8Array }>> } | null;
  const buttons = markup?.type === 'inline'
    ? (markup.buttons ?? []).flat().filter((button) => button._ === 'keyboardButtonCallback').map((button) => Buffer.from(button.data!))
    : [];
  return { id: message.id, text: message.text, senderId: message.sender.id, buttons, hasPhoto: message.media?.type === 'photo' };
}

class MtcuteContractClient implements ContractClient {
  constructor(private readonly client: Client) {}

  async signIn(phone: string, code: string): Promise<number> {
    const listening = this.caughtUp();
    const me = await this.client.start({ phone, code, codeSentCallback: () => undefined });
    await listening;
    return me.id;
  }

  /** Resolves when mtcute's updates loop has loaded its state after sign-in and listens. */
  private caughtUp(): Promise<void> {
    return new Promise((resolve) => {
      let updating = false;
      const onState = (state: string) => {
        if (state === 'updating') updating = true;
        else if (state === 'connected' && updating) {
          this.client.onConnectionState.remove(onState);
          resolve();
        }
      };
      this.client.onConnectionState.add(onState);
    });
  }

  async getMe() {
    const me = await this.client.getMe();
    return { id: me.id, firstName: me.firstName, lastName: me.lastName ?? '' };
  }

  nextMessageFrom(fromId: number): Promise<ReceivedMessage> {
    return new Promise((resolve) => {
      const handler = (message: Message) => {
        if (message.isOutgoing || message.sender.id !== fromId) return;
        this.client.onNewMessage.remove(handler);
        resolve(received(message));
      };
      this.client.onNewMessage.add(handler);
    });
  }

  async sendText(username: string, text: string) {
    return (await this.client.sendText(username, text)).id;
  }

  async press(username: string, messageId: number, data: Buffer) {
    const answer = await this.client.getCallbackAnswer({ chatId: username, message: messageId, data });
    return answer.message;
  }

  async sendPhoto(username: string, bytes: Buffer) {
    return (await this.client.sendMedia(username, mtcute.InputMedia.photo(new Uint8Array(bytes)))).id;
  }

  async downloadPhoto(username: string, messageId: number) {
    const [message] = await this.client.getMessages(username, [messageId]);
    const photo = message?.media;
    if (!photo || photo.type !== 'photo') throw new Error(`message ${messageId} holds no photo`);
    return Buffer.from(await this.client.downloadAsBuffer(photo));
  }

  async editText(username: string, messageId: number, text: string) {
    await this.client.editMessage({ chatId: username, message: messageId, text });
  }

  async textOf(username: string, messageId: number) {
    const [message] = await this.client.getMessages(username, [messageId]);
    return message?.text ?? '';
  }

  async updateLastName(lastName: string) {
    await this.client.updateProfile({ lastName });
  }

  async exportSession() {
    return this.client.exportSession();
  }

  async close() {
    await this.client.destroy();
  }
}

/**
 * `pfs`: `network.usePfs`. `olderRsa`: the key is registered as an old one
 * (`addPublicKey(crypto, pem, true)`), for which mtcute encrypts p_q_inner_data with the older
 * sha1 + data + padding scheme instead of RSA_PAD.
 */
export function mtcuteFactory(options: { pfs: boolean; olderRsa?: boolean }): ContractClientFactory {
  const traits = [options.pfs && 'PFS', options.olderRsa && 'older RSA scheme'].filter(Boolean);
  return {
    name: `mtcute (@mtcute/node 0.30.3, layer 227, default transport${traits.map((trait) => `, ${trait}`).join('')})`,
    layer: 227,
    innerDataEncryption: options.olderRsa ? 'sha1+data+padding' : 'RSA_PAD',
    async create(endpoint: ContractEndpoint, session?: string) {
      const dc = endpoint.dcs.find((candidate) => candidate.id === endpoint.dcId) ?? { id: endpoint.dcId, host: endpoint.host, port: endpoint.port };
      const address = { id: dc.id, ipAddress: dc.host, port: dc.port, testMode: true };
      const crypto = new mtcuteUtils.NodeCryptoProvider();
      await crypto.initialize();
      mtcuteUtils.addPublicKey(crypto, endpoint.rsaPublicKeyPkcs1Pem, options.olderRsa ?? false);
      const client = new mtcute.TelegramClient({
        crypto,
        apiId: 1,
        apiHash: 'emulator',
        storage: new mtcute.MemoryStorage(),
        testMode: true,
        defaultDcs: { main: address, media: { ...address, mediaOnly: true } },
        network: { usePfs: options.pfs },
        updates: { catchUp: true },
        logLevel: 0,
      });
      if (session) {
        await client.importSession(session);
        await client.connect();
      }
      return new MtcuteContractClient(client);
    },
  };
}
