/**
 * The contract client over GramJS, for any GramJS version: the pinned `telegram` package
 * (layer 198) and GramJS 2.12 (`telegram-layer-145`, layer 145), each configured through its
 * own public parts only — its server key map learns the emulator's key, a TCP Full connection
 * class dials the emulator's port for each DC, and a StringSession starts on the emulator's DC
 * (what `src/emulator/gramjs.ts` does for the pinned package). Only types come from `telegram`
 * here, so a worker running GramJS 2.12 loads no second GramJS.
 */
import { createPublicKey } from 'node:crypto';
import bigInt from 'big-integer';
import type { Api as ApiNamespace, TelegramClient } from 'telegram';
import type { NewMessage, NewMessageEvent } from 'telegram/events';
import type { CustomFile } from 'telegram/client/uploads';
import type { StringSession } from 'telegram/sessions';
import type { ConnectionTCPFull } from 'telegram/network/connection/TCPFull';
import type { _serverKeys } from 'telegram/crypto/RSA';
import type { Logger, LogLevel } from 'telegram/extensions/Logger';
import type { ContractClient, ContractClientFactory, ContractEndpoint, ReceivedMessage } from './contract-client';

/** The public parts of one GramJS version the adapter uses; 2.12 and 2.26 have the same shape. */
export interface GramJsLibrary {
  Api: typeof ApiNamespace;
  TelegramClient: typeof TelegramClient;
  NewMessage: typeof NewMessage;
  CustomFile: typeof CustomFile;
  StringSession: typeof StringSession;
  ConnectionTCPFull: typeof ConnectionTCPFull;
  serverKeys: typeof _serverKeys;
  Logger: typeof Logger;
  LogLevel: typeof LogLevel;
}

/** A GramJS package's parts by its module paths (`telegram`, or an alias of another version). */
export function gramJsLibrary(pkg: string): GramJsLibrary {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    Api: require(pkg).Api, TelegramClient: require(pkg).TelegramClient,
    NewMessage: require(`${pkg}/events`).NewMessage, CustomFile: require(`${pkg}/client/uploads`).CustomFile,
    StringSession: require(`${pkg}/sessions`).StringSession,
    ConnectionTCPFull: require(`${pkg}/network/connection/TCPFull`).ConnectionTCPFull,
    serverKeys: require(`${pkg}/crypto/RSA`)._serverKeys,
    Logger: require(`${pkg}/extensions/Logger`).Logger, LogLevel: require(`${pkg}/extensions/Logger`).LogLevel,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

class GramJsContractClient implements ContractClient {
  constructor(private readonly lib: GramJsLibrary, private readonly client: TelegramClient) {}

  private received(message: ApiNamespace.Message): ReceivedMessage {
    const { Api } = this.lib;
    const buttons = message.replyMarkup instanceof Api.ReplyInlineMarkup
      ? message.replyMarkup.rows.flatMap((row) => row.buttons).filter((b): b is ApiNamespace.KeyboardButtonCallback => b instanceof Api.KeyboardButtonCallback).map((b) => Buffer.from(b.data))
      : [];
    return { id: message.id, text: message.message ?? '', senderId: Number(String(message.senderId)), buttons, hasPhoto: message.media instanceof Api.MessageMediaPhoto };
  }

  async signIn(phone: string, code: string): Promise<number> {
    await this.client.start({ phoneNumber: phone, phoneCode: async () => code, onError: async (error) => { throw error; } });
    return Number(String((await this.client.getMe()).id));
  }

  async getMe() {
    const me = await this.client.getMe();
    return { id: Number(String(me.id)), firstName: me.firstName ?? '', lastName: me.lastName ?? '' };
  }

  nextMessageFrom(fromId: number): Promise<ReceivedMessage> {
    return new Promise((resolve) => {
      const event = new this.lib.NewMessage({ incoming: true });
      const handler = (update: NewMessageEvent) => {
        if (Number(String(update.message.senderId)) !== fromId) return;
        this.client.removeEventHandler(handler, event);
        resolve(this.received(update.message));
      };
      this.client.addEventHandler(handler, event);
    });
  }

  async sendText(username: string, text: string) {
    return (await this.client.sendMessage(username, { message: text })).id;
  }

  async press(username: string, messageId: number, data: Buffer) {
    const answer = await this.client.invoke(new this.lib.Api.messages.GetBotCallbackAnswer({ peer: username, msgId: messageId, data }));
    return answer.message;
  }

  async sendPhoto(username: string, bytes: Buffer) {
    const message = await this.client.sendFile(username, { file: new this.lib.CustomFile('photo.png', bytes.length, '', bytes), forceDocument: false });
    return message.id;
  }

  async downloadPhoto(username: string, messageId: number) {
    const [message] = await this.client.getMessages(username, { ids: [messageId] });
    return (await this.client.downloadMedia(message!)) as Buffer;
  }

  async editText(username: string, messageId: number, text: string) {
    await this.client.invoke(new this.lib.Api.messages.EditMessage({ peer: username, id: messageId, message: text }));
  }

  async textOf(username: string, messageId: number) {
    const [message] = await this.client.getMessages(username, { ids: [messageId] });
    return message?.message ?? '';
  }

  async updateLastName(lastName: string) {
    await this.client.invoke(new this.lib.Api.account.UpdateProfile({ lastName }));
  }

  async exportSession() {
    return (this.client.session as unknown as { save(): string }).save();
  }

  async close() {
    await this.client.destroy();
    const timers = (this.client as unknown as { _exportedSenderReleaseTimeouts?: Map<number, NodeJS.Timeout> })._exportedSenderReleaseTimeouts;
    for (const timer of timers?.values() ?? []) clearTimeout(timer);
  }
}

function clientOf(lib: GramJsLibrary, endpoint: ContractEndpoint, saved = ''): TelegramClient {
  const jwk = createPublicKey(endpoint.rsaPublicKeyPem).export({ format: 'jwk' });
  // GramJS keys its map by the fingerprint as a signed decimal long.
  const fingerprint = BigInt.asIntN(64, BigInt(`0x${endpoint.rsaFingerprint}`)).toString();
  lib.serverKeys.set(fingerprint, { n: bigInt(Buffer.from(jwk.n!, 'base64url').toString('hex'), 16), e: Number(BigInt(`0x${Buffer.from(jwk.e!, 'base64url').toString('hex')}`)) });
  const ports = new Map(endpoint.dcs.map((dc) => [dc.id, dc.port]));
  const Base = lib.ConnectionTCPFull;
  // GramJS dials port 80/443 (or help.getConfig's) whatever the session says: the port comes by DC id.
  const connection = class extends Base {
    constructor(params: ConstructorParameters<typeof Base>[0]) {
      super({ ...params, port: ports.get(params.dcId) ?? endpoint.port });
    }
  };
  const session = new lib.StringSession(saved);
  if (!saved) session.setDC(endpoint.dcId, endpoint.host, endpoint.port);
  return new lib.TelegramClient(session, 1, 'emulator', {
    connection, baseLogger: new lib.Logger(lib.LogLevel.NONE), useWSS: false, connectionRetries: 3, floodSleepThreshold: 0,
  });
}

/** A contract client factory over the GramJS package `pkg`. */
export function gramJsFactory(name: string, pkg: string, layer: number): ContractClientFactory {
  return {
    name,
    layer,
    innerDataEncryption: 'RSA_PAD',
    async create(endpoint: ContractEndpoint, session?: string) {
      const lib = gramJsLibrary(pkg);
      const client = clientOf(lib, endpoint, session);
      if (session) await client.connect();
      return new GramJsContractClient(lib, client);
    },
  };
}

export const gramJs = gramJsFactory('GramJS (telegram 2.26.22, layer 198, TCP Full)', 'telegram', 198);
export const gramJsLayer145 = gramJsFactory('GramJS 2.12 (telegram-layer-145 = telegram@2.12.8, layer 145, TCP Full)', 'telegram-layer-145', 145);
