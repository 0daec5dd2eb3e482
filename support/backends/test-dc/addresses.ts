/**
 * Where Telegram's test servers are, by DC id, and the one setting that points the suite
 * elsewhere (a test-DC twin, or a proxy in front of the test DC).
 *
 * The defaults are the test DCs' addresses as Telegram and the MTProto clients publish them:
 * - my.telegram.org → "API development tools" lists the test configuration "149.154.167.40:443, DC 2";
 * - Telegram Desktop, Telegram/SourceFiles/mtproto/mtproto_dc_options.cpp, `kBuiltInDcsTest`:
 *   `{ 1, "149.154.175.10", 443 }, { 2, "149.154.167.40", 443 }, { 3, "149.154.175.117", 443 }`
 *   (https://github.com/telegramdesktop/tdesktop);
 * - Pyrogram, pyrogram/session/internals/data_center.py, `DataCenter.TEST`: the same three
 *   addresses for DCs 1, 2 and 3 (https://github.com/pyrogram/pyrogram);
 * - mtcute, @mtcute/core utils/dcs.js, `defaultTestDc`: DC 2 at 149.154.167.40, port 443.
 * GramJS itself only knows the production addresses (telegramBaseClient.js) and learns the
 * test DCs from the session it is given: hence DC 2's address in connection.ts.
 *
 * After the first connection GramJS learns every DC's address from help.getConfig, but it then
 * forces port 443; the connection class of connection.ts dials these addresses instead, so a
 * twin or proxy on other ports keeps working after a *_MIGRATE redirect.
 */
import { ConfigurationError } from '../backend';

export interface DcAddress {
  readonly id: number;
  readonly host: string;
  readonly port: number;
}

export const TELEGRAM_TEST_DCS: readonly DcAddress[] = [
  { id: 1, host: '149.154.175.10', port: 443 },
  { id: 2, host: '149.154.167.40', port: 443 },
  { id: 3, host: '149.154.175.117', port: 443 },
];

/**
 * Reads `TEST_DC_ADDRESSES` ("1=127.0.0.1:4001,2=127.0.0.1:4002,3=127.0.0.1:4003"): every test DC
 * (1, 2 and 3) must be named, since a number's home DC can be any of them. Unset: Telegram's.
 */
export function parseDcAddresses(raw: string | undefined): readonly DcAddress[] {
  if (raw === undefined || raw.trim() === '') return TELEGRAM_TEST_DCS;
  const fix = 'Write it as "1=host:port,2=host:port,3=host:port" (it is for a test-DC twin or a proxy; unset it for Telegram\'s test DC)';
  const addresses = new Map<number, DcAddress>();
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([1-3])=(\[[0-9a-fA-F:]+\]|[^:=\s]+):(\d{1,5})$/.exec(part);
    const port = match ? Number(match[3]) : 0;
    if (!match || port < 1 || port > 65535) throw new ConfigurationError('TEST_DC_ADDRESSES', `has "${part}", which is not "<dc>=<host>:<port>" for DC 1, 2 or 3`, fix);
    const id = Number(match[1]);
    if (addresses.has(id)) throw new ConfigurationError('TEST_DC_ADDRESSES', `names DC ${id} twice`, fix);
    addresses.set(id, { id, host: match[2]!.replace(/^\[|\]$/g, ''), port });
  }
  const missing = TELEGRAM_TEST_DCS.map((dc) => dc.id).filter((id) => !addresses.has(id));
  if (missing.length) throw new ConfigurationError('TEST_DC_ADDRESSES', `does not name DC ${missing.join(', ')}`, fix);
  return [...addresses.values()].sort((a, b) => a.id - b.id);
}
