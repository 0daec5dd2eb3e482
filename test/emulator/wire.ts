/**
 * The whole embedded Telegram over its real wires, for tests that cross both protocols: a
 * bot talks HTTP to the Bot API server, people are unmodified GramJS clients speaking MTProto.
 * Nothing is called in process except set-up (creating the bot) and reading the state back.
 */
import { Api, type TelegramClient } from 'telegram';
import { Raw } from 'telegram/events';
import { createEmulatorClient } from '../../src/emulator/gramjs';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator';
import type { Account } from '../../src/emulator/state';

export interface Person {
  readonly client: TelegramClient;
  readonly account: Account;
}

export interface Wire {
  readonly emulator: Emulator;
  /** A person signed up on a fresh test number through GramJS's own `client.start()`. */
  person(firstName: string): Promise<Person>;
  /** The peer `person` uses to reach `account` (resolved over the wire, access hash and all). */
  peerOf(person: Person, account: Account): Promise<Api.TypeInputPeer>;
  close(): Promise<void>;
}

let numbers = 0;

export async function startWire(options: EmulatorOptions = {}): Promise<Wire> {
  const emulator = await startEmulator(options);
  const endpoint = { host: emulator.host, port: emulator.mtprotoPort, dcId: emulator.dcId, rsaPublicKeyPem: emulator.rsaPublicKeyPem };
  const clients: TelegramClient[] = [];
  return {
    emulator,
    async person(firstName) {
      const client = createEmulatorClient(endpoint, { params: { floodSleepThreshold: 0, autoReconnect: false } });
      clients.push(client);
      // 99966XYYYY with X = 2: a DC 2 test number, the emulator's DC; each wire has its own state.
      const phone = `999662${String(++numbers).padStart(4, '0')}`;
      await client.start({
        phoneNumber: phone,
        phoneCode: async () => phone.charAt(5).repeat(5),
        firstAndLastNames: async () => [firstName, ''],
        onError: async (error) => {
          throw error;
        },
      });
      const me = await client.getMe();
      return { client, account: emulator.state.findAccount(Number(me.id.toString()))! };
    },
    async peerOf(person, account) {
      return person.client.getInputEntity(account.username ? `@${account.username}` : account.id);
    },
    async close() {
      await Promise.all(clients.map((client) => client.destroy()));
      // GramJS 2.26.22 keeps a 30 s timer per DC after an upload or download that destroy() misses.
      for (const client of clients) {
        const timers = (client as unknown as { _exportedSenderReleaseTimeouts: Map<number, NodeJS.Timeout> })._exportedSenderReleaseTimeouts;
        for (const timer of timers.values()) clearTimeout(timer);
      }
      await emulator.stop();
    },
  };
}

/** Resolves with the first pushed update `accept` matches (the handler is registered now, before acting). */
export function nextUpdate<T>(client: TelegramClient, accept: (update: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const event = new Raw({});
    const handler = (update: unknown) => {
      const found = accept(update);
      if (found === undefined) return;
      client.removeEventHandler(handler, event);
      resolve(found);
    };
    client.addEventHandler(handler, event);
  });
}

/** The newest message of `person`'s chat with `account`, fetched over the wire. */
export async function lastMessage(person: Person, peer: Api.TypeInputPeer): Promise<Api.Message> {
  const [message] = await person.client.getMessages(peer, { limit: 1 });
  if (!message) throw new Error('the chat is empty');
  return message;
}
