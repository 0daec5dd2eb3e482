/**
 * The settings that point the unchanged test-dc backend at a twin: its DCs' addresses, its RSA
 * key and its Bot API root (the settings documented for a twin or a proxy), an API id/hash the
 * twin does not check, and a session cache. One place for the `-p test-dc-twin` profile, the
 * bench and the tests that run the backend on a twin, so they all reach it the same way.
 */
import type { Emulator } from '../../../src/emulator';

/** Any 32 hex digits: the twin checks no API credentials, but the settings check their shape. */
const TWIN_API_HASH = '0123456789abcdef0123456789abcdef';

export function twinSettings(emulator: Pick<Emulator, 'dcs' | 'rsaPublicKeyPem' | 'botApiRoot'>, cacheDir: string): NodeJS.ProcessEnv {
  return {
    TELEGRAM_API_ID: '1',
    TELEGRAM_API_HASH: TWIN_API_HASH,
    TEST_DC_ADDRESSES: emulator.dcs.map((dc) => `${dc.id}=${dc.host}:${dc.port}`).join(','),
    TEST_DC_RSA_KEY: emulator.rsaPublicKeyPem,
    TEST_DC_BOT_API_ROOT: emulator.botApiRoot,
    TEST_DC_CACHE_DIR: cacheDir,
  };
}
