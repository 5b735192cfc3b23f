// The purge's checkpoints: the log is copied into the database file by a worker with its own
// connection (the desk keeps writing meanwhile), then emptied; without the worker, all of it here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, DB_FILE } from '../../electron/main/store/database';
import { WalCheckpointer } from '../../electron/main/store/wal-checkpointer';

const MARK = 'checkpointed-secret-';

function storeWithLog() {
  const dir = mkdtempSync(join(tmpdir(), 'wal-'));
  const db = openDatabase(dir);
  db.pragma('wal_autocheckpoint = 0'); // only the checkpointer moves the log here
  db.exec('CREATE TABLE t (v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`${MARK}${i}`.padEnd(200, 'x'));
  })();
  const wal = join(dir, `${DB_FILE}-wal`);
  assert.ok(statSync(wal).size > 100_000, 'the rows are in the log before the checkpoint');
  return { dir, db, wal, insert };
}

test('a flush copies the log into the database file in a worker, then empties it; writes go on meanwhile', async () => {
  const { dir, db, wal, insert } = storeWithLog();
  const checkpointer = new WalCheckpointer(db);
  try {
    const flushing = checkpointer.flush();
    insert.run('written during the checkpoint'); // the worker's checkpoint takes no writer's lock
    await flushing;
    assert.equal(statSync(wal).size, 0);
    assert.ok(readFileSync(join(dir, DB_FILE)).includes(`${MARK}1999`), 'the rows are in the database file');
    const count = db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number };
    assert.equal(count.n, 2001);
  } finally {
    checkpointer.close();
    db.close();
  }
});

test('without its worker (closed or failed), a flush still empties the log, on this thread', async () => {
  const { dir, db, wal } = storeWithLog();
  const checkpointer = new WalCheckpointer(db);
  checkpointer.close();
  await checkpointer.flush();
  assert.equal(statSync(wal).size, 0);
  assert.ok(readFileSync(join(dir, DB_FILE)).includes(`${MARK}1999`));
  db.close();
});
