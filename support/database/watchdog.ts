/**
 * A watchdog for one embedded PostgreSQL's directory, armed before anything runs in it: a
 * detached shell that waits for its stdin to close — which happens when the process that armed
 * it ends for any reason, SIGKILL included, since the kernel closes a dead process's pipes — and
 * then kills every process group recorded in the directory's pid files (initdb and its bootstrap
 * backend, the server and its backends), waits until every process of those groups is gone
 * (at most 5 s), and only then removes the directory: a directory that has disappeared means a
 * server that has.
 *
 * It needs no cooperation from the process that dies: nothing has to run in it at its death.
 * Detached, it is in a process group of its own, so Ctrl-C at the terminal does not reach it.
 * A pid found in a file is killed only if that process still runs from this directory
 * (`runsFrom` in processes.ts, done here with /proc): pids are reused.
 */
import { spawn } from 'node:child_process';
import { STOPPING_MARK } from './processes';

/** Pid files the watchdog looks at, written by each program's launcher (processes.ts). */
export const PID_FILES = ['initdb.pid', 'server.pid'] as const;

const SCRIPT = `
dir=$1
# True while a process of group $1 runs (a zombie does not): read from /proc with shell builtins.
group_runs() {
  [ -d /proc/self ] || { kill -0 -- "-$1" 2>/dev/null; return; }
  for stat in /proc/[0-9]*/stat; do
    read -r line < "$stat" 2>/dev/null || continue
    set -- "$1" \${line##*) }
    [ "$4" = "$1" ] && [ "$2" != Z ] && [ "$2" != X ] && return 0
  done
  return 1
}
while read -r _line; do :; done
mkdir -- "$dir/${STOPPING_MARK}" 2>/dev/null
for name in ${PID_FILES.join(' ')}; do
  pid=$(head -n 1 "$dir/$name" 2>/dev/null)
  case $pid in ''|*[!0-9]*) continue ;; esac
  if [ -r "/proc/$pid/cmdline" ] && ! tr '\\0' '\\n' < "/proc/$pid/cmdline" | grep -qF -- "$dir"; then continue; fi
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
  tries=0
  while group_runs "$pid" && [ $tries -lt 500 ]; do sleep 0.01; tries=$((tries + 1)); done
done
rm -rf -- "$dir"
`;

export interface Watchdog {
  /** Ends the watch after an orderly stop: the watchdog finds nothing left and exits. */
  disarm(): void;
}

/** Arms a watchdog over `dir` (see above). Where `sh` is missing it cannot, and says so by returning undefined. */
export function armWatchdog(dir: string): Watchdog | undefined {
  if (process.platform === 'win32') return undefined;
  const watchdog = spawn('sh', ['-c', SCRIPT, 'pg-watchdog', dir], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  // Neither the watchdog nor our end of its pipe may keep this process alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    disarm() {
      watchdog.stdin?.end();
    },
  };
}
