// JCIC down, then back, with the desk killed mid-request: the submission is kept, resent with the
// same id, and JCIC records it once. The sandbox runs as its own process, configured like a real JCIC.
import {
  test,
  expect,
  startDesk,
  startSandboxProcess,
  type RunningDesk,
  type RunningSandbox,
  openDesk,
} from './desk-host';
import { prepareCase, signIn, signOut, stepUpApprove, waitForState, STAFF, staffThroughApi } from './flow';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { admin: ADMIN, officer: OFFICER, supervisor: SUPERVISOR } = STAFF;

test('JCIC down → the case waits in the outbox → JCIC back → desk SIGKILLed before recording the answer → restart → sent exactly once', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const jcicDir = mkdtempSync(join(tmpdir(), 'jcic-'));
  let jcic: RunningSandbox | null = await startSandboxProcess(jcicDir, ['--port', '0']);
  const port = jcic.port;
  const policy = { bankCode: '004', branchCode: '0123', jcicEndpoint: `https://127.0.0.1:${port}`, ...jcic.files };
  await jcic.stop(); // the VPN drops
  jcic = null;
  let desk: RunningDesk | null = await startDesk(policy);
  try {
    await openDesk(page, desk);
    await staffThroughApi(page);
    await signIn(page, OFFICER);
    await prepareCase(page, { idNumber: 'E101234569', name: '李建國' }, ['T50', 'T52']);
    await stepUpApprove(page, SUPERVISOR);

    // JCIC can't be reached: the case waits, and the desk says so and what happens next.
    await waitForState(page, 'queued');
    await expect(page.getByTestId('jcic-down')).toContainText('自動重送');
    // At least one attempt was made ("已嘗試 0 次" would mean the desk never tried).
    await expect(page.getByTestId('outbox')).toContainText(/已嘗試 [1-9]\d* 次/);

    // JCIC comes back, slow to answer: it records the submission, then takes 5 s to reply.
    jcic = await startSandboxProcess(jcicDir, ['--port', String(port), '--answer-delay-ms', '5000']);
    await expect.poll(async () => (await jcic!.submissions()).length, { timeout: 90_000, intervals: [250] }).toBe(1);
    // …and the desk dies before it can record the answer.
    await desk.kill();
    const dir = desk.dir;
    desk = await startDesk(policy, {}, { dir });

    await openDesk(page, desk);
    await signIn(page, OFFICER);
    await page.getByRole('button', { name: '案件', exact: true }).click();
    await page.getByRole('button', { name: '開啟' }).first().click();
    await waitForState(page, 'data_received', 60_000);
    // The policy names an endpoint, but the server says it is a sandbox: the desk says so too.
    await expect(page.getByText('訓練環境 / SANDBOX').first()).toBeVisible();

    const submissions = await jcic.submissions();
    expect(submissions).toHaveLength(1); // JCIC never recorded it twice
    expect(submissions[0]!.deliveries).toBe(2); // the lost answer, then the resend with the same id
    expect(submissions[0]!.status).toBe('approved');

    await signOut(page);
    await signIn(page, ADMIN);
    await page.getByRole('button', { name: '稽核紀錄' }).click();
    const audit = page.getByRole('table', { name: '稽核紀錄' });
    await expect(audit.getByText('jcic.unreachable', { exact: true }).first()).toBeVisible();
    await expect(audit.locator('tr', { hasText: 'jcic.submitted' }).first()).toContainText('"duplicate":true');
  } finally {
    await desk?.stop();
    await jcic?.stop();
    rmSync(jcicDir, { recursive: true, force: true });
  }
});
