// Separation of duties for approval authority, through the contract: a grant takes effect only when a
// different supervisor or administrator confirms it; the grantor and the member never confirm their
// own; the desk's first supervisor is the flagged exception.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, errorCode, type DeskFixture } from '../support/desk-fixture';

const fixtures: DeskFixture[] = [];
after(() => fixtures.forEach((f) => f.dispose()));

const S2 = {
  employeeId: 'S2002',
  name: '林主管',
  branchCode: '0123',
  role: 'supervisor' as const,
  password: 'Second-super-1',
};
const asAdmin = (f: DeskFixture) => f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
const as = (f: DeskFixture, who: { employeeId: string; password: string }) =>
  f.ok('auth.login', { employeeId: who.employeeId, password: who.password });

async function deskWithFirstSupervisor() {
  const f = deskFixture({ branchCode: '0123' });
  fixtures.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR); // the first supervisor: in effect at once, flagged
  return f;
}

test('the first supervisor of a desk takes effect at once but is flagged until another supervisor confirms it', async () => {
  const f = await deskWithFirstSupervisor();
  const open = await f.ok('staff.grants', {});
  assert.deepEqual(
    open.map((g) => [g.employeeId, g.state, g.mayConfirm]),
    [['S2001', 'provisional', false]],
  );
  assert.ok(
    f.desk.services.audit.list(50).some((a) => a.action === 'staff.grant_unconfirmed_first' && a.target === 'S2001'),
  );
  // The administrator who granted it cannot clear the flag.
  assert.equal(errorCode(await f.call('staff.confirmGrant', { grantId: open[0]!.id })), 'GRANT_OWN');
  assert.ok(f.desk.services.audit.list(20).some((a) => a.action === 'staff.grant_self_confirm_refused'));
  // A second supervisor: pending, confirmed by the first; then it confirms the first.
  await f.ok('staff.create', { ...S2, password: `Temp-${S2.password}` });
  const pending = (await f.ok('staff.grants', {})).find((g) => g.employeeId === 'S2002')!;
  assert.deepEqual([pending.state, pending.mayConfirm], ['pending', false]);
  await as(f, SUPERVISOR);
  await f.ok('staff.confirmGrant', { grantId: pending.id });
  await f.ok('auth.login', { employeeId: S2.employeeId, password: `Temp-${S2.password}` });
  await f.ok('auth.changePassword', { currentPassword: `Temp-${S2.password}`, newPassword: S2.password });
  const first = (await f.ok('staff.grants', {})).find((g) => g.employeeId === 'S2001')!;
  assert.equal(first.mayConfirm, true);
  await f.ok('staff.confirmGrant', { grantId: first.id });
  assert.deepEqual(await f.ok('staff.grants', {}), [], 'nothing left flagged');
});

test('an administrator who creates a supervisor can neither use nor confirm it; only another person makes it work', async () => {
  const f = await deskWithFirstSupervisor();
  await asAdmin(f);
  await f.ok('staff.create', { ...S2, password: `Temp-${S2.password}` });
  // The attack the integrity issue tried: sign in with the temporary password, change it, approve.
  assert.equal(
    errorCode(await f.call('auth.login', { employeeId: S2.employeeId, password: `Temp-${S2.password}` })),
    'GRANT_PENDING',
  );
  await as(f, OFFICER);
  const { id: caseId } = await f.ok('cases.create', {
    subject: { idNumber: 'A123456789', name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  assert.equal(
    errorCode(
      await f.call('cases.approve', {
        caseId,
        pagesDigest: '0'.repeat(64),
        supervisor: { employeeId: S2.employeeId, password: `Temp-${S2.password}` },
      }),
    ),
    'GRANT_PENDING',
  );
  await asAdmin(f);
  const grant = (await f.ok('staff.grants', {})).find((g) => g.employeeId === S2.employeeId)!;
  assert.equal(errorCode(await f.call('staff.confirmGrant', { grantId: grant.id })), 'GRANT_OWN');
  // A second administrator is itself a grant: it waits, and its grantor cannot confirm it either.
  await f.ok('staff.create', {
    employeeId: 'IT002',
    name: '張資訊',
    branchCode: '0123',
    role: 'it_admin',
    password: 'Temp-Admin-two-2026',
  });
  assert.equal(
    errorCode(await f.call('auth.login', { employeeId: 'IT002', password: 'Temp-Admin-two-2026' })),
    'GRANT_PENDING',
  );
  await as(f, SUPERVISOR);
  await f.ok('staff.confirmGrant', { grantId: grant.id });
  await f.ok('auth.login', { employeeId: S2.employeeId, password: `Temp-${S2.password}` });
  assert.equal(
    (await f.ok('auth.changePassword', { currentPassword: `Temp-${S2.password}`, newPassword: S2.password })).user.role,
    'supervisor',
  );
  assert.ok(
    f.desk.services.audit
      .list(50)
      .some((a) => a.action === 'staff.grant_confirmed' && a.actor_employee_id === SUPERVISOR.employeeId),
  );
});

test('a role changed to supervisor, or a supervisor enabled again, waits for a second person; a demotion is immediate and withdraws what waited', async () => {
  const f = await deskWithFirstSupervisor();
  await asAdmin(f);
  const officer = (await f.ok('staff.list', {})).items.find((m) => m.employeeId === OFFICER.employeeId)!;
  const asked = await f.ok('staff.setRole', { staffId: officer.id, role: 'supervisor' });
  assert.deepEqual(
    [asked.role, asked.grant?.change, asked.grant?.state],
    ['officer', 'role', 'pending'],
    'no authority yet',
  );
  await as(f, OFFICER);
  const mine = await f.call('staff.grants', {});
  assert.equal(errorCode(mine), 'FORBIDDEN', 'an officer sees no grants, not even their own');
  await as(f, SUPERVISOR);
  await f.ok('staff.confirmGrant', { grantId: asked.grant!.id });
  await asAdmin(f);
  assert.equal((await f.ok('staff.list', {})).items.find((m) => m.id === officer.id)!.role, 'supervisor');

  // Disabled and enabled again: the authority comes back only with a second person.
  const s1 = (await f.ok('staff.list', {})).items.find((m) => m.employeeId === SUPERVISOR.employeeId)!;
  await f.ok('staff.setDisabled', { staffId: s1.id, disabled: true });
  const back = await f.ok('staff.setDisabled', { staffId: s1.id, disabled: false });
  assert.deepEqual([back.disabled, back.grant?.change], [true, 'enable']);
  // Demoted instead: at once, and the waiting grant is gone.
  const demoted = await f.ok('staff.setRole', { staffId: s1.id, role: 'officer' });
  assert.deepEqual([demoted.role, demoted.grant], ['officer', null]);
});
