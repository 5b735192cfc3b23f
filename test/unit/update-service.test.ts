// Updates through the contract, on a local update server with the bank's signed metadata and a twin
// of the host's installer (it downloads the file the metadata names, with progress): IT checks now,
// the release downloads in the background and is kept only when it is the signed file; the officer
// installs at close, or now only when nothing is being signed, captured or sent; refusals and every
// step are audit rows; an officer cannot force a check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, OFFICER, deskFixture, errorCode, type DeskFixture } from '../support/desk-fixture';
import { publicKeyLine, signReleaseDir } from '../../build/sign-release';
import type { UpdateInstaller } from '../../electron/main/updates/update-service';
import type { Release } from '../../electron/main/updates/update-decision';
import { BANK_PUBLISHER, makeSigningKit, minimalPe } from '../support/authenticode-kit';

const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const installerBytes = Buffer.alloc(200_000, 3);
const dir = mkdtempSync(join(tmpdir(), 'updates-'));
let server: Server;
let updateUrl: string;

function publish(version: string, bytes = installerBytes): void {
  const name = `Branch-Desk-${version}.AppImage`;
  writeFileSync(join(dir, name), bytes);
  const sha512 = createHash('sha512').update(installerBytes).digest('base64');
  writeFileSync(
    join(dir, 'latest-linux.yml'),
    `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${installerBytes.length}\n`,
  );
  signReleaseDir(dir, key);
}

/** The host's installer's twin: downloads the named file over HTTP, reporting progress. */
function installerTwin(): UpdateInstaller & { installs: string[] } {
  const installs: string[] = [];
  return {
    installs,
    async download(release: Release, onProgress) {
      const res = await fetch(`${updateUrl}${release.files[0]!.url}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      onProgress(50);
      const path = join(mkdtempSync(join(tmpdir(), 'update-dl-')), release.files[0]!.url);
      writeFileSync(path, bytes);
      onProgress(100);
      return path;
    },
    installNow: () => void installs.push('now'),
    installAtClose: () => void installs.push('close'),
  };
}

before(async () => {
  server = createServer((req, res) => {
    const path = join(dir, (req.url ?? '').replace(/^\/updates\//, ''));
    if (!req.url?.startsWith('/updates/') || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  updateUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates/`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const desks: DeskFixture[] = [];
after(() => desks.forEach((d) => d.dispose()));

async function desk(installer: UpdateInstaller | null, policy: Record<string, unknown> = {}): Promise<DeskFixture> {
  const f = deskFixture(
    { branchCode: '0123', updateUrl, updateReleaseKeys: [publicKeyLine(key)], ...policy },
    undefined,
    { version: '1.1.0', updateInstaller: installer, updatePlatform: 'linux' },
  );
  desks.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  return f;
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const v = await get();
    if (ok(v)) return v;
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('IT checks now; the signed release downloads in the background; the officer installs at close, or now only when nothing is in progress', async () => {
  publish('1.2.0');
  const installer = installerTwin();
  const f = await desk(installer);
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const before = await f.ok('updates.status', {});
  assert.deepEqual([before.current, before.configured, before.canInstall, before.outcome], ['1.1.0', true, true, null]);
  const checked = await f.ok('updates.check', {});
  assert.equal(checked.outcome, 'update');
  assert.equal(checked.available, '1.2.0');
  assert.ok(checked.lastCheckAt);
  const ready = await until(
    'the download',
    () => f.ok('updates.status', {}),
    (s) => s.download.state === 'ready',
  );
  assert.equal(ready.download.percent, 100);

  // An officer may not force a check, but chooses when to install.
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.equal(errorCode(await f.call('updates.check', {})), 'FORBIDDEN');
  // A form capture is running: installing now would cut it short.
  let finish = () => {};
  const capture = f.desk.services.captureProgress.track(1, 'camera', () => new Promise<void>((r) => (finish = r)));
  const busy = await f.call('updates.install', { when: 'now' });
  assert.equal(errorCode(busy), 'UPDATE_BUSY');
  assert.match(!busy.ok ? busy.error.message['zh-TW'] : '', /授權書擷取進行中/);
  assert.match(!busy.ok ? busy.error.message.en : '', /while a form capture is in progress/);
  assert.deepEqual(installer.installs, []);
  const atClose = await f.ok('updates.install', { when: 'close' });
  assert.equal(atClose.installAtClose, true);
  finish();
  await capture;
  await f.ok('updates.install', { when: 'now' });
  assert.deepEqual(installer.installs, ['close', 'now']);

  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const audit = (await f.ok('audit.list', { limit: 50 })).items.map((e) => e.action);
  for (const action of ['update.checked', 'update.downloaded', 'update.install_chosen'])
    assert.ok(audit.includes(action), action);
  assert.equal(audit.filter((a) => a === 'update.install_chosen').length, 2);
});

test('a download that is not the signed file is thrown away: the install is refused, the failure recorded', async () => {
  publish('1.3.0', Buffer.alloc(installerBytes.length, 4)); // same size, other bytes
  const f = await desk(installerTwin());
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  await f.ok('updates.check', {});
  await until(
    'the download',
    () => f.ok('updates.status', {}),
    (s) => s.download.state === 'failed',
  );
  assert.equal(errorCode(await f.call('updates.install', { when: 'close' })), 'UPDATE_NOT_READY');
  const failed = (await f.ok('audit.list', { limit: 50 })).items.find((e) => e.action === 'update.download_failed');
  assert.match(failed?.detail ?? '', /sha512 is not the one in the signed metadata/);
  const status = await f.ok('updates.status', {});
  assert.deepEqual(
    [status.download.problem, status.download.detail],
    ['altered', 'its sha512 is not the one in the signed metadata'],
  );
});

test('metadata not signed by the bank is refused and recorded; nothing is downloaded; the kill switch offers nothing', async () => {
  publish('1.2.0');
  const other = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  signReleaseDir(dir, other);
  const installer = installerTwin();
  let downloads = 0;
  const counting = {
    ...installer,
    download: (...a: Parameters<UpdateInstaller['download']>) => (downloads++, installer.download(...a)),
  };
  const f = await desk(counting);
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const refused = await f.ok('updates.check', {});
  assert.equal(refused.outcome, 'refused');
  assert.match(refused.detail!, /^bad_signature/);
  assert.equal(refused.available, null);
  assert.equal(downloads, 0);
  const row = (await f.ok('audit.list', { limit: 50 })).items.find((e) => e.action === 'update.refused');
  assert.match(row?.detail ?? '', /bad_signature/);

  signReleaseDir(dir, key);
  const paused = await desk(installerTwin(), { updatesPaused: true });
  await paused.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  assert.equal((await paused.ok('updates.check', {})).outcome, 'paused');
});

test('a Windows installer installs only when the pinned publisher signed it (Authenticode, checked by the desk)', async () => {
  const kit = makeSigningKit(mkdtempSync(join(tmpdir(), 'update-codesign-')));
  const roots = join(kit.dir, 'roots.pem');
  writeFileSync(roots, kit.rootPem);
  const unsigned = join(kit.dir, 'unsigned.exe');
  writeFileSync(unsigned, minimalPe());
  const publishWindows = (version: string, signer: 'bank' | 'other') => {
    const name = `Branch-Desk-Setup-${version}.exe`;
    kit.sign(unsigned, join(dir, name), signer);
    const bytes = readFileSync(join(dir, name));
    const sha512 = createHash('sha512').update(bytes).digest('base64');
    writeFileSync(
      join(dir, 'latest.yml'),
      `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${bytes.length}\n`,
    );
    signReleaseDir(dir, key);
  };
  const windowsDesk = async (policy: Record<string, unknown>) => {
    const f = deskFixture(
      { branchCode: '0123', updateUrl, updateReleaseKeys: [publicKeyLine(key)], ...policy },
      undefined,
      { version: '1.1.0', updateInstaller: installerTwin(), updatePlatform: 'win32' },
    );
    desks.push(f);
    await f.ok('setup.createAdmin', ADMIN);
    await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
    await f.ok('updates.check', {});
    return f;
  };
  const settled = (f: DeskFixture) =>
    until(
      'the download',
      () => f.ok('updates.status', {}),
      (s) => s.download.state === 'ready' || s.download.state === 'failed',
    );
  const pinned = { updatePublisher: BANK_PUBLISHER, updatePublisherRoots: roots };

  publishWindows('1.4.0', 'bank');
  const good = await windowsDesk(pinned);
  assert.equal((await settled(good)).download.state, 'ready');

  publishWindows('1.5.0', 'other'); // released with the bank's key, but built and signed by someone else
  const wrong = await windowsDesk(pinned);
  const refused = await settled(wrong);
  assert.deepEqual([refused.download.state, refused.download.problem], ['failed', 'publisher']);
  assert.match(refused.download.detail ?? '', /^publisher: signed by .*Someone Else Ltd\./);
  assert.equal(errorCode(await wrong.call('updates.install', { when: 'close' })), 'UPDATE_NOT_READY');
  const row = (await wrong.ok('audit.list', { limit: 50 })).items.find((e) => e.action === 'update.publisher_refused');
  assert.match(row?.detail ?? '', /Someone Else Ltd/);

  const unpinned = await windowsDesk({});
  const none = await settled(unpinned);
  assert.deepEqual(
    [none.download.problem, none.download.detail],
    ['publisher', 'no publisher is pinned (policy updatePublisher)'],
  );
});

test('without an update server, or in the browser mode, the desk says so', async () => {
  const f = await desk(null, { updateUrl: '' });
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const status = await f.ok('updates.status', {});
  assert.deepEqual([status.configured, status.canInstall, status.outcome], [false, false, 'not_configured']);
  assert.equal(errorCode(await f.call('updates.install', { when: 'now' })), 'UPDATE_NOT_READY');
});
