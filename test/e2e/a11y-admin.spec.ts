// Accessibility and language, screen by screen, in both languages: first-run setup, sign-in with the
// sandbox's demo accounts, and everything an IT administrator sees, with the refusals bad input gets.
import { expect } from '@playwright/test';
import { createDemo, DEMO, signIn, signOut, submitSignIn } from './flow';
import { auditWalk } from './screen-audit';

auditWalk('setup, sign-in and IT administration', async (page, audit) => {
  await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();
  await audit.check('first-run setup');
  // Two refusals: passwords that differ (the screen's own check), then a branch code main refuses.
  const typed = {
    員工編號: 'IT009',
    姓名: '林資訊',
    分行代號: '12',
    密碼: 'Admin-pass-2026',
    再次輸入密碼: 'Admin-pass-2027',
  };
  for (const [label, value] of Object.entries(typed)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: '建立管理者並登入' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('first-run setup, passwords differ', { focus: false });
  await page.getByLabel('再次輸入密碼').fill('Admin-pass-2026');
  await page.getByRole('button', { name: '建立管理者並登入' }).click();
  await expect(page.locator('[data-error-code="VALIDATION"]')).toBeVisible();
  await audit.check('first-run setup, branch code refused by main', { focus: false });

  await createDemo(page);
  await audit.check('sign-in with the demo accounts');
  // Each demo account on one line in both languages: a three-character name used to break in two.
  for (const lang of ['en', 'zh-TW'] as const) {
    await audit.switchLanguage(lang);
    const wrapped = await page
      .getByRole('table')
      .locator('td:not(:has(button))')
      .evaluateAll((cells) =>
        cells.flatMap((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          return lines > 1 ? [`${td.textContent} (${lines} lines)`] : [];
        }),
      );
    expect(wrapped, `demo accounts wrapped (${lang})`).toEqual([]);
  }
  await page.getByRole('button', { name: `帶入帳號 ${DEMO.officer.id}` }).click();
  await expect(page.getByLabel('員工編號')).toHaveValue(DEMO.officer.id);
  await submitSignIn(page, { id: DEMO.admin.id, password: 'Wrong-pass-000' });
  await expect(page.locator('[data-error-code="BAD_CREDENTIALS"]')).toBeVisible();
  await audit.check('sign-in, wrong password', { focus: false });

  await signIn(page, DEMO.admin);
  await expect(page.getByTestId('health-outbox')).toBeVisible();
  await audit.check('home, IT administrator');
  // The electronic-authorization parts, checked on request (a training desk: the training card).
  await page.getByRole('button', { name: '開始檢查' }).click();
  const parts = page.getByRole('table', { name: '電子授權元件檢查' });
  await expect(parts.locator('tr[data-check="training"]')).toHaveAttribute('data-state', 'warn');
  await expect(parts.locator('tr[data-check="pcsc"]')).toContainText('Training reader (simulated): no_card');
  await expect(parts.locator('tr[data-check="trust"]').first()).toHaveAttribute('data-state', 'ok');
  await expect(parts.locator('tr[data-check="jcic"]')).toHaveAttribute('data-state', 'warn'); // the sandbox
  await audit.check('home, IT administrator, electronic authorization parts checked');

  await page.getByRole('button', { name: '人員管理' }).click();
  await expect(page.getByRole('table', { name: '人員清單' })).toBeVisible();
  await audit.check('staff administration');
  const form = page.getByRole('form', { name: '新增人員' });
  await form.getByLabel('員工編號').fill('E 10');
  await form.getByLabel('姓名').fill('周經辦');
  await form.getByLabel('密碼').fill('Officer-pass-1');
  await form.getByRole('button', { name: '新增' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('staff administration, employee ID refused', { focus: false });
  await page.getByLabel('變更角色 E1002').selectOption({ label: '主管' });
  await expect(page.getByRole('alertdialog', { name: '確定變更角色' })).toBeVisible();
  await audit.check('staff administration, a role change asks first');
  await page.getByRole('alertdialog').getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '稽核紀錄' }).click();
  await expect(page.getByRole('table', { name: '稽核紀錄' }).locator('tbody tr').first()).toBeVisible();
  await audit.check('audit trail');
  const filters = page.getByRole('form', { name: '查詢條件' });
  await filters.getByLabel('動作（可輸入開頭，如 results.）').fill('Results!');
  await filters.getByRole('button', { name: '查詢' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('audit trail, search refused', { focus: false });
  await filters.getByRole('button', { name: '清除' }).click();
  await page.getByRole('button', { name: '驗證稽核軌跡完整性' }).click();
  await expect(page.getByTestId('audit-verdict')).toHaveAttribute('data-intact', 'true');
  await audit.check('audit trail, verified', { focus: false });

  await page.getByRole('button', { name: '使用統計' }).click();
  await page.getByRole('button', { name: '統計', exact: true }).click();
  await expect(page.getByTestId('stats-summary')).toContainText('查詢 0 件');
  await audit.check('usage statistics');
  await page.getByRole('button', { name: '使用說明' }).click();
  await expect(page.getByRole('dialog', { name: '使用說明：一件查詢的流程' })).toBeVisible();
  await audit.check('help walk');
  await page.getByRole('button', { name: '略過說明' }).click();

  await page.getByRole('button', { name: '變更密碼' }).click();
  const change = page.getByRole('form', { name: '變更密碼' });
  await expect(change).toBeVisible();
  await audit.check('change password');
  // Two refusals: new passwords that differ (the screen's own check), a weak one (main's).
  const attempts = [
    {
      next: 'Admin-new-2026',
      again: 'Admin-new-2027',
      refusal: page.getByRole('alert').first(),
      screen: 'new passwords differ',
    },
    { next: 'short', again: 'short', refusal: page.locator('[data-error-code]').first(), screen: 'refused by main' },
  ];
  for (const { next, again, refusal, screen } of attempts) {
    await change.getByLabel('目前密碼').fill(DEMO.admin.password);
    await change.getByLabel('新密碼', { exact: true }).fill(next);
    await change.getByLabel('再次輸入新密碼').fill(again);
    await change.getByRole('button', { name: '變更密碼' }).click();
    await expect(refusal).toBeVisible();
    await audit.check(`change password, ${screen}`, { focus: false });
  }

  await page.getByRole('button', { name: '鎖定畫面' }).click();
  await expect(page.getByRole('heading', { name: '畫面已鎖定' })).toBeVisible();
  await audit.check('lock screen');
  await page.getByLabel('密碼').fill('Wrong-pass-000');
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('lock screen, wrong password', { focus: false });
  await page.getByLabel('密碼').fill(DEMO.admin.password);
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await signOut(page);
});
