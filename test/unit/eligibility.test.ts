// The purpose × role × product table of domain.md, with its effective dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEligibility } from '../../common/domain/eligibility';
import { canTransition, CASE_STATES, TRANSITIONS } from '../../common/domain/case-states';

const ok = (...a: Parameters<typeof checkEligibility>) => checkEligibility(...a).allowed;
const why = (...a: Parameters<typeof checkEligibility>) => {
  const v = checkEligibility(...a);
  return v.allowed ? 'allowed' : v.reason;
};

test('credit: the borrower may get T50–T52 since the service began', () => {
  for (const p of ['T50', 'T51', 'T52'] as const) assert.equal(ok('credit', 'borrower', p, '2020-01-15'), true);
  assert.equal(why('credit', 'borrower', 'T50', '2020-01-14'), 'not-yet-effective');
});

test('credit: guarantor and responsible person get T50/T51 from 2024-04, never T52', () => {
  for (const role of ['guarantor', 'responsible_person'] as const) {
    assert.equal(why('credit', role, 'T50', '2024-03-31'), 'not-yet-effective');
    assert.equal(ok('credit', role, 'T50', '2024-04-01'), true);
    assert.equal(ok('credit', role, 'T51', '2024-04-01'), true);
    assert.equal(why('credit', role, 'T52', '2026-01-01'), 'product-not-for-role');
  }
});

test('credit card: the applicant gets T50/T51 from 2023-11, never T52', () => {
  assert.equal(why('credit_card', 'applicant', 'T50', '2023-10-31'), 'not-yet-effective');
  assert.equal(ok('credit_card', 'applicant', 'T50', '2023-11-01'), true);
  assert.equal(ok('credit_card', 'applicant', 'T51', '2023-11-01'), true);
  assert.equal(why('credit_card', 'applicant', 'T52', '2025-01-01'), 'product-not-for-role');
  assert.equal(why('credit_card', 'borrower', 'T50', '2025-01-01'), 'role-not-for-purpose');
});

test('AML, compliance and other purposes are never allowed; T53/T54 ended in 2022-10', () => {
  assert.equal(why('aml_compliance', 'borrower', 'T50', '2025-01-01'), 'purpose-never-allowed');
  assert.equal(why('other', 'borrower', 'T51', '2025-01-01'), 'purpose-never-allowed');
  assert.equal(why('credit', 'borrower', 'T53', '2025-01-01'), 'product-ended');
  assert.equal(why('credit', 'borrower', 'T54', '2022-10-01'), 'product-ended');
  const msg = checkEligibility('credit', 'borrower', 'T53', '2025-01-01');
  assert.ok(!msg.allowed && msg.message['zh-TW'].includes('2022-10'));
});

test('the case state machine: purge is final, nothing skips approval', () => {
  assert.deepEqual(TRANSITIONS.purged, []);
  assert.equal(canTransition('draft', 'queued'), false);
  assert.equal(canTransition('authorization_captured', 'approved'), false);
  assert.equal(canTransition('awaiting_approval', 'approved'), true);
  assert.equal(canTransition('data_received', 'purged'), true);
  // canTransition answers exactly what the table lists, for every pair of states.
  for (const from of CASE_STATES)
    for (const to of CASE_STATES)
      assert.equal(canTransition(from, to), TRANSITIONS[from].includes(to), `${from} → ${to}`);
  // Every state is reachable from a draft, and every path ends in purged.
  const reachable = new Set<string>(['draft']);
  for (let grew = true; grew;) {
    grew = false;
    for (const from of reachable)
      for (const to of TRANSITIONS[from as keyof typeof TRANSITIONS])
        if (!reachable.has(to)) {
          reachable.add(to);
          grew = true;
        }
  }
  assert.deepEqual([...reachable].sort(), [...CASE_STATES].sort());
  for (const s of CASE_STATES) if (s !== 'purged') assert.ok(TRANSITIONS[s].length > 0, `${s} is a dead end`);
});
