// The usage statistics screen: a supervisor counts a period, reads each figure as a table, and takes
// the same figures as a CSV file (with a byte-order mark for Excel); days the wrong way round are
// refused under the field; both languages. A year's queries by month as a column chart, drawn (its
// pixels are read back), summarised for a screen reader, with ROC months in the table beside it.
import { readFileSync } from 'node:fs';
import { test, expect, openDesk } from './desk-host';
import { createDemo, DEMO, prepareCase, signIn, signOut, stepUpApprove, waitForState } from './flow';

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

test('a year of queries by month is a column chart with every month, a summary for a screen reader and ROC months', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await prepareCase(page, '陳大文');
  await stepUpApprove(page);
  await waitForState(page, 'data_received');
  await signOut(page);
  await signIn(page, DEMO.supervisor);
  await page.getByRole('button', { name: '使用統計' }).click();
  // From the first day of the month eleven months ago: twelve months, this one with the query.
  const from = await page.evaluate(() => {
    const now = new Date(Date.now() + 8 * 3_600_000);
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
    return start.toISOString().slice(0, 10);
  });
  await page.getByLabel('起日').fill(from);
  await page.getByRole('button', { name: '統計', exact: true }).click();
  await expect(page.getByTestId('stats-summary')).toContainText('查詢 1 件');
  const thisMonth = await page.evaluate(() => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7));
  const roc = `民國${Number(thisMonth.slice(0, 4)) - 1911}年${Number(thisMonth.slice(5, 7))}月`;
  const chart = page.getByRole('img', { name: /各月查詢件數長條圖/ });
  await expect(chart).toHaveAccessibleName(new RegExp(`共 12 個月，最多為${roc}（${thisMonth}）的 1 件，合計 1 件`));
  await expect(page.getByRole('table', { name: '各月查詢件數' })).toContainText(`${roc}（${thisMonth}）1`);
  // Drawn: some of the canvas is the bars' blue (#2563eb).
  await expect
    .poll(() =>
      page.getByTestId('month-chart').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let blue = 0;
        for (let i = 0; i < data.length; i += 4)
          if (Math.abs(data[i]! - 0x25) < 8 && Math.abs(data[i + 1]! - 0x63) < 8 && Math.abs(data[i + 2]! - 0xeb) < 8)
            blue++;
        return blue;
      }),
    )
    .toBeGreaterThan(100);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('img', { name: /Queries by month, a column chart: 12 months/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Queries by month' })).toContainText(
    `${thisMonth} (ROC ${Number(thisMonth.slice(0, 4)) - 1911}/${thisMonth.slice(5, 7)})`,
  );
});
