/**
 * Saving what a client's saved session needs, so an emulator started again honours it: the
 * accounts (users and the bots people made, with their ids, access hashes and tokens) and the
 * permanent auth keys logged in as them, per DC. That is what Telegram keeps between two runs
 * of a suite; a GramJS StringSession holds only its DC and its auth key, so with these back a
 * resumed client is logged in at once, with no login code.
 *
 * Not saved: messages, media, privacy settings, bot commands and the update journal (a run
 * starts on empty chats, as after the test DC's wipes), temporary keys (they expire), and
 * built-in bots such as @BotFather (every emulator makes its own). The RSA key is the caller's
 * to keep (`ServerRsaKey.privateKeyPem`): keys exchanged under another one are worthless.
 *
 * The saved form holds auth keys and bot tokens: whoever stores it keeps it private (0600).
 */
import { AuthKey } from './mtproto/auth-key';
import type { Emulator } from './index';

export interface SavedLogins {
  readonly version: 1;
  readonly accounts: SavedAccount[];
  readonly authKeys: SavedAuthKey[];
}

export interface SavedAccount {
  id: number;
  /** A signed 64-bit integer, in decimal. */
  accessHash: string;
  isBot: boolean;
  firstName: string;
  lastName: string;
  username?: string;
  phone?: string;
  botToken?: string;
  botOwnerId?: number;
  homeDc: number;
}

export interface SavedAuthKey {
  dc: number;
  /** The key's bytes, base64. */
  key: string;
  /** The server salt, a signed 64-bit integer in decimal. */
  salt: string;
  accountId: number;
}

/** The accounts and logged-in permanent auth keys of `emulator`, as plain JSON-safe data. */
export function saveLogins(emulator: Pick<Emulator, 'state' | 'servers'>): SavedLogins {
  const accounts = emulator.state.listAccounts().filter((account) => !(account.isBot && account.botToken === undefined));
  const kept = new Set(accounts.map((account) => account.id));
  const authKeys: SavedAuthKey[] = [];
  for (const [dc, server] of emulator.servers) {
    for (const entry of server.authKeys.values()) {
      const accountId = entry.accountId;
      if (entry.temporary || accountId === undefined || !kept.has(accountId)) continue;
      authKeys.push({ dc, key: entry.authKey.key.toString('base64'), salt: entry.salt.toString(), accountId });
    }
  }
  return {
    version: 1,
    accounts: accounts.map(({ id, accessHash, isBot, firstName, lastName, username, phone, botToken, botOwnerId, homeDc }) => ({
      id, accessHash: accessHash.toString(), isBot, firstName, lastName, username, phone, botToken, botOwnerId, homeDc,
    })),
    authKeys,
  };
}

/**
 * Puts saved logins into a freshly started emulator (one whose RSA key is the saved run's).
 * Throws, changing nothing, when `saved` is not what {@link saveLogins} makes.
 */
export function restoreLogins(emulator: Pick<Emulator, 'state' | 'servers'>, saved: unknown): void {
  const logins = checkSavedLogins(saved);
  for (const account of logins.accounts) {
    emulator.state.restoreAccount({ ...account, accessHash: BigInt(account.accessHash) });
  }
  for (const key of logins.authKeys) {
    const server = emulator.servers.get(key.dc);
    if (!server || !emulator.state.findAccount(key.accountId)) continue;
    server.authKeys.add(new AuthKey(Buffer.from(key.key, 'base64')), { salt: BigInt(key.salt) }).accountId = key.accountId;
  }
}

function checkSavedLogins(saved: unknown): SavedLogins {
  const fail = (why: string): never => {
    throw new Error(`The saved logins are not usable: ${why}.`);
  };
  const data = saved as Partial<SavedLogins> | undefined;
  if (!data || data.version !== 1) fail('not version 1');
  if (!Array.isArray(data!.accounts) || !Array.isArray(data!.authKeys)) fail('no accounts or auth keys list');
  const integer = /^-?\d+$/;
  for (const account of data!.accounts!) {
    if (!Number.isSafeInteger(account?.id) || typeof account.accessHash !== 'string' || !integer.test(account.accessHash) || typeof account.firstName !== 'string' || typeof account.lastName !== 'string' || typeof account.isBot !== 'boolean' || !Number.isInteger(account.homeDc)) {
      fail(`account ${JSON.stringify(account?.id)} is malformed`);
    }
  }
  for (const key of data!.authKeys!) {
    if (!Number.isInteger(key?.dc) || typeof key.key !== 'string' || Buffer.from(key.key, 'base64').length < 128 || typeof key.salt !== 'string' || !integer.test(key.salt) || !Number.isSafeInteger(key.accountId)) {
      fail('an auth key is malformed');
    }
  }
  return data as SavedLogins;
}
