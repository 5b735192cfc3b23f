// The customer's identity at rest: sealed in the store, masked in lists, in full on the case screen,
// searchable by whole ID and the start of the name through keyed hashes, and gone (but for masks
// and hashes) once the case is purged. The whole data directory is searched byte for byte.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN,
  OFFICER,
  SUPERVISOR,
  approveCase,
  deskFixture,
  errorCode,
  type DeskFixture,
} from '../support/desk-fixture';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import { formPage } from '../support/forms';

let jcic: SandboxFixture;
const desks: DeskFixture[] = [];
after(async () => {
  for (const d of desks) d.dispose();
  await jcic?.sandbox.close();
});

const ID = 'M123456789';
const NAME = '錢守秘';

/** Every occurrence of `needle` in every file under `dir`. */
function occurrences(dir: string, needle: Buffer): { file: string; count: number }[] {
  const found: { file: string; count: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      found.push(...occurrences(path, needle));
      continue;
    }
    const bytes = readFileSync(path);
    let count = 0;
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) count++;
    if (count) found.push({ file: path, count });
  }
  return found;
}
const plaintext = (f: DeskFixture) => [
  ...occurrences(f.dataDir, Buffer.from(ID)),
  ...occurrences(f.dataDir, Buffer.from(NAME, 'utf8')),
];

async function desk() {
  jcic ??= await sandboxFixture();
  const f = deskFixture({ branchCode: '0123' });
  desks.push(f);
  f.desk.services.outbox.useGateway(jcic.gateway(), { kick: false });
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

test('the identity is never in the clear in the data directory: not while the case runs, not after purge; lists mask it, the case shows it, search finds it by hash', async () => {
  const f = await desk();
  const created = await f.ok('cases.create', {
    subject: { idNumber: ID, name: NAME },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  const caseId = created.id;
  assert.deepEqual(created.subject, { idNumber: ID, name: NAME });
  assert.deepEqual([created.subjectNameMasked, created.subjectIdMasked], ['錢○秘', 'M12****789']);
  await f.ok('cases.addPages', {
    caseId,
    fileName: 'form.png',
    dataBase64: (await formPage('x', undefined, undefined, ID)).toString('base64'),
  });
  const today = new Date().toISOString().slice(0, 10);
  await f.ok('cases.captureAuthorization', {
    caseId,
    signedOn: today,
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await f.ok('cases.requestApproval', { caseId });
  await approveCase(f, caseId);
  for (let i = 0; i < 50 && (await f.ok('cases.get', { caseId })).state !== 'data_received'; i++)
    await f.desk.services.outbox.drain();
  assert.equal((await f.ok('cases.get', { caseId })).state, 'data_received');
  assert.ok(
    (await jcic.submissions()).some((s) => s.subjectId === ID),
    'JCIC got the full ID',
  );

  const list = (await f.ok('cases.list', { scope: 'mine' })).items.find((c) => c.id === caseId)!;
  assert.deepEqual([list.subjectNameMasked, list.subjectIdMasked], ['錢○秘', 'M12****789']);
  assert.ok(!JSON.stringify(await f.ok('cases.list', { scope: 'mine' })).includes(ID), 'a list carries no full ID');
  const find = async (search: string) => (await f.ok('cases.list', { scope: 'mine', search })).items.map((c) => c.id);
  for (const search of [ID, ID.toLowerCase(), '錢', '錢守', NAME])
    assert.deepEqual(await find(search), [caseId], search);
  for (const search of ['M12345', '守秘', '秘']) assert.deepEqual(await find(search), [], search);

  f.desk.services.db.pragma('wal_checkpoint(TRUNCATE)');
  assert.deepEqual(plaintext(f), [], 'the identity is readable in the data directory while the case runs');

  f.advanceMinutes(3 * 24 * 60 + 1);
  await f.desk.services.retention.sweep(); // no checkpoint by the test: the desk's own purge must leave nothing
  await f.ok('auth.unlock', { password: OFFICER.password });
  const purged = await f.ok('cases.get', { caseId });
  assert.equal(purged.state, 'purged');
  assert.equal(purged.subject, null, 'a purged case keeps no identity');
  assert.deepEqual([purged.subjectNameMasked, purged.subjectIdMasked], ['錢○秘', 'M12****789']);
  assert.deepEqual(await find(ID), [caseId], 'the keyed hash still finds the history');
  const after = plaintext(f);
  console.log(
    `[figures] plaintext ID or name occurrences in the data directory after purge: ${after.reduce((n, x) => n + x.count, 0)}`,
  );
  assert.deepEqual(after, []);

  // Starting again from a purged case: the officer types the customer again, and it must be them.
  assert.equal(errorCode(await f.call('cases.createFrom', { caseId })), 'SUBJECT_NEEDED');
  assert.equal(
    errorCode(await f.call('cases.createFrom', { caseId, subject: { idNumber: 'A123456789', name: NAME } })),
    'SUBJECT_MISMATCH',
  );
  const again = await f.ok('cases.createFrom', { caseId, subject: { idNumber: ID.toLowerCase(), name: NAME } });
  assert.deepEqual([again.state, again.subject], ['draft', { idNumber: ID, name: NAME }]);
});

test('an identity an earlier version kept in the clear is sealed at the next start, also for purged cases', async () => {
  const f = await desk();
  const live = await f.ok('cases.create', {
    subject: { idNumber: ID, name: NAME },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  const old = await f.ok('cases.create', {
    subject: { idNumber: 'N223344554', name: '孫舊案' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  // As a schema-5 desk left them: the identity in the clear, nothing sealed.
  const { db } = f.desk.services;
  db.prepare(
    'UPDATE cases SET subject_id = ?, subject_name = ?, subject_sealed = NULL, subject_id_hash = NULL, subject_id_masked = NULL, subject_name_masked = NULL WHERE id = ?',
  ).run(ID, NAME, live.id);
  db.prepare(
    "UPDATE cases SET state = 'purged', subject_id = 'N223344554', subject_name = '孫舊案', subject_sealed = NULL WHERE id = ?",
  ).run(old.id);
  db.prepare('DELETE FROM case_name_keys').run();
  db.prepare("DELETE FROM meta WHERE key = 'legacy_sealed_through_schema'").run();
  f.reopen();
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.deepEqual((await f.ok('cases.get', { caseId: live.id })).subject, { idNumber: ID, name: NAME });
  assert.equal((await f.ok('cases.get', { caseId: old.id })).subject, null);
  assert.deepEqual(
    (await f.ok('cases.list', { scope: 'mine', search: '孫' })).items.map((c) => c.id),
    [old.id],
  );
  assert.ok(
    f.desk.services.audit
      .list(20)
      .some((a) => a.action === 'vault.legacy_sealed' && JSON.parse(a.detail!).subjects === 2),
  );
  assert.deepEqual([...plaintext(f), ...occurrences(f.dataDir, Buffer.from('N223344554'))], []);
});
