// Removing a page of the signed form: each remove button is named by its pages, and a click only
// asks (in place, Cancel focused) — the page goes only when the officer confirms.
import { test, expect, openDesk } from './desk-host';
import { readFileSync } from 'node:fs';
import { createDemo, DEMO, newDraftCase, signIn, twoPageForm } from './flow';

test('a page is removed only after the officer confirms; Cancel, focused first, keeps it', async ({ page, desk }) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles(await twoPageForm());
  const items = page.getByTestId('form-item');
  await expect(items).toHaveCount(2);
  // One name per page, not two buttons both called 移除.
  await expect(items.nth(0).getByRole('button', { name: '移除第 1 頁' })).toBeVisible();
  await expect(items.nth(1).getByRole('button', { name: '移除第 2 頁' })).toBeVisible();

  // Asking: the question names the page, Cancel has the focus, so Enter keeps the page.
  await page.getByRole('button', { name: '移除第 2 頁' }).click();
  await expect(items.nth(1)).toContainText('確定移除第 2 頁？');
  await expect(items.nth(1).getByRole('button', { name: '取消' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(2);
  await expect(items.nth(1).getByRole('button', { name: '移除第 2 頁' })).toBeVisible();

  // Confirming removes that page and no other.
  await page.getByRole('button', { name: '移除第 2 頁' }).click();
  await items.nth(1).getByRole('button', { name: '移除', exact: true }).click();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toContainText('授權書-p1.png');
  await expect(page.getByRole('img', { name: '第 2 頁', exact: true })).toHaveCount(0);

  // The form type the pages are counted against, in the screen's language.
  await expect(page.getByText('授權書類型：個人資料查詢授權書（1 頁）')).toBeVisible();
  // The same in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Form type: Personal data inquiry authorization (1 page(s))')).toBeVisible();
  await page.getByRole('button', { name: 'Remove page 1' }).click();
  await expect(items.nth(0).getByRole('button', { name: 'Cancel' })).toBeFocused();
  await items.nth(0).getByRole('button', { name: 'Cancel' }).click();
  await expect(items).toHaveCount(1);
});

test('a page moved from the keyboard keeps the focus on its move button, in its new place', async ({ page, desk }) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles(await twoPageForm());
  const items = page.getByTestId('form-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('授權書-p1.png');
  await page.getByRole('button', { name: '第 1 頁下移' }).focus();
  await page.keyboard.press('Enter');
  // The page is now the second; at the end it can only go up: that button has the focus.
  await expect(items.nth(1)).toContainText('授權書-p1.png');
  await expect(items.nth(1).getByRole('button', { name: '第 2 頁上移' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items.nth(0)).toContainText('授權書-p1.png');
  await expect(items.nth(0).getByRole('button', { name: '第 1 頁下移' })).toBeFocused();
});

test('files dropped on the form are imported as if chosen: each checked, the page drawn', async ({ page, desk }) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');
  const [file] = await twoPageForm();
  const data = readFileSync(file!).toString('base64');
  const dropped = await page.evaluateHandle((b64) => {
    const transfer = new DataTransfer();
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], '拖放的授權書.png', { type: 'image/png' }));
    return transfer;
  }, data);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByTestId('form-item')).toHaveCount(1);
  await expect(page.getByTestId('form-item').nth(0)).toContainText('拖放的授權書.png');
  await expect(page.getByTestId('quality')).toContainText('品質檢查通過');
});
