// The desk's main job end to end in Chromium: web host, the sandbox JCIC over mutual TLS started by
// the desk, real SQLite, the real UI.
import { test, expect, openDesk } from './desk-host';
import { createDemo, DEMO, newDraftCase, prepareCase, signIn, signOut, stepUpApprove, waitForState } from './flow';

test('paper authorization: two-page form → step-up approval → JCIC → T50/T51/T52 and DBR → purged after retention, history and audit kept', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  await openDesk(page, desk);
  await createDemo(page);
  await expect(page.getByText('訓練環境 / SANDBOX').first()).toBeVisible();
  await signIn(page, DEMO.officer);
  await prepareCase(page, '陳大文', ['T50', 'T51', 'T52']);

  // The preparer can never approve, even by typing their own credentials as the "supervisor".
  await stepUpApprove(page, DEMO.officer);
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'PREPARER_CANNOT_APPROVE');
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'awaiting_approval');

  await stepUpApprove(page);
  await waitForState(page, 'data_received');
  await expect(page.getByText('核准主管')).toBeVisible();
  await expect(page.getByTestId('retention')).toContainText('剩餘');

  await page.getByRole('button', { name: '查看資料' }).click();
  const income = page.getByRole('table', { name: 'T50 所得資料' });
  await expect(income).toContainText('50 薪資所得');
  await expect(income).toContainText('5A 金融業利息所得');
  await expect(income).toContainText(/NT\$\d{1,3}(,\d{3})+/);
  await expect(page.getByTestId('income-total')).toHaveText(/^NT\$[\d,]+$/);
  await expect(page.getByRole('region', { name: 'T51 財產資料' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'T52 職業投保資料' })).toContainText(/民國\d+年/);

  // DBR: debt equal to 10 × monthly income is within 22×; 30 × is over it.
  const monthly = Number((await page.getByTestId('dbr-monthly').innerText()).replace(/[^\d]/g, ''));
  await page.getByLabel('客戶無擔保債務總額（各金融機構合計）').fill(String(monthly * 10));
  await expect(page.getByTestId('dbr-ratio')).toContainText('10.00 / 22');
  await expect(page.getByTestId('dbr-ratio')).toContainText('未超過 22 倍');
  await page.getByLabel('客戶無擔保債務總額（各金融機構合計）').fill(String(monthly * 30));
  await expect(page.getByTestId('dbr-ratio')).toContainText('已超過 22 倍');
  // The browser's own print command (not the button, so not on the record) prints no data.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('查詢結果請使用畫面上的「列印」按鈕列印')).toBeVisible();
  await expect(income).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('button', { name: '列印' }).click();
  // On paper, every page names who printed it and the audit entry of that print.
  await expect(page.getByTestId('print-mark')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-mark')).toBeVisible();
  await expect(income).toBeVisible();
  await expect(page.getByText('查詢結果請使用畫面上的「列印」按鈕列印')).toBeHidden();
  await expect(page.getByTestId('print-mark')).toContainText(
    /列印人員：.+（E1001）· 分行 \d{4} · 列印時間 .+ · 列印序號 P-\d+/,
  );
  const printReference = /P-(\d+)/.exec(await page.getByTestId('print-mark').innerText())![1]!;
  // …and the bottom margin of every page repeats it (a CSS page-margin box reads this property).
  expect(
    await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--print-mark')),
  ).toContain(`P-${printReference}`);
  await page.emulateMedia({ media: 'screen' });

  // Past the 3-day retention window: the data and the form are gone; history stays.
  await desk.advanceClock(3 * 24 * 60 + 1);
  await expect(page.getByRole('heading', { name: '畫面已鎖定' })).toBeVisible();
  await page.getByLabel('密碼').fill(DEMO.officer.password);
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await page.getByRole('button', { name: '開啟' }).first().click();
  await waitForState(page, 'purged');
  await expect(page.getByTestId('purged')).toBeVisible();
  await expect(page.getByRole('button', { name: '查看資料' })).toHaveCount(0);
  const history = page.getByRole('list', { name: '處理紀錄' });
  for (const state of ['草稿', '主管已核准', '已送出', 'JCIC 審核中', '已收到資料', '資料已刪除'])
    await expect(history).toContainText(state);

  await signOut(page);
  await signIn(page, DEMO.admin);
  await page.getByRole('button', { name: '稽核紀錄' }).click();
  const audit = page.getByRole('table', { name: '稽核紀錄' });
  for (const action of [
    'results.viewed',
    'results.printed',
    'retention.purged',
    'jcic.submitted',
    'jcic.acknowledged',
    'auth.step_up',
    'case.self_approval_refused',
  ]) {
    await expect(audit.getByText(action, { exact: true }).first()).toBeVisible();
  }

  // The auditor's question: who saw or printed this customer's data? Then: is the trail whole?
  const filters = page.getByRole('form', { name: '查詢條件' });
  await filters.getByLabel('動作（可輸入開頭，如 results.）').fill('results.');
  await filters.getByLabel('員工編號').fill(DEMO.officer.id);
  await filters.getByRole('button', { name: '查詢' }).click();
  await expect(audit.locator('tbody tr')).toHaveCount(2);
  await expect(audit.locator(`tr[data-audit-id="${printReference}"]`)).toContainText('results.printed');
  await expect(audit.locator('tbody')).toContainText('results.printed');
  await expect(audit.locator('tbody')).toContainText('results.viewed');
  await page.getByRole('button', { name: '驗證稽核軌跡完整性' }).click();
  await expect(page.getByTestId('audit-verdict')).toHaveAttribute('data-intact', 'true');
  await expect(page.getByTestId('audit-verdict')).toContainText('稽核軌跡完整');
});

test('intake explains what may not be requested: a guarantor gets no T52, T53/T54 ended, AML never; main refuses anyway', async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await page.getByRole('button', { name: '新增案件' }).click();
  await expect(page.locator('label[data-product="T53"]')).toContainText('已於 2022-10 停止服務');
  await expect(page.locator('label[data-product="T53"] input')).toBeDisabled();
  await page.getByLabel('身分', { exact: true }).selectOption({ label: '保證人' });
  await expect(page.locator('label[data-product="T52"]')).toContainText('保證人不得查詢 T52');
  await expect(page.locator('label[data-product="T52"] input')).toBeDisabled();
  await page.getByLabel('目的').selectOption({ label: '洗錢防制／法令遵循' });
  await expect(page.locator('label[data-product="T50"]')).toContainText('不得查詢政府資料');
  // Even if the page sends it, main refuses.
  const reply = await page.evaluate(async () => {
    const r = await fetch('/api/call/cases.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        subject: { idNumber: 'F128765439', name: '張志強' },
        enterprise: null,
        role: 'guarantor',
        purpose: 'credit',
        products: ['T52'],
      }),
    });
    return r.json();
  });
  expect(reply.error.code).toBe('INELIGIBLE');
  const t53 = await page.evaluate(async () => {
    const r = await fetch('/api/call/cases.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        subject: { idNumber: 'A123456789', name: '陳大文' },
        enterprise: null,
        role: 'borrower',
        purpose: 'credit',
        products: ['T53'],
      }),
    });
    return r.json();
  });
  expect(t53.error.code).toBe('INELIGIBLE');
});

test('a supervisor approves from their own login; a sandboxed rejection shows its reason', async ({ page, desk }) => {
  test.setTimeout(90_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await prepareCase(page, '測試退件甲');
  await signOut(page);
  await signIn(page, DEMO.supervisor);
  await page.getByRole('button', { name: '待核准' }).click();
  await page.getByRole('table', { name: '待主管核准' }).getByRole('button', { name: '開啟' }).click();
  await expect(page.getByRole('img', { name: '第 1 頁' })).toBeVisible(); // the supervisor sees the form
  await page.getByRole('form', { name: '主管核准' }).getByRole('button', { name: '核准' }).click();
  await waitForState(page, 'rejected');
  await expect(page.getByTestId('rejection')).toContainText('授權書影像無法辨識');

  // Who has looked at this customer's form: the officer imported it, the supervisor viewed it.
  await page.getByRole('button', { name: '顯示誰查閱或列印過此案資料（此查看也會留存紀錄）' }).click();
  const log = page.getByRole('list', { name: '查閱紀錄' });
  await expect(log).toContainText('E1001 · 匯入授權書');
  await expect(log).toContainText('S2001 · 檢視授權書');
});

test('the same signed form used again for the same customer is refused by JCIC as already used', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await prepareCase(page, '林美玲'); // the form files are the same bytes each time
  await stepUpApprove(page);
  await waitForState(page, 'data_received');
  await prepareCase(page, '林美玲');
  await stepUpApprove(page);
  await waitForState(page, 'rejected');
  await expect(page.getByTestId('rejection')).toContainText('此授權書已使用');
});

test("an officer finds a case by the customer's whole ID number or name; a fragment of a number finds nothing", async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');
  await newDraftCase(page, { idNumber: 'F128765439', name: '張志強' });
  await page.getByRole('button', { name: '案件', exact: true }).click();
  const list = page.getByRole('table', { name: '案件' });
  await expect(list.locator('tbody tr')).toHaveCount(2);
  const search = page.getByRole('searchbox', { name: '搜尋案件' });
  await search.fill('f128765439');
  await search.press('Enter');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  // Lists show the customer masked; the full name and ID are on the case screen only.
  await expect(list).toContainText('張○強');
  await expect(list).toContainText('F12****439');
  await expect(list).not.toContainText('張志強');
  await search.fill('F1287');
  await search.press('Enter');
  await expect(page.getByText('沒有符合「F1287」的案件')).toBeVisible();
  await search.fill('陳大');
  await search.press('Enter');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list).toContainText('陳○文');
  await list.getByRole('button', { name: '開啟' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('陳大文');
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await expect(list.locator('tbody tr')).toHaveCount(2);
});
