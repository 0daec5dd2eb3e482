/** The contract client over GramJS (the pinned `telegram` package), with the emulator's connection helpers. */
import { Api, type TelegramClient } from 'telegram';
import { NewMessage, type NewMessageEvent } from 'telegram/events';
import { CustomFile } from 'telegram/client/uploads';
import { createEmulatorClient } from '../../../src/emulator/gramjs';
import type { ContractClient, ContractClientFactory, ContractEndpoint, ReceivedMessage } from './contract-client';

function received(message: Api.Message): ReceivedMessage {
  const buttons = message.replyMarkup instanceof Api.ReplyInlineMarkup
    ? message.replyMarkup.rows.flatMap((row) => row.buttons).filter((b): b is Api.KeyboardButtonCallback => b instanceof Api.KeyboardButtonCallback).map((b) => Buffer.from(b.data))
    : [];
  return { id: message.id, text: message.message ?? '', senderId: Number(String(message.senderId)), buttons, hasPhoto: message.media instanceof Api.MessageMediaPhoto };
}

class GramJsContractClient implements ContractClient {
  constructor(private readonly client: TelegramClient) {}

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
      const event = new NewMessage({ incoming: true });
      const handler = (update: NewMessageEvent) => {
        if (Number(String(update.message.senderId)) !== fromId) return;
        this.client.removeEventHandler(handler, event);
        resolve(received(update.message));
      };
      this.client.addEventHandler(handler, event);
    });
  }

  async sendText(username: string, text: string) {
    return (await this.client.sendMessage(username, { message: text })).id;
  }

  async press(username: string, messageId: number, data: Buffer) {
    const answer = await this.client.invoke(new Api.messages.GetBotCallbackAnswer({ peer: username, msgId: messageId, data }));
    return answer.message;
  }

  async sendPhoto(username: string, bytes: Buffer) {
    const message = await this.client.sendFile(username, { file: new CustomFile('photo.png', bytes.length, '', bytes), forceDocument: false });
    return message.id;
  }

  async downloadPhoto(username: string, messageId: number) {
    const [message] = await this.client.getMessages(username, { ids: [messageId] });
    return (await this.client.downloadMedia(message!)) as Buffer;
  }

  async editText(username: string, messageId: number, text: string) {
    await this.client.invoke(new Api.messages.EditMessage({ peer: username, id: messageId, message: text }));
  }

  async textOf(username: string, messageId: number) {
    const [message] = await this.client.getMessages(username, { ids: [messageId] });
    return message?.message ?? '';
  }

  async updateLastName(lastName: string) {
    await this.client.invoke(new Api.account.UpdateProfile({ lastName }));
  }

  async exportSession() {
    return (this.client.session as unknown as { save(): string }).save();
  }

  async close() {
    await this.client.destroy();
    const timers = (this.client as unknown as { _exportedSenderReleaseTimeouts: Map<number, NodeJS.Timeout> })._exportedSenderReleaseTimeouts;
    for (const timer of timers.values()) clearTimeout(timer);
  }
}

export const gramJs: ContractClientFactory = {
  name: 'GramJS (telegram 2.26.22, layer 198, TCP Full)',
  async create(endpoint: ContractEndpoint, session?: string) {
    const client = createEmulatorClient(endpoint, { session, params: { floodSleepThreshold: 0 } });
    if (session) await client.connect();
    return new GramJsContractClient(client);
  },
};
