// The supervisor approves exactly what JCIC gets: state, page room and ownership are checked again
// inside each write, the approval is of the digest the supervisor's screen showed, and the outbox
// sends only pages matching the approved digest.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN,
  OFFICER,
  SUPERVISOR,
  approveCase,
  deskFixture,
  errorCode,
  pagesDigestOf,
  type DeskFixture,
} from '../support/desk-fixture';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import { formPage, formPdf } from '../support/forms';

let jcic: SandboxFixture;
const desks: DeskFixture[] = [];
after(async () => {
  for (const d of desks) d.dispose();
  await jcic?.sandbox.close();
});

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

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const add = async (f: DeskFixture, caseId: number, fileName: string, bytes: Buffer) =>
  f.call('cases.addPages', { caseId, fileName, dataBase64: bytes.toString('base64') });

async function draft(f: DeskFixture, idNumber: string) {
  return (
    await f.ok('cases.create', {
      subject: { idNumber, name: '王一頁' },
      enterprise: null,
      role: 'borrower',
      purpose: 'credit',
      products: ['T50'],
    })
  ).id;
}

test('an import still being checked when the case is approved never lands on it: JCIC gets the one page the supervisor approved', async () => {
  const f = await desk();
  const caseId = await draft(f, 'A123456789');
  assert.ok((await add(f, caseId, 'signed.png', await formPage('1'))).ok);
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: inDays(30) });
  // The officer starts a 19-page import (checked in the worker), then sends the case on before it ends.
  const late = add(f, caseId, 'late.pdf', await formPdf(19));
  await f.ok('cases.requestApproval', { caseId });
  await approveCase(f, caseId);
  const landed = await late;
  assert.equal(errorCode(landed), 'ILLEGAL_TRANSITION');
  const detail = await f.ok('cases.get', { caseId });
  assert.equal(detail.pages.length, 1);
  assert.ok(['queued', 'submitted', 'under_review', 'data_received'].includes(detail.state), detail.state);
  await f.desk.services.outbox.drain(false);
  const sent = (await jcic.submissions()).filter((s) => s.subjectId === 'A123456789');
  assert.deepEqual(
    sent.map((s) => s.documentItems),
    [1],
  );
});

test('two imports at once cannot pass the 20-page limit together', async () => {
  const f = await desk();
  const caseId = await draft(f, 'B223456782');
  const [a, b] = await Promise.all([
    add(f, caseId, 'a.pdf', await formPdf(19)),
    add(f, caseId, 'b.pdf', await formPdf(19)),
  ]);
  assert.deepEqual([a.ok, b.ok].sort(), [false, true]);
  const refused = !a.ok ? a : !b.ok ? b : null;
  assert.equal(errorCode(refused!), 'FILE_REJECTED');
  assert.match(!refused!.ok ? refused!.error.message['zh-TW'] : '', /共 19 頁，超過本案件尚可加入的 1 頁/);
  assert.equal(
    (await f.ok('cases.get', { caseId })).pages.reduce((n, p) => n + p.pageCount, 0),
    19,
  );
});

test('the supervisor approves the pages their screen showed: pages changed since then are not approved', async () => {
  const f = await desk();
  const caseId = await draft(f, 'C123456781');
  await add(f, caseId, 'p1.png', await formPage('1', undefined, undefined, 'C123456781'));
  await add(f, caseId, 'p2.png', await formPage('2', undefined, undefined, 'C123456781'));
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: inDays(30) });
  // Two pages where the bank's form has one: answered, so that it can go.
  await f.ok('cases.overrideFinding', { caseId, finding: 'page_count', reason: '第二頁為附件' });
  await f.ok('cases.requestApproval', { caseId });
  const seen = await pagesDigestOf(f, caseId);
  // Sent back, a page removed, confirmed and sent again: another set of pages.
  await f.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
  await f.ok('cases.sendBack', { caseId, reason: '第二頁不需要' });
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const detail = await f.ok('cases.get', { caseId });
  await f.ok('cases.removePage', { caseId, pageId: detail.pages[1]!.id });
  assert.equal((await f.ok('cases.get', { caseId })).pagesDigest, null, 'changed pages are no longer confirmed');
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: inDays(30) });
  await f.ok('cases.requestApproval', { caseId });
  const stale = await f.call('cases.approve', {
    caseId,
    pagesDigest: seen,
    supervisor: { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password },
  });
  assert.equal(errorCode(stale), 'PAGES_CHANGED');
  assert.equal((await f.ok('cases.get', { caseId })).state, 'awaiting_approval');
  assert.ok(
    f.desk.services.audit
      .list(20)
      .some((a) => a.action === 'case.approval_refused_pages_changed' && a.case_id === caseId),
  );
  assert.equal((await approveCase(f, caseId)).state, 'queued');
});

test('pages on record that are not the approved ones are never sent: the outbox stops, says why, and the audit trail has it', async () => {
  const f = await desk();
  const caseId = await draft(f, 'D123456782');
  await add(f, caseId, 'p1.png', await formPage('1', undefined, undefined, 'D123456782'));
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: inDays(30) });
  await f.ok('cases.requestApproval', { caseId });
  // Approved through the service, so no send starts before the store is changed below.
  const { db, staff, caseApproval } = f.desk.services;
  caseApproval.approve(
    caseId,
    staff.findByEmployeeId(SUPERVISOR.employeeId)!,
    'step-up',
    await pagesDigestOf(f, caseId),
  );
  // A page row slipped in behind the desk's back after approval (a bug, or someone at the store).
  const page = db.prepare('SELECT * FROM case_pages WHERE case_id = ?').get(caseId) as Record<string, unknown>;
  db.prepare(
    `INSERT INTO case_pages (case_id, position, file_name, media_type, sha256, bytes, width, height, page_count, stored_as, added_at)
     VALUES (@case_id, 2, 'extra.png', @media_type, @sha256, @bytes, @width, @height, 1, @stored_as, @added_at)`,
  ).run(page);
  await f.desk.services.outbox.drain(false);
  const detail = await f.ok('cases.get', { caseId });
  assert.equal(detail.outbox?.state, 'failed');
  assert.match(detail.outbox?.lastError ?? '', /not the pages the supervisor approved/);
  assert.equal(
    (await jcic.submissions()).filter((s) => s.subjectId === 'D123456782').length,
    0,
    'nothing reached JCIC',
  );
  assert.ok(f.desk.services.audit.list(20).some((a) => a.action === 'form.integrity_failed' && a.case_id === caseId));
});

test('a case confirmed with pages that then changed in the store cannot be sent for approval', async () => {
  const f = await desk();
  const caseId = await draft(f, 'E123456783');
  await add(f, caseId, 'p1.png', await formPage('1'));
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: inDays(30) });
  f.desk.services.db.prepare('UPDATE case_pages SET sha256 = ? WHERE case_id = ?').run('0'.repeat(64), caseId);
  assert.equal(errorCode(await f.call('cases.requestApproval', { caseId })), 'PAGES_CHANGED');
  assert.ok(
    f.desk.services.audit.list(20).some((a) => a.action === 'form.integrity_failed' && a.case_id === caseId),
    'the refusal outlives its rolled-back transaction',
  );
});
