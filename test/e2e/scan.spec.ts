// Scanning a form from the case screen, on SANE's test backend (the scanner's twin): the panel lists
// the scanner with what it can do, the feeder's pages arrive as pages of the form (and the quality
// gate judges them), and a jammed feeder is said beside the scan button, in the officer's words.
import { saneTestConfig } from '../support/sane-config';
import { test, expect, openDesk, startDesk } from './desk-host';
import { createDemo, DEMO, newDraftCase, signIn } from './flow';

const saneConfig = (readStatus = 'Default') =>
  saneTestConfig({ 'read-status-code': `"${readStatus}"`, number_of_devices: '1' });

for (const [status, what] of [
  ['Default', 'the feeder scans its pages into the form'],
  ['SANE_STATUS_JAMMED', 'a jammed feeder is said beside the button, nothing imported'],
] as const)
  test(`scanning on the case screen: ${what}`, async ({ page }) => {
    test.setTimeout(120_000);
    const desk = await startDesk({}, { SANE_CONFIG_DIR: saneConfig(status) });
    try {
      await openDesk(page, desk);
      await createDemo(page);
      await signIn(page, DEMO.officer);
      await newDraftCase(page, '陳大文');
      const panel = page.getByRole('region', { name: '掃描授權書' });
      await expect(panel.getByLabel('掃描器')).toHaveValue('test:0');
      await expect(panel.getByLabel('解析度')).toHaveValue('200');
      await expect(panel.getByLabel('來源')).toHaveValue('feeder');
      await panel.getByRole('button', { name: '開始掃描' }).click();
      if (status === 'Default') {
        await expect(page.getByTestId('form-item')).toHaveCount(10, { timeout: 60_000 });
        await expect(page.getByTestId('quality').locator('li[data-finding="page_count"]')).toContainText(
          '授權書共 10 頁',
        );
      } else {
        await expect(panel.locator('[data-error-code="SCANNER_PROBLEM"]')).toContainText(
          '掃描器卡紙，請取出卡住的紙張後重新掃描',
        );
        await expect(page.getByTestId('form-item')).toHaveCount(0);
      }
    } finally {
      await desk.stop();
    }
  });
