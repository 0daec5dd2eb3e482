/** Picks the backend named by TELEGRAM_BACKEND (default: embedded). */
import { ConfigurationError, type Backend, type BackendName } from './backend';
import { EmbeddedBackend } from './embedded';
import { TestDcBackend } from './test-dc';
import { TestDcTwinBackend } from './test-dc-twin';

export * from './backend';

const BACKENDS: Record<BackendName, (env: NodeJS.ProcessEnv) => Backend> = {
  embedded: () => new EmbeddedBackend(),
  'test-dc': (env) => new TestDcBackend(env),
  'test-dc-twin': (env) => new TestDcTwinBackend(env),
};

export function createBackend(env: NodeJS.ProcessEnv = process.env): Backend {
  const name = (env.TELEGRAM_BACKEND ?? '').trim() || 'embedded';
  const make = BACKENDS[name as BackendName];
  if (!make) {
    throw new ConfigurationError('TELEGRAM_BACKEND', `is "${name}", which is not a backend`, `Use one of: ${Object.keys(BACKENDS).join(', ')} (or unset it for embedded)`);
  }
  return make(env);
}
