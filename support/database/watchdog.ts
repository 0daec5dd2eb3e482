/**
 * A watchdog for one embedded PostgreSQL's directory, armed before anything runs in it: a
 * detached shell that waits for its stdin to close — which happens when the process that armed
 * it ends for any reason, SIGKILL included, since the kernel closes a dead process's pipes — and
 * then kills every process group recorded in the directory's pid files (initdb and its bootstrap
 * backend, the server) and every process still working in the data directory (PostgreSQL's
 * backends each lead a process group of their own), until none runs (at most 5 s), and only then
 * removes the directory: a directory that has disappeared means a server that has.
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
data=$dir/data
# True while process $1 runs; a zombie does not.
runs() {
  if [ -r "/proc/$1/stat" ]; then
    read -r stat < "/proc/$1/stat" 2>/dev/null || return 1
    set -- \${stat##*) }
    [ "$1" != Z ] && [ "$1" != X ]
  else
    kill -0 "$1" 2>/dev/null
  fi
}
# Running processes whose working directory is the data directory: the server and each backend.
# (A backend leads a process group of its own, so the server's group does not reach it.)
running_in_data() {
  for cwd in /proc/[0-9]*/cwd; do
    [ "$cwd" -ef "$data" ] || continue
    pid=\${cwd#/proc/}
    pid=\${pid%/cwd}
    runs "$pid" && echo "$pid"
  done
}
while read -r _line; do :; done
mkdir -- "$dir/${STOPPING_MARK}" 2>/dev/null
leaders=
for name in ${PID_FILES.join(' ')}; do
  pid=$(head -n 1 "$dir/$name" 2>/dev/null)
  case $pid in ''|*[!0-9]*) continue ;; esac
  if [ -r "/proc/$pid/cmdline" ] && ! tr '\\0' '\\n' < "/proc/$pid/cmdline" | grep -qF -- "$dir"; then continue; fi
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
  leaders="$leaders $pid"
done
tries=0
while [ $tries -lt 500 ]; do
  left=$(running_in_data)
  for pid in $leaders; do runs "$pid" && left="$left $pid"; done
  [ -n "$(echo $left)" ] || break
  kill -KILL $left 2>/dev/null
  sleep 0.01
  tries=$((tries + 1))
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
