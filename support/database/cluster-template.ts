/**
 * A freshly initialised PostgreSQL cluster kept once per machine, copied into each embedded
 * server's data directory instead of running initdb again.
 *
 * Why: initdb is the largest fixed cost of a worker's start-up. Measured on the shared 2-core
 * machine (load ~10): initdb 1.2 s of CPU (0.7 user + 0.5 sys, 4 s wall), `cp -a` of the
 * resulting 39 MB cluster 0.08 s of CPU (0.3 s wall). Every worker of every run paid it, two at a
 * time with `--parallel 2`, on the same two cores its scenarios need.
 *
 * How it stays safe:
 * - The template is saved from a server's own data directory right after that server's initdb
 *   succeeded and before the server starts, so it is a cleanly shut-down cluster that no server
 *   ever runs on. Saving copies into a temporary directory and renames it into place, so a
 *   template is either complete or absent, and two workers saving at once leave one.
 * - The key names what made it: the initdb binary (path and size), the flags and the owner of
 *   the files. Another PostgreSQL or another user gets its own template.
 * - A copy that fails falls back to initdb; a server that does not start from a copy makes the
 *   caller {@link ClusterTemplate.forget} the template, so the next run runs initdb again.
 * - Nothing here is needed for correctness: when the cache directory cannot be written the
 *   server is initialised as before.
 *
 * Where: `$XDG_CACHE_HOME/family-album-acceptance/postgres-template` (else `~/.cache/…`), beside
 * the test-dc cache; delete it at will.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isRunning } from './processes';

const execFileAsync = promisify(execFile);
const TEMPORARY_PREFIX = '.saving-';

/** `$XDG_CACHE_HOME/family-album-acceptance/postgres-template`, else under `~/.cache` (XDG Base Directory spec). */
export function defaultTemplateCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.cache');
  return join(base, 'family-album-acceptance', 'postgres-template');
}

export interface ClusterTemplateKey {
  /** The initdb that makes the cluster (its path and size name the PostgreSQL build). */
  readonly initdb: string;
  /** Everything else that shapes the cluster: auth method, superuser and password, owner of its files. */
  readonly flags: readonly string[];
}

export class ClusterTemplate {
  /** The cached cluster: a data directory as initdb left it. */
  readonly cluster: string;

  constructor(
    readonly cacheDir: string,
    key: ClusterTemplateKey,
  ) {
    this.cluster = join(cacheDir, `cluster-${keyDigest(key)}`);
  }

  /** A template exists (it is renamed into place only once complete). */
  isReady(): boolean {
    return existsSync(join(this.cluster, 'PG_VERSION'));
  }

  /**
   * Copies the template to `dataDir`, which must not exist or be empty; `cp -a` keeps the owner
   * and the 0700 mode PostgreSQL insists on. `copy` runs the command (the embedded server runs
   * it where its watchdog can kill it, as it runs initdb) and resolves whether it succeeded.
   * Resolves false (leaving `dataDir` absent) when there is no template or the copy failed, so
   * the caller runs initdb.
   */
  async copyTo(dataDir: string, copy: CopyCommand = runCopy): Promise<boolean> {
    if (!this.isReady()) return false;
    removeAbandonedSaves(this.cacheDir);
    rmSync(dataDir, { recursive: true, force: true });
    if (await copy('cp', ['-a', this.cluster, dataDir]).catch(() => false)) return true;
    rmSync(dataDir, { recursive: true, force: true });
    return false;
  }

  /**
   * Saves `dataDir` (fresh from initdb, never started) as the template, unless one exists. Never
   * throws: the cache only saves time.
   */
  async save(dataDir: string): Promise<void> {
    if (this.isReady()) return;
    const temporary = join(this.cacheDir, `${TEMPORARY_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(this.cacheDir, { recursive: true, mode: 0o700 });
      removeAbandonedSaves(this.cacheDir);
      await execFileAsync('cp', ['-a', dataDir, temporary]);
      renameSync(temporary, this.cluster);
    } catch {
      // Another process saved it first (rename onto a non-empty directory fails), or the cache
      // cannot be written: either way the next start copies or runs initdb as before.
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  }

  /** Removes the template (e.g. a server did not start from a copy of it). */
  forget(): void {
    rmSync(this.cluster, { recursive: true, force: true });
  }
}

/** Runs a copy command; resolves whether it exited 0. */
export type CopyCommand = (command: string, args: string[]) => Promise<boolean>;

const runCopy: CopyCommand = async (command, args) => {
  await execFileAsync(command, args);
  return true;
};

function keyDigest(key: ClusterTemplateKey): string {
  let size = -1;
  try {
    size = statSync(key.initdb).size;
  } catch {
    // The start itself reports a missing binary.
  }
  const parts = [key.initdb, size, ...key.flags];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** Temporary copies whose process died mid-save (its pid is in the name). */
function removeAbandonedSaves(cacheDir: string): void {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TEMPORARY_PREFIX)) continue;
    const pid = Number.parseInt(name.slice(TEMPORARY_PREFIX.length), 10);
    if (Number.isInteger(pid) && !isRunning(pid)) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}
