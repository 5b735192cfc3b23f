// The DBR 22× helper's arithmetic and how it reads what an officer types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dbr, parseAmount } from '../../common/domain/dbr';

test('an amount typed with full-width digits, separators or spaces is read; a negative or a decimal is not', () => {
  assert.equal(parseAmount('１２３４５６'), 123456);
  assert.equal(parseAmount('１，２３４，５６７'), 1234567);
  assert.equal(parseAmount(' 1,234,567 '), 1234567);
  assert.equal(parseAmount('0'), 0);
  for (const bad of ['-5000', '−5000', '12.5', 'abc', '', '1e6', '１２a'])
    assert.equal(parseAmount(bad), null, JSON.stringify(bad));
});

test('the ratio is debt over monthly income against the 22× ceiling', () => {
  const t50 = {
    taxYear: 113,
    records: [
      {
        formatCode: '50',
        payerName: 'x',
        payerBusinessNumber: '12345675',
        grossAmount: 1_200_000,
        incomeAmount: 1_200_000,
        necessaryExpenses: 0,
        taxWithheld: 0,
        taxYear: 113,
      },
    ],
  };
  const within = dbr(t50 as never, 100_000 * 22);
  assert.deepEqual([within.monthlyIncome, within.ratio, within.withinCeiling], [100_000, 22, true]);
  assert.equal(dbr(t50 as never, 100_000 * 23).withinCeiling, false);
});
