// Usage statistics from the audit trail and the cases' rows, against cases made in the test on the
// sandbox JCIC: queries by officer, product, purpose and month; a rejection by its reason; hours to
// data; authorizations by method; an override; purged cases still counted; CSV; `desk stats`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approveCase, errorCode, OFFICER, SUPERVISOR } from '../support/desk-fixture';
import { deskWithStaff, preparedCase, settle } from '../support/case-flow-kit';
import { runCliOn } from '../support/cli';
import { statsCsv, usageStats } from '../../electron/main/stats/usage-stats';

test('the figures count what the cases did, purged ones included; CSV and desk stats say the same', async () => {
  const f = await deskWithStaff();
  const first = await preparedCase(f, { idNumber: 'A123456789', name: '陳大文' }, ['T50', 'T51']);
  const second = await preparedCase(f, { idNumber: 'B223456782', name: '林小美' }, ['T50']);
  // Another officer's case, which JCIC's review rejects (the sandbox's test ID for an unreadable form).
  await f.ok('auth.login', { employeeId: 'E1002', password: OFFICER.password });
  const rejected = await preparedCase(f, { idNumber: 'T100000007', name: '測試退件甲' }, ['T52']);
  // An answered quality finding: a page count the officer explains.
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  for (const id of [first, second]) await approveCase(f, id);
  await f.ok('auth.login', { employeeId: 'E1002', password: OFFICER.password });
  await approveCase(f, rejected);
  assert.equal(await settle(f, rejected, ['rejected']), 'rejected');
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  assert.equal(await settle(f, first, ['data_received']), 'data_received');
  assert.equal(await settle(f, second, ['data_received']), 'data_received');
  f.desk.services.audit.record({
    actor: null,
    action: 'form.finding_overridden',
    caseId: second,
    detail: { finding: 'page_count', page: '', reason: '附件一頁' },
  });
  // Purged at the end of retention: the figures still count them.
  f.advanceMinutes(4 * 24 * 60);
  await f.desk.services.retention.sweep();
  assert.equal(f.desk.services.cases.row(first).state, 'purged');

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const stats = usageStats(f.desk.services.db, day(-1), day(2));
  assert.equal(stats.queries.total, 3);
  assert.deepEqual(stats.queries.byOfficer, [
    { key: OFFICER.employeeId, count: 2 },
    { key: 'E1002', count: 1 },
  ]);
  assert.deepEqual(stats.queries.byProduct, [
    { key: 'T50', count: 2 },
    { key: 'T51', count: 1 },
    { key: 'T52', count: 1 },
  ]);
  assert.deepEqual(stats.queries.byPurpose, [{ key: 'credit', count: 3 }]);
  assert.equal(
    stats.queries.byMonth.reduce((n, m) => n + m.count, 0),
    3,
  );
  assert.deepEqual(stats.rejections.byReason, [{ key: 'form-unreadable', count: 1 }]);
  assert.equal(stats.hoursToData.cases, 2);
  assert.ok(stats.hoursToData.median! >= 0 && stats.hoursToData.p90! >= stats.hoursToData.median!);
  assert.deepEqual(stats.authorizations, [{ key: 'paper', count: 3 }]);
  assert.deepEqual(stats.overrides.byFinding, [{ key: 'page_count', count: 1 }]);
  // Another window sees none of it.
  assert.equal(usageStats(f.desk.services.db, day(-30), day(-20)).queries.total, 0);

  const csv = statsCsv(stats);
  assert.match(csv, /^section,key,count\r\n/);
  assert.match(csv, /queries by officer,E1001,2\r\n/);
  assert.match(csv, /rejections by reason,form-unreadable,1\r\n/);
  assert.doesNotMatch(csv, /A123456789|陳大文/, 'counts only: no customer');

  // The screen's call: the same figures, computed in a worker on a read-only connection; for
  // supervisors and IT only; days the wrong way round refused under the field.
  await f.ok('auth.unlock', { password: OFFICER.password }); // four days idle: the desk locked itself
  assert.equal(errorCode(await f.call('stats.usage', { from: day(-1), to: day(2) })), 'FORBIDDEN');
  await f.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
  const viaScreen = await f.ok('stats.usage', { from: day(-1), to: day(2) });
  assert.deepEqual(viaScreen.stats, stats);
  assert.equal(viaScreen.csv, csv);
  const backwards = await f.call('stats.usage', { from: day(2), to: day(-1) });
  assert.equal(errorCode(backwards), 'VALIDATION');
  assert.equal(!backwards.ok && backwards.error.fields?.[0]?.path, 'to');

  f.desk.close();
  const cli = runCliOn(f.dataDir, ['stats', '--from', day(-1), '--to', day(2)]);
  assert.equal(cli.code, 0, cli.out);
  assert.match(cli.stdout, /queries: +3/);
  assert.match(cli.stdout, /rejections: +1 +form-unreadable 1/);
  const asCsv = runCliOn(f.dataDir, ['stats', '--from', day(-1), '--to', day(2), '--csv']);
  assert.equal(asCsv.stdout, csv);
  const bad = runCliOn(f.dataDir, ['stats', '--from', day(2), '--to', day(-1)]);
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /usage: desk stats/);
  f.reopen();
});
