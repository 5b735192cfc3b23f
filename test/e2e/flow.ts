// UI steps shared by the case specs: what an officer and a supervisor do, through the screens.
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { expect, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formPage } from '../support/forms';

export const DEMO = {
  admin: { id: 'IT001', password: 'Demo-admin-2026' },
  officer: { id: 'E1001', password: 'Demo-officer-1' },
  supervisor: { id: 'S2001', password: 'Demo-super-2026' },
};

export async function createDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: '建立示範資料' }).click();
  await expect(page.getByRole('table', { name: '示範帳號（僅於訓練環境顯示）' })).toBeVisible();
}

/** Types an employee ID and password on the sign-in screen and submits them; the desk may refuse. */
export async function submitSignIn(page: Page, who: { id: string; password: string }): Promise<void> {
  await page.getByLabel('員工編號').fill(who.id);
  await page.getByLabel('密碼').fill(who.password);
  await page.getByRole('button', { name: '登入', exact: true }).click();
}

/** Signs in and waits until the desk has let them in. */
export async function signIn(page: Page, who: { id: string; password: string }): Promise<void> {
  await submitSignIn(page, who);
  await expect(page.getByRole('button', { name: '登出' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('heading', { name: '登入' })).toBeVisible();
}

export async function twoPageForm(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'form-'));
  const files = [join(dir, '授權書-p1.png'), join(dir, '授權書-p2.png')];
  writeFileSync(files[0]!, await formPage('PAGE 1'));
  writeFileSync(files[1]!, await formPage('PAGE 2'));
  return files;
}

export const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Officer: a new draft case for a demo customer (by name) or a typed one. */
export async function newDraftCase(
  page: Page,
  customer: string | { idNumber: string; name: string },
  products: string[] = ['T50'],
): Promise<void> {
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await page.getByRole('button', { name: '新增案件' }).click();
  if (typeof customer === 'string') {
    await page.getByRole('button', { name: customer }).click(); // a demo customer (sandbox)
  } else {
    await page.getByLabel('身分證字號／統一證號').fill(customer.idNumber);
    await page.getByLabel('姓名', { exact: true }).fill(customer.name);
  }
  for (const p of products) await page.locator(`label[data-product="${p}"] input`).check();
  await page.getByRole('button', { name: '建立案件' }).click();
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'draft');
}

/** The bank's one-page form for a customer (a demo customer by name, or typed), bearing their ID. */
export async function onePageForm(customer: string | { idNumber: string; name: string }): Promise<string> {
  const idNumber =
    typeof customer === 'string' ? DEMO_CUSTOMERS.find((c) => c.name === customer)!.idNumber : customer.idNumber;
  const file = join(mkdtempSync(join(tmpdir(), 'form-')), '授權書.png');
  writeFileSync(file, await formPage('FORM', undefined, undefined, idNumber));
  return file;
}

/** Officer: new case for a demo customer, the bank's one-page form, the authorization, off to a supervisor. */
export async function prepareCase(
  page: Page,
  customer: string | { idNumber: string; name: string },
  products: string[] = ['T50'],
): Promise<void> {
  await newDraftCase(page, customer, products);
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles(await onePageForm(customer));
  await expect(page.getByRole('img', { name: '第 1 頁' })).toBeVisible();
  await page.getByLabel('簽署日期').fill(isoDay(0));
  await page.getByLabel('有效期限').fill(isoDay(30));
  await page.getByRole('button', { name: '確認授權書' }).click();
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'authorization_captured');
  await page.getByRole('button', { name: '送主管核准' }).click();
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'awaiting_approval');
}

/** A supervisor steps up at the officer's desk with their own credentials. */
export async function stepUpApprove(page: Page, supervisor = DEMO.supervisor): Promise<void> {
  const panel = page.getByRole('form', { name: '主管核准' });
  await panel.getByLabel('主管員工編號').fill(supervisor.id);
  await panel.getByLabel('主管密碼').fill(supervisor.password);
  await panel.getByRole('button', { name: '核准' }).click();
}

export async function waitForState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', state, { timeout });
}

/** A contract call from the page, as the renderer makes it (setup steps a test does not need to click through). */
export async function api(
  page: Page,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(
    async ([n, i]) => {
      const r = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(i),
      });
      return r.json();
    },
    [name, input] as const,
  );
}

/** The staff the API-driven specs use (not the sandbox demo accounts). */
export const STAFF = {
  admin: { id: 'IT001', password: 'Admin-pass-2026' },
  officer: { id: 'E1001', password: 'Officer-pass-1' },
  supervisor: { id: 'S2001', password: 'Super-pass-22' },
};

/** Through the contract, as IT would: the first administrator, then an officer and a supervisor with
 * temporary passwords that each replaces at first sign-in; ends signed out on a fresh page. */
export async function staffThroughApi(page: Page): Promise<void> {
  const setup = await api(page, 'setup.createAdmin', {
    employeeId: STAFF.admin.id,
    name: '林資訊',
    branchCode: '0123',
    password: STAFF.admin.password,
  });
  expect(setup.ok).toBe(true);
  const members = [
    [STAFF.officer, 'officer', '王經辦'],
    [STAFF.supervisor, 'supervisor', '陳主管'],
  ] as const;
  for (const [who, role, name] of members) {
    const temporary = `Temp-${who.password}`;
    expect(
      (await api(page, 'staff.create', { employeeId: who.id, name, branchCode: '0123', role, password: temporary })).ok,
    ).toBe(true);
  }
  for (const [who] of members) {
    const temporary = `Temp-${who.password}`;
    expect((await api(page, 'auth.login', { employeeId: who.id, password: temporary })).ok).toBe(true);
    expect((await api(page, 'auth.changePassword', { currentPassword: temporary, newPassword: who.password })).ok).toBe(
      true,
    );
  }
  await api(page, 'auth.logout', {});
  await page.reload();
}
