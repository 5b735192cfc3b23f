// The Electron host's security settings and preload, checked without an Electron binary: the
// options are plain data, and the built preload runs here against a recording stand-in for
// Electron's contextBridge and ipcRenderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { CALL_NAMES } from '../../common/contract';
import { RUNTIME_MODULES } from '../../build/runtime-modules';
import { IPC_CHANNEL, isAllowedNavigation, secureWindowOptions } from '../../electron/host-electron/window-options';

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
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { exposed[key] = api; } },
    ipcRenderer: { invoke: async (...args: unknown[]) => { invoked.push(args); return { ok: true, value: null }; } },
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
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), [...RUNTIME_MODULES].sort());
});
