// The sandbox's returned data names each company with its one 統一編號: every registry entry is
// valid under the checksum, and every payer, holding and employer in T50, T51 and T52 is a registry
// entry with that entry's number (issue 8: 中華電信 had one number in T50 and another in T51).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { businessNumberOk, checkIdentifier } from '../../common/identifiers';
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { BANKS, DEMO_COMPANIES, EMPLOYERS, LISTED, PUBLISHER } from '../../sandbox/jcic/demo-companies';
import { sampleT50, sampleT51, sampleT52 } from '../../sandbox/jcic/sample-data';

const registry = new Map(DEMO_COMPANIES.map((c) => [c.name, c.businessNumber]));

test('every demo company has one 統一編號, valid under the checksum, and no two share one', () => {
  const today = '2026-05-01';
  for (const c of DEMO_COMPANIES) {
    assert.ok(businessNumberOk(c.businessNumber), `${c.name} ${c.businessNumber}`);
    assert.deepEqual(
      [checkIdentifier(c.businessNumber, today).kind, checkIdentifier(c.businessNumber, today).valid],
      ['business-number', true],
      c.name,
    );
  }
  assert.equal(registry.size, DEMO_COMPANIES.length, 'a company is listed twice');
  assert.equal(new Set(DEMO_COMPANIES.map((c) => c.businessNumber)).size, DEMO_COMPANIES.length, 'a number is shared');
  assert.deepEqual(DEMO_COMPANIES, [...EMPLOYERS, ...BANKS, ...LISTED, PUBLISHER]);
});

/** IDs enough for every branch of the generators: the demo customers and a few hundred more. */
const IDS = [
  ...DEMO_CUSTOMERS.map((c) => c.idNumber),
  ...Array.from({ length: 400 }, (_, i) => `A1${String(i).padStart(8, '0')}`),
];

test('every company in T50, T51 and T52 comes from the registry with its number', () => {
  const seen = { T50: new Set<string>(), T51: new Set<string>(), T52: new Set<string>() };
  const same = (product: keyof typeof seen, name: string, businessNumber: string) => {
    assert.equal(registry.get(name), businessNumber, `${product}: ${name} has ${businessNumber}`);
    seen[product].add(name);
  };
  for (const today of [new Date('2026-05-01T03:00:00Z'), new Date('2023-10-20T02:00:00Z')]) {
    for (const id of IDS) {
      for (const r of sampleT50(id, today).records) same('T50', r.payerName, r.payerBusinessNumber);
      for (const h of sampleT51(id).investments) same('T51', h.company, h.businessNumber);
      for (const p of sampleT52(id, today).periods) same('T52', p.employerName, p.employerBusinessNumber);
    }
  }
  // The generators reach the whole registry: each kind of payer where it belongs.
  assert.deepEqual([...seen.T50].sort(), DEMO_COMPANIES.map((c) => c.name).sort());
  assert.deepEqual([...seen.T51].sort(), LISTED.map((c) => c.name).sort());
  assert.deepEqual([...seen.T52].sort(), EMPLOYERS.map((c) => c.name).sort());
  // So the two cases now agree: one number in T50 and T51, one in T50 and T52.
  assert.ok(seen.T50.has('中華電信股份有限公司') && seen.T51.has('中華電信股份有限公司'));
  assert.ok(seen.T50.has('新北物流股份有限公司') && seen.T52.has('新北物流股份有限公司'));
});
