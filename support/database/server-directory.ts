/**
 * The directory of one embedded PostgreSQL, `<parent>/family-album-pg-XXXXXX/`, holding
 * everything it ever writes, so that removing it removes all of it:
 *
 *     owner.json    who made it: pid, host and process start time, written first of all
 *     password      the superuser's password for initdb (mode 0600), removed once initdb is done
 *     initdb.pid    written by initdb's launcher, removed when initdb has exited
 *     server.pid    written by the server's launcher
 *     data/         the cluster (PGDATA); shared memory lives here too (dynamic_shared_memory_type=mmap)
 *
 * The owner record lets a later run prove that the process that made a directory is gone (a
 * pid alone could have been reused: the start time tells) and sweep it (leftovers.ts).
 */
import { chownSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isRunning, procStat } from './processes';

export const DIRECTORY_PREFIX = 'family-album-pg-';
export const OWNER_FILE = 'owner.json';

export interface Owner {
  readonly pid: number;
  readonly hostname: string;
  /** The owner's start time in clock ticks after boot (Linux), to tell it from a later process with its pid. */
  readonly startTime?: string;
  readonly createdAt: string;
}

export interface ServerDirectory {
  readonly dir: string;
  /** PGDATA. */
  readonly dataDir: string;
  readonly passwordFile: string;
  pidFile(program: 'initdb' | 'server'): string;
}

/** Makes a fresh directory under `parentDir` and records this process as its owner, before anything else. */
export function createServerDirectory(parentDir: string): ServerDirectory {
  const dir = mkdtempSync(join(parentDir, DIRECTORY_PREFIX));
  const owner: Owner = { pid: process.pid, hostname: hostname(), startTime: procStat('self')?.startTime, createdAt: new Date().toISOString() };
  writeFileSync(join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`);
  return {
    dir,
    dataDir: join(dir, 'data'),
    passwordFile: join(dir, 'password'),
    pidFile: (program) => join(dir, `${program}.pid`),
  };
}

/** Lets `uid`/`gid` (the `postgres` system user, when we run as root) write pid files and PGDATA here. */
export function handOver(directory: ServerDirectory, ids: { uid?: number; gid?: number }): void {
  if (ids.uid === undefined || ids.gid === undefined) return;
  chownSync(directory.dir, ids.uid, ids.gid);
}

export function readOwner(dir: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Owner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the owner certainly no longer runs: on this host, its pid is free, or taken by a
 * process that started at another time. A directory of another host (a shared /tmp) is never
 * judged.
 */
export function ownerIsGone(owner: Owner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (!isRunning(owner.pid)) return true;
  const now = procStat(owner.pid)?.startTime;
  return owner.startTime !== undefined && now !== undefined && now !== owner.startTime;
}
