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
import { OFFICER } from '../support/desk-fixture';
import { caseWithData, ok, staffTheDesk, until } from '../support/running-desk';

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

test('the retention timer deletes data when its window ends; a desk started after a long weekend deletes the backlog just after start-up', async () => {
  const clock = adjustableClock();
  let desk = await runningDesk(clock);
  await staffTheDesk(desk);
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
