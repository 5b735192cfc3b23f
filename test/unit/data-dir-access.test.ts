// The data directory is this account's alone: a desk finding it (or its store, WAL, keys, forms)
// readable by others closes it at start, records it, and shows it to IT; doctor says what it closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, deskFixture } from '../support/desk-fixture';
import { runCliOn } from '../support/cli';
import { parseIcacls } from '../../native/data-dir-access';

const mode = (path: string) => statSync(path).mode & 0o777;

function everything(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? [path, ...everything(path)] : [path];
  });
}

test('a data directory left open to others is closed at start: 0700 directories, 0600 files, WAL and SHM included; recorded and shown to IT', async () => {
  const f = deskFixture();
  try {
    await f.ok('setup.createAdmin', ADMIN);
    // A fresh store is closed from the first byte: SQLite gives -wal and -shm the database file's mode.
    for (const name of ['desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm'])
      assert.equal(mode(join(f.dataDir, name)), 0o600, name);
    f.desk.close();
    // Someone (an installer, a copy, a restore) leaves it all readable.
    chmodSync(f.dataDir, 0o755);
    mkdirSync(join(f.dataDir, 'forms', '7'), { recursive: true });
    writeFileSync(join(f.dataDir, 'forms', '7', 'left.sealed'), 'x');
    // A WAL left behind by a desk that did not close cleanly (empty: no frames to replay).
    writeFileSync(join(f.dataDir, 'desk.sqlite-wal'), '');
    for (const path of everything(f.dataDir)) chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
    f.reopen();
    assert.equal(mode(f.dataDir), 0o700);
    // The forms folder is closed, not walked (one folder per live case): nothing inside it is
    // reachable by another account once it is 0700, and its files are sealed anyway.
    const formsDir = join(f.dataDir, 'forms');
    assert.equal(mode(formsDir), 0o700);
    for (const path of everything(f.dataDir).filter((p) => !p.startsWith(formsDir + '/')))
      assert.equal(mode(path), statSync(path).isDirectory() ? 0o700 : 0o600, path);
    const entry = f.desk.services.audit.list(20).find((a) => a.action === 'datadir.permissions_tightened');
    assert.ok(entry, 'recorded');
    const paths = JSON.parse(entry.detail!).paths as string[];
    for (const p of ['.', 'desk.sqlite', 'desk.sqlite-wal', 'keys', 'keys/data-key.json', 'keys/audit-anchor.json'])
      assert.ok(paths.includes(p), p);
    await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
    assert.ok((await f.ok('desk.health', {})).workload.permissionsTightened?.paths.includes('desk.sqlite'));

    // doctor tightens too, and says what.
    f.desk.close();
    chmodSync(join(f.dataDir, 'desk.sqlite'), 0o644);
    const doctor = runCliOn(f.dataDir, ['doctor'], '{}');
    assert.match(doctor.stdout, /data dir +was readable by others: tightened to 0700\/0600: desk\.sqlite/);
    assert.equal(mode(join(f.dataDir, 'desk.sqlite')), 0o600);
    f.reopen();
  } finally {
    f.dispose();
  }
});

test('Windows: the ACL check reads icacls output and names anyone but the user (and the system)', () => {
  const dir = 'C:\\Users\\wang\\AppData\\Roaming\\BranchDesk';
  const closed = `${dir} BANK\\wang:(OI)(CI)(F)\n                                          NT AUTHORITY\\SYSTEM:(OI)(CI)(F)\n\nSuccessfully processed 1 files; Failed processing 0 files\n`;
  assert.deepEqual(parseIcacls(closed, 'BANK\\wang', dir), { ok: true, others: [] });
  const open = `${dir} BUILTIN\\Users:(I)(OI)(CI)(RX)\n          BANK\\wang:(I)(OI)(CI)(F)\n          Everyone:(I)(RX)\nSuccessfully processed 1 files; Failed processing 0 files\n`;
  assert.deepEqual(parseIcacls(open, 'BANK\\wang', dir), { ok: false, others: ['BUILTIN\\Users', 'Everyone'] });
  const notMine = `${dir} BANK\\lee:(OI)(CI)(F)\n`;
  assert.equal(parseIcacls(notMine, 'BANK\\wang', dir).ok, false);
});
