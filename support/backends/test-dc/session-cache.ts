/**
 * What the test-dc backend keeps between runs, outside the repository: one GramJS session per
 * test number (so a second run asks for no login code), the bot each worker made with
 * @BotFather, the numbers found unusable, and the machine's number block.
 *
 * Everything here is a secret or close to one: the directory is made 0700 and every file
 * 0600, written atomically (temp file, then rename) so a killed run leaves no half file. A file
 * that cannot be read back (corrupt, truncated, edited) is discarded with a warning: the
 * person logs in afresh. Nothing here is ever logged; callers log phone numbers masked.
 *
 * Locks: a session may be used by one process at a time (two GramJS clients on one auth key
 * confuse each other's message ids and updates). `lock(phone)` writes `<phone>.lock` holding
 * the owner's pid; a lock whose pid is dead is stale and taken over; a live one means "skip
 * this number". Locks are released in `releaseAll()` and on process exit.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface CachedBot {
  readonly token: string;
  readonly username: string;
}

/** A saved StringSession: "1" then base64 (GramJS's StringSession.save()). */
const SESSION_SHAPE = /^1[A-Za-z0-9+/]+={0,2}$/;
const TOKEN_SHAPE = /^\d+:[A-Za-z0-9_-]{30,}$/;

export class SessionCache {
  private readonly held = new Set<string>();
  private readonly onExit = () => this.releaseAll();

  /** `dir` is made (0700) if missing. `warn` receives one line per discarded file. */
  constructor(readonly dir: string, private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`), private readonly pid = process.pid) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    process.on('exit', this.onExit);
  }

  /** The saved session of `phone`, or undefined (none, or a corrupt one, which is deleted). */
  readSession(phone: string): string | undefined {
    const data = this.readJson(`session-${phone}.json`, 'session');
    if (data === undefined) return undefined;
    const session = (data as { session?: unknown }).session;
    if (typeof session !== 'string' || !SESSION_SHAPE.test(session)) return this.discard(`session-${phone}.json`, 'session', 'it holds no saved session');
    return session;
  }

  writeSession(phone: string, session: string): void {
    this.writeJson(`session-${phone}.json`, { version: 1, session });
  }

  deleteSession(phone: string): void {
    rmSync(join(this.dir, `session-${phone}.json`), { force: true });
  }

  readBot(key: string): CachedBot | undefined {
    const data = this.readJson(`bot-${key}.json`, 'bot') as Partial<CachedBot> | undefined;
    if (data === undefined) return undefined;
    if (typeof data.token !== 'string' || !TOKEN_SHAPE.test(data.token) || typeof data.username !== 'string') return this.discard(`bot-${key}.json`, 'bot', 'it holds no bot token');
    return { token: data.token, username: data.username };
  }

  writeBot(key: string, bot: CachedBot): void {
    this.writeJson(`bot-${key}.json`, { version: 1, token: bot.token, username: bot.username });
  }

  /** Numbers found unusable, with why (e.g. "SESSION_PASSWORD_NEEDED"). */
  unusableNumbers(): Map<string, string> {
    const data = this.readJson('unusable-numbers.json', 'list of unusable numbers');
    return new Map(data && typeof data === 'object' ? Object.entries(data as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string') : []);
  }

  markUnusable(phone: string, reason: string): void {
    // Read-modify-write: two workers may add at once; losing one entry only costs a code next run.
    const numbers = this.unusableNumbers();
    numbers.set(phone, reason);
    this.writeJson('unusable-numbers.json', Object.fromEntries(numbers));
  }

  /** This machine's number block: drawn by `draw` once, then kept. */
  machineBlock(draw: () => number): number {
    const data = this.readJson('machine.json', 'machine block') as { block?: unknown } | undefined;
    if (typeof data?.block === 'number' && Number.isInteger(data.block) && data.block >= 0 && data.block < 10_000) return data.block;
    const block = draw();
    this.writeJson('machine.json', { version: 1, block });
    return block;
  }

  /**
   * Takes the lock of `phone` for this process: true when taken (or already ours), false when a
   * live process holds it. A lock left by a dead process is taken over.
   */
  lock(phone: string, isAlive: (pid: number) => boolean = processIsAlive): boolean {
    if (this.held.has(phone)) return true;
    const path = join(this.dir, `${phone}.lock`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, String(this.pid));
        closeSync(fd);
        this.held.add(phone);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number.parseInt(readText(path) ?? '', 10);
        if (Number.isInteger(owner) && owner > 0 && owner !== this.pid && isAlive(owner)) return false;
        rmSync(path, { force: true }); // stale (its process is gone) or unreadable: take it over
      }
    }
    return false;
  }

  unlock(phone: string): void {
    if (!this.held.delete(phone)) return;
    rmSync(join(this.dir, `${phone}.lock`), { force: true });
  }

  releaseAll(): void {
    for (const phone of [...this.held]) this.unlock(phone);
    process.off('exit', this.onExit);
  }

  /** The files the cache holds (for cleaning up and tests). */
  files(): string[] {
    return readdirSync(this.dir).sort();
  }

  private readJson(name: string, what: string): unknown {
    const text = readText(join(this.dir, name));
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return this.discard(name, what, 'it is not valid JSON');
    }
  }

  private discard(name: string, what: string, why: string): undefined {
    rmSync(join(this.dir, name), { force: true });
    this.warn(`The cached ${what} ${name} in ${this.dir} could not be read (${why}); it was deleted and will be made afresh.`);
    return undefined;
  }

  private writeJson(name: string, value: unknown): void {
    const path = join(this.dir, name);
    const temporary = `${path}.${this.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** `kill(pid, 0)` sends nothing and fails with ESRCH when no such process exists (EPERM: it exists, not ours). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
