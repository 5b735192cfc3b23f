// The data key through desk start-up: created once, kept by the best protector the host offers,
// moved up to the OS key store when one appears, and never silently replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk } from '../../electron/main/desk';
import { adjustableClock } from '../../electron/main/clock';
import { parsePolicy } from '../../electron/main/policy/policy';
import { DataKeyError, KEY_FILE } from '../../electron/main/vault/data-key';
import { fileKeyProtector } from '../../native/key-protection/file-key-protector';
import type { KeyProtector } from '../../native/key-protection/key-protector';

/** Stands in for Electron's safeStorage (not runnable without the Electron binary): a keyed XOR
 * that only "this account" (the same secret) can undo. */
function fakeOsKeyStore(secret = 7): KeyProtector {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ secret));
  return {
    protection: 'os-keystore',
    description: 'test key store',
    wrap: (k) => Buffer.concat([Buffer.from('OS'), flip(k)]),
    unwrap: (w) => {
      if (w.subarray(0, 2).toString() !== 'OS') throw new Error('not ours');
      return flip(w.subarray(2));
    },
  };
}

function start(dataDir: string, keyProtectors: KeyProtector[]) {
  return createDesk({
    dataDir,
    keyProtectors,
    clock: adjustableClock(),
    version: 't',
    background: false,
    loadedPolicy: parsePolicy({ origin: 'x', kind: 'none' }),
  });
}
const keyFile = (dir: string) =>
  JSON.parse(readFileSync(join(dir, KEY_FILE), 'utf8')) as { protection: string; wrapped: string };
const actions = (desk: ReturnType<typeof start>) => desk.services.audit.list(100).map((a) => a.action);

test('first start makes a 256-bit key in a file only this account can read, and audits it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-'));
  const desk = start(dir, [fileKeyProtector]);
  assert.equal(keyFile(dir).protection, 'file');
  assert.equal(Buffer.from(keyFile(dir).wrapped, 'base64').length, 32);
  if (process.platform !== 'win32') assert.equal(statSync(join(dir, KEY_FILE)).mode & 0o077, 0);
  assert.ok(actions(desk).includes('vault.key_created'));
  const sealed = desk.services.vault.seal('t', Buffer.from('secret'));
  desk.close();
  const again = start(dir, [fileKeyProtector]);
  assert.equal(
    again.services.vault.open('t', sealed).toString(),
    'secret',
    'the same key opens what was sealed before',
  );
  assert.equal(
    actions(again).filter((a) => a === 'vault.key_created').length,
    1,
    'a second start opens the key, it does not make one',
  );
  again.close();
});

test('a file key moves to the OS key store when the desktop app can use one; then the file alone cannot open it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-'));
  const first = start(dir, [fileKeyProtector]);
  const sealed = first.services.vault.seal('t', Buffer.from('tax'));
  first.close();

  const desktop = start(dir, [fakeOsKeyStore(), fileKeyProtector]);
  assert.equal(keyFile(dir).protection, 'os-keystore');
  assert.equal(desktop.services.vault.open('t', sealed).toString(), 'tax');
  assert.ok(actions(desktop).includes('vault.key_moved_to_os_keystore'));
  desktop.close();

  assert.throws(
    () => start(dir, [fileKeyProtector]),
    (e: unknown) => e instanceof DataKeyError && /桌面應用程式/.test(e.banner()),
  );
  assert.throws(
    () => start(dir, [fakeOsKeyStore(9), fileKeyProtector]),
    (e: unknown) => e instanceof DataKeyError && /could not unwrap/.test(e.message),
  );
  assert.equal(keyFile(dir).protection, 'os-keystore', 'a failed start never rewrites the key');
});

test('a damaged key file stops the desk with a message instead of making a new key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-'));
  start(dir, [fileKeyProtector]).close();
  writeFileSync(join(dir, KEY_FILE), '{ not json');
  assert.throws(
    () => start(dir, [fileKeyProtector]),
    (e: unknown) => e instanceof DataKeyError && /damaged|損毀/.test(e.banner()),
  );
  assert.equal(readFileSync(join(dir, KEY_FILE), 'utf8'), '{ not json');
});
