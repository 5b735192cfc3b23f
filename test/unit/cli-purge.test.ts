// `npm run desk -- purge [--dry-run]` on a store whose case came due while the desk was closed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { KEY_FILE } from '../../electron/main/vault/data-key';
import { join } from 'node:path';
import {
  ADMIN,
  OFFICER,
  SUPERVISOR,
  approveCase,
  deskFixture,
  type DeskFixture,
  newDraft,
} from '../support/desk-fixture';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import { formPage } from '../support/forms';
import { runCliOn } from '../support/cli';

let jcic: SandboxFixture;
let f: DeskFixture;
after(async () => {
  f?.dispose();
  await jcic?.sandbox.close();
});

const cli = (args: string[]) => runCliOn(f.dataDir, args);
const purge = (args: string[]) => cli(['purge', ...args]);

test('purge --dry-run lists what is due and why, changing nothing; purge then deletes it', async () => {
  jcic = await sandboxFixture();
  // The desk worked four days ago, then was closed: its 3-day window has passed since.
  const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000);
  f = deskFixture({ branchCode: '0123' }, fourDaysAgo);
  f.desk.services.outbox.useGateway(jcic.gateway());
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const c = await newDraft(f, ['T50', 'T51']);
  await f.ok('cases.addPages', {
    caseId: c.id,
    fileName: 'form.png',
    dataBase64: (await formPage('p')).toString('base64'),
  });
  const day = fourDaysAgo.toISOString().slice(0, 10);
  await f.ok('cases.captureAuthorization', {
    caseId: c.id,
    signedOn: day,
    validUntil: new Date(fourDaysAgo.getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
  });
  await f.ok('cases.requestApproval', { caseId: c.id });
  await approveCase(f, c.id);
  for (let i = 0; i < 40 && (await f.ok('cases.get', { caseId: c.id })).state !== 'data_received'; i++) {
    await f.desk.services.outbox.drain();
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await f.ok('cases.get', { caseId: c.id })).state, 'data_received');
  f.desk.close();
  // On a deployed desk the data key is wrapped by the OS key store, which this command line
  // cannot reach: deleting needs no key, so purge works all the same.
  const keyPath = join(f.dataDir, KEY_FILE);
  const fileKey = readFileSync(keyPath);
  writeFileSync(
    keyPath,
    JSON.stringify({ ...JSON.parse(fileKey.toString()), protection: 'os-keystore', wrapped: 'AAAA' }),
  );

  // Support's first look: what the desk holds and when the next deletion is due.
  const doctor = cli(['doctor']);
  assert.match(doctor.out, /ok +cases +data_received 1; next deletion \d{4}-\d{2}-\d{2}T/);
  assert.match(doctor.out, /ok +outbox +nothing waiting/);

  const dry = purge(['--dry-run']);
  assert.equal(dry.code, 0, dry.out);
  assert.match(
    dry.out,
    new RegExp(
      `case #${c.id} \\(data_received, due .*\\): would delete T50, T51 and 1 form page\\(s\\) — retention window ended`,
    ),
  );
  assert.match(dry.out, /dry run: nothing changed/);
  assert.match(purge(['--dry-run']).out, new RegExp(`case #${c.id}`)); // still there

  const real = purge([]);
  assert.equal(real.code, 0, real.out);
  assert.match(real.out, new RegExp(`case #${c.id} .*: did delete T50, T51`));
  assert.match(purge(['--dry-run']).out, /nothing is due/);
  writeFileSync(keyPath, fileKey);
  f.reopen();
  const actions = f.desk.services.audit.list(1000).map((a) => a.action);
  assert.ok(actions.includes('retention.cli_dry_run') && actions.includes('retention.cli_purge'));
  assert.ok(!actions.includes('desk.started'), 'a one-shot tool does not claim the desk started');
  // The tool could not sign: its entries waited in the inbox and the desk signed them in at its start.
  const signedLater = f.desk.services.audit.list(1000).filter((a) => a.action.startsWith('retention.cli_'));
  assert.ok(signedLater.every((a) => JSON.parse(a.detail!).signedLater === true && a.mac !== null));
  assert.equal((f.desk.services.db.prepare('SELECT COUNT(*) AS n FROM audit_inbox').get() as { n: number }).n, 0);
  const verdict = await f.desk.services.audit.verify({ full: true });
  assert.deepEqual([verdict.intact, verdict.problems], [true, []]);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const after = await f.ok('cases.get', { caseId: c.id });
  assert.equal(after.state, 'purged');
  assert.equal(after.pages.length, 0);
  assert.ok(after.events.length > 5, 'history kept');
});
