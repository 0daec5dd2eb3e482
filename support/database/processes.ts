/**
 * The operating-system facts the embedded PostgreSQL's lifecycle rests on: whether a process
 * still runs (a zombie does not), which process is ours, and starting a program as the leader of
 * its own process group with its pid written to a file *by the program itself* before it runs.
 *
 * Why the pid is written by the child: a watchdog (watchdog.ts) must be able to kill whatever
 * runs even if the process that started it dies a microsecond after `spawn()`, before it could
 * write anything down. The child writes `$$` and then checks the directory's `stopping` mark
 * (made by the watchdog before it reads pid files), so either the watchdog sees the pid file, or
 * the child sees the mark and exits before running the program.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The mark a watchdog makes in a server directory before it looks for processes to kill. */
export const STOPPING_MARK = 'stopping';

/** Exit status of a launcher that could not write its pid file (the directory is not writable for it), and ran nothing. */
export const PID_FILE_UNWRITABLE = 96;
/** Exit status of a launcher that found its directory being torn down, and ran nothing. */
export const LAUNCH_REFUSED = 97;

/**
 * Starts `command` as the leader of a new process group (so one signal to the group reaches the
 * program and everything it forks, e.g. initdb's bootstrap backend or the server's backends),
 * after the child wrote its own pid to `pidFile`. Refuses to run when `dir/stopping` exists.
 */
export function spawnGroupLeader(dir: string, pidFile: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const launcher = `echo $$ > "$1" || exit ${PID_FILE_UNWRITABLE}; [ -e "$2" ] && exit ${LAUNCH_REFUSED}; shift 2; exec "$@"`;
  return spawn('sh', ['-c', launcher, 'pg-launcher', pidFile, join(dir, STOPPING_MARK), command, ...args], {
    ...options,
    detached: true,
  });
}

/** True while `pid` runs; a zombie (exited, not yet reaped) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = procStat(pid)?.state;
  return state !== 'Z' && state !== 'X';
}

interface ProcStat {
  state: string;
  ppid: number;
  /** The process group. */
  pgrp: number;
  /** Clock ticks after boot; with the pid, names one process for good (pids are reused). */
  startTime: string;
}

/** Fields of /proc/<pid>/stat (Linux); undefined elsewhere or when the process is gone. */
export function procStat(pid: number | 'self'): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]), pgrp: Number(fields[2]), startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * Running processes whose working directory lies in `dir`: a PostgreSQL server and every one of
 * its backends work in their data directory (and each backend leads a process group of its own,
 * so a signal to the server's group misses them). Empty where /proc does not exist.
 */
export function workingIn(dir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir) && isRunning(pid);
      } catch {
        return false;
      }
    });
}

/**
 * True when `pid` runs a program whose command line or working directory lies in `dir`: the
 * proof that a process found through a pid file is one of ours and not a stranger who got the
 * pid later. Where /proc does not exist it cannot be proved, and the answer is false.
 */
export function runsFrom(pid: number, dir: string): boolean {
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.includes(dir))) return true;
  } catch {
    return false;
  }
  try {
    return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
  } catch {
    return false;
  }
}

/** Sends `signal` to the process group `pid` leads, or to `pid` alone if it leads none. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** The first line of a pid file as a pid, or undefined. */
export function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
