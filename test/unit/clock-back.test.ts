// The clock set back does not keep tax data longer: the desk goes on from the latest time it saw,
// records the jump in the audit trail, and shows it to IT.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
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

const DAY = 24 * 60;

test('restarted with the clock ten days back, received data is still gone three days after receipt, not thirteen; the jump is recorded and shown to IT', async () => {
  jcic = await sandboxFixture();
  const f = deskFixture({ branchCode: '0123' });
  desks.push(f);
  f.desk.services.outbox.useGateway(jcic.gateway(), { kick: false });
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
  await approveCase(f, caseId);
  for (let i = 0; i < 50 && (await f.ok('cases.get', { caseId })).state !== 'data_received'; i++)
    await f.desk.services.outbox.drain();
  assert.equal((await f.ok('cases.results', { caseId })).products.T50 !== undefined, true);

  // Someone sets the machine's clock ten days back and restarts the desk.
  f.reopen(new Date(Date.now() - 10 * DAY * 60_000));
  f.desk.services.outbox.useGateway(jcic.gateway(), { kick: false });
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.ok((await f.ok('cases.results', { caseId })).products.T50, 'still inside its window');
  // Three days and a minute of the clock's own progress later: the data is past its window.
  f.advanceMinutes(3 * DAY + 1);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.equal(
    errorCode(await f.call('cases.results', { caseId })),
    'NO_RESULTS',
    'not shown even before the sweep ran',
  );
  assert.equal((await f.ok('cases.get', { caseId })).resultsAvailable, false);
  assert.equal(
    (await f.desk.services.retention.sweep()).filter((i) => i.caseId === caseId && i.kind === 'purge-case').length,
    1,
  );
  assert.equal((await f.ok('cases.get', { caseId })).state, 'purged');

  const jump = f.desk.services.audit.list(500).find((a) => a.action === 'clock.moved_back');
  assert.ok(jump, 'the jump is on the record');
  assert.ok(JSON.parse(jump.detail!).minutes >= 10 * DAY - 5);
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const health = await f.ok('desk.health', {});
  assert.ok(health.workload.clockMovedBack && health.workload.clockMovedBack.minutes >= 10 * DAY - 5);
  // The desk explained its own step back: the trail is intact and says where the clock went back.
  const verdict = await f.ok('audit.verify', { full: true });
  assert.equal(verdict.intact, true, JSON.stringify([verdict.problems, verdict.clockBack]));
  assert.ok(verdict.clockBack.some((c) => c.explained && c.id === jump.id));
});
