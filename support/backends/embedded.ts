/**
 * The embedded backend: a Telegram started inside this worker process (MTProto for the
 * people, the HTTP Bot API for the bot, one shared state), on ephemeral loopback ports.
 * Each worker has its own, so workers share nothing and need no coordination.
 */
import type { TelegramClient } from 'telegram';
import { startEmulator, type Emulator } from '../../src/emulator';
import { createEmulatorClient, emulatorEndpoint } from '../../src/emulator/gramjs';
import { TEST_DC_IDS } from '../../src/emulator/state';
import type { Backend, BotConnection, PersonSlot } from './backend';
import { workerIndex } from './backend';
import { closeClient } from './close-client';
import { logInWithTestNumber } from './login';

/** The DC a person's number lives on: the three DCs in turn. */
export function homeDcOfPerson(slot: Pick<PersonSlot, 'index'>): number {
  return TEST_DC_IDS[(slot.index - 1 + TEST_DC_IDS.length) % TEST_DC_IDS.length];
}

/** The embedded Telegram does not check API credentials; these only fill the fields. */
const API_ID = 1;
const API_HASH = 'embedded';

export class EmbeddedBackend implements Backend {
  readonly name = 'embedded' as const;
  private emulator?: Emulator;
  private botConnection?: BotConnection;
  private readonly clients = new Set<TelegramClient>();

  async start(): Promise<void> {
    this.emulator = await startEmulator();
    const username = `family_album_w${workerIndex()}_bot`;
    const handle = this.emulator.control.createBot({ username, firstName: 'Family Album' });
    this.botConnection = { token: handle.token, username: handle.username, apiRoot: this.emulator.botApiRoot, environment: 'test' };
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.clients].map(closeClient));
    this.clients.clear();
    await this.emulator?.stop();
    this.emulator = undefined;
  }

  /**
   * Test numbers as on the real test DC: 99966 X YYYY, X the DC id, and the code X repeated 5
   * times. People are spread over the three DCs (person 1 on DC 1, person 2 on DC 2, …) and every
   * client starts on the default DC 2, so most logins are redirected (PHONE_MIGRATE_X) and photos
   * are downloaded across DCs (FILE_MIGRATE_X, exported authorizations), as on Telegram.
   */
  async signIn(slot: PersonSlot): Promise<TelegramClient> {
    const emulator = this.started();
    const dc = String(homeDcOfPerson(slot));
    const client = createEmulatorClient(emulatorEndpoint(emulator.connection()), { apiId: API_ID, apiHash: API_HASH });
    this.clients.add(client);
    await client.connect();
    await logInWithTestNumber(client, {
      phone: `99966${dc}${String(slot.index).padStart(4, '0')}`,
      code: dc.repeat(5),
      firstName: slot.firstName,
      apiId: API_ID,
      apiHash: API_HASH,
    });
    return client;
  }

  bot(): BotConnection {
    this.started();
    return this.botConnection!;
  }

  private started(): Emulator {
    if (!this.emulator) throw new Error('The embedded Telegram is not running: start() the backend first (the BeforeAll hook does).');
    return this.emulator;
  }
}
