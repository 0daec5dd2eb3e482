import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { createEmulatorClient, emulatorEndpoint } from '../../src/emulator/gramjs';
import { Api } from 'telegram';

function startCli(env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--require', 'ts-node/register', 'src/emulator/cli.ts'], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('npm run emulator prints one JSON line a GramJS script can connect with, and stops on SIGTERM', async () => {
  const child = startCli();
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const info = JSON.parse(line);
  assert.equal(info.host, '127.0.0.1');
  assert.ok(info.mtprotoPort > 0 && info.mtprotoPort <= 32767, 'the port fits a StringSession');
  assert.deepEqual(info.dcs.map((dc: { id: number }) => dc.id), [1, 2, 3], 'every DC is printed');
  for (const dc of info.dcs) assert.ok(dc.host === '127.0.0.1' && dc.port > 0 && dc.port <= 32767);
  assert.equal(info.dcs.find((dc: { id: number }) => dc.id === info.dcId).port, info.mtprotoPort);
  assert.match(info.rsaPublicKeyPem, /BEGIN PUBLIC KEY/);
  assert.match(info.rsaPublicKeyPkcs1Pem, /BEGIN RSA PUBLIC KEY/, 'the PKCS#1 form Telegram publishes, beside SPKI');
  assert.match(info.rsaFingerprint, /^[1-9a-f][0-9a-f]{15}$/, 'a generated key never has a fingerprint starting with 0');
  assert.match(info.botApiRoot, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(info.bot.token, /^\d+:/);

  const me = (await (await fetch(`${info.botApiRoot}/bot${info.bot.token}/getMe`)).json()) as { result: { username: string } };
  assert.equal(me.result.username, info.bot.username);

  const client = createEmulatorClient(emulatorEndpoint(info));
  await client.connect();
  const config = await client.invoke(new Api.help.GetConfig());
  assert.equal(config.thisDc, info.dcId);
  assert.equal(config.dcOptions.length, 3);
  await client.destroy();

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('a port setting that is not a port is refused with the setting named', async () => {
  const child = startCli({ EMULATOR_MTPROTO_PORT: 'eighty' });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /EMULATOR_MTPROTO_PORT=eighty is not a port/);
});

test('a DC port setting above 32767 is refused: a StringSession could not store it', async () => {
  const child = startCli({ EMULATOR_DC1_PORT: '40000' });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /EMULATOR_DC1_PORT=40000 is not a port: use a number from 1 to 32767/);
});

test('an idle timeout outside its bounds is refused with the setting named', async () => {
  const child = startCli({ EMULATOR_MTPROTO_IDLE_TIMEOUT_S: '86400' });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /EMULATOR_MTPROTO_IDLE_TIMEOUT_S=86400 is not a timeout/);
});

test('the memory and HTTP settings outside their bounds are refused with the setting named', async () => {
  const refusals: Array<[Record<string, string>, RegExp]> = [
    [{ EMULATOR_MEDIA_BUDGET_MB: 'lots' }, /EMULATOR_MEDIA_BUDGET_MB=lots is not a size: use megabytes, 0 or more/],
    [{ EMULATOR_HTTP_TIMEOUT_S: '0' }, /EMULATOR_HTTP_TIMEOUT_S=0 is not a timeout: use seconds from 0.001 to 3600/],
    [{ EMULATOR_UPLOAD_PARTS_TTL_S: '-5' }, /EMULATOR_UPLOAD_PARTS_TTL_S=-5 is not a timeout: use seconds from 0.001 to 86400/],
  ];
  await Promise.all(refusals.map(async ([env, message]) => {
    const child = startCli(env);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(stderr, message);
  }));
});

test('EMULATOR_RSA_KEY pins the key: the same fingerprint on every start', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
  const fingerprints: string[] = [];
  for (let run = 0; run < 2; run++) {
    const child = startCli({ EMULATOR_RSA_KEY: pem });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    fingerprints.push(JSON.parse(line).rsaFingerprint);
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  assert.equal(fingerprints[0], fingerprints[1]);
  const bad = startCli({ EMULATOR_RSA_KEY: '/nonexistent/key.pem' });
  let stderr = '';
  bad.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(bad, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /EMULATOR_RSA_KEY=\/nonexistent\/key.pem is neither a PEM nor a readable file/);
});
