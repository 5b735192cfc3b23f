// Retention as a running desk does it, with no test calling sweep(): the timer deletes data when its
// window ends, and a desk started after a long weekend deletes the backlog just after start-up
// (hiding it from the first moment).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk } from '../../electron/main/desk';
import { adjustableClock, type Clock } from '../../electron/main/clock';
import { parsePolicy } from '../../electron/main/policy/policy';
import type { CallName, InputOf, OutputOf } from '../../common/contract';
import { ADMIN, OFFICER, SUPERVISOR } from '../support/desk-fixture';
import { formPage } from '../support/forms';

const dataDir = mkdtempSync(join(tmpdir(), 'retention-timer-'));
const desks: Desk[] = [];
after(() => {
  desks.forEach((d) => d.close());
  rmSync(dataDir, { recursive: true, force: true });
});

/** A desk as the hosts start it: timers, the outbox and the built-in sandbox JCIC (its own process). */
async function runningDesk(clock: Clock): Promise<Desk> {
  const desk = createDesk({
    dataDir,
    clock,
    version: 'test',
    loadedPolicy: parsePolicy({ origin: 'test', kind: 'json', text: '{"branchCode":"0123"}' }),
    sandboxReviewDelaySeconds: 0,
    jcicPollMs: 100,
    retentionCheckMs: 100,
  });
  desks.push(desk);
  await desk.jcicReady;
  return desk;
}

async function ok<N extends CallName>(desk: Desk, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const r = await desk.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message.en}`);
  return r.value as OutputOf<N>;
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return;
  assert.fail(`timed out waiting for ${what}`);
}

async function caseWithData(desk: Desk, idNumber: string): Promise<number> {
  await ok(desk, 'auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const { id } = await ok(desk, 'cases.create', {
    subject: { idNumber, name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  await ok(desk, 'cases.addPages', {
    caseId: id,
    fileName: 'p.png',
    dataBase64: (await formPage('p', undefined, undefined, idNumber)).toString('base64'),
  });
  const today = new Date().toISOString().slice(0, 10);
  const captured = await ok(desk, 'cases.captureAuthorization', {
    caseId: id,
    signedOn: today,
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await ok(desk, 'cases.requestApproval', { caseId: id });
  await ok(desk, 'cases.approve', {
    caseId: id,
    pagesDigest: captured.pagesDigest!,
    supervisor: { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password },
  });
  await until('the data', async () => (await ok(desk, 'cases.get', { caseId: id })).state === 'data_received');
  return id;
}

test('the retention timer deletes data when its window ends; a desk started after a long weekend deletes the backlog just after start-up', async () => {
  const clock = adjustableClock();
  let desk = await runningDesk(clock);
  await ok(desk, 'setup.createAdmin', ADMIN);
  for (const who of [OFFICER, SUPERVISOR]) {
    await ok(desk, 'staff.create', { ...who, password: `Temp-${who.password}` });
    await ok(desk, 'auth.login', { employeeId: who.employeeId, password: `Temp-${who.password}` });
    await ok(desk, 'auth.changePassword', { currentPassword: `Temp-${who.password}`, newPassword: who.password });
    await ok(desk, 'auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  }
  const first = await caseWithData(desk, 'A123456789');
  clock.advance((3 * 24 * 60 + 1) * 60_000);
  // Nothing here calls sweep(): the desk's own timer does it.
  await until('the timer purge', async () => {
    await ok(desk, 'auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    return (await ok(desk, 'cases.get', { caseId: first })).state === 'purged';
  });

  const second = await caseWithData(desk, 'B223456782');
  desk.close();
  // Closed over a long weekend: four days later the desk starts again.
  const monday = adjustableClock(new Date(clock.now().getTime() + 4 * 86_400_000));
  desk = await runningDesk(monday);
  await ok(desk, 'auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const atStart = await ok(desk, 'cases.get', { caseId: second });
  assert.equal(atStart.resultsAvailable, false, 'hidden from the first moment, before any sweep');
  await until('the start-up purge', async () => (await ok(desk, 'cases.get', { caseId: second })).state === 'purged');
});
