/**
 * What the twin's wire tests share: an emulator with its three DCs, real GramJS clients on it
 * (fresh or resumed), logins with test numbers, and waiting for pushed messages.
 */
import bigInt from 'big-integer';
import { Api, TelegramClient } from 'telegram';
import { NewMessage, type NewMessageEvent } from 'telegram/events';
import { closeClient } from '../../../support/backends/close-client';
import { logInWithTestNumber } from '../../../support/backends/login';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator';
import { createEmulatorClient, emulatorEndpoint } from '../../../src/emulator/gramjs';

export const GUARD = { timeout: 30_000 };

export class Twin {
  private readonly clients = new Set<TelegramClient>();

  private constructor(readonly emulator: Emulator) {}

  static async start(options: EmulatorOptions = {}): Promise<Twin> {
    return new Twin(await startEmulator(options));
  }

  /** A GramJS client on the default DC (2), or resuming `session`; connect it yourself. */
  client(session?: string): TelegramClient {
    const client = createEmulatorClient(emulatorEndpoint(this.emulator.connection()), {
      session,
      params: { floodSleepThreshold: 0, autoReconnect: false },
    });
    this.clients.add(client);
    return client;
  }

  /** A connected client logged in (signed up when new) as `phone`, starting on DC 2 like every fresh client. */
  async person(phone: string, firstName: string): Promise<TelegramClient> {
    const client = this.client();
    await client.connect();
    await logInWithTestNumber(client, { phone, code: phone.charAt(5).repeat(5), firstName, apiId: 1, apiHash: 'twin' });
    return client;
  }

  /** How another person addresses this client's account (its id and access hash, as a contact would have them). */
  async inputPeerOf(client: TelegramClient): Promise<Api.InputPeerUser> {
    const account = this.emulator.state.requireAccount(await accountIdOf(client));
    return new Api.InputPeerUser({ userId: bigInt(account.id), accessHash: bigInt(account.accessHash.toString()) });
  }

  async close(client: TelegramClient): Promise<void> {
    this.clients.delete(client);
    await closeClient(client);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.clients].map((client) => closeClient(client)));
    this.clients.clear();
    await this.emulator.stop();
  }
}

/** The account id of a logged-in client. */
export async function accountIdOf(client: TelegramClient): Promise<number> {
  return Number((await client.getMe()).id.toString());
}

/** Resolves with the next pushed message that `accept` takes, registering the handler now (before acting). */
export function nextMessage(client: TelegramClient, accept: (message: Api.Message) => boolean = () => true): Promise<Api.Message> {
  return new Promise((resolve) => {
    const builder = new NewMessage({});
    const handler = (event: NewMessageEvent) => {
      if (!accept(event.message)) return;
      client.removeEventHandler(handler, builder);
      resolve(event.message);
    };
    client.addEventHandler(handler, builder);
  });
}
