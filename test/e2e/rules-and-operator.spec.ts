// Rules by date in the UI (desk clock set in 2023), and the trainer's operator page deciding by hand.
import { test, expect, startDesk, openDesk } from './desk-host';
import { createDemo, DEMO, prepareCase, signIn, waitForState, stepUpApprove } from './flow';

test('credit card purpose: refused before 2023-11-01, then T50/T51 only', async ({ page }) => {
  const desk = await startDesk({}, { BRANCH_DESK_TEST_CLOCK_START: '2023-10-20T02:00:00Z' });
  try {
    await openDesk(page, desk);
    await createDemo(page);
    await signIn(page, DEMO.officer);
    await page.getByRole('button', { name: '案件', exact: true }).click();
    await page.getByRole('button', { name: '新增案件' }).click();
    await page.getByLabel('目的').selectOption({ label: '信用卡業務' });
    await expect(page.locator('label[data-product="T50"]')).toContainText('自 2023-11-01 起開放');
    await expect(page.locator('label[data-product="T50"] input')).toBeDisabled();
    // main refuses it too
    const early = await page.evaluate(async () =>
      (
        await fetch('/api/call/cases.create', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            subject: { idNumber: 'H220102032', name: '黃淑芬' },
            enterprise: null,
            role: 'applicant',
            purpose: 'credit_card',
            products: ['T50'],
          }),
        })
      ).json(),
    );
    expect(early.error.code).toBe('INELIGIBLE');

    await desk.advanceClock(13 * 24 * 60); // 2023-11-02
    await page.getByLabel('密碼').fill(DEMO.officer.password); // a long idle locked the desk
    await page.getByRole('button', { name: '解除鎖定' }).click();
    await page.getByRole('button', { name: '案件', exact: true }).click();
    await page.getByRole('button', { name: '新增案件' }).click();
    await page.getByLabel('目的').selectOption({ label: '信用卡業務' });
    await expect(page.locator('label[data-product="T50"] input')).toBeEnabled();
    await expect(page.locator('label[data-product="T51"] input')).toBeEnabled();
    await expect(page.locator('label[data-product="T52"]')).toContainText('信用卡申請人不得查詢 T52');
    await page.getByRole('button', { name: '黃淑芬' }).click();
    await page.locator('label[data-product="T51"] input').check();
    await page.getByRole('button', { name: '建立案件' }).click();
    await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'draft');
    await expect(page.getByText('T50 T51')).toBeVisible();
  } finally {
    await desk.stop();
  }
});

test('the trainer rejects by hand on the sandbox operator page; the officer sees the reason', async ({
  page,
  context,
  desk,
}) => {
  test.setTimeout(90_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await prepareCase(page, '人工審核丙');
  await stepUpApprove(page);
  await waitForState(page, 'under_review');
  await page.waitForTimeout(1500); // past the sandbox's review delay: this test ID waits for a person
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'under_review');

  const [operator] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: '模擬審核台' }).click(),
  ]);
  await expect(operator.getByText('訓練環境 / SANDBOX')).toBeVisible();
  const row = operator.locator('tr', { hasText: '人工審核丙' });
  await row.locator('select[name="code"]').selectOption('signature-missing');
  await row.locator('input[name="detail"]').fill('第 2 頁簽名欄空白');
  await row.getByRole('button', { name: '退件 Reject' }).click();
  await expect(operator.locator('tr', { hasText: '人工審核丙' })).toContainText('rejected');

  await waitForState(page, 'rejected');
  await expect(page.getByTestId('rejection')).toContainText('授權書未見客戶簽名');
  await expect(page.getByTestId('rejection')).toContainText('第 2 頁簽名欄空白');

  // The officer starts again from the rejected case: same customer and request, a new draft.
  const rejectedHeading = await page.getByRole('heading', { level: 1 }).innerText();
  await page.getByRole('button', { name: '以此案資料建立新案件（需重新取得客戶簽署的授權書）' }).click();
  await waitForState(page, 'draft');
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  expect(heading).not.toBe(rejectedHeading);
  expect(heading).toContain('人工審核丙');
  await expect(page.getByText('尚未匯入授權書')).toBeVisible();
});
