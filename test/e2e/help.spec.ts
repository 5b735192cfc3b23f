// The first-run help: an officer new to this PC gets the walk through the case flow after signing
// in (the training desk says it is one), steps forward and back, and skips it; it does not come back
// by itself, and Help reopens it; in English too.
import { test as base } from '@playwright/test';
import { expect, openDesk, startDesk } from './desk-host';
import { createDemo, DEMO, signIn, signOut } from './flow';

base('an officer new to this PC gets the help walk once; Help reopens it', async ({ browser }) => {
  const desk = await startDesk();
  const context = await browser.newContext({ locale: 'zh-TW' }); // nothing seen on this PC yet
  const page = await context.newPage();
  try {
    await openDesk(page, desk);
    await createDemo(page);
    await signIn(page, DEMO.officer);
    const help = page.getByRole('dialog', { name: '使用說明：一件查詢的流程' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('目前是訓練環境（SANDBOX）');
    await expect(help).toContainText('第 1 步，共 5 步');
    await expect(help.getByRole('button', { name: '下一步' })).toBeFocused();
    await help.getByRole('button', { name: '下一步' }).click();
    await expect(help).toContainText('2. 取得客戶授權');
    await help.getByRole('button', { name: '上一步' }).click();
    await expect(help).toContainText('1. 建立案件');
    await help.getByRole('button', { name: '略過說明' }).click();
    await expect(help).toBeHidden();

    await signOut(page);
    await signIn(page, DEMO.officer);
    await expect(page.getByRole('button', { name: '使用說明' })).toBeVisible();
    await expect(help).toHaveCount(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Help' }).click();
    const en = page.getByRole('dialog', { name: 'Help: one query from start to end' });
    for (let i = 0; i < 4; i++) await en.getByRole('button', { name: 'Next' }).click();
    await expect(en).toContainText('5. The data is deleted on time');
    await en.getByRole('button', { name: 'Done' }).click();
    await expect(en).toBeHidden();
  } finally {
    await context.close();
    await desk.stop();
  }
});
