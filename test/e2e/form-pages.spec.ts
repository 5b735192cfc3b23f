// The signed form as people read it: a PDF's pages drawn by pdf.js inside the locked-down page,
// numbered with the image pages across the whole form, and a viewer large enough for a signature.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openDesk } from './desk-host';
import { createDemo, DEMO, isoDay, newDraftCase, signIn, signOut, twoPageForm } from './flow';
import { formPdf } from '../support/forms';
import type { Page } from '@playwright/test';

/** Dark pixels in a shown image: a drawn page has its border, heading and signature in ink. */
async function inkIn(page: Page, name: string): Promise<number> {
  return page
    .getByRole('img', { name, exact: true })
    .first()
    .evaluate((img: HTMLImageElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 200) dark++;
      return dark;
    });
}

test('a two-page PDF and a scanned page: every page drawn, numbered across the form, enlarged for the supervisor', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => {
    if (r.status() === 404) problems.push('404 ' + r.url());
  });

  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');

  const [png] = await twoPageForm();
  const pdf = join(desk.dir, '授權書.pdf');
  writeFileSync(pdf, await formPdf(2, 'SIGNED'));
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles([pdf, png!]);

  const items = page.getByTestId('form-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('第 1–2 頁 · 授權書.pdf · PDF，2 頁');
  await expect(items.nth(1)).toContainText('第 3 頁 · 授權書-p1.png');
  for (const n of [1, 2, 3]) await expect(page.getByRole('img', { name: `第 ${n} 頁`, exact: true })).toBeVisible();
  expect(await inkIn(page, '第 1 頁')).toBeGreaterThan(2000);
  expect(await inkIn(page, '第 2 頁')).toBeGreaterThan(2000);

  // The viewer pages through the whole form, across files, with the keyboard too.
  await page.getByRole('img', { name: '第 2 頁', exact: true }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer).toHaveAccessibleName('第 2 頁，共 3 頁');
  expect(await viewer.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThanOrEqual(
    1000,
  );
  await page.keyboard.press('ArrowRight');
  await expect(viewer).toHaveAccessibleName('第 3 頁，共 3 頁');
  await expect(viewer.getByRole('button', { name: '下一頁' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByLabel('簽署日期').fill(isoDay(0));
  await page.getByLabel('有效期限').fill(isoDay(30));
  await page.getByRole('button', { name: '確認授權書' }).click();
  // Three pages where the bank's form has one: answered with a reason before it can go.
  const quality = page.getByTestId('quality');
  await expect(quality.locator('li')).toHaveCount(1);
  await expect(quality.locator('li[data-finding="page_count"]')).toContainText('授權書共 3 頁');
  await quality.getByRole('button', { name: '說明理由' }).click();
  await quality.getByLabel('理由（主管會看到）').fill('客戶另附簽名之 PDF 二頁');
  await quality.getByRole('button', { name: '送出理由' }).click();
  await expect(quality.locator('li[data-answered="yes"]')).toHaveCount(1);
  await page.getByRole('button', { name: '送主管核准' }).click();
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'awaiting_approval');
  await signOut(page);

  // The supervisor, at their own login, sees the same pages before approving.
  await signIn(page, DEMO.supervisor);
  await page.getByRole('button', { name: '待核准' }).click();
  await page.getByRole('table', { name: '待主管核准' }).getByRole('button', { name: '開啟' }).click();
  await expect(page.getByTestId('form-item').nth(0)).toContainText('PDF，2 頁');
  await expect(page.getByTestId('quality')).toContainText('已說明理由：客戶另附簽名之 PDF 二頁（王經辦');
  expect(await inkIn(page, '第 2 頁')).toBeGreaterThan(2000);
  await page.getByRole('img', { name: '第 1 頁', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveAccessibleName('第 1 頁，共 3 頁');
  await page.getByRole('dialog').getByRole('button', { name: '關閉' }).click();

  expect(problems, 'no script errors and no CSP refusals while drawing the PDF').toEqual([]);
});

test('several files at once: each refused file says why, the good one is imported, nothing else is lost', async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文');

  const [good] = await twoPageForm();
  const notes = join(desk.dir, 'notes.txt');
  writeFileSync(notes, 'just text');
  const huge = join(desk.dir, 'huge.png');
  writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024, 1));
  await page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）').setInputFiles([notes, good!, huge]);

  await expect(page.getByRole('img', { name: '第 1 頁', exact: true })).toBeVisible();
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(2);
  await expect(alerts.nth(0)).toHaveText('檔案「notes.txt」未匯入：不是 PDF、JPEG、PNG 或 TIFF 檔（依檔案內容判斷）');
  await expect(alerts.nth(1)).toHaveText('檔案「huge.png」未匯入：檔案超過 20 MB');
  await expect(page.getByTestId('form-item')).toHaveCount(1);
});
