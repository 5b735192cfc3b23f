// Vectors computed independently (a separate Python implementation of domain.md's rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIdentifier, businessNumberOk } from '../../common/identifiers';

const TODAY = '2026-11-24';

test('national IDs: valid ones pass, a changed digit fails on the checksum', () => {
  for (const id of ['A123456789', 'F234567898', 'a123456789 ']) {
    assert.deepEqual(checkIdentifier(id, TODAY).valid, true, id);
    assert.equal(checkIdentifier(id, TODAY).kind, 'national-id');
  }
  const wrong = checkIdentifier('A123456788', TODAY);
  assert.equal(wrong.valid, false);
  assert.equal(wrong.problem, 'checksum');
});

test('resident certificate numbers: new format, old format, and the old format ending in 2031', () => {
  assert.deepEqual(checkIdentifier('A800000014', TODAY), { kind: 'resident-new', valid: true, value: 'A800000014' });
  assert.equal(checkIdentifier('Y901234560', TODAY).valid, true);
  assert.equal(checkIdentifier('Y901234561', TODAY).problem, 'checksum');
  assert.deepEqual(checkIdentifier('AB12345677', TODAY), { kind: 'resident-old', valid: true, value: 'AB12345677' });
  assert.equal(checkIdentifier('FA12345670', TODAY).valid, true);
  assert.equal(checkIdentifier('FA12345671', TODAY).problem, 'checksum');
  assert.equal(checkIdentifier('AB12345677', '2030-12-31').valid, true);
  const expired = checkIdentifier('AB12345677', '2031-01-01');
  assert.equal(expired.valid, false);
  assert.equal(expired.problem, 'expired-format');
});

test('unified business numbers: mod 5, and the 7th-digit-7 rule', () => {
  for (const v of ['04595257', '10458575', '22099131']) assert.equal(businessNumberOk(v), true, v);
  assert.equal(businessNumberOk('12345678'), false);
  // sum 14: valid only because the 7th digit is 7 and sum + 1 ≡ 0 (mod 5)
  assert.equal(businessNumberOk('10000073'), true);
  assert.equal(businessNumberOk('10000064'), false);
  assert.deepEqual(checkIdentifier('04595257', TODAY), { kind: 'business-number', valid: true, value: '04595257' });
});

test('anything else is an unrecognised format', () => {
  for (const v of ['', 'A12345678', 'A323456789', '1234567', '123456789', 'AE12345678', '身分證']) {
    const verdict = checkIdentifier(v, TODAY);
    assert.equal(verdict.valid, false, v);
    assert.equal(verdict.problem, 'format', v);
  }
});
