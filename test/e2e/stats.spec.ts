// The usage statistics screen: a supervisor counts a period, reads each figure as a table, and takes
// the same figures as a CSV file (with a byte-order mark for Excel); days the wrong way round are
// refused under the field; both languages.
import { readFileSync } from 'node:fs';
import { test, expect, openDesk } from './desk-host';
import { createDemo, DEMO, signIn } from './flow';

test('a supervisor counts a period and downloads it as CSV; a period the wrong way round is refused', async ({
  page,
  desk,
}) => {
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.supervisor);
  await page.getByRole('button', { name: '使用統計' }).click();
  await expect(page.getByRole('heading', { name: '使用統計' })).toBeVisible();
  await page.getByRole('button', { name: '統計', exact: true }).click();
  await expect(page.getByTestId('stats-summary')).toContainText('查詢 0 件，JCIC 退件 0 件');
  await expect(page.getByRole('table', { name: '各經辦查詢件數' })).toContainText('無');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下載 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^branch-desk-stats-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\ufeffsection,key,count\r\nqueries,total,0\r\n')).toBe(true);

  await page.getByLabel('迄日').fill('2020-01-01');
  await page.getByRole('button', { name: '統計', exact: true }).click();
  await expect(page.locator('[data-error-code="VALIDATION"]')).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Usage statistics' })).toBeVisible();
});
