/**
 * Masks everything a process of the suite writes to its terminal, so that `npx cucumber-js` run
 * by hand or in a CI job never prints a secret, not only `npm test` (whose runner also masks
 * cucumber's output line by line off a terminal: scripts/run-features.js).
 *
 * cucumber.js loads this first, in the coordinator and in every parallel worker, before any
 * formatter exists, so the formatters writing to the terminal (progress-bar, its summary with
 * every failure's message and stack), cucumber's own warnings, our hooks' messages and anything
 * a library logs all pass through {@link maskSecrets}:
 * - `process.stdout.write` and `process.stderr.write` are wrapped (every `console.*` call and
 *   every stream write of a formatter ends there). Writers hand over whole messages, so a secret
 *   is never split across two writes in practice.
 * - An error nobody catches is printed by Node itself, from native code, past those streams (a
 *   late call of a stopped bot printed its token that way). When no one else listens for
 *   uncaught exceptions (cucumber does while a step or hook runs, and reports them as that
 *   step's failure), this prints the error masked and exits 1, as Node would.
 */
import { inspect } from 'node:util';
import { maskSecrets, registerSecretsFromEnvironment } from './mask';

const MASKED = Symbol.for('family-album.masked-console');

type Write = typeof process.stdout.write;

/** Wraps `stream.write` so that text is masked; bytes that are not UTF-8 text pass unchanged. */
export function maskStream(stream: NodeJS.WriteStream): void {
  const target = stream as NodeJS.WriteStream & { [MASKED]?: true };
  if (target[MASKED]) return;
  target[MASKED] = true;
  const write = stream.write as Write;
  stream.write = function maskedWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    return (write as (...args: unknown[]) => boolean).call(this, maskChunk(chunk), ...rest);
  } as Write;
}

function maskChunk(chunk: unknown): unknown {
  if (typeof chunk === 'string') return maskSecrets(chunk);
  if (chunk instanceof Uint8Array) {
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(chunk)) return chunk; // not text: leave the bytes alone
    const masked = maskSecrets(text);
    return masked === text ? chunk : Buffer.from(masked, 'utf8');
  }
  return chunk;
}

/**
 * Prints an uncaught error masked and exits 1, like Node's own handler, unless another listener
 * (cucumber's, during a step) takes care of it.
 */
function printUncaughtMasked(error: unknown): void {
  if (process.listeners('uncaughtException').some(isAnotherHandler)) return;
  process.stderr.write(`${maskSecrets(inspect(error, { depth: 6 }))}\n`);
  process.exit(1);
}

/**
 * Node's `domain` module (loaded by a dependency) prepends a listener of its own whenever there
 * is another one; it only clears the domain stack and handles nothing.
 */
function isAnotherHandler(listener: (...args: never[]) => unknown): boolean {
  return listener !== printUncaughtMasked && listener.name !== 'domainUncaughtExceptionClear';
}

/** Masks this process's terminal output from now on; safe to call twice. */
export function maskConsole(): void {
  const processWithFlag = process as NodeJS.Process & { [MASKED]?: true };
  if (processWithFlag[MASKED]) return;
  processWithFlag[MASKED] = true;
  registerSecretsFromEnvironment();
  maskStream(process.stdout);
  maskStream(process.stderr);
  process.on('uncaughtException', printUncaughtMasked);
}

maskConsole();
