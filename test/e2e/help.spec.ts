// The first-run help: an officer new to this PC gets the walk through the case flow after signing
// in (the training desk says it is one), steps forward and back, and skips it; it does not come back
// by itself, and Help reopens it; in English too. In the sandbox it leads into a practice case, the
// guide beside the real screens following it from the new case to the data.
import { test as base } from '@playwright/test';
import { expect, openDesk, startDesk } from './desk-host';
import { createDemo, DEMO, isoDay, signIn, signOut, stepUpApprove } from './flow';
import { auditWalk } from './screen-audit';

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

auditWalk(
  'in the sandbox, the help leads into a practice case with a guide that follows it to the data',
  async (page, audit) => {
    await createDemo(page);
    await signIn(page, DEMO.officer);
    await page.getByRole('button', { name: '使用說明' }).click();
    const help = page.getByRole('dialog', { name: '使用說明：一件查詢的流程' });
    await help.getByRole('button', { name: '用模擬客戶實際練習一次' }).click();
    await expect(help).toBeHidden();
    const guide = page.getByRole('complementary', { name: '練習導引' });
    await expect(guide.getByRole('heading', { name: '練習導引' })).toBeFocused();
    const app = page.locator('.app');
    // Step 1: the new case is filled in for the simulated customer; its button is marked.
    await expect(guide).toContainText('已填入模擬客戶 陳大文');
    await expect(page.getByLabel('身分證字號')).toHaveValue('A123456789');
    await expect(app).toHaveAttribute('data-guide-step', 'create');
    const create = page.getByRole('button', { name: '建立案件' });
    expect(await create.evaluate((b) => getComputedStyle(b).outlineStyle)).toBe('solid');
    await audit.check('practice guide, new case');
    await create.click();
    // Step 2: a practice form goes in through the camera's intake, and passes the quality check.
    await expect(guide).toContainText('第 2 步：取得授權');
    await guide.getByRole('button', { name: '放入練習用授權書' }).click();
    await expect(page.getByRole('img', { name: '第 1 頁' })).toBeVisible({ timeout: 30_000 });
    await expect(app).toHaveAttribute('data-guide-step', 'confirm');
    await expect(guide).toContainText('按「確認授權書」');
    await audit.check('practice guide, the practice form in');
    await page.getByLabel('簽署日期').fill(isoDay(0));
    await page.getByLabel('有效期限').fill(isoDay(30));
    await page.getByRole('button', { name: '確認授權書' }).click();
    // Step 3: ask, then a supervisor steps up at this PC.
    await expect(app).toHaveAttribute('data-guide-step', 'ask');
    await page.getByRole('button', { name: '送主管核准' }).click();
    await expect(guide).toContainText('第 3 步：請主管核准');
    await stepUpApprove(page);
    // Steps 4 and 5: the sandbox JCIC answers; the guide points at the data.
    await expect(guide).toContainText('第 5 步：已收到資料', { timeout: 30_000 });
    await expect(app).toHaveAttribute('data-guide-step', 'results');
    await audit.check('practice guide, data received');
    await page.getByRole('button', { name: '查看資料' }).click();
    await expect(page.getByRole('table', { name: 'T50 所得資料' })).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('complementary', { name: 'Practice guide' })).toContainText('Practice complete!');
    await page.getByRole('button', { name: 'End the practice' }).click();
    await expect(page.getByTestId('practice-guide')).toHaveCount(0);
    await expect(app).not.toHaveAttribute('data-guide-step', /.*/);
    // A practice is its officer's: signing out ends it.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '使用說明' }).click();
    await help.getByRole('button', { name: '用模擬客戶實際練習一次' }).click();
    await expect(page.getByTestId('practice-guide')).toBeVisible();
    await signOut(page);
    await signIn(page, DEMO.officer);
    await expect(
      page.getByRole('heading', { name: '工作區' }).or(page.getByTestId('case-state')).first(),
    ).toBeVisible();
    await expect(page.getByTestId('practice-guide')).toHaveCount(0);
  },
);
