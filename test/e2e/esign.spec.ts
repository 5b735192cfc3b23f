// Electronic authorization end to end in Chromium on a training desk: the training card made for the
// customer, the document read full screen, the PIN with its tries, the supervisor seeing what the
// certificate checks found, and the sandbox JCIC verifying the signature before it answers.
import { test, expect, openDesk } from './desk-host';
import { api, createDemo, DEMO, isoDay, newDraftCase, signIn, stepUpApprove, waitForState } from './flow';
import type { Page } from '@playwright/test';

async function cardCase(page: Page): Promise<void> {
  await newDraftCase(page, '陳大文', ['T50', 'T51']);
  await page.getByRole('radio', { name: '自然人憑證電子授權' }).check();
  const panel = page.getByRole('region', { name: '以自然人憑證電子授權' });
  await expect(panel.getByText('訓練環境：模擬讀卡機與模擬卡片')).toContainText('123456');
  await expect(panel.locator('[data-reader-state="no_card"]')).toContainText('請插入自然人憑證卡');
  await expect(panel.getByRole('button', { name: '請客戶閱讀授權書' })).toBeDisabled();
  await panel.getByRole('button', { name: '插入為此客戶製作的模擬卡' }).click();
  await expect(panel.locator('[data-reader-state="ready"]')).toContainText(/已讀取：陳大文（身分證末四碼 \d{4}）/);
  await panel.getByLabel('授權有效期限').fill(isoDay(30));
}

async function openPin(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await page.getByRole('button', { name: '請客戶閱讀授權書' }).click();
  const dialog = page.getByRole('dialog', { name: '個人資料查詢授權書（請客戶閱讀）' });
  await expect(dialog).toContainText('陳大文');
  // Full screen: the customer reads the whole document, not a corner of the officer's screen.
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.width).toBeGreaterThanOrEqual(viewport.width - 1);
  await dialog.getByRole('button', { name: '請客戶輸入自然人憑證 PIN 碼' }).click();
  return page.getByRole('dialog', { name: '請客戶輸入自然人憑證 PIN 碼' });
}

test('MOICA card (training): document full screen → wrong PIN twice, the final try confirmed → signed → supervisor sees the checks and approves → JCIC verifies → data', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await cardCase(page);
  const pin = await openPin(page);
  await expect(pin.locator('[data-pin-state]')).toHaveAttribute('data-pin-state', 'fresh');

  await pin.getByLabel('PIN 碼').fill('000000');
  await pin.getByRole('button', { name: '簽章' }).click();
  await expect(pin.getByRole('alert')).toHaveAttribute('data-error-code', 'PIN_INCORRECT_NO_COUNT');
  await expect(pin.locator('[data-pin-state]')).toHaveAttribute('data-pin-state', 'countLow');
  await expect(pin.getByLabel('PIN 碼')).toHaveValue(''); // the PIN is not kept after it was sent

  await pin.getByLabel('PIN 碼').fill('000000');
  await pin.getByRole('button', { name: '簽章' }).click();
  await expect(pin.getByRole('alert')).toHaveText('PIN 碼錯誤，尚可再試 1 次');
  await expect(pin.locator('[data-pin-state]')).toHaveAttribute('data-pin-state', 'finalTry');
  await pin.getByLabel('PIN 碼').fill('123456');
  await expect(pin.getByRole('button', { name: '簽章' })).toBeDisabled();
  await pin.getByLabel('客戶已了解這是最後一次機會').check();
  await pin.getByRole('button', { name: '簽章' }).click();
  await expect(pin).toBeHidden();
  await waitForState(page, 'authorization_captured');

  const record = page.getByRole('region', { name: '自然人憑證電子簽章' });
  await expect(record.locator('[data-verdict]')).toHaveText('憑證檢查：全部通過');
  await expect(record.locator('[data-check="id_last_four"]')).toHaveAttribute('data-outcome', 'pass');
  await expect(record.locator('[data-check="name"]')).toHaveAttribute('data-outcome', 'pass');
  await expect(record.locator('[data-revocation]')).toHaveText('廢止查驗：有效（訓練環境）');
  await page.getByRole('button', { name: '送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');
  await expect(record).toContainText('陳大文');
  await stepUpApprove(page);
  // The sandbox JCIC checks the signature, the chain to the training root and the last four itself.
  await waitForState(page, 'data_received');
  await page.getByRole('button', { name: '查看資料' }).click();
  await expect(page.getByRole('table', { name: 'T50 所得資料' })).toBeVisible();
});

test('MOICA card (training): three wrong PINs block the card and stop the flow; a card taken out before signing is named', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await cardCase(page);
  let pin = await openPin(page);
  for (const attempt of [1, 2, 3]) {
    await pin.getByLabel('PIN 碼').fill('000000');
    if (attempt === 3) await pin.getByLabel('客戶已了解這是最後一次機會').check();
    await pin.getByRole('button', { name: '簽章' }).click();
    await expect(pin.getByRole('alert')).toHaveAttribute('data-error-code', attempt === 3 ? 'PIN_LOCKED' : /PIN_/);
  }
  await expect(pin.locator('[data-pin-state]')).toHaveText(/已鎖住.*戶政事務所/);
  await expect(pin.getByLabel('PIN 碼')).toHaveCount(0);
  await expect(pin.getByRole('button', { name: '簽章' })).toHaveCount(0);
  await pin.getByRole('button', { name: '取消' }).click();
  await waitForState(page, 'draft');

  // A new training card; taken out while the PIN dialog is open: nothing is signed, and it says so.
  // The blocked card comes out first: waiting for "ready" with it still in could pass on the old card
  // (the PIN dialog then opens on it and is told the card changed, as a loaded CI machine showed).
  const panel = page.getByRole('region', { name: '以自然人憑證電子授權' });
  expect((await api(page, 'card.trainingRemove', {})).ok).toBe(true);
  await expect(panel.locator('[data-reader-state="no_card"]')).toBeVisible();
  await panel.getByRole('button', { name: '插入為此客戶製作的模擬卡' }).click();
  await expect(panel.locator('[data-reader-state="ready"]')).toBeVisible();
  pin = await openPin(page);
  await expect(pin.locator('[data-pin-state]')).toHaveAttribute('data-pin-state', 'fresh');
  expect((await api(page, 'card.trainingRemove', {})).ok).toBe(true);
  await pin.getByLabel('PIN 碼').fill('123456');
  await pin.getByRole('button', { name: '簽章' }).click();
  await expect(pin.getByRole('alert')).toHaveAttribute('data-error-code', 'NO_CARD');
  await pin.getByRole('button', { name: '取消' }).click();
  await waitForState(page, 'draft');
});
