// The Electron host as it wires itself, run against a recording stand-in for the electron module
// (test/support/electron-fake.ts): what it does before ready, the window it opens, the CSP header,
// navigation and new windows refused, the camera-only permission, IPC from our own page only,
// content protection, the key protectors it offers, and how it stops when the desk cannot start.
// The real window is checked by test/electron/smoke.spec.ts wherever the binary exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startElectronHost, type HostDeps } from '../../electron/host-electron/electron-host';
import { IPC_CHANNEL } from '../../electron/host-electron/window-options';
import { StartupError } from '../../electron/main/errors';
import { allowsPermissionCheck, CONTENT_SECURITY_POLICY, grantsPermissionRequest } from '../../electron/main/security';
import type { KeyProtector } from '../../native/key-protection/key-protector';
import { fileKeyProtector } from '../../native/key-protection/file-key-protector';
import {
  fakeDesk,
  fakeElectron,
  fakeSafeStorage,
  fakeWebContents,
  type FakeElectronOptions,
} from '../support/electron-fake';

const RENDERER_INDEX = '/opt/branch-desk/resources/app/dist/renderer/index.html';
const RENDERER_URL = `file://${RENDERER_INDEX}`;
const PRELOAD = '/opt/branch-desk/resources/app/dist/electron/preload.js';

async function startHost(options: FakeElectronOptions = {}, deps: Partial<HostDeps> = {}) {
  const { electron, record } = fakeElectron(options);
  const desk = fakeDesk();
  const keyProtectors: (readonly KeyProtector[])[] = [];
  const updates: [string, boolean][] = [];
  const started = startElectronHost(electron, {
    rendererIndex: RENDERER_INDEX,
    rendererUrl: RENDERER_URL,
    preloadPath: PRELOAD,
    platform: 'linux',
    // As main.ts does: the updater for the policy's URL goes into the desk.
    createDesk: (protectors, installerFor) => (keyProtectors.push(protectors), installerFor(desk.updateUrl), desk.desk),
    updateInstaller: (url, packaged) => (updates.push([url, packaged]), null),
    ...deps,
  });
  const beforeReady = { app: [...record.app], listeners: [...record.appListeners.keys()] };
  await started;
  return { record, desk, keyProtectors, updates, beforeReady };
}

/** Asks the recorded request handler, as Chromium would, and returns what it answered. */
function request(
  handler: NonNullable<Awaited<ReturnType<typeof startHost>>['record']['permissionRequest']>,
  permission: string,
  mediaTypes?: ('video' | 'audio')[],
) {
  const answers: boolean[] = [];
  handler({}, permission, (granted) => answers.push(granted), {
    requestingUrl: RENDERER_URL,
    ...(mediaTypes ? { mediaTypes } : {}),
  });
  assert.equal(answers.length, 1, 'the handler answers every request exactly once');
  return answers[0];
}

test('before ready: every renderer sandboxed, one copy of the desk, navigation rules for every web contents', async () => {
  const { beforeReady } = await startHost();
  assert.deepEqual(beforeReady.app.slice(0, 2), ['enableSandbox', 'requestSingleInstanceLock']);
  // Registered before any window exists, so it covers every web contents ever created.
  assert.ok(beforeReady.listeners.includes('web-contents-created'));
});

test('a second copy quits at once: no desk, no window, no IPC', async () => {
  const { record, keyProtectors } = await startHost({ singleInstance: false });
  assert.ok(record.app.includes('quit'));
  assert.ok(!record.app.includes('whenReady'));
  assert.equal(keyProtectors.length, 0);
  assert.equal(record.windows.length, 0);
  assert.equal(record.ipc.size, 0);
});

test('the window is isolated, sandboxed, without Node, with web security, hidden until painted', async () => {
  const { record } = await startHost();
  assert.equal(record.windows.length, 1);
  const { options } = record.windows[0]!;
  const prefs = options.webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, PRELOAD);
  assert.equal(options.show, false);
  assert.ok(record.windows[0]!.calls.includes(`loadFile:${RENDERER_INDEX}`));
});

test('content protection is on before the window is ever shown', async () => {
  const { record } = await startHost();
  const window = record.windows[0]!;
  assert.ok(!window.calls.includes('show'), 'not shown before it has painted');
  window.fireReadyToShow();
  const protectedAt = window.calls.indexOf('setContentProtection:true');
  assert.ok(protectedAt >= 0, 'setContentProtection(true) was called');
  assert.ok(protectedAt < window.calls.indexOf('show'), `protection before show: ${window.calls.join(', ')}`);
  assert.ok(!window.calls.includes('setContentProtection:false'));
});

test('every response carries the strict CSP, replacing none of the other headers', async () => {
  const { record } = await startHost();
  const answers: { responseHeaders: Record<string, string[] | string> }[] = [];
  record.headers!({ responseHeaders: { 'X-Other': ['1'] } }, (response) => answers.push(response));
  record.headers!({}, (response) => answers.push(response));
  assert.deepEqual(answers, [
    { responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
    { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
  ]);
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]) {
    assert.ok(CONTENT_SECURITY_POLICY.split('; ').includes(directive), directive);
  }
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-(inline|eval)|wasm-unsafe-eval|\*/);
});

test('navigation away, redirects, webviews and new windows are refused; the page itself is not', async () => {
  const { record } = await startHost();
  const wc = fakeWebContents();
  for (const listener of record.appListeners.get('web-contents-created') ?? [])
    (listener as (e: unknown, c: unknown) => void)({}, wc.contents);
  for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) assert.ok(wc.listened(event), event);
  for (const url of [
    'https://example.com/',
    'file:///etc/passwd',
    'file:///opt/branch-desk/resources/app/dist/renderer/other.html',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.equal(wc.navigate(url), true, `navigate ${url}`);
    assert.equal(wc.redirect(url), true, `redirect ${url}`);
  }
  assert.equal(wc.navigate(`${RENDERER_URL}#/cases`), false);
  assert.equal(wc.redirect(RENDERER_URL), false);
  assert.equal(wc.attachWebview(), true);
  assert.ok(wc.openHandlerSet());
  assert.deepEqual(wc.open(), { action: 'deny' });
});

test('the permission handlers grant the camera only: never the microphone, the screen or anything else', async () => {
  const { record } = await startHost();
  const handler = record.permissionRequest!;
  assert.equal(request(handler, 'media', ['video']), true);
  assert.equal(request(handler, 'media', ['audio']), false);
  assert.equal(request(handler, 'media', ['video', 'audio']), false);
  assert.equal(request(handler, 'media', ['audio', 'video']), false);
  assert.equal(request(handler, 'media', []), false);
  assert.equal(request(handler, 'media'), false);
  for (const permission of [
    'display-capture',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'midi',
    'unknown',
  ]) {
    assert.equal(request(handler, permission, ['video']), false, permission);
    assert.equal(request(handler, permission), false, permission);
  }
  const check = record.permissionCheck!;
  const asks = (permission: string, mediaType?: 'video' | 'audio' | 'unknown') =>
    check(null, permission, 'file:///', { isMainFrame: true, ...(mediaType ? { mediaType } : {}) });
  assert.equal(asks('media', 'video'), true);
  assert.equal(asks('media', 'audio'), false);
  assert.equal(asks('media', 'unknown'), false);
  assert.equal(asks('media'), false);
  for (const permission of [
    'display-capture',
    'geolocation',
    'notifications',
    'clipboard-read',
    'hid',
    'usb',
    'serial',
  ])
    assert.equal(asks(permission, 'video'), false, permission);
});

test('the permission rule itself: one definition, shared by both handlers', () => {
  assert.equal(grantsPermissionRequest('media', ['video', 'video']), true);
  assert.equal(grantsPermissionRequest('media', ['video', 'audio']), false);
  assert.equal(grantsPermissionRequest('media', undefined), false);
  assert.equal(grantsPermissionRequest('Media', ['video']), false);
  assert.equal(allowsPermissionCheck('media', 'video'), true);
  assert.equal(allowsPermissionCheck('media', 'audio'), false);
  assert.equal(allowsPermissionCheck('camera', 'video'), false);
});

test('IPC: one channel, answered for our own page only; anything else gets FORBIDDEN and never reaches the desk', async () => {
  const { record, desk } = await startHost();
  assert.deepEqual([...record.ipc.keys()], [IPC_CHANNEL]);
  const handle = record.ipc.get(IPC_CHANNEL)!;
  const answer = await handle({ senderFrame: { url: `${RENDERER_URL}#/home` } }, 'desk.info', { a: 1 });
  assert.deepEqual(answer, { ok: true, value: { answered: 'desk.info' } });
  assert.deepEqual(desk.calls, [['desk.info', { a: 1 }]]);
  for (const senderFrame of [
    null,
    { url: 'https://example.com/' },
    { url: 'file:///tmp/evil/index.html' },
    { url: 'about:blank' },
  ]) {
    const refused = (await handle({ senderFrame }, 'staff.list', {})) as { ok: boolean; error?: { code: string } };
    assert.equal(refused.ok, false, JSON.stringify(senderFrame));
    assert.equal(refused.error?.code, 'FORBIDDEN');
  }
  assert.equal(desk.calls.length, 1, 'no refused call reached the desk');
});

test('the desk gets the OS key store first when safeStorage really protects, the key file alone otherwise', async () => {
  const keyring = await startHost({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }) });
  assert.deepEqual(
    keyring.keyProtectors[0]!.map((p) => p.protection),
    ['os-keystore', 'file'],
  );
  assert.equal(keyring.keyProtectors[0]![1], fileKeyProtector);
  for (const safeStorage of [
    fakeSafeStorage({ backend: 'basic_text' }),
    fakeSafeStorage({ backend: 'unknown' }),
    fakeSafeStorage({ available: false }),
  ]) {
    const plain = await startHost({ safeStorage });
    assert.deepEqual(plain.keyProtectors, [[fileKeyProtector]]);
  }
  const windows = await startHost({ safeStorage: fakeSafeStorage({ backendThrows: true }) }, { platform: 'win32' });
  assert.equal(windows.keyProtectors[0]![0]!.description, 'Windows DPAPI via Electron safeStorage');
});

test('the desk gets its updater for the policy URL and whether the app is packaged; quitting closes the desk', async () => {
  const packaged = await startHost({ packaged: true });
  assert.deepEqual(packaged.updates, [['https://updates.bank.example/desk/', true]]);
  const dev = await startHost({ packaged: false });
  assert.deepEqual(dev.updates, [['https://updates.bank.example/desk/', false]]);
  const fire = (event: string) => (packaged.record.appListeners.get(event) ?? []).forEach((f) => (f as () => void)());
  fire('window-all-closed');
  assert.ok(packaged.record.app.includes('quit'));
  assert.equal(packaged.desk.closed(), 0);
  fire('will-quit');
  assert.equal(packaged.desk.closed(), 1);
});

class TestPolicyError extends StartupError {
  override banner(): string {
    return 'The IT policy is invalid: jcicEndpoint';
  }
}

test('a desk that cannot start shows its banner and exits 2, having opened nothing', async () => {
  const { record, updates } = await startHost(
    {},
    {
      createDesk: () => {
        throw new TestPolicyError('bad policy');
      },
    },
  );
  assert.deepEqual(record.errorBoxes, [['Branch Desk', 'The IT policy is invalid: jcicEndpoint']]);
  assert.equal(record.app.at(-1), 'exit:2');
  assert.equal(record.windows.length, 0);
  assert.equal(record.ipc.size, 0);
  assert.equal(record.permissionRequest, undefined);
  assert.deepEqual(updates, []);
  const other = await startHost(
    {},
    {
      createDesk: () => {
        throw new Error('disk full');
      },
    },
  );
  assert.deepEqual(other.record.errorBoxes, [['Branch Desk', 'Error: disk full']]);
  assert.equal(other.record.app.at(-1), 'exit:2');
  // Quitting afterwards has no desk to close and must not throw.
  for (const f of other.record.appListeners.get('will-quit') ?? []) (f as () => void)();
});

test('a failure after the desk started is logged and exits 1', async (t) => {
  const logged = t.mock.method(console, 'error', () => {});
  const { record } = await startHost({ windowFails: true });
  assert.equal(record.app.at(-1), 'exit:1');
  assert.equal(logged.mock.callCount(), 1);
});
