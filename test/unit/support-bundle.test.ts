// The support bundle, from IT's screen (desk.supportBundle) and from `desk doctor --bundle`: opened
// and searched, it holds the masked logs, the policy, the versions and the diagnostics, and never a
// whole ID number, a password, a PIN or a value JCIC returned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ADMIN, OFFICER, approveCase, deskFixture, errorCode } from '../support/desk-fixture';
import { deskWithStaff, preparedCase, settle } from '../support/case-flow-kit';
import { returnedValues } from '../support/returned-values';
import { runCliOn } from '../support/cli';

const text = (zip: Buffer) =>
  Object.fromEntries(Object.entries(unzipSync(new Uint8Array(zip))).map(([name, bytes]) => [name, strFromU8(bytes)]));

test("IT's bundle: versions, policy, diagnostics and masked logs; no ID number, password, PIN or returned value", async () => {
  const f = await deskWithStaff();
  try {
    const idNumber = 'A123456789';
    const caseId = await preparedCase(f, { idNumber, name: '陳大文' });
    await approveCase(f, caseId);
    assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
    const values = returnedValues(await f.ok('cases.results', { caseId }));
    assert.ok(values.length > 5);
    // What the desk logged meanwhile, as a running desk's log would hold it (an error naming the customer).
    mkdirSync(join(f.dataDir, 'logs'), { recursive: true });
    writeFileSync(
      join(f.dataDir, 'logs', 'desk.log'),
      `{"event":"console","detail":"[intake] ${idNumber} pin=918273"}\n`,
    );
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    assert.equal(errorCode(await f.call('desk.supportBundle', {})), 'FORBIDDEN', 'IT only');
    await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
    const { fileName, dataBase64 } = await f.ok('desk.supportBundle', {});
    assert.match(fileName, /^branch-desk-support-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = text(Buffer.from(dataBase64, 'base64'));
    assert.deepEqual(Object.keys(files).sort(), [
      'README.txt',
      'diagnostics.txt',
      'logs/desk.log',
      'policy.json',
      'versions.json',
    ]);
    assert.equal(
      JSON.parse(files['versions.json']!).schemaVersion,
      JSON.parse(files['versions.json']!).expectedSchemaVersion,
    );
    assert.equal(JSON.parse(files['policy.json']!).policy.branchCode, '0123');
    assert.match(files['logs/desk.log']!, /A\*{6}789/);
    const all = Object.values(files).join('\n');
    assert.ok(!all.includes(idNumber), 'no whole ID number');
    for (const secret of [ADMIN.password, OFFICER.password]) assert.ok(!all.includes(secret), 'no password');
    for (const value of values) assert.ok(!all.includes(value), `no returned value (${value})`);
    assert.ok(!all.includes('918273'), 'no PIN');
    const audit = (await f.ok('audit.list', { limit: 20 })).items.map((e) => e.action);
    assert.ok(audit.includes('desk.support_bundle'));
  } finally {
    f.desk.close();
  }
});

test('desk doctor --bundle writes the same bundle (0600) with the doctor report in it', async () => {
  const f = deskFixture({ branchCode: '0123' });
  await f.ok('setup.createAdmin', ADMIN);
  f.desk.close();
  mkdirSync(join(f.dataDir, 'logs'), { recursive: true });
  writeFileSync(join(f.dataDir, 'logs', 'desk.1.log'), '{"detail":"B223456782 password=Secret-1"}\n');
  const out = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'support.zip');
  const run = runCliOn(f.dataDir, ['doctor', '--bundle', out], '{"branchCode":"0123"}');
  assert.match(run.stdout, /support bundle: .*support\.zip/);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  const files = text(readFileSync(out));
  assert.match(files['diagnostics.txt']!, /Branch Desk .* doctor/);
  assert.match(files['diagnostics.txt']!, /store +schema/);
  assert.match(files['logs/desk.1.log']!, /B\*{6}782 password=\[withheld\]/);
  assert.ok(!Object.values(files).join('\n').includes('B223456782'));
  assert.ok(!Object.values(files).join('\n').includes('Secret-1'));
  // An invalid policy: the doctor says why and exits 1; no bundle, and no crash.
  const refused = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'none.zip');
  const bad = runCliOn(f.dataDir, ['doctor', '--bundle', refused], '{"idleLockMinutes": 0}');
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.stdout, /idleLockMinutes/);
  assert.equal(existsSync(refused), false);
  f.reopen();
  f.dispose();
});
