// Every contract call with random and hostile input, as every kind of caller (fast-check): the
// answer is always a typed result, never INTERNAL, and the desk keeps answering. Inputs are either
// anything at all or a valid input with one part replaced by something hostile, so the calls get
// past their schemas into the handlers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CALL_NAMES, ERROR_MESSAGES, type CallName } from '../../common/contract';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, type DeskFixture } from '../support/desk-fixture';
import { formPage } from '../support/forms';

const RUNS_PER_CALLER = 600;
const fixtures: DeskFixture[] = [];
after(() => fixtures.forEach((f) => f.dispose()));

const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  'toString',
  '../../../../etc/passwd',
  '\u0000',
  '%00%2e%2e',
  "'; DROP TABLE cases; --",
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  'A'.repeat(70_000),
  '\ud800',
  '😀'.repeat(50),
  '１２３４５６',
  '#1',
  'A123456789',
  'T100000007',
  '2026-02-30',
  '-1',
  'NaN',
];

const hostileString = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...HOSTILE_STRINGS));
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
}));

/** A valid input for each call, so that one replaced part reaches the handler behind the schema. */
function validInputs(
  caseId: number,
  pageId: number,
  staffId: number,
  png: string,
): Record<CallName, Record<string, unknown>> {
  const subject = { idNumber: 'A123456789', name: '陳大文' };
  const today = new Date().toISOString().slice(0, 10);
  return {
    'desk.info': {},
    'setup.createAdmin': { employeeId: 'IT900', name: '新管理', branchCode: '0123', password: 'Admin-pass-9999' },
    'auth.login': { employeeId: OFFICER.employeeId, password: 'Wrong-pass-0000' },
    'auth.unlock': { password: 'Wrong-pass-0000' },
    'auth.lock': {},
    'auth.changePassword': { currentPassword: 'Wrong-pass-0000', newPassword: 'Another-pass-1234' },
    'auth.logout': {},
    'session.current': {},
    'session.touch': {},
    'staff.list': {},
    'staff.create': {
      employeeId: 'E9000',
      name: '新人',
      branchCode: '0123',
      role: 'officer',
      password: 'Officer-pass-9999',
    },
    'staff.setDisabled': { staffId, disabled: false },
    'staff.setRole': { staffId, role: 'officer' },
    'staff.resetPassword': { staffId, password: 'Reset-pass-12345' },
    'staff.grants': {},
    'staff.confirmGrant': { grantId: 1 },
    'staff.cancelGrant': { grantId: 1 },
    'audit.list': { limit: 10 },
    'audit.verify': {},
    'audit.verifyProgress': {},
    'desk.health': {},
    'setup.createDemo': {},
    'cases.accessLog': { caseId },
    'cases.createFrom': { caseId },
    'cases.list': { scope: 'mine', search: '陳' },
    'cases.create': { subject, enterprise: null, role: 'borrower', purpose: 'credit', products: ['T50'] },
    'cases.get': { caseId },
    'cases.addPages': { caseId, fileName: 'p.png', dataBase64: png },
    'cases.removePage': { caseId, pageId },
    'cases.overrideFinding': { caseId, finding: 'page_count', reason: 'two-page form of 2019' },
    'scanners.list': {},
    'cases.scan': { caseId, deviceId: 'test:0', resolution: 200, mode: 'color', source: 'flatbed' },
    'cases.addPhoto': { caseId, dataBase64: png },
    'cases.pageOriginal': { caseId, pageId },
    'cases.editPage': { caseId, pageId, rotate: 90, corners: null, deskew: 0 },
    'cases.movePage': { caseId, pageId, position: 1 },
    'cases.captureProgress': { caseId },
    'cases.chooseFormType': { caseId, formType: 'bank' },
    'updates.status': {},
    'desk.supportBundle': {},
    'stats.usage': { from: '2026-11-01', to: '2026-12-01' },
    'updates.check': {},
    'updates.install': { when: 'close' },
    'cases.cancelScan': { caseId },
    'cases.page': { caseId, pageId },
    'cases.captureAuthorization': { caseId, signedOn: today, validUntil: today },
    'card.state': {},
    'esign.document': { caseId, validUntil: today },
    'esign.pinState': { insertion: 'x' },
    'card.trainingInsert': { caseId },
    'card.trainingRemove': {},
    'esign.diagnostics': {},
    'esign.importC3': {
      caseId,
      fileName: 'c3.p7s',
      dataBase64: 'MIIB',
      identity: { accountType: 'regular', firstC3Issuance: false, videoConfirmed: false },
    },
    'esign.sign': {
      caseId,
      validUntil: today,
      issuedAt: new Date().toISOString(),
      documentSha256: '0'.repeat(64),
      insertion: 'none',
      pin: '000000',
      confirmFinalTry: false,
    },
    'cases.requestApproval': { caseId },
    'cases.approve': {
      caseId,
      pagesDigest: '0'.repeat(64),
      supervisor: { employeeId: SUPERVISOR.employeeId, password: 'Wrong-pass-0000' },
    },
    'cases.sendBack': {
      caseId,
      reason: '補件',
      supervisor: { employeeId: SUPERVISOR.employeeId, password: 'Wrong-pass-0000' },
    },
    'cases.results': { caseId },
    'cases.recordPrint': { caseId },
    'jcic.status': {},
    'dev.advanceClock': { minutes: 1 },
  };
}

/** Anything at all, or a valid input with one key replaced, removed, or one added. */
function inputFor(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const mutated = fc
    .tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue, fc.constantFrom('replace', 'remove', 'add'))
    .map(([key, value, how]) => {
      const input: Record<string, unknown> = { ...valid };
      if (how === 'replace') input[key] = value;
      else if (how === 'remove') delete input[key];
      else input[`${key}_extra`] = value;
      return input;
    });
  return fc.oneof(
    { weight: 1, arbitrary: hostileValue },
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant(valid) },
  );
}

type Caller = 'anonymous' | 'officer' | 'supervisor' | 'it_admin' | 'locked' | 'must-change';

test(`every contract call with random and hostile input, as every kind of caller: typed errors only, never INTERNAL, the desk still answering (${RUNS_PER_CALLER * 6} calls)`, async () => {
  const f = deskFixture({ branchCode: '0123' });
  fixtures.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('staff.create', {
    employeeId: 'E3003',
    name: '新經辦',
    branchCode: '0123',
    role: 'officer',
    password: 'Temp-pass-3003',
  });
  // The member the staff calls aim at: whatever the fuzz does to it harms no caller.
  const spare = await f.ok('staff.create', {
    employeeId: 'E4004',
    name: '備用',
    branchCode: '0123',
    role: 'officer',
    password: 'Temp-pass-4004',
  });
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const png = (await formPage('fuzz', 700, 900)).toString('base64');
  const { id: caseId } = await f.ok('cases.create', {
    subject: { idNumber: 'A123456789', name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  const withPage = await f.ok('cases.addPages', { caseId, fileName: 'p.png', dataBase64: png });
  const valid = validInputs(caseId, withPage.pages[0]!.id, spare.id, png);
  const codes = new Set(Object.keys(ERROR_MESSAGES));
  const { sessions } = f.desk.services;
  /** The callers' accounts as they were (the fuzz may have disabled, demoted, reset or locked one
   * by a random staff id): repaired through the services, as IT would. */
  const repair = async () => {
    for (const [who, role, mustChange] of [
      [ADMIN, 'it_admin', false],
      [OFFICER, 'officer', false],
      [SUPERVISOR, 'supervisor', false],
      [{ employeeId: 'E3003', password: 'Temp-pass-3003' }, 'officer', true],
    ] as const) {
      const member = f.desk.services.staff.findByEmployeeId(who.employeeId)!;
      await f.desk.services.staff.update(member.id, {
        disabled: false,
        role,
        password: who.password,
        mustChangePassword: mustChange,
      });
      f.desk.services.grants.withdrawFor(member.id, member);
      sessions.clearLockout(who.employeeId);
    }
  };
  const become = async (caller: Caller) => {
    await repair();
    if (caller === 'anonymous') return void (await f.call('auth.logout', {}));
    if (caller === 'must-change')
      return void (await f.ok('auth.login', { employeeId: 'E3003', password: 'Temp-pass-3003' }));
    const who = caller === 'it_admin' ? ADMIN : caller === 'supervisor' ? SUPERVISOR : OFFICER;
    await f.ok('auth.login', { employeeId: who.employeeId, password: who.password });
    if (caller === 'locked') await f.ok('auth.lock', {});
  };
  const stillCaller = async (caller: Caller) => {
    const s = await f.call('session.current', {});
    if (!s.ok) return false;
    const session = s.value;
    if (caller === 'anonymous') return session === null;
    if (!session) return false;
    if (caller === 'locked') return session.locked;
    if (caller === 'must-change') return session.mustChangePassword && !session.locked;
    const role = caller === 'it_admin' ? 'it_admin' : caller;
    return session.user.role === role && !session.locked && !session.mustChangePassword;
  };

  let calls = 0;
  const seen: Record<string, number> = {};
  for (const caller of ['anonymous', 'officer', 'supervisor', 'it_admin', 'locked', 'must-change'] as const) {
    await become(caller);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALL_NAMES).chain((name) => fc.tuple(fc.constant(name), inputFor(valid[name]))),
        async ([name, input]) => {
          if (!(await stillCaller(caller))) await become(caller);
          const result = await f.desk.call(name, input);
          calls++;
          assert.equal(typeof result.ok, 'boolean');
          if (!result.ok) {
            assert.ok(codes.has(result.error.code), `unknown code ${result.error.code}`);
            assert.notEqual(
              result.error.code,
              'INTERNAL',
              `${name} as ${caller} with ${JSON.stringify(input)?.slice(0, 300)}`,
            );
            assert.equal(typeof result.error.message['zh-TW'], 'string');
            assert.equal(typeof result.error.message.en, 'string');
            seen[result.error.code] = (seen[result.error.code] ?? 0) + 1;
          } else seen.ok = (seen.ok ?? 0) + 1;
          if (calls % 100 === 0) assert.equal((await f.call('desk.info', {})).ok, true, 'the desk stopped answering');
        },
      ),
      { numRuns: RUNS_PER_CALLER, seed: 20261201 + calls },
    );
  }
  console.log(`[figures] contract calls fuzzed: ${calls}; outcomes ${JSON.stringify(seen)}`);
  assert.ok(calls >= 3000);
  assert.equal((await f.call('desk.info', {})).ok, true);
});
