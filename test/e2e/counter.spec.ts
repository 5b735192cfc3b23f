// Ready for the counter: an error appears beside what caused it (in view, focused, under its field,
// gone once the input changes, typed secrets kept); a supervisor's send-back is a state with its
// reason on the case and in the officer's list; the desk's notes read in the user's language.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openDesk } from './desk-host';
import { formPage } from '../support/forms';
import {
  createDemo,
  DEMO,
  isoDay,
  newDraftCase,
  prepareCase,
  signIn,
  signOut,
  stepUpApprove,
  onePageForm,
  waitForState,
} from './flow';

const inView = async (locator: import('@playwright/test').Locator) => {
  await expect(locator).toBeVisible();
  await expect(locator).toBeInViewport();
};

test('errors sit beside their cause: in view, focused, under the field, cleared on change, secrets kept', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles(await onePageForm('陳大文'));
  await expect(page.getByRole('img', { name: '第 1 頁' })).toBeVisible();
  await expect(page.getByTestId('quality')).toContainText('品質檢查通過');

  // A validity that ends before the signing date: said under 有效期限, in view, with the focus.
  const form = page.getByRole('form', { name: '授權資料' });
  await form.getByLabel('簽署日期').fill(isoDay(0));
  await form.getByLabel('有效期限').fill(isoDay(-1));
  await form.getByRole('button', { name: '確認授權書' }).click();
  const box = form.locator('[data-error-code="AUTH_DATES_INVALID"]');
  await inView(box);
  await expect(box).toBeFocused();
  const validUntil = form.getByLabel('有效期限');
  await expect(validUntil).toHaveAttribute('aria-invalid', 'true');
  await expect(validUntil).toHaveAccessibleDescription(/有效期限不可早於簽署日期/);
  await validUntil.fill(isoDay(30));
  await expect(box).toHaveCount(0);
  await expect(validUntil).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: '確認授權書' }).click();
  await waitForState(page, 'authorization_captured');
  await page.getByRole('button', { name: '送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');

  // An empty supervisor ID: the field says so in words, no schema text anywhere.
  const panel = page.getByRole('form', { name: '主管核准' });
  await panel.getByLabel('主管密碼').fill('something-typed-1');
  await panel.getByRole('button', { name: '核准', exact: true }).click();
  const supervisorId = panel.getByLabel('主管員工編號');
  await expect(supervisorId).toHaveAccessibleDescription('請填寫');
  await inView(panel.locator('[data-error-code="VALIDATION"]'));
  await expect(panel.locator('[data-error-code="VALIDATION"]')).toHaveText('請修正：主管員工編號：請填寫');
  await expect(page.locator('body')).not.toContainText(/Too small|expected string|supervisor\.employeeId/);
  // The preparer's own ID as the supervisor: refused beside the buttons; the password typed stays.
  await supervisorId.fill(DEMO.officer.id);
  await panel.getByLabel('主管密碼').fill(DEMO.officer.password);
  await panel.getByRole('button', { name: '核准', exact: true }).click();
  const refused = panel.locator('[data-error-code="PREPARER_CANNOT_APPROVE"]');
  await inView(refused);
  await expect(refused).toBeFocused();
  await expect(panel.getByLabel('主管密碼')).toHaveValue(DEMO.officer.password);
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'awaiting_approval');
});

test('a send-back is 退回補件 with its reason on the case and in the list; the officer asks again', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await prepareCase(page, '林美玲');
  await signOut(page);

  await signIn(page, DEMO.supervisor);
  // The supervisor's home shows what waits for them.
  await expect(page.getByTestId('queue-approvals')).toContainText(/案件 #\d+ 林/);
  await page.getByRole('button', { name: '待核准' }).click();
  await page.getByRole('row', { name: /林/ }).first().getByRole('button').click();
  const panel = page.getByRole('form', { name: '主管核准' });
  await panel.getByRole('button', { name: '退回' }).click();
  await expect(panel.getByLabel('退回原因')).toHaveAccessibleDescription(/請填寫/);
  await panel.getByLabel('退回原因').fill('第 2 頁簽名不清楚，請重新掃描');
  await panel.getByRole('button', { name: '退回' }).click();
  await waitForState(page, 'sent_back');
  await signOut(page);

  await signIn(page, DEMO.officer);
  // The officer's home: what needs them now, the sent-back case first with its reason.
  await expect(page.getByTestId('queue-sent-back')).toContainText('退回原因：第 2 頁簽名不清楚，請重新掃描');
  await expect(page.getByTestId('queue-drafts')).toBeVisible();
  // The home's branch is the header's branch.
  await expect(page.getByRole('region', { name: '桌面資訊' })).toContainText(/\d{4}/);
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await expect(page.getByTestId('case-list')).toContainText('退回補件');
  await expect(page.getByTestId('case-list')).toContainText('第 2 頁簽名不清楚，請重新掃描');
  await page.getByRole('row', { name: /林/ }).first().getByRole('button').click();
  const banner = page.getByTestId('sent-back');
  await expect(banner).toContainText('主管退回補件');
  await expect(banner).toContainText('退回原因：第 2 頁簽名不清楚，請重新掃描');
  await page.getByRole('button', { name: '補正完成，再次送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');
  await expect(banner).toHaveCount(0);

  // The same history in English: the desk's own notes in English, ASCII punctuation.
  await page.getByRole('button', { name: 'English' }).click();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Sent back');
  await expect(history).not.toContainText(/[：（）]/);
});

test('results say whose data they are, on screen and on paper; the DBR box reads what an IME types', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await prepareCase(page, '陳大文', ['T50', 'T51', 'T52']);
  await stepUpApprove(page);
  await waitForState(page, 'data_received', 60_000);
  await page.getByRole('button', { name: '查看資料' }).click();

  // The case's officer sees the full ID on screen; paper carries it masked, on every page.
  const whose = page.getByTestId('whose');
  await expect(whose).toContainText('陳大文');
  await expect(whose).toContainText(/[A-Z]\d{9}/);
  await expect(whose).toContainText(/案件 #\d+ · 查詢項目 T50 T51 T52 · 所得年度 \d{3}/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('陳大文');
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('button', { name: '列印' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('whose-print')).toContainText(/陳大文（[A-Z]\d{2}\*{4}\d{3}）/);
  const mark = await page.evaluate(() => document.documentElement.style.getPropertyValue('--print-mark'));
  expect(mark).toMatch(/陳大文（[A-Z]\d{2}\*{4}\d{3}）.*列印人員/);
  // On paper the DBR box is not printed.
  await expect(page.getByLabel('客戶無擔保債務總額（各金融機構合計）')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // Full-width digits with a full-width comma are read; a negative amount is refused with words.
  const monthly = Number((await page.getByTestId('dbr-monthly').innerText()).replace(/[^\d]/g, ''));
  const tenTimes = String(monthly * 10).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const debt = page.getByLabel('客戶無擔保債務總額（各金融機構合計）');
  await debt.fill(tenTimes.replace(/(\d)(?=(\d{3})+$)/g, '$1，'));
  await debt.fill(tenTimes);
  await expect(page.getByTestId('dbr-ratio')).toContainText('10.00 / 22');
  await debt.fill('-5000');
  await expect(page.getByTestId('dbr-ratio')).toHaveCount(0);
  await expect(debt).toHaveAccessibleDescription(/請輸入 0 以上的整數金額/);
  await expect(debt).toHaveAttribute('aria-invalid', 'true');

  // T52's time line has a year axis (ROC years in zh-TW).
  await expect(page.getByTestId('t52-axis')).toContainText(/1\d{2}/);
});

test('IT resets a password with Enter in a labelled box, the message in the row; a wrong current password says so', async ({
  page,
  desk,
}) => {
  test.setTimeout(60_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.admin);
  // IT's home names the branch the header names.
  await expect(page.getByRole('region', { name: '桌面資訊' })).toContainText(/\d{4}/);
  await page.getByRole('button', { name: '人員管理' }).click();
  const row = page.locator('tr[data-employee-id="E1002"]');
  await row.getByRole('button', { name: '重設密碼' }).click();
  const box = row.getByRole('form', { name: '重設 李經辦 的密碼' });
  await box.getByLabel('新密碼').fill('short');
  await box.getByLabel('新密碼').press('Enter');
  await expect(row.locator('[data-error-code="WEAK_PASSWORD"]')).toBeVisible();
  await box.getByLabel('新密碼').fill('Reset-by-it-2026');
  await box.getByLabel('新密碼').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已重設 李經辦 的密碼' })).toBeVisible();
  await expect(row).toContainText('待本人變更密碼');

  // A wrong current password is about the password, not the employee ID; the new one typed stays.
  await page.getByRole('button', { name: '變更密碼' }).click();
  const change = page.getByRole('form', { name: '變更密碼' });
  await change.getByLabel('目前密碼').fill('Not-my-password-1');
  await change.getByLabel('新密碼', { exact: true }).fill('Admin-new-2026x');
  await change.getByLabel('再次輸入新密碼').fill('Admin-new-2026x');
  await change.getByRole('button', { name: '變更密碼' }).click();
  await expect(change.locator('[data-error-code="WRONG_CURRENT_PASSWORD"]')).toHaveText('目前密碼不正確');
  await expect(change.getByLabel('目前密碼')).toHaveAccessibleDescription('目前密碼不正確');
  await expect(change.getByLabel('新密碼', { exact: true })).toHaveValue('Admin-new-2026x');
});

test('more files than the form has room for: the first twenty pages are imported, the rest named once', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');
  const dir = mkdtempSync(join(tmpdir(), 'many-'));
  const files: string[] = [];
  for (let i = 1; i <= 22; i++) {
    const file = join(dir, `p${String(i).padStart(2, '0')}.png`);
    writeFileSync(file, await formPage(`PAGE ${i}`));
    files.push(file);
  }
  expect(files).toHaveLength(22);
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles(files);
  const leftOut = page.getByText(/授權書最多 20 頁，以下 2 個檔案未匯入/);
  await expect(leftOut).toHaveCount(1, { timeout: 60_000 });
  await expect(leftOut).toContainText('p21.png、p22.png');
  await expect(page.getByRole('img', { name: '第 20 頁' })).toBeVisible();
  await expect(page.getByRole('img', { name: '第 21 頁' })).toHaveCount(0);
  await expect(page.getByText('授權書最多 20 頁', { exact: true })).toHaveCount(0);
});
