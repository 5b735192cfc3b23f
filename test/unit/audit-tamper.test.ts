// The audit trail against someone with the database file: every way of cutting, wiping, forging or
// rewriting it that the integrity issue tried is found by `audit verify`, through the contract and
// the command line; the desk and a tool appending at once never fork the chain; time going back is
// recorded by the desk itself and anything else dated back is reported.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, OFFICER, deskFixture, type DeskFixture } from '../support/desk-fixture';
import { rowHash, rowMac } from '../../electron/main/audit/audit-chain';
import { ANCHOR_FILE } from '../../electron/main/audit/audit-anchor';
import { ROOT as root, runCliOn } from '../support/cli';

const fixtures: DeskFixture[] = [];
after(() => fixtures.forEach((f) => f.dispose()));
let tried = 0;
let detected = 0;
after(() => console.log(`[figures] audit tamperings detected: ${detected} of ${tried} tried`));

async function trail() {
  const f = deskFixture({ branchCode: '0123' });
  fixtures.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.ok('staff.create', OFFICER);
  // A trail of a few dozen entries: each lock and unlock is one.
  for (let i = 0; i < 10; i++) {
    await f.ok('auth.lock', {});
    await f.ok('auth.unlock', { password: ADMIN.password });
  }
  return f;
}

const raw = (f: DeskFixture) => {
  const { db } = f.desk.services;
  db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete');
  return db;
};

const cli = (f: DeskFixture, args: string[]) => runCliOn(f.dataDir, args);

/** Each tampering is checked by the desk's own check (after a restart) and by the command line. */
async function expectFound(f: DeskFixture, kind: string, label: string) {
  tried++;
  f.reopen();
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const verdict = await f.ok('audit.verify', { full: true });
  assert.equal(verdict.intact, false, `${label}: not found`);
  assert.ok(
    verdict.problems.some((p) => p.kind === kind),
    `${label}: ${JSON.stringify(verdict.problems)}`,
  );
  f.desk.close();
  const line = cli(f, ['audit', 'verify', '--full']);
  assert.equal(line.code, 1, `${label} (command line): ${line.out}`);
  assert.match(line.out, new RegExp(`ALTERED[^]*${kind}`));
  f.reopen();
  detected++;
}

test('cutting the newest entries is found, and stays found after more entries are added', async () => {
  const f = await trail();
  const db = raw(f);
  db.prepare('DELETE FROM audit WHERE id > (SELECT MAX(id) - 3 FROM audit)').run();
  await expectFound(f, 'truncated', 'cut the last three');
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  for (let i = 0; i < 3; i++) {
    await f.ok('auth.lock', {});
    await f.ok('auth.unlock', { password: ADMIN.password });
  }
  const later = await f.ok('audit.verify', { full: true });
  assert.ok(
    !later.intact && later.problems.some((p) => p.kind === 'truncated' && p.foundAt),
    'a cut once found is never papered over',
  );
  assert.ok(f.desk.services.audit.list(50).some((a) => a.action === 'audit.anchor_mismatch'));
});

test('wiping the whole trail is found', async () => {
  const f = await trail();
  raw(f).prepare('DELETE FROM audit').run();
  await expectFound(f, 'wiped', 'delete every entry');
});

test('deleting an entry and rewriting the chain after it without MACs is found', async () => {
  const f = await trail();
  const db = raw(f);
  const victim = (db.prepare('SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET 3').get() as { id: number }).id;
  db.prepare('DELETE FROM audit WHERE id = ?').run(victim);
  let prev = '0'.repeat(64);
  for (const r of db.prepare('SELECT * FROM audit ORDER BY id').all() as Parameters<typeof rowHash>[1][] &
    { id: number; mac: string | null }[]) {
    const row = r as unknown as Parameters<typeof rowHash>[1] & { id: number };
    const hash = rowHash(prev, row);
    if (row.id > victim)
      db.prepare('UPDATE audit SET prev_hash = ?, hash = ?, mac = NULL WHERE id = ?').run(prev, hash, row.id);
    prev = hash;
  }
  await expectFound(f, 'unsigned-after-signed', 'delete and rewrite');
});

test('an entry appended without a MAC, or with one not made by the desk, is found', async () => {
  for (const mac of [null, 'ab'.repeat(32)]) {
    const f = await trail();
    const db = raw(f);
    const last = db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string };
    const forged = {
      at: new Date().toISOString(),
      actor_id: null,
      actor_employee_id: 'S2001',
      action: 'case.transition',
      target: null,
      case_id: 1,
      detail: '{"to":"approved"}',
    };
    const hash = rowHash(last.hash, forged);
    db.prepare(
      'INSERT INTO audit (at, actor_id, actor_employee_id, action, target, case_id, detail, prev_hash, hash, mac) VALUES (@at, @actor_id, @actor_employee_id, @action, @target, @case_id, @detail, @prev, @hash, @mac)',
    ).run({ ...forged, prev: last.hash, hash, mac });
    await expectFound(f, mac ? 'mac-mismatch' : 'unsigned-after-signed', mac ? 'forged MAC' : 'forged unsigned entry');
  }
});

test('the anchor deleted or edited is found', async () => {
  const f = await trail();
  f.desk.close();
  rmSync(join(f.dataDir, ANCHOR_FILE));
  await expectFound(f, 'anchor-missing', 'anchor deleted');
  const g = await trail();
  g.desk.close();
  const file = JSON.parse(readFileSync(join(g.dataDir, ANCHOR_FILE), 'utf8'));
  file.anchor.lastId -= 2;
  file.anchor.rows -= 2;
  writeFileSync(join(g.dataDir, ANCHOR_FILE), JSON.stringify(file));
  await expectFound(g, 'anchor-altered', 'anchor rolled back by hand');
});

test('an entry dated before the one before it, not explained by the desk, is found even when signed with the key', async () => {
  const f = await trail();
  // An insider with the data key itself writes a back-dated entry the desk never made.
  const key = f.desk.services.vault.derivedKey('audit mac v1')!;
  const db = raw(f);
  const last = db.prepare('SELECT hash, at FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string; at: string };
  const backdated = {
    at: new Date(Date.parse(last.at) - 86_400_000).toISOString(),
    actor_id: null,
    actor_employee_id: 'E1001',
    action: 'results.viewed',
    target: null,
    case_id: 1,
    detail: null,
  };
  const hash = rowHash(last.hash, backdated);
  db.prepare(
    'INSERT INTO audit (at, actor_id, actor_employee_id, action, target, case_id, detail, prev_hash, hash, mac) VALUES (@at, @actor_id, @actor_employee_id, @action, @target, @case_id, @detail, @prev, @hash, @mac)',
  ).run({ ...backdated, prev: last.hash, hash, mac: rowMac(key, hash) });
  f.desk.services.audit.flushAnchor();
  await expectFound(f, 'clock-back', 'back-dated entry');
});

test('the desk and a command-line tool appending at once never fork the chain', async () => {
  const f = await trail();
  const policy = join(f.dataDir, 'policy.json');
  writeFileSync(policy, '{"branchCode":"0123"}');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/append-audit.ts'), '400'], {
    cwd: root,
    env: { ...process.env, BRANCH_DESK_DATA_DIR: f.dataDir, BRANCH_DESK_POLICY: policy },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Meanwhile the desk appends as fast as it can, yielding so the other process gets its turns.
  let mine = 0;
  while (child.exitCode === null) {
    f.desk.services.audit.record({ actor: null, action: 'test.this_process', detail: { i: mine++ } });
    if (mine % 20 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  assert.equal(await exited, 0, output);
  assert.match(output, /done 400/);
  const counts = f.desk.services.db
    .prepare("SELECT action, COUNT(*) AS n FROM audit WHERE action LIKE 'test.%' GROUP BY action")
    .all() as { action: string; n: number }[];
  assert.deepEqual(Object.fromEntries(counts.map((c) => [c.action, c.n])), {
    'test.other_process': 400,
    'test.this_process': mine,
  });
  const verdict = await f.desk.services.audit.verify({ full: true });
  assert.deepEqual([verdict.intact, verdict.problems], [true, []]);
});
