// The audit trail as an auditor uses it, through the contract and the command line: narrowed by
// case, person, kind of action and Taiwan calendar day; verified end to end; exported as CSV.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ADMIN, OFFICER, deskFixture, errorCode, type DeskFixture } from '../support/desk-fixture';
import { formPage } from '../support/forms';
import { runCliOn } from '../support/cli';

const fixtures: DeskFixture[] = [];
after(() => fixtures.forEach((f) => f.dispose()));

async function deskWithTwoCases() {
  // 10:00 on 20 November in Taipei.
  const f = deskFixture({ branchCode: '0123' }, new Date('2026-11-20T02:00:00Z'));
  fixtures.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.logout', {});
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const newCase = async (idNumber: string) => {
    const c = await f.ok('cases.create', {
      subject: { idNumber, name: '陳大文' },
      enterprise: null,
      role: 'borrower',
      purpose: 'credit',
      products: ['T50'],
    });
    const withPage = await f.ok('cases.addPages', {
      caseId: c.id,
      fileName: 'p.png',
      dataBase64: (await formPage('p')).toString('base64'),
    });
    await f.ok('cases.page', { caseId: c.id, pageId: withPage.pages[0]!.id });
    return c.id;
  };
  const first = await newCase('A123456789');
  f.advanceMinutes(2 * 24 * 60); // 22 November; two idle days locked the desk
  await f.ok('auth.unlock', { password: OFFICER.password });
  const second = await newCase('F128765439');
  await f.ok('auth.logout', {});
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  return { f, first, second };
}

test('the trail narrows by case, by person (any case of letters), by kind of action and by Taiwan day', async () => {
  const { f, first, second } = await deskWithTwoCases();
  const byCase = (await f.ok('audit.list', { limit: 500, caseId: second })).items;
  assert.ok(byCase.length >= 3);
  assert.ok(byCase.every((e) => e.caseId === second));
  assert.deepEqual([...new Set(byCase.map((e) => e.action))].sort(), ['case.created', 'form.imported', 'form.viewed']);

  const officer = (await f.ok('audit.list', { limit: 500, employeeId: 'e1001' })).items;
  assert.ok(officer.length >= 7 && officer.every((e) => e.actorEmployeeId === OFFICER.employeeId));

  const forms = (await f.ok('audit.list', { limit: 500, action: 'form.' })).items;
  assert.deepEqual(
    forms.map((e) => `${e.action}#${e.caseId}`),
    [`form.viewed#${second}`, `form.imported#${second}`, `form.viewed#${first}`, `form.imported#${first}`],
  );

  const day20 = (await f.ok('audit.list', { limit: 500, fromDay: '2026-11-20', toDay: '2026-11-20' })).items;
  assert.ok(day20.some((e) => e.caseId === first) && !day20.some((e) => e.caseId === second));
  const from21 = (await f.ok('audit.list', { limit: 500, fromDay: '2026-11-21' })).items;
  assert.ok(from21.some((e) => e.caseId === second) && !from21.some((e) => e.caseId === first));

  assert.equal(errorCode(await f.call('audit.list', { limit: 500, action: 'form.%' })), 'VALIDATION');
  assert.equal(errorCode(await f.call('audit.list', { limit: 500, fromDay: '20/11/2026' })), 'VALIDATION');
  await f.ok('auth.logout', {});
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.equal(errorCode(await f.call('audit.list', { limit: 10 })), 'FORBIDDEN');
  assert.equal(errorCode(await f.call('audit.verify', {})), 'FORBIDDEN');
});

test('verification walks the whole chain, names the first altered entry, and is itself on the record', async () => {
  const { f } = await deskWithTwoCases();
  const intact = await f.ok('audit.verify', {});
  assert.equal(intact.intact, true);
  assert.ok(intact.rows > 10);
  assert.equal((await f.ok('audit.list', { limit: 1 })).items[0]!.action, 'audit.verified');

  const db = f.desk.services.db;
  db.exec('DROP TRIGGER audit_no_update');
  const victim = db.prepare("SELECT id FROM audit WHERE action = 'form.viewed' ORDER BY id LIMIT 1").get() as {
    id: number;
  };
  db.prepare("UPDATE audit SET actor_employee_id = 'S9999' WHERE id = ?").run(victim.id);
  // The edited entry is before the checkpoint the first check left: the quick check starts after
  // it and cannot see it; the full walk does.
  assert.equal((await f.ok('audit.verify', {})).startedAfter !== null, true);
  const broken = await f.ok('audit.verify', { full: true });
  assert.deepEqual(
    [broken.intact, broken.firstBrokenId, broken.rows, broken.problems[0]?.kind],
    [false, victim.id, victim.id - 1, 'chain-broken'],
  );
});

/** What someone with the database file and no key can do: edit a row and recompute every plain hash after it. */
function rewriteFrom(db: DeskFixture['desk']['services']['db'], victimId: number, macs: 'keep' | 'clear') {
  db.exec('DROP TRIGGER IF EXISTS audit_no_update');
  db.prepare("UPDATE audit SET actor_employee_id = 'S9999' WHERE id = ?").run(victimId);
  const rows = db.prepare('SELECT * FROM audit ORDER BY id').all() as {
    id: number;
    at: string;
    actor_id: number | null;
    actor_employee_id: string | null;
    action: string;
    target: string | null;
    case_id: number | null;
    detail: string | null;
    hash: string;
  }[];
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const hash = createHash('sha256')
      .update(JSON.stringify([prev, r.at, r.actor_id, r.actor_employee_id, r.action, r.target, r.case_id, r.detail]))
      .digest('hex');
    if (r.id >= victimId)
      db.prepare(`UPDATE audit SET prev_hash = ?, hash = ?${macs === 'clear' ? ', mac = NULL' : ''} WHERE id = ?`).run(
        prev,
        hash,
        r.id,
      );
    prev = hash;
  }
}

test('a trail rewritten with freshly computed hashes fails on the MAC it could not make; cleared MACs are listed', async () => {
  const { f } = await deskWithTwoCases();
  const db = f.desk.services.db;
  const victim = (
    db.prepare("SELECT id FROM audit WHERE action = 'form.viewed' ORDER BY id LIMIT 1").get() as { id: number }
  ).id;
  const total = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;

  assert.ok(total > victim);

  rewriteFrom(db, victim, 'keep');
  const forged = await f.ok('audit.verify', { full: true });
  assert.deepEqual(
    [forged.intact, forged.firstBrokenId, forged.problems[0]?.kind],
    [false, victim, 'mac-mismatch'],
    'the plain chain matches again, the MAC does not',
  );

  // Clearing the MACs it could not make does not help: an unsigned entry after signed ones is a break.
  rewriteFrom(db, victim, 'clear');
  const cleared = await f.ok('audit.verify', { full: true });
  assert.deepEqual(
    [cleared.intact, cleared.firstBrokenId, cleared.problems[0]?.kind],
    [false, victim, 'unsigned-after-signed'],
  );
});

test('desk audit verify and desk audit export on the command line', async () => {
  const { f, second } = await deskWithTwoCases();
  f.desk.close();
  const cli = (args: string[]) => {
    const r = runCliOn(f.dataDir, ['audit', ...args]);
    return { code: r.code, out: r.stdout, err: r.stderr };
  };
  const verified = cli(['verify']);
  assert.equal(verified.code, 0, verified.out + verified.err);
  // With a key file (as here) the command line checks the MACs and the anchor too.
  assert.match(verified.out, /^intact: \d+ audit entries: chain, MACs and anchor match/);

  const exported = cli(['export', '--case', String(second), '--action', 'form.']);
  assert.equal(exported.code, 0, exported.err);
  const lines = exported.out.trim().split('\n');
  assert.equal(lines[0], '"id","at","actor_employee_id","action","case_id","target","detail","hash"');
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')[3]),
    ['"form.imported"', '"form.viewed"'],
    'oldest first',
  );

  const bad = cli(['export', '--from', 'yesterday']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--from: enter a full date \(YYYY-MM-DD\)/);
  const backwards = cli(['export', '--from', '2026-11-30', '--to', '2026-11-01']);
  assert.equal(backwards.code, 2);
  assert.match(backwards.err, /--to: the first day must not be after the last/);

  f.reopen();
  const actions = f.desk.services.audit.list(5).map((a) => a.action);
  assert.ok(actions.includes('audit.exported') && actions.includes('audit.verified'));
  // The tools signed their own entries (they could open the key file): the trail is whole.
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const verdict = await f.ok('audit.verify', { full: true });
  assert.deepEqual([verdict.intact, verdict.unsignedCount], [true, 0]);
});
