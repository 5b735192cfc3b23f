// Accessibility and language, screen by screen, in both languages: the officer's and the supervisor's
// screens and a case in each state the sandbox reaches, with the refusals bad input gets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { DEMO, createDemo, isoDay, prepareCase, signIn, signOut, twoPageForm, waitForState } from './flow';
import { auditWalk } from './screen-audit';

const REASON = '簽名頁不清楚，請重新掃描';

async function openFromList(page: Page, list: string, customer: string): Promise<void> {
  await page.getByRole('table', { name: list }).locator('tr', { hasText: customer }).getByRole('button').click();
  await expect(page.getByTestId('case-state')).toBeVisible();
}

auditWalk('the officer, the supervisor and a case in each state', async (page, audit, desk) => {
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await audit.check('home, officer');
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await expect(page.getByRole('button', { name: '新增案件' })).toBeVisible();
  await audit.check('case list, no cases yet');

  await page.getByRole('button', { name: '新增案件' }).click();
  await audit.check('new case');
  await page.getByLabel('身分證字號／統一證號').fill('A123456788');
  await page.getByLabel('姓名', { exact: true }).fill('王小明');
  audit.allow('王小明');
  await page.getByRole('button', { name: '建立案件' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('new case, ID number refused', { focus: false });
  await page.getByRole('button', { name: '陳大文' }).click();
  await page.locator('label[data-product="T50"] input').check();
  await page.getByRole('button', { name: '建立案件' }).click();
  await waitForState(page, 'draft');
  await audit.check('case, draft without pages');

  const importer = page.getByLabel('匯入授權書檔案（PDF、JPEG、PNG、TIFF，可多頁）');
  const empty = join(mkdtempSync(join(tmpdir(), 'form-')), '空白.png');
  writeFileSync(empty, '');
  audit.allow('空白.png', '授權書-p1.png', '授權書-p2.png');
  await importer.setInputFiles([empty]);
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('case, an empty file refused', { focus: false });
  await importer.setInputFiles(await twoPageForm());
  await expect(page.getByRole('img', { name: '第 2 頁', exact: true })).toBeVisible();
  await expect(importer).toBeEnabled();
  await audit.check('case, draft with pages');
  await page.getByRole('img', { name: '第 2 頁', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await audit.check('case, a page enlarged');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '調整第 1 頁' }).click();
  await expect(page.getByRole('button', { name: /^左上角：/ })).toBeVisible();
  await audit.check('case, the page editor');
  await page.getByRole('dialog').getByRole('button', { name: '取消', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: '移除第 2 頁' }).click();
  await expect(page.getByRole('button', { name: '取消' })).toBeFocused();
  await audit.check('case, removing a page asks first');
  await page.getByRole('button', { name: '取消' }).click();

  await page.getByLabel('簽署日期').fill(isoDay(0));
  await page.getByLabel('有效期限').fill(isoDay(30));
  await page.getByRole('button', { name: '確認授權書' }).click();
  await waitForState(page, 'authorization_captured');
  await audit.check('case, authorization captured');
  // Two pages where the bank's form has one: the gate says so, and the case does not go until the
  // officer answers it with a reason (which the supervisor then reads).
  const quality = page.getByTestId('quality');
  await expect(quality.locator('li[data-finding="page_count"]')).toContainText('授權書共 2 頁，本行授權書應為 1 頁');
  await page.getByRole('button', { name: '送主管核准' }).click();
  await expect(page.locator('[data-error-code="QUALITY_GATE"]')).toBeVisible();
  await audit.check('case, the quality gate holds the case', { focus: false });
  await quality.getByRole('button', { name: '說明理由' }).click();
  await quality.getByLabel('理由（主管會看到）').fill('舊版兩頁式授權書，第 2 頁為告知事項');
  await audit.check('case, answering a finding');
  await quality.getByRole('button', { name: '送出理由' }).click();
  await expect(quality.locator('li[data-answered="yes"]')).toContainText('已說明理由：舊版兩頁式授權書');
  await page.getByRole('button', { name: '送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');
  await audit.check('case, awaiting approval with the step-up box');
  const approval = page.getByRole('form', { name: '主管核准' });
  await approval.getByLabel('主管密碼').fill(DEMO.supervisor.password);
  await approval.getByRole('button', { name: '核准' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('case, approval with an empty supervisor ID', { focus: false });

  await prepareCase(page, '測試退件甲');
  await prepareCase(page, '林美玲');
  await signOut(page);
  await signIn(page, DEMO.supervisor);
  await audit.check('home, supervisor');
  await page.getByRole('button', { name: '待核准' }).click();
  await expect(page.getByRole('table', { name: '待主管核准' }).locator('tbody tr')).toHaveCount(3);
  await audit.check('awaiting approval');

  await openFromList(page, '待主管核准', '林○玲');
  await expect(page.getByRole('img', { name: '第 1 頁', exact: true })).toBeVisible();
  await audit.check('case, awaiting approval seen by the supervisor');
  await page.getByRole('form', { name: '主管核准' }).getByRole('button', { name: /^退回/ }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check('case, sent back without a reason', { focus: false });
  await page.getByRole('form', { name: '主管核准' }).getByLabel(/原因/).fill(REASON);
  audit.allow(REASON);
  await page.getByRole('form', { name: '主管核准' }).getByRole('button', { name: /^退回/ }).click();
  await expect(page.getByRole('form', { name: '主管核准' })).toHaveCount(0);
  await audit.check('case, sent back', { focus: false });

  await page.getByRole('button', { name: '待核准' }).click();
  await openFromList(page, '待主管核准', '測○○○甲');
  await page.getByRole('form', { name: '主管核准' }).getByRole('button', { name: '核准' }).click();
  await waitForState(page, 'rejected');
  await audit.check('case, rejected by JCIC');

  await page.getByRole('button', { name: '待核准' }).click();
  await openFromList(page, '待主管核准', '陳○文');
  await page.getByRole('form', { name: '主管核准' }).getByRole('button', { name: '核准' }).click();
  await waitForState(page, 'data_received');
  await page.getByRole('button', { name: '顯示誰查閱或列印過此案資料（此查看也會留存紀錄）' }).click();
  await expect(page.getByRole('list', { name: '查閱紀錄' })).toBeVisible();
  await audit.check('case, data received, with its access log');
  await page.getByRole('button', { name: '查看資料' }).click();
  await expect(page.getByTestId('income-total')).toBeVisible();
  await page.getByLabel('客戶無擔保債務總額（各金融機構合計）').fill('1000000');
  await audit.check('results');
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await expect(page.getByRole('table', { name: '案件' }).locator('tbody tr')).toHaveCount(3);
  await audit.check('case list, every case');

  await signOut(page);
  await signIn(page, DEMO.officer);
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await audit.check('case list, the officer’s cases');
  await openFromList(page, '案件', '林○玲');
  await audit.check('case, sent back, seen by the officer');

  // Past the three-day retention window: the data is deleted, the history stays.
  await desk.advanceClock(3 * 24 * 60 + 1);
  await expect(page.getByRole('heading', { name: '畫面已鎖定' })).toBeVisible();
  await page.getByLabel('密碼').fill(DEMO.officer.password);
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await page.getByRole('button', { name: '案件', exact: true }).click();
  await openFromList(page, '案件', '陳○文');
  await waitForState(page, 'purged');
  await audit.check('case, purged after retention');
});
