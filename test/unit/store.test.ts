import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectDatabase, openDatabase } from '../../electron/main/store/database';
import { SCHEMA_VERSION } from '../../electron/main/store/migrations';
import { AuditLog } from '../../electron/main/audit/audit-log';
import { AuditAnchor } from '../../electron/main/audit/audit-anchor';
import { adjustableClock } from '../../electron/main/clock';

const tempDir = () => mkdtempSync(join(tmpdir(), 'store-'));

test('a new store is migrated to the current schema, in WAL mode with foreign keys on', () => {
  const dir = tempDir();
  assert.equal(inspectDatabase(dir).exists, false);
  const db = openDatabase(dir);
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  db.close();
  assert.deepEqual(inspectDatabase(dir), {
    exists: true,
    schemaVersion: SCHEMA_VERSION,
    expectedVersion: SCHEMA_VERSION,
    journalMode: 'wal',
  });
  openDatabase(dir).close(); // reopening runs no migration twice
});

test('a store from a newer desk is refused rather than damaged', () => {
  const dir = tempDir();
  const db = openDatabase(dir);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(() => openDatabase(dir), /newer Branch Desk/);
});

test('the audit table refuses updates and deletes, and its hash chain exposes tampering', async () => {
  const dir = tempDir();
  const db = openDatabase(dir);
  const audit = new AuditLog(db, adjustableClock(), {
    mac: Buffer.alloc(32, 7),
    anchor: new AuditAnchor(dir, Buffer.alloc(32, 8)),
  });
  audit.checkAnchor();
  audit.record({ actor: null, action: 'a.one' });
  audit.record({ actor: null, action: 'a.two', detail: { n: 2 } });
  audit.record({ actor: null, action: 'a.three' });
  const intact = await audit.verify();
  assert.deepEqual([intact.intact, intact.rows, intact.firstBrokenId, intact.macChecked], [true, 3, null, true]);
  assert.throws(() => db.prepare("UPDATE audit SET action = 'x'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit').run(), /append-only/);
  // Someone with raw file access drops the trigger and edits a row: the chain says where.
  db.exec('DROP TRIGGER audit_no_update');
  db.prepare("UPDATE audit SET detail = '{\"n\":3}' WHERE action = 'a.two'").run();
  const second = (db.prepare("SELECT id FROM audit WHERE action = 'a.two'").get() as { id: number }).id;
  const altered = await audit.verify({ full: true }); // the edited entry is before the checkpoint the first check left
  assert.deepEqual([altered.intact, altered.firstBrokenId, altered.problems[0]?.kind], [false, second, 'chain-broken']);
});
