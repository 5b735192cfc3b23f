// The foundation through the UI in Chromium against the web host: first-run setup, staff
// administration, sign-in, idle lock, lockout, language, and the page's security.
import { test, expect, startDesk, openDesk } from './desk-host';
import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemo, DEMO, signIn, signOut, submitSignIn } from './flow';

const ADMIN = { id: 'IT001', name: '林資訊', branch: '0123', password: 'Admin-pass-2026' };
const OFFICER = { id: 'E1001', name: '王經辦', password: 'Officer-pass-1', own: 'Officer-own-2026' };
const SUPERVISOR = { id: 'S2001', name: '陳主管', password: 'Super-pass-22' };

async function addStaff(page: Page, who: { id: string; name: string; password: string }, role: string) {
  const form = page.getByRole('form', { name: '新增人員' });
  await form.getByLabel('員工編號').fill(who.id);
  await form.getByLabel('姓名').fill(who.name);
  await form.getByLabel('角色').selectOption({ label: role });
  await form.getByLabel('密碼').fill(who.password);
  await form.getByRole('button', { name: '新增' }).click();
  await expect(page.getByRole('status')).toHaveText(`已新增 ${who.name}`);
}

test('first-run setup → staff → officer signs in → idle lock → five wrong passwords lock the account', async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await expect(page.getByText('訓練環境 / SANDBOX')).toBeVisible();
  await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();

  // A weak password is refused with the fixed wording; nothing typed is lost.
  await page.getByLabel('員工編號').fill(ADMIN.id);
  await page.getByLabel('姓名').fill(ADMIN.name);
  await page.getByLabel('分行代號').fill(ADMIN.branch);
  await page.getByLabel('密碼', { exact: true }).fill('short');
  await page.getByLabel('再次輸入密碼').fill('short');
  await page.getByRole('button', { name: '建立管理者並登入' }).click();
  await expect(page.getByRole('alert')).toContainText('密碼至少 10 個字元');
  await expect(page.getByLabel('姓名')).toHaveValue(ADMIN.name);
  await page.getByLabel('密碼', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('再次輸入密碼').fill(ADMIN.password);
  await page.getByRole('button', { name: '建立管理者並登入' }).click();
  await expect(page.getByText(`${ADMIN.name}（資訊管理者，分行 ${ADMIN.branch}）`)).toBeVisible();
  // The IT home says how this desk keeps its data key (browser mode: a file, with the way out).
  await expect(page.getByTestId('health-key')).toContainText('僅以檔案保存');
  await expect(page.getByTestId('health-outbox')).toHaveText('無待送案件');

  await page.getByRole('button', { name: '人員管理' }).click();
  await addStaff(page, OFFICER, '授信經辦');
  await addStaff(page, SUPERVISOR, '主管');
  const list = page.getByRole('table', { name: '人員清單' });
  await expect(list.locator('tr[data-employee-id="E1001"]')).toContainText('王經辦');
  await expect(list.locator('tr[data-employee-id="S2001"]')).toContainText('陳主管');
  await signOut(page);

  // The password IT chose must be replaced first: nothing else is offered until it is.
  await submitSignIn(page, { id: OFFICER.id, password: OFFICER.password });
  await expect(page.getByRole('heading', { name: '變更密碼' })).toBeVisible();
  await expect(page.getByText('您的密碼由資訊人員設定')).toBeVisible();
  await expect(page.getByRole('button', { name: '案件' })).toHaveCount(0);
  const change = page.getByRole('form', { name: '變更密碼' });
  await change.getByLabel('目前密碼').fill(OFFICER.password);
  await change.getByLabel('新密碼', { exact: true }).fill(OFFICER.own);
  await change.getByLabel('再次輸入新密碼').fill('Officer-typo-2026');
  await change.getByRole('button', { name: '變更密碼' }).click();
  await expect(page.getByRole('alert')).toHaveText('兩次輸入的新密碼不一致');
  await change.getByLabel('目前密碼').fill(OFFICER.password);
  await change.getByLabel('新密碼', { exact: true }).fill(OFFICER.own);
  await change.getByLabel('再次輸入新密碼').fill(OFFICER.own);
  await change.getByRole('button', { name: '變更密碼' }).click();
  await expect(page.getByText('王經辦（授信經辦，分行 0123）')).toBeVisible();
  await expect(page.getByRole('heading', { name: '工作區' })).toBeVisible();
  await expect(page.getByRole('button', { name: '人員管理' })).toHaveCount(0);
  await expect(page.getByText('訓練環境 / SANDBOX')).toBeVisible();

  // Idle for longer than the policy's 5 minutes: main locks the session, the renderer shows it.
  await desk.advanceClock(6);
  await expect(page.getByRole('heading', { name: '畫面已鎖定' })).toBeVisible();
  await page.getByLabel('密碼').fill('Wrong-pass-000');
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await expect(page.getByRole('alert')).toHaveText('員工編號或密碼錯誤');
  await page.getByLabel('密碼').fill(OFFICER.own);
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await expect(page.getByRole('heading', { name: '工作區' })).toBeVisible();
  await signOut(page);

  // Five wrong passwords for the supervisor: a warning before the last, then the lock.
  for (let i = 1; i <= 5; i++) {
    await submitSignIn(page, { id: SUPERVISOR.id, password: `Wrong-pass-00${i}` });
    // The desk empties the password field when it has answered: only then is the next try typed.
    await expect(page.getByLabel('密碼')).toHaveValue('');
    const expected = i < 4 ? 'BAD_CREDENTIALS' : i === 4 ? 'BAD_CREDENTIALS_LAST_TRY' : 'ACCOUNT_LOCKED';
    await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', expected);
  }
  await expect(page.getByRole('alert')).toContainText('帳號已鎖定');
  await submitSignIn(page, SUPERVISOR);
  await expect(page.getByLabel('密碼')).toHaveValue('');
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'ACCOUNT_LOCKED');

  // The administrator sees the lock and the audit trail of all of it.
  await signIn(page, ADMIN);
  await page.getByRole('button', { name: '人員管理' }).click();
  await expect(page.locator('tr[data-employee-id="S2001"]')).toContainText('鎖定至');
  await page.getByRole('button', { name: '稽核紀錄' }).click();
  const audit = page.getByRole('table', { name: '稽核紀錄' });
  for (const action of [
    'auth.account_locked',
    'auth.login_failed',
    'session.idle_locked',
    'auth.unlock',
    'auth.password_changed',
    'staff.created',
    'setup.first_admin_created',
  ]) {
    await expect(audit.getByText(action, { exact: true }).first()).toBeVisible();
  }
});

test('English is one click away and everything, errors included, follows it', async ({ page, desk }) => {
  await openDesk(page, desk);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'First-run setup: create the first IT administrator' })).toBeVisible();
  await expect(page.getByText('訓練環境 / SANDBOX')).toBeVisible();
  await page.getByLabel('Employee ID').fill('IT001');
  await page.getByLabel('Name').fill('Admin');
  await page.getByLabel('Branch code').fill('12');
  await page.getByLabel('Password', { exact: true }).fill('Admin-pass-2026');
  await page.getByLabel('Password again').fill('Admin-pass-2026');
  await page.getByRole('button', { name: 'Create administrator and sign in' }).click();
  await expect(page.locator('[data-error-code="VALIDATION"]')).toHaveText('Please correct: Branch code: 4 digits');
  await expect(page.getByLabel('Branch code')).toHaveAccessibleDescription('4 digits');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();
  await expect(page.locator('[data-error-code="VALIDATION"]')).toHaveText('請修正：分行代號：須為 4 位數字');
  await expect(page.getByLabel('分行代號')).toHaveAccessibleDescription('須為 4 位數字');
});

test('the page is locked down: strict CSP blocks injected script; wrong types from the page get a validation error', async ({
  page,
  desk,
}) => {
  const response = await openDesk(page, desk);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  const reply = await page.evaluate(async () => {
    const r = await fetch('/api/call/setup.createAdmin', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ employeeId: ['x'], password: 7 }),
    });
    return r.json();
  });
  expect(reply.ok).toBe(false);
  expect(reply.error.code).toBe('VALIDATION');
  // The desk is still serving after the bad call.
  await page.reload();
  await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();
});

test('a page from another origin cannot call the desk, even a request that needs no CORS preflight', async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();
  // Another local page, same site (127.0.0.1, another port): the browser sends the desk's Strict
  // cookie with its requests, so only the desk's own Origin and Content-Type checks stand.
  const other = createServer((_req, res) => res.end('<!doctype html><title>other</title>')).listen(0, '127.0.0.1');
  await new Promise((r) => other.once('listening', r));
  try {
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const attempts = await page.evaluate(async (origin) => {
      const url = `${origin}/api/call/setup.createDemo`;
      const outcomes: string[] = [];
      const tryFetch = async (init: RequestInit) => {
        try {
          const r = await fetch(url, init);
          outcomes.push(r.type === 'opaque' ? 'opaque' : String(r.status));
        } catch {
          outcomes.push('blocked');
        }
      };
      // "Simple" requests reach the server without a preflight; the page cannot read the answer,
      // but the desk must not act on them.
      await tryFetch({
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'Content-Type': 'text/plain' },
        body: '{}',
      });
      await tryFetch({
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        body: new URLSearchParams({ a: '1' }),
      });
      await tryFetch({
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return outcomes;
    }, desk.origin);
    // Whether the browser lets the page see an opaque answer varies (CORP); what counts is below.
    expect(attempts).toHaveLength(3);
    expect(attempts[2]).toBe('blocked');
  } finally {
    other.close();
  }
  // Had any of them been acted on, the demo accounts would exist now.
  const info = await page.context().request.post(`${desk.origin}/api/call/desk.info`, {
    headers: { Origin: desk.origin, 'Content-Type': 'application/json' },
    data: {},
  });
  const body = await info.json();
  expect(body.ok).toBe(true);
  expect(body.value.needsSetup).toBe(true);
  expect(body.value.demoAccounts).toEqual([]);
});

test('an invalid IT policy stops the desk with a message naming the field', async () => {
  const failure = await startDesk({ idleLockMinutes: 0, bankCode: 'ABC' }).then(
    async (d) => {
      await d.stop();
      return null;
    },
    (e: Error) => e.message,
  );
  expect(failure).toContain('idleLockMinutes: must be at least 1 minute');
  expect(failure).toContain('bankCode: must be 3 digits');
  expect(failure).toContain('Invalid IT policy');
});

test('a role change asks first and says what it grants; it waits for a second person, who confirms it on their home; the first supervisor is flagged for IT', async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.admin);
  const grants = page.getByRole('region', { name: '待確認的權限授予' });
  await expect(grants.locator('li[data-state="provisional"]')).toContainText('陳主管（S2001）');
  await expect(grants).toContainText('本桌面首位主管：已生效但尚未經第二人確認');

  await page.getByRole('button', { name: '人員管理' }).click();
  await page.getByLabel('變更角色 E1002').selectOption({ label: '主管' });
  const dialog = page.getByRole('alertdialog', { name: '確定變更角色' });
  await expect(dialog).toContainText('將 李經辦（E1002）的角色改為「主管」？');
  await expect(dialog).toContainText('可核准或退回案件並送出 JCIC 查詢');
  await expect(dialog).toContainText('須由另一位主管或資訊管理者確認後才生效');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByLabel('變更角色 E1002')).toHaveValue('officer');
  await page.getByLabel('變更角色 E1002').selectOption({ label: '主管' });
  await dialog.getByRole('button', { name: '確定變更角色' }).click();
  await expect(page.getByRole('status')).toHaveText('已提出 李經辦 的權限授予，待另一人確認');
  const row = page.locator('tr[data-employee-id="E1002"]');
  await expect(row).toContainText('主管權限待確認');
  await expect(page.getByLabel('變更角色 E1002')).toHaveValue('officer');

  await signOut(page);
  await signIn(page, DEMO.supervisor);
  await grants.getByRole('button', { name: '確認授予 李經辦 的權限' }).click();
  await expect(grants.locator('li[data-state="pending"]')).toHaveCount(0);
  await signOut(page);
  await signIn(page, { id: 'E1002', password: 'Demo-officer-2' });
  await expect(page.getByText('李經辦（主管，分行')).toBeVisible();
});
