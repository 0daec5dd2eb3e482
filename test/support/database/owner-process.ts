/**
 * Helpers for tests that kill the process owning an embedded PostgreSQL: the owner's script,
 * which prints each stage as a JSON line (`{"stage":"initdb","pid":123}`, or "copy" from a cached cluster), and event-driven
 * waits for a stage and for a directory to empty.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, watch } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * A node script that starts an embedded PostgreSQL under `parentDir` and then waits to be killed.
 * It runs initdb unless `templateCacheDir` names a cache of initialised clusters to copy from.
 */
export function ownerScript(parentDir: string, templateCacheDir: string | null = null): string {
  return `
    const { startEmbeddedPostgres } = require('./support/database');
    const say = (stage, pid) => process.stdout.write(JSON.stringify({ stage, pid }) + '\\n');
    startEmbeddedPostgres({ parentDir: ${JSON.stringify(parentDir)}, templateCacheDir: ${JSON.stringify(templateCacheDir)}, onStage: say }).then((server) => {
      say('port', server.port);
      setInterval(() => undefined, 1 << 30);
    }, (error) => { console.error(error); process.exit(1); });
  `;
}

/**
 * Reads the owner's stage lines; `until(stage)` resolves with the pid (or port) reported for it,
 * at once if it was already reported, and rejects if the owner exits before reporting it.
 */
export function stagesOf(owner: ChildProcess): { until(stage: string): Promise<number> } {
  const seen = new Map<string, number>();
  const waiting = new Map<string, (pid: number) => void>();
  createInterface({ input: owner.stdout! }).on('line', (line) => {
    const event = JSON.parse(line) as { stage: string; pid: number };
    seen.set(event.stage, event.pid);
    waiting.get(event.stage)?.(event.pid);
  });
  return {
    until(stage) {
      const known = seen.get(stage);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const onExit = () => reject(new Error(`the owner process exited before it reported "${stage}"`));
        owner.once('exit', onExit);
        waiting.set(stage, (pid) => {
          owner.off('exit', onExit);
          resolve(pid);
        });
      });
    },
  };
}

/** Resolves once `dir` holds no entry whose name starts with `prefix`, watching it for changes. */
export function untilEmpty(dir: string, prefix = 'family-album-pg-'): Promise<void> {
  return new Promise((resolve) => {
    const isEmpty = () => !readdirSync(dir).some((name) => name.startsWith(prefix));
    const watcher = watch(dir, () => {
      if (!isEmpty()) return;
      watcher.close();
      resolve();
    });
    if (isEmpty()) {
      watcher.close();
      resolve();
    }
  });
}

/** Pids of the running processes whose command line holds every one of `parts` (Linux /proc). */
export function processesWith(...parts: string[]): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return args !== '' && parts.every((part) => args.includes(part));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Pids of the running processes that live in `dir`: their command line names it or their working
 * directory is in it (a PostgreSQL backend rewrites its command line, but keeps the server's
 * working directory, its data directory).
 */
export function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) return true;
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** PF_EXITING in the flags of /proc/<pid>/stat: the process is on its way out (Linux). */
const PF_EXITING = 0x4;

/**
 * What is left in `dir` once a run is over: `pid: command line` of each process that lives there
 * (as `processesIn`), read once per process so the verdict and its description agree, leaving
 * out processes that are not leftovers: zombies, processes already exiting (a killed backend
 * between SIGKILL and its end, whose command line reads empty), and the watchdog with the commands
 * it runs (its `rm` of the directory), which end on their own once the directory has gone.
 */
export function leftoversIn(dir: string): string[] {
  return processesIn(dir).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const [state, , pgrp] = fields;
      if (state === 'Z' || state === 'X' || (Number(fields[6]) & PF_EXITING) !== 0) return [];
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (isWatchdog(pid) || isWatchdog(Number(pgrp))) return [];
      return [`${pid}: ${command || '(no command line)'} [state ${state}, cwd ${readlinkSync(`/proc/${pid}/cwd`)}]`];
    } catch {
      return []; // ended meanwhile
    }
  });
}

/** True when `pid` is an embedded PostgreSQL's watchdog (support/database/watchdog.ts). */
function isWatchdog(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('pg-watchdog');
  } catch {
    return false;
  }
}
