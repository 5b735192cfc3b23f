// The main side through its public surface (desk.call, exactly what both hosts forward to),
// on a real SQLite store with an adjustable clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, errorCode, newDraft } from '../support/desk-fixture';
import { BANK_FILES, ensurePki } from '../../sandbox/jcic/pki';

async function withAdmin() {
  const f = deskFixture({ idleLockMinutes: 5 });
  await f.ok('setup.createAdmin', ADMIN);
  return f;
}

test('first-run setup creates the first IT administrator once, signed in; never a second time', async () => {
  const f = deskFixture();
  try {
    assert.equal((await f.ok('desk.info', {})).needsSetup, true);
    assert.equal(errorCode(await f.call('auth.login', { employeeId: 'X', password: 'y' })), 'SETUP_REQUIRED');
    assert.equal(errorCode(await f.call('setup.createAdmin', { ...ADMIN, password: 'short1' })), 'WEAK_PASSWORD');
    const session = await f.ok('setup.createAdmin', ADMIN);
    assert.equal(session.user.role, 'it_admin');
    assert.equal((await f.ok('desk.info', {})).needsSetup, false);
    assert.equal(errorCode(await f.call('setup.createAdmin', { ...ADMIN, employeeId: 'IT999' })), 'SETUP_ALREADY_DONE');
  } finally {
    f.dispose();
  }
});

test('wrong types and unknown calls get typed errors, never a crash', async () => {
  const f = await withAdmin();
  try {
    const bad = await f.call('staff.create', {
      employeeId: 42,
      name: '',
      branchCode: '12',
      role: 'boss',
      password: 'x',
    } as never);
    assert.equal(errorCode(bad), 'VALIDATION');
    assert.ok(!bad.ok);
    assert.deepEqual(bad.error.fields?.map((x) => x.path).sort(), ['branchCode', 'employeeId', 'name', 'role']);
    assert.equal(
      bad.error.message['zh-TW'],
      '請修正：員工編號：格式不正確；姓名：請填寫；分行代號：須為 4 位數字；角色：請從清單中選擇',
    );
    assert.equal(
      bad.error.message.en,
      'Please correct: Employee ID: not in the expected form; Name: required; Branch code: 4 digits; Role: choose one from the list',
    );
    const missing = await f.desk.call('staff.create', {});
    assert.ok(!missing.ok);
    assert.ok(missing.error.fields?.every((x) => x.problem === 'required'));
    assert.equal(errorCode(await f.desk.call('staff.create', 'not an object')), 'VALIDATION');
    assert.equal(errorCode(await f.desk.call('staff.create', { ...OFFICER, extra: 1 })), 'VALIDATION');
    assert.equal(errorCode(await f.desk.call('fs.readFile', {})), 'UNKNOWN_CALL');
    assert.equal(errorCode(await f.desk.call('__proto__', {})), 'UNKNOWN_CALL');
    assert.equal(errorCode(await f.desk.call('toString', {})), 'UNKNOWN_CALL');
  } finally {
    f.dispose();
  }
});

test('the administrator adds officers and supervisors; only the IT role administers staff', async () => {
  const f = await withAdmin();
  try {
    const officer = await f.ok('staff.create', OFFICER);
    await f.ok('staff.create', SUPERVISOR);
    assert.equal(errorCode(await f.call('staff.create', OFFICER)), 'EMPLOYEE_EXISTS');
    assert.equal(errorCode(await f.call('staff.create', { ...OFFICER, employeeId: 'e1001' })), 'EMPLOYEE_EXISTS');
    const list = (await f.ok('staff.list', {})).items;
    assert.deepEqual(
      list.map((m) => m.employeeId),
      ['E1001', 'IT001', 'S2001'],
    );
    assert.ok(!('password_hash' in list[0]!) && !('passwordHash' in list[0]!));
    assert.deepEqual(
      list.map((m) => m.mustChangePassword),
      [true, false, true],
      'IT chose these passwords',
    );
    await f.ok('auth.logout', {});
    const first = await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    assert.equal(first.mustChangePassword, true);
    // Until the officer replaces the password IT chose, nothing else is allowed.
    assert.equal(errorCode(await f.call('cases.list', { scope: 'mine' })), 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(
      errorCode(
        await f.call('auth.changePassword', { currentPassword: OFFICER.password, newPassword: OFFICER.password }),
      ),
      'PASSWORD_REUSED',
    );
    assert.equal(
      errorCode(await f.call('auth.changePassword', { currentPassword: OFFICER.password, newPassword: 'short' })),
      'WEAK_PASSWORD',
    );
    assert.equal(
      errorCode(
        await f.call('auth.changePassword', { currentPassword: 'Wrong-pass-1', newPassword: 'Mine-only-2026' }),
      ),
      'WRONG_CURRENT_PASSWORD',
    );
    const changed = await f.ok('auth.changePassword', {
      currentPassword: OFFICER.password,
      newPassword: 'Mine-only-2026',
    });
    assert.equal(changed.mustChangePassword, false);
    assert.deepEqual(await f.ok('cases.list', { scope: 'mine' }), { items: [], nextCursor: null });
    assert.equal(errorCode(await f.call('staff.list', {})), 'FORBIDDEN');
    assert.equal(errorCode(await f.call('staff.setRole', { staffId: officer.id, role: 'it_admin' })), 'FORBIDDEN');
    assert.equal(errorCode(await f.call('audit.list', { limit: 10 })), 'FORBIDDEN');
    await f.ok('auth.logout', {});
    assert.equal(errorCode(await f.call('staff.list', {})), 'NOT_SIGNED_IN');
    assert.equal(
      errorCode(await f.call('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password })),
      'BAD_CREDENTIALS',
      'the password IT chose is gone',
    );
    // A supervisor whose password IT chose cannot approve at another's desk with it.
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: 'Mine-only-2026' });
    const draft = await newDraft(f, ['T50']);
    assert.equal(
      errorCode(
        await f.call('cases.approve', {
          caseId: draft.id,
          pagesDigest: '0'.repeat(64),
          supervisor: { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password },
        }),
      ),
      'PASSWORD_CHANGE_REQUIRED',
    );
    const actions = f.desk.services.audit.list(100).map((a) => a.action);
    assert.ok(actions.includes('auth.password_changed'));
  } finally {
    f.dispose();
  }
});

test("role changes and disabling are audited; one's own account is protected", async () => {
  const f = await withAdmin();
  try {
    const officer = await f.ok('staff.create', OFFICER);
    const me = (await f.ok('session.current', {}))!.user;
    assert.equal(errorCode(await f.call('staff.setDisabled', { staffId: me.id, disabled: true })), 'SELF_CHANGE');
    assert.equal(errorCode(await f.call('staff.setRole', { staffId: me.id, role: 'officer' })), 'SELF_CHANGE');
    assert.equal((await f.ok('staff.setRole', { staffId: officer.id, role: 'supervisor' })).role, 'supervisor');
    assert.equal((await f.ok('staff.setDisabled', { staffId: officer.id, disabled: true })).disabled, true);
    await f.ok('auth.logout', {});
    assert.equal(
      errorCode(await f.call('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password })),
      'ACCOUNT_DISABLED',
    );
    await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
    const second = await f.ok('staff.create', { ...ADMIN, employeeId: 'IT002', role: 'it_admin' });
    await f.ok('staff.setRole', { staffId: second.id, role: 'officer' });
    const actions = (await f.ok('audit.list', { limit: 100 })).items.map((a) => a.action);
    for (const a of [
      'setup.first_admin_created',
      'auth.login',
      'staff.created',
      'staff.role_changed',
      'staff.disabled',
      'auth.login_refused_disabled',
      'auth.logout',
    ]) {
      assert.ok(actions.includes(a), `audit has ${a}`);
    }
    const roleChange = (await f.ok('audit.list', { limit: 100 })).items.find(
      (a) => a.action === 'staff.role_changed' && a.target === OFFICER.employeeId,
    )!;
    assert.equal(roleChange.actorEmployeeId, ADMIN.employeeId);
    assert.deepEqual(JSON.parse(roleChange.detail!), { from: 'officer', to: 'supervisor', grant: 1 });
  } finally {
    f.dispose();
  }
});

test('five wrong passwords lock the account for 15 minutes, warning before the last; then it opens again', async () => {
  const f = await withAdmin();
  try {
    await f.ok('staff.create', OFFICER);
    await f.ok('auth.logout', {});
    const wrong = () => f.call('auth.login', { employeeId: OFFICER.employeeId, password: 'Wrong-pass-000' });
    for (let i = 1; i <= 3; i++) assert.equal(errorCode(await wrong()), 'BAD_CREDENTIALS', `attempt ${i}`);
    assert.equal(errorCode(await wrong()), 'BAD_CREDENTIALS_LAST_TRY');
    assert.equal(errorCode(await wrong()), 'ACCOUNT_LOCKED');
    // even the right password is refused while locked
    const locked = await f.call('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    assert.equal(errorCode(locked), 'ACCOUNT_LOCKED');
    assert.ok(!locked.ok && locked.error.message['zh-TW'].includes('15 分鐘'));
    f.advanceMinutes(14);
    assert.equal(
      errorCode(await f.call('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password })),
      'ACCOUNT_LOCKED',
    );
    f.advanceMinutes(2);
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    const actions = (
      await (async () => {
        await f.ok('auth.logout', {});
        await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
        return f.ok('audit.list', { limit: 200 });
      })()
    ).items.map((a) => a.action);
    assert.equal(actions.filter((a) => a === 'auth.login_failed').length, 5);
    assert.ok(actions.includes('auth.account_locked'));
    assert.ok(actions.includes('auth.login_refused_locked'));
  } finally {
    f.dispose();
  }
});

test('unknown employee IDs get the same answer as wrong passwords (no account discovery)', async () => {
  const f = await withAdmin();
  try {
    await f.ok('auth.logout', {});
    assert.equal(
      errorCode(await f.call('auth.login', { employeeId: 'NOBODY', password: 'Whatever-123' })),
      'BAD_CREDENTIALS',
    );
  } finally {
    f.dispose();
  }
});

test("an administrator's password reset releases a lockout", async () => {
  const f = await withAdmin();
  try {
    const officer = await f.ok('staff.create', OFFICER);
    await f.ok('auth.logout', {});
    for (let i = 0; i < 5; i++)
      await f.call('auth.login', { employeeId: OFFICER.employeeId, password: 'Wrong-pass-000' });
    await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
    assert.ok((await f.ok('staff.list', {})).items.find((m) => m.id === officer.id)!.lockedUntil);
    await f.ok('staff.resetPassword', { staffId: officer.id, password: 'Fresh-pass-9999' });
    assert.equal((await f.ok('staff.list', {})).items.find((m) => m.id === officer.id)!.lockedUntil, null);
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: 'Fresh-pass-9999' });
  } finally {
    f.dispose();
  }
});

test('idle lock: after the policy minutes without activity the session locks; polling does not keep it open', async () => {
  const f = await withAdmin();
  try {
    f.advanceMinutes(4);
    await f.ok('staff.list', {}); // activity resets the timer
    f.advanceMinutes(4);
    assert.equal((await f.ok('session.current', {}))!.locked, false);
    f.advanceMinutes(0.5);
    await f.ok('desk.info', {}); // passive: not activity
    f.advanceMinutes(0.6);
    assert.equal((await f.ok('session.current', {}))!.locked, true);
    assert.equal(errorCode(await f.call('staff.list', {})), 'SESSION_LOCKED');
    assert.equal(errorCode(await f.call('auth.unlock', { password: 'Wrong-pass-000' })), 'BAD_CREDENTIALS');
    const back = await f.ok('auth.unlock', { password: ADMIN.password });
    assert.equal(back.locked, false);
    await f.ok('staff.list', {});
    const actions = (await f.ok('audit.list', { limit: 50 })).items.map((a) => a.action);
    assert.ok(actions.includes('session.idle_locked') && actions.includes('auth.unlock'));
  } finally {
    f.dispose();
  }
});

test('failing to unlock five times ends the session and locks the account', async () => {
  const f = await withAdmin();
  try {
    await f.ok('auth.lock', {});
    for (let i = 0; i < 4; i++) await f.call('auth.unlock', { password: 'Wrong-pass-000' });
    assert.equal(errorCode(await f.call('auth.unlock', { password: 'Wrong-pass-000' })), 'ACCOUNT_LOCKED');
    assert.equal(await f.ok('session.current', {}), null);
  } finally {
    f.dispose();
  }
});

test('the session survives nothing it should not: a restarted desk starts signed out, accounts kept', async () => {
  const f = await withAdmin();
  try {
    await f.ok('staff.create', OFFICER);
    f.reopen();
    assert.equal(await f.ok('session.current', {}), null);
    assert.equal((await f.ok('desk.info', {})).needsSetup, false);
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  } finally {
    f.dispose();
  }
});

test('the test clock is moved only by a signed-in IT administrator, and only on a test-clock desk', async () => {
  const f = await withAdmin();
  try {
    await f.ok('staff.create', OFFICER);
    await f.ok('auth.logout', {});
    const before = (await f.ok('desk.info', {})).now;
    assert.equal(errorCode(await f.call('dev.advanceClock', { minutes: 60 })), 'NOT_SIGNED_IN');
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    assert.equal(errorCode(await f.call('dev.advanceClock', { minutes: 60 })), 'PASSWORD_CHANGE_REQUIRED');
    await f.ok('auth.changePassword', { currentPassword: OFFICER.password, newPassword: 'Officer-own-2026' });
    assert.equal(errorCode(await f.call('dev.advanceClock', { minutes: 60 })), 'FORBIDDEN');
    assert.ok(
      Date.parse((await f.ok('desk.info', {})).now) - Date.parse(before) < 30 * 60_000,
      'the refused calls moved the clock',
    );
    await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
    const moved = await f.ok('dev.advanceClock', { minutes: 60 });
    assert.ok(Date.parse(moved.now) - Date.parse(before) >= 60 * 60_000);
    assert.ok(
      f.desk.services.audit
        .list(5)
        .some((a) => a.action === 'dev.clock_advanced' && a.actor_employee_id === ADMIN.employeeId),
    );
  } finally {
    f.dispose();
  }
});

test('the test clock cannot be moved on a desk running on the system clock: the call does not exist there', async () => {
  const { createDesk } = await import('../../electron/main/desk');
  const { systemClock } = await import('../../electron/main/clock');
  const { parsePolicy } = await import('../../electron/main/policy/policy');
  const desk = createDesk({
    dataDir: mkdtempSync(join(tmpdir(), 'sys-')),
    clock: systemClock,
    version: 't',
    loadedPolicy: parsePolicy({ origin: 'x', kind: 'none' }),
    background: false,
  });
  try {
    assert.equal(errorCode(await desk.call('dev.advanceClock', { minutes: 10 })), 'UNKNOWN_CALL');
    assert.equal(((await desk.call('desk.info', {})) as { value: { testClock: boolean } }).value.testClock, false);
  } finally {
    desk.close();
  }
});

test('desk.health tells the IT administrator how the key is kept, when the JCIC certificates end, and what is held', async () => {
  const pkiDir = mkdtempSync(join(tmpdir(), 'health-pki-'));
  ensurePki(pkiDir);
  const f = deskFixture({
    bankCode: '004',
    jcicEndpoint: 'https://jcic.example:8443',
    jcicClientCertificate: join(pkiDir, BANK_FILES.clientCert),
    jcicClientKey: join(pkiDir, BANK_FILES.clientKey),
    jcicCaCertificate: join(pkiDir, BANK_FILES.ca),
  });
  try {
    await f.ok('setup.createAdmin', ADMIN);
    const health = await f.ok('desk.health', {});
    assert.equal(health.dataKey.protection, 'file');
    assert.deepEqual(
      health.certificates.map((c) => [c.label, c.state]),
      [
        ['client certificate', 'ok'],
        ['JCIC CA', 'ok'],
      ],
    );
    assert.ok(health.certificates.every((c) => (c.daysLeft ?? 0) > 30));
    assert.deepEqual(health.workload, {
      casesByState: {},
      outboxPending: 0,
      outboxFailed: 0,
      oldestPendingSince: null,
      nextExpiry: null,
      clockMovedBack: null,
      permissionsTightened: null,
    });
    // Five years on, the sandbox-made client certificate (five years) has run out; the CA (ten) has not.
    f.advanceMinutes((5 * 365 + 10) * 24 * 60);
    await f.ok('auth.unlock', { password: ADMIN.password });
    const later = await f.ok('desk.health', {});
    assert.deepEqual(
      later.certificates.map((c) => [c.label, c.state, c.problem]),
      [
        ['client certificate', 'broken', 'EXPIRED'],
        ['JCIC CA', 'ok', null],
      ],
    );
    await f.addStaff(OFFICER);
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    assert.equal(errorCode(await f.call('desk.health', {})), 'FORBIDDEN');
  } finally {
    f.dispose();
  }
});
