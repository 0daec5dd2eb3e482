/**
 * What a test-DC twin keeps between runs, so that it stays the same "Telegram" for the cached
 * sessions as the real test DC does: its RSA key (keys exchanged under another key are
 * worthless, and the session cache files sessions by the servers' key) and its logins
 * (accounts, bots and logged-in auth keys: src/emulator/persistence.ts). One file per worker,
 * `twin-w<worker>.json` in the cache directory beside the sessions, 0600 in a 0700 folder,
 * written atomically (temp file, then rename). It holds secrets (auth keys, bot tokens, the
 * private key) and is never logged. A file that cannot be read is discarded with a warning:
 * the twin starts afresh, and the sessions cached for the old one are simply not used.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SavedLogins } from '../../../src/emulator/persistence';

export interface SavedTwin {
  readonly version: 1;
  /** The servers' RSA private key, PEM (PKCS#8). */
  readonly rsaPrivateKeyPem: string;
  readonly logins: SavedLogins;
}

export class SavedTwinFile {
  readonly path: string;

  constructor(readonly dir: string, worker: number, private readonly warn: (line: string) => void) {
    this.path = join(dir, `twin-w${worker}.json`);
  }

  /** The saved twin, or undefined (none yet, or unreadable: deleted with a warning). */
  read(): SavedTwin | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const data = JSON.parse(text) as Partial<SavedTwin>;
      if (data.version !== 1 || typeof data.rsaPrivateKeyPem !== 'string' || !data.rsaPrivateKeyPem.includes('PRIVATE KEY') || typeof data.logins !== 'object') throw new Error('it is not a saved twin');
      return data as SavedTwin;
    } catch (error) {
      this.discard(error instanceof SyntaxError ? 'it is not valid JSON' : (error as Error).message);
      return undefined;
    }
  }

  write(twin: SavedTwin): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(twin), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }

  /** A saved twin whose contents the emulator refused. */
  discard(why: string): void {
    rmSync(this.path, { force: true });
    this.warn(`The saved test-DC twin ${this.path} could not be used (${why}); it was deleted and the twin starts afresh (its people log in again).`);
  }
}
