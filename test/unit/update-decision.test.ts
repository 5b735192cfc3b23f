// The update decision against a local update server laid out as electron-builder publishes
// (latest.yml, latest-linux.yml, the installer) with the bank's detached signatures beside the
// metadata (build/sign-release.ts): a newer release, the same one, a desk staged out, IT's kill
// switch, a desk below the minimum, a signature that does not verify or is missing, metadata that
// is malformed, a server that is down or failing, and a download cut short or altered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { decideUpdate, stagingBucket, type UpdatePolicy } from '../../electron/main/updates/update-decision';
import { fetchFeed, FeedUnreachable } from '../../electron/main/updates/release-feed';
import { checkDownload } from '../../electron/main/updates/download-check';
import { publicKeyLine, signReleaseDir } from '../../build/sign-release';

const pem = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  k.export({ format: 'pem', type: 'pkcs8' }).toString();
const bankKey = pem(generateKeyPairSync('ed25519').privateKey);
const otherKey = pem(generateKeyPairSync('ed25519').privateKey);
const installer = Buffer.alloc(300_000, 7);
const sha512 = createHash('sha512').update(installer).digest('base64');

const dir = mkdtempSync(join(tmpdir(), 'update-server-'));
let server: Server;
let base: string;
let failing = false;

function publish(version: string, extra = '', key = bankKey): void {
  for (const name of ['latest.yml', 'latest-linux.yml'])
    writeFileSync(
      join(dir, name),
      [
        `version: ${version}`,
        'files:',
        `  - url: Branch-Desk-${version}.exe`,
        `    sha512: ${sha512}`,
        `    size: ${installer.length}`,
        `path: Branch-Desk-${version}.exe`,
        `sha512: ${sha512}`,
        "releaseDate: '2026-12-01T08:00:00.000Z'",
        extra,
      ].join('\n'),
    );
  signReleaseDir(dir, key);
}

before(async () => {
  server = createServer((req, res) => {
    if (failing) return void res.writeHead(500).end();
    const url = req.url ?? '';
    if (!url.startsWith('/updates/')) return void res.writeHead(404).end();
    const path = join(dir, decodeURIComponent(url.slice('/updates/'.length)));
    if (!existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates/`; // as IT writes it, slash or not
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const policy = (over: Partial<UpdatePolicy> = {}): UpdatePolicy => ({
  releaseKeys: [publicKeyLine(bankKey)],
  updatesPaused: false,
  minimumVersion: '',
  ...over,
});

async function decide(
  current: string,
  over: Partial<UpdatePolicy> = {},
  deskId = 'desk-1',
  platform: NodeJS.Platform = 'win32',
) {
  return decideUpdate({ current, deskId, policy: policy(over), feed: await fetchFeed(base, platform) });
}

test('a newer release signed by the bank is taken; the same or an older one is not', async () => {
  publish('1.2.0');
  const newer = await decide('1.1.0');
  assert.equal(newer.kind, 'update');
  assert.ok(newer.kind === 'update' && newer.release.version === '1.2.0' && !newer.required);
  assert.deepEqual(newer.kind === 'update' && newer.release.files, [
    { url: 'Branch-Desk-1.2.0.exe', sha512, size: installer.length },
  ]);
  assert.deepEqual(await decide('1.2.0'), { kind: 'current', latest: '1.2.0' });
  assert.deepEqual(await decide('1.3.0'), { kind: 'current', latest: '1.2.0' }, 'never a downgrade');
  // Linux reads its own metadata file, signed the same way.
  assert.equal((await decide('1.1.0', {}, 'desk-1', 'linux')).kind, 'update');
});

test('a staged rollout reaches its share of desks, the same desks on every check', async () => {
  publish('1.2.0', 'stagingPercentage: 30');
  const desks = Array.from({ length: 400 }, (_, i) => `desk-${i}`);
  const feed = await fetchFeed(base, 'win32');
  const offered = desks.filter(
    (deskId) => decideUpdate({ current: '1.1.0', deskId, policy: policy(), feed }).kind === 'update',
  );
  assert.ok(offered.length > 80 && offered.length < 160, `${offered.length} of 400 at 30 %`);
  for (const id of offered.slice(0, 20)) assert.equal((await decide('1.1.0', {}, id)).kind, 'update');
  const out = desks.find((id) => !offered.includes(id))!;
  const decision = await decide('1.1.0', {}, out);
  assert.equal(decision.kind, 'staged_out');
  assert.ok(decision.kind === 'staged_out' && decision.bucket === stagingBucket(out, '1.2.0'));
  publish('1.2.0', 'stagingPercentage: 0');
  assert.equal((await decide('1.1.0', {}, offered[0])).kind, 'staged_out', 'held back by IT: 0 %');
});

test("IT's kill switch stops every update; a desk below the minimum must update, staging or not", async () => {
  publish('1.2.0', 'stagingPercentage: 0');
  assert.deepEqual(await decide('1.1.0', { updatesPaused: true }), { kind: 'paused' });
  const required = await decide('1.0.0', { minimumVersion: '1.1.0' });
  assert.ok(required.kind === 'update' && required.required, JSON.stringify(required));
  assert.deepEqual(await decide('1.0.0', { minimumVersion: '1.3.0' }), {
    kind: 'below_minimum',
    latest: '1.2.0',
    minimumVersion: '1.3.0',
  });
  assert.deepEqual(await decide('1.0.0', { minimumVersion: '1.3.0', updatesPaused: true }), { kind: 'paused' });
});

test('metadata not signed by the bank is refused before anything in it is believed', async () => {
  publish('9.9.9', '', otherKey);
  const other = await decide('1.1.0');
  assert.equal(other.kind === 'refused' && other.reason, 'bad_signature');
  // Signed, then changed on the server (a version, a digest): the signature no longer verifies.
  publish('1.2.0');
  writeFileSync(join(dir, 'latest.yml'), readFileSync(join(dir, 'latest.yml'), 'utf8').replace('1.2.0', '9.9.9'));
  const changed = await decide('1.1.0');
  assert.equal(changed.kind === 'refused' && changed.reason, 'bad_signature');
  publish('1.2.0');
  writeFileSync(join(dir, 'latest.yml.sig'), 'bm90IGEgc2lnbmF0dXJl');
  assert.equal(((await decide('1.1.0')) as { reason?: string }).reason, 'bad_signature');
  publish('1.2.0');
  spawnSync('rm', [join(dir, 'latest.yml.sig')]);
  assert.equal(((await decide('1.1.0')) as { reason?: string }).reason, 'no_signature');
  publish('1.2.0');
  assert.equal(((await decide('1.1.0', { releaseKeys: [] })) as { reason?: string }).reason, 'no_release_key');
  // A second pinned key (a key being replaced) is accepted beside the first.
  publish('1.2.0', '', otherKey);
  assert.equal(
    (await decide('1.1.0', { releaseKeys: [publicKeyLine(bankKey), publicKeyLine(otherKey)] })).kind,
    'update',
  );
});

test('signed but malformed metadata is refused with what is wrong', async () => {
  for (const [yml, why] of [
    ['version: not-a-version\nfiles: []', /not a version number/],
    ['version: 1.2.0\nfiles: []', /names no file/],
    ['version: 1.2.0\nfiles:\n  - url: ../../evil.exe\n    sha512: x\n    size: 1', /outside the update folder/],
    ['version: 1.2.0\nfiles:\n  - url: a.exe\n    size: 1', /lacks its url, sha512 or size/],
  ] as const) {
    writeFileSync(join(dir, 'latest.yml'), yml);
    signReleaseDir(dir, bankKey);
    const d = await decide('1.1.0');
    assert.equal(d.kind === 'refused' && d.reason, 'malformed', yml);
    assert.match(d.kind === 'refused' ? d.detail : '', why);
  }
});

test('a server that is down, failing, or without metadata is unreachable in words for IT', async () => {
  await assert.rejects(fetchFeed('http://127.0.0.1:9/updates', 'win32'), FeedUnreachable);
  failing = true;
  await assert.rejects(fetchFeed(base, 'win32'), /HTTP 500/);
  failing = false;
  await assert.rejects(fetchFeed(base.replace('/updates/', '/elsewhere/'), 'win32'), /not found on the update server/);
});

test('a download cut short or altered is refused before it can run', async () => {
  const file = join(dir, 'Branch-Desk-1.2.0.exe');
  const expected = { url: 'Branch-Desk-1.2.0.exe', sha512, size: installer.length };
  writeFileSync(file, installer);
  const check = async () =>
    (await checkDownload(file, expected, false, { publisher: '', rootsFile: '', now: new Date() }))?.problem;
  assert.equal(await check(), undefined);
  writeFileSync(file, installer.subarray(0, 100_000));
  assert.equal(await check(), 'incomplete');
  const altered = Buffer.from(installer);
  altered[1234] = 8;
  writeFileSync(file, altered);
  assert.equal(await check(), 'altered');
  assert.equal(statSync(file).size, installer.length);
});

test('sign-release makes a 0600 release key, prints its public line, and signs a release folder', () => {
  const work = mkdtempSync(join(tmpdir(), 'sign-release-'));
  const keyFile = join(work, 'release.pem');
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'build/sign-release.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  const made = run(['--new-key', keyFile]);
  assert.equal(made.status, 0, made.stderr);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  const line = /updateReleaseKeys\): (\S+)/.exec(made.stdout)?.[1];
  assert.equal(line, publicKeyLine(readFileSync(keyFile, 'utf8')));
  assert.equal(run(['--new-key', keyFile]).status, 1, 'never overwrites a key');
  writeFileSync(join(work, 'latest.yml'), 'version: 1.2.0\n');
  assert.match(run([work]).stderr, /BRANCH_DESK_RELEASE_KEY/);
  const signed = run([work], { BRANCH_DESK_RELEASE_KEY: keyFile });
  assert.equal(signed.status, 0, signed.stderr);
  assert.match(signed.stdout, /signed latest\.yml -> latest\.yml\.sig/);
  assert.equal(Buffer.from(readFileSync(join(work, 'latest.yml.sig'), 'utf8'), 'base64').length, 64);
});
