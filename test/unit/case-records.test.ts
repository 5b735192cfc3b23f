// What a case keeps and who sees it, through the contract on a real desk: sealed at rest (and
// legacy rows sealed), Taiwan calendar days, search, polling that is not activity, the access log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, OFFICER, SUPERVISOR, approveCase, deskFixture, errorCode, newDraft } from '../support/desk-fixture';
import { deskWithStaff, keep, preparedCase, settle } from '../support/case-flow-kit';
import { formPage } from '../support/forms';
test('tax data and signed forms are sealed at rest: not in the database or the form files in the clear, and a row moved elsewhere does not open', async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f, { idNumber: 'J120000005', name: '周守密' }, ['T50', 'T51']);
  await approveCase(f, caseId);
  assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
  const results = await f.ok('cases.results', { caseId });
  const payer = results.products.T50!.records[0]!.payerName;
  assert.ok(payer.length >= 2);
  f.desk.services.db.pragma('wal_checkpoint(TRUNCATE)');
  const rawDb = ['desk.sqlite', 'desk.sqlite-wal']
    .map((n) => join(f.dataDir, n))
    .filter(existsSync)
    .map((p) => readFileSync(p));
  assert.ok(rawDb.length >= 1);
  for (const bytes of rawDb) {
    assert.ok(!bytes.includes(Buffer.from(payer, 'utf8')), 'a payer name from T50 is readable in the database file');
    assert.ok(!bytes.includes(Buffer.from('"formatCode"', 'utf8')), 'result JSON is readable in the database file');
  }
  const page = f.desk.services.cases.pages(caseId)[0]!;
  const onDisk = readFileSync(join(f.dataDir, 'forms', String(caseId), page.stored_as));
  assert.ok(!onDisk.includes(Buffer.from('%PDF-')), 'the form (its compact PDF) is stored in the clear');
  assert.equal(
    Buffer.from((await f.ok('cases.page', { caseId, pageId: page.id })).dataBase64, 'base64').toString('latin1', 0, 5),
    '%PDF-',
  );

  // Purging really removes the bytes from the database file (secure_delete), not just the row.
  const sealedT51 = (
    f.desk.services.db.prepare("SELECT data FROM case_results WHERE case_id = ? AND product = 'T51'").get(caseId) as {
      data: Buffer;
    }
  ).data;
  // Before the purge the ciphertext is in the database file (after a checkpoint): the check below can fail.
  f.desk.services.db.pragma('wal_checkpoint(TRUNCATE)');
  assert.ok(
    readFileSync(join(f.dataDir, 'desk.sqlite')).includes(sealedT51.subarray(20, 60)),
    'the sealed row is in the database file before the purge',
  );

  // The sealed T51 row copied over T50: it is T51's ciphertext, bound to T51, so it does not open.
  f.desk.services.db
    .prepare(
      "UPDATE case_results SET data = (SELECT data FROM case_results WHERE case_id = ? AND product = 'T51') WHERE case_id = ? AND product = 'T50'",
    )
    .run(caseId, caseId);
  const moved = await f.call('cases.results', { caseId });
  assert.equal(errorCode(moved), 'DATA_UNREADABLE');
  assert.match(!moved.ok ? moved.error.message['zh-TW'] : '', /無法解密/);

  f.advanceMinutes(3 * 24 * 60 + 1);
  await f.desk.services.retention.sweep();
  f.desk.services.db.pragma('wal_checkpoint(TRUNCATE)');
  assert.ok(
    !readFileSync(join(f.dataDir, 'desk.sqlite')).includes(sealedT51.subarray(20, 60)),
    'purged ciphertext is still in the database file',
  );
});

test('data an earlier version kept in the clear is sealed at the next start and still reads the same', async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f, { idNumber: 'K120000006', name: '吳舊版' }, ['T50']);
  await approveCase(f, caseId);
  assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
  const before = await f.ok('cases.results', { caseId });
  const page = f.desk.services.cases.pages(caseId)[0]!;
  const pageBefore = (await f.ok('cases.page', { caseId, pageId: page.id })).dataBase64;
  // What version 0.1 wrote: plain JSON text and the page file as imported; and it never recorded
  // that its store was swept.
  f.desk.services.db.prepare("DELETE FROM meta WHERE key = 'legacy_sealed_through_schema'").run();
  f.desk.services.db
    .prepare("UPDATE case_results SET data = ? WHERE case_id = ? AND product = 'T50'")
    .run(JSON.stringify(before.products.T50), caseId);
  writeFileSync(join(f.dataDir, 'forms', String(caseId), page.stored_as), Buffer.from(pageBefore, 'base64'));
  f.reopen();
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.deepEqual((await f.ok('cases.results', { caseId })).products, before.products);
  assert.equal((await f.ok('cases.page', { caseId, pageId: page.id })).dataBase64, pageBefore);
  assert.equal(
    (
      f.desk.services.db.prepare('SELECT typeof(data) AS t FROM case_results WHERE case_id = ?').get(caseId) as {
        t: string;
      }
    ).t,
    'blob',
  );
  assert.ok(
    !readFileSync(join(f.dataDir, 'forms', String(caseId), page.stored_as)).equals(Buffer.from(pageBefore, 'base64')),
  );
  assert.ok(f.desk.services.audit.list(500).some((a) => a.action === 'vault.legacy_sealed'));
});

test('dates are Taiwan calendar days whatever the machine clock zone: at 01:00 in Taipei (17:00 UTC the day before) today is already the new day', async () => {
  const f = deskFixture({ branchCode: '0123' }, new Date('2026-11-30T17:00:00Z'));
  keep(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const c = await newDraft(f, ['T50']);
  await f.ok('cases.addPages', {
    caseId: c.id,
    fileName: 'p.png',
    dataBase64: (await formPage('p')).toString('base64'),
  });
  const lapsed = await f.call('cases.captureAuthorization', {
    caseId: c.id,
    signedOn: '2026-11-01',
    validUntil: '2026-11-30',
  });
  assert.equal(
    errorCode(lapsed),
    'AUTH_DATES_INVALID',
    'valid until 30 November has ended at 01:00 on 1 December in Taipei',
  );
  const signedToday = await f.call('cases.captureAuthorization', {
    caseId: c.id,
    signedOn: '2026-12-01',
    validUntil: '2026-12-31',
  });
  assert.ok(signedToday.ok, 'a form signed on 1 December (Taipei) is not dated in the future');
});

test('the case list searches by case number, whole ID or business number, or part of a name; never by a fragment of a number or beyond what the user may see', async () => {
  const f = await deskWithStaff();
  const mk = (idNumber: string, name: string) =>
    f.ok('cases.create', {
      subject: { idNumber, name },
      enterprise: null,
      role: 'borrower',
      purpose: 'credit',
      products: ['T50'],
    });
  const a = await mk('A123456789', '陳大文');
  const b = await mk('F128765439', '張志強');
  const ids = async (search: string) => (await f.ok('cases.list', { scope: 'mine', search })).items.map((c) => c.id);
  assert.deepEqual(await ids('a123456789'), [a.id], 'a whole ID, any case of letters');
  assert.deepEqual(await ids('A12345'), [], 'a fragment of an ID finds nothing');
  assert.deepEqual(await ids('張'), [b.id], 'a surname');
  assert.deepEqual(await ids('張志'), [b.id], 'the start of a name');
  assert.deepEqual(await ids('張志強'), [b.id], 'a whole name');
  assert.deepEqual(await ids('志強'), [], 'the middle of a name is not its start');
  assert.deepEqual(await ids(`#${a.id}`), [a.id]);
  assert.equal((await f.ok('cases.list', { scope: 'mine' })).items.length >= 2, true);
  // Another officer's search does not reach these cases.
  await f.ok('auth.login', { employeeId: 'E1002', password: OFFICER.password });
  assert.deepEqual(
    (await f.ok('cases.list', { scope: 'mine', search: 'A123456789' })).items.map((c) => c.id),
    [],
  );
  assert.equal(errorCode(await f.call('cases.list', { scope: 'mine', search: 'x'.repeat(61) })), 'VALIDATION');
});

test('a screen that refreshes itself does not keep the desk awake: polling the case and the list is not activity', async () => {
  const f = await deskWithStaff({ idleLockMinutes: 5 });
  const c = await newDraft(f, ['T50']);
  // The case screen and the list poll every few seconds; nobody touches the keyboard for 6 minutes.
  for (let minute = 1; minute <= 6; minute++) {
    f.advanceMinutes(1);
    await f.call('cases.get', { caseId: c.id });
    await f.call('cases.list', { scope: 'mine' });
  }
  assert.equal(errorCode(await f.call('cases.get', { caseId: c.id })), 'SESSION_LOCKED');
  // A real touch (keyboard, pointer) is what keeps it open.
  await f.ok('auth.unlock', { password: OFFICER.password });
  for (let minute = 1; minute <= 6; minute++) {
    f.advanceMinutes(1);
    await f.ok('session.touch', {});
    await f.ok('cases.get', { caseId: c.id });
  }
});

test("a supervisor sees who opened or printed a case's form and data; the look itself is recorded; officers cannot", async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f, { idNumber: 'L122222224', name: '林查閱' }, ['T50']);
  await approveCase(f, caseId);
  assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
  await f.ok('cases.results', { caseId });
  await f.ok('cases.recordPrint', { caseId });
  assert.equal(errorCode(await f.call('cases.accessLog', { caseId })), 'FORBIDDEN');
  await f.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
  const log = (await f.ok('cases.accessLog', { caseId })).items;
  assert.deepEqual(log.map((e) => `${e.actorEmployeeId} ${e.action}`).sort(), [
    `${OFFICER.employeeId} form.imported`,
    `${OFFICER.employeeId} results.printed`,
    `${OFFICER.employeeId} results.viewed`,
  ]);
  assert.equal(f.desk.services.audit.list(1)[0]!.action, 'case.access_log_viewed');
});
