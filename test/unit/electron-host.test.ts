// The Electron host's security settings, preload and key protector, checked without an Electron
// binary: the options are plain data, the built preload runs here against a recording stand-in for
// Electron's contextBridge and ipcRenderer, and the key protector against one for safeStorage.
// The host's wiring (handlers, IPC, start-up) is in electron-host-wiring.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { CALL_NAMES } from '../../common/contract';
import { RUNTIME_MODULES } from '../../build/runtime-modules';
import { IPC_CHANNEL, isAllowedNavigation, secureWindowOptions } from '../../electron/host-electron/window-options';
import { safeStorageKeyProtector } from '../../electron/host-electron/safe-storage-key-protector';
import { fakeSafeStorage } from '../support/electron-fake';

test('the window runs the renderer isolated, sandboxed, without Node', () => {
  const prefs = secureWindowOptions('/app/preload.js').webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/preload.js');
});

test('navigation is locked to the renderer page', () => {
  const page = 'file:///opt/branch-desk/resources/app/dist/renderer/index.html';
  assert.equal(isAllowedNavigation(page, page), true);
  assert.equal(isAllowedNavigation(`${page}#x`, page), true);
  assert.equal(isAllowedNavigation('https://example.com/', page), false);
  assert.equal(isAllowedNavigation('file:///etc/passwd', page), false);
  assert.equal(isAllowedNavigation('not a url', page), false);
});

test('the built preload exposes exactly the contract as window.desk, each call over the one IPC channel', async () => {
  const preload = join(__dirname, '..', '..', 'dist', 'electron', 'preload.js');
  assert.ok(existsSync(preload), 'run "npm run build" first');
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: null };
      },
    },
  };
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(preload, 'utf8'), { require: sandboxRequire, module, exports: module.exports, console });
  assert.deepEqual(Object.keys(exposed), ['desk']);
  const desk = exposed.desk as Record<string, (input: unknown) => Promise<unknown>>;
  assert.deepEqual(Object.keys(desk).sort(), [...CALL_NAMES].sort());
  assert.ok(Object.isFrozen(desk));
  await desk['auth.login']!({ employeeId: 'E1', password: 'p' });
  assert.deepEqual(invoked, [[IPC_CHANNEL, 'auth.login', { employeeId: 'E1', password: 'p' }]]);
});

test('the installer carries only what the main process loads at run time', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), [...RUNTIME_MODULES].sort());
});

test('safeStorage that cannot encrypt, or a Linux keyring that is only a fixed password, is not used: the desk keeps its key file', () => {
  for (const platform of ['win32', 'darwin', 'linux'] as const)
    assert.equal(safeStorageKeyProtector(fakeSafeStorage({ available: false }), platform), null, platform);
  assert.equal(safeStorageKeyProtector(fakeSafeStorage({ backend: 'basic_text' }), 'linux'), null);
  assert.equal(safeStorageKeyProtector(fakeSafeStorage({ backend: 'unknown' }), 'linux'), null);
});

test('safeStorage names where the key is kept on each platform', () => {
  const described = (platform: NodeJS.Platform, backend?: 'gnome_libsecret' | 'kwallet6') => {
    // The storage backend is a Linux notion: elsewhere it is never asked for.
    const protector = safeStorageKeyProtector(
      fakeSafeStorage(backend ? { backend } : { backendThrows: true }),
      platform,
    );
    assert.equal(protector?.protection, 'os-keystore');
    return protector.description;
  };
  assert.equal(described('win32'), 'Windows DPAPI via Electron safeStorage');
  assert.equal(described('darwin'), 'macOS Keychain via Electron safeStorage');
  assert.equal(described('linux', 'gnome_libsecret'), 'login keyring (gnome_libsecret) via Electron safeStorage');
  assert.equal(described('linux', 'kwallet6'), 'login keyring (kwallet6) via Electron safeStorage');
});

test('safeStorage wraps the 32-byte data key so that only it can unwrap it', () => {
  const safeStorage = fakeSafeStorage({ backend: 'gnome_libsecret' });
  const protector = safeStorageKeyProtector(safeStorage, 'linux')!;
  const key = randomBytes(32);
  const wrapped = protector.wrap(key);
  assert.ok(safeStorage.calls.includes('encryptString'));
  assert.ok(
    !wrapped.includes(key) && !wrapped.includes(Buffer.from(key.toString('base64'))),
    'the wrapped key does not hold the key in the clear',
  );
  const unwrapped = protector.unwrap(wrapped);
  assert.ok(safeStorage.calls.includes('decryptString'));
  assert.ok(Buffer.isBuffer(unwrapped));
  assert.deepEqual(unwrapped, key);
  assert.throws(() => protector.unwrap(Buffer.from(key)), /decrypting/);
});
