import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClusterTemplate, defaultTemplateCacheDir } from '../../../support/database/cluster-template';

/** A directory shaped like initdb's output, enough for the template's own checks. */
function fakeCluster(parent: string, version = '18'): string {
  const dir = join(parent, `initdb-output-${version}`);
  mkdirSync(join(dir, 'global'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'PG_VERSION'), `${version}\n`);
  writeFileSync(join(dir, 'global', 'pg_control'), 'control');
  return dir;
}

function scratch(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-template-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const KEY = { initdb: '/nowhere/initdb', flags: ['--auth=scram-sha-256', '--username=postgres'] };

test('no template: nothing is copied, so the caller runs initdb', async (t) => {
  const dir = scratch(t);
  const template = new ClusterTemplate(join(dir, 'cache'), KEY);
  assert.equal(template.isReady(), false);
  assert.equal(await template.copyTo(join(dir, 'data')), false);
  assert.deepEqual(readdirSync(dir), []);
});

test('a saved cluster is copied whole, with its 0700 mode, into an empty data directory', async (t) => {
  const dir = scratch(t);
  const template = new ClusterTemplate(join(dir, 'cache'), KEY);
  await template.save(fakeCluster(dir));
  assert.equal(template.isReady(), true);
  const dataDir = join(dir, 'server');
  mkdirSync(dataDir); // as mkdtemp left it
  assert.equal(await template.copyTo(dataDir), true);
  assert.equal(readFileSync(join(dataDir, 'global', 'pg_control'), 'utf8'), 'control');
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
});

test('a second save keeps the first template, and leaves no temporary copy', async (t) => {
  const dir = scratch(t);
  const cacheDir = join(dir, 'cache');
  const template = new ClusterTemplate(cacheDir, KEY);
  await Promise.all([template.save(fakeCluster(dir, '18')), new ClusterTemplate(cacheDir, KEY).save(fakeCluster(dir, '18'))]);
  await template.save(fakeCluster(dir, '99'));
  assert.deepEqual(readdirSync(cacheDir), [template.cluster.slice(cacheDir.length + 1)]);
  assert.equal(readFileSync(join(template.cluster, 'PG_VERSION'), 'utf8'), '18\n');
});

test('a save abandoned by a dead process is removed by the next save', async (t) => {
  const dir = scratch(t);
  const cacheDir = join(dir, 'cache');
  mkdirSync(join(cacheDir, '.saving-2147483646-deadbeef'), { recursive: true });
  await new ClusterTemplate(cacheDir, KEY).save(fakeCluster(dir));
  assert.deepEqual(readdirSync(cacheDir).filter((name) => name.startsWith('.saving-')), []);
});

test('another initdb binary or other flags get their own template; forget removes one', async (t) => {
  const dir = scratch(t);
  const cacheDir = join(dir, 'cache');
  const template = new ClusterTemplate(cacheDir, KEY);
  assert.notEqual(new ClusterTemplate(cacheDir, { ...KEY, initdb: '/elsewhere/initdb' }).cluster, template.cluster);
  assert.notEqual(new ClusterTemplate(cacheDir, { ...KEY, flags: ['--auth=trust'] }).cluster, template.cluster);
  await template.save(fakeCluster(dir));
  template.forget();
  assert.equal(template.isReady(), false);
});

test('the cache lives beside the test-dc cache (XDG_CACHE_HOME, else ~/.cache)', () => {
  assert.equal(defaultTemplateCacheDir({ XDG_CACHE_HOME: '/x' }), '/x/family-album-acceptance/postgres-template');
  assert.equal(defaultTemplateCacheDir({ HOME: '/home/p' }), '/home/p/.cache/family-album-acceptance/postgres-template');
});
