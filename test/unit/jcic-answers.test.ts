// Answers the desk must refuse, each sent by a JCIC that lies (a real mTLS server on JCIC's PKI):
// the case shows a clear error, nothing is stored, and the desk asks again later; once JCIC
// answers properly the case goes on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, type DeskFixture } from '../support/desk-fixture';
import { startHostileJcic, type HostileJcic, type Spoil } from '../support/hostile-jcic';
import { HttpsJcicGateway } from '../../electron/main/jcic/jcic-gateway';
import { systemClock } from '../../electron/main/clock';
import { formPage } from '../support/forms';

let jcic: HostileJcic;
const desks: DeskFixture[] = [];
after(async () => {
  for (const d of desks) d.dispose();
  await jcic?.close();
});

async function queuedCase(): Promise<{ f: DeskFixture; caseId: number }> {
  jcic ??= await startHostileJcic();
  const f = deskFixture({ branchCode: '0123' });
  desks.push(f);
  f.desk.services.outbox.useGateway(new HttpsJcicGateway(jcic.endpoint, jcic.files, systemClock), { kick: false });
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const { id: caseId } = await f.ok('cases.create', {
    subject: { idNumber: 'A123456789', name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  await f.ok('cases.addPages', { caseId, fileName: 'p.png', dataBase64: (await formPage('p')).toString('base64') });
  const today = new Date().toISOString().slice(0, 10);
  await f.ok('cases.captureAuthorization', {
    caseId,
    signedOn: today,
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await f.ok('cases.requestApproval', { caseId });
  const { staff, caseApproval } = f.desk.services;
  caseApproval.approve(
    caseId,
    staff.findByEmployeeId(SUPERVISOR.employeeId)!,
    'step-up',
    (await f.ok('cases.get', { caseId })).pagesDigest!,
  );
  return { f, caseId };
}

const stored = (f: DeskFixture, caseId: number) =>
  (f.desk.services.db.prepare('SELECT COUNT(*) AS n FROM case_results WHERE case_id = ?').get(caseId) as { n: number })
    .n;
const refusals = (f: DeskFixture, caseId: number) =>
  f.desk.services.audit.list(200, undefined, { caseId, action: 'jcic.answer_refused' });
const resend = (f: DeskFixture) =>
  f.desk.services.db
    .prepare("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE state = 'pending'")
    .run();

const CASES: [Spoil, RegExp][] = [
  ['unsigned', /unsigned-answer/],
  ['bad-signature', /bad-signature/],
  ['other-ca', /untrusted-signer/],
  ['expired-signer', /expired-signer/],
  ['far-future', /answer-out-of-time/],
  ['before-request', /stale-answer/],
];

test('a submission answer that is unsigned, badly signed, from another CA or an expired signer, or out of time is refused: the case waits, says why, and goes on once JCIC answers properly', async () => {
  for (const [spoil, code] of CASES) {
    const { f, caseId } = await queuedCase();
    jcic.spoil = { submit: spoil };
    await f.desk.services.outbox.drain(false);
    const detail = await f.ok('cases.get', { caseId });
    assert.equal(detail.state, 'queued', spoil);
    assert.equal(detail.outbox?.state, 'pending', spoil);
    assert.match(detail.outbox?.lastError ?? '', code, spoil);
    assert.match(detail.outbox?.lastError ?? '', /JCIC's answer was refused/);
    assert.equal(refusals(f, caseId).length, 1, spoil);
    jcic.spoil = {};
    resend(f);
    await f.desk.services.outbox.drain(false);
    assert.equal(
      (await f.ok('cases.get', { caseId })).state,
      'under_review',
      `${spoil}: resent with the same id, then on`,
    );
  }
});

test('status and results answers for another case, replayed, or spoiled are refused: nothing is stored, the case says why', async () => {
  const spoils: [keyof HostileJcic['spoil'], Spoil, RegExp][] = [
    ['status', 'other-submission', /mismatched-answer/],
    ['status', 'replay', /replayed-answer/],
    ['status', 'unsigned', /unsigned-answer/],
    ['results', 'other-submission', /mismatched-answer/],
    ['results', 'bad-signature', /bad-signature/],
    ['results', 'far-future', /answer-out-of-time/],
  ];
  for (const [kind, spoil, code] of spoils) {
    const target = await queuedCase();
    jcic.spoil = {};
    jcic.reviewStatus = 'under_review';
    // Submitted and asked once: an honest "still under review" answer, which a replay would repeat.
    await target.f.desk.services.outbox.drain();
    assert.equal((await target.f.ok('cases.get', { caseId: target.caseId })).state, 'under_review');
    jcic.reviewStatus = 'approved';
    jcic.spoil = { [kind]: spoil };
    await target.f.desk.services.outbox.drain();
    const detail = await target.f.ok('cases.get', { caseId: target.caseId });
    assert.equal(detail.state, 'under_review', `${kind}/${spoil}`);
    assert.equal(stored(target.f, target.caseId), 0, `${kind}/${spoil}: nothing stored`);
    assert.match(detail.outbox?.lastError ?? '', code, `${kind}/${spoil}`);
    assert.ok(refusals(target.f, target.caseId).length >= 1);
    jcic.spoil = {};
    await target.f.desk.services.outbox.drain();
    const after = await target.f.ok('cases.get', { caseId: target.caseId });
    assert.equal(after.state, 'data_received', `${kind}/${spoil}: on once JCIC answers properly`);
    assert.equal(after.outbox?.lastError, null, 'and the error is cleared');
  }
});
