// Accessibility and language of the electronic-authorization screens, in both languages: the C3
// import panel, the card panel without and with a card, the document the customer reads, the PIN dialog (with a wrong PIN
// and the final-try warning), and the signed case as the supervisor sees it.
import { expect } from '@playwright/test';
import { DEMO, createDemo, isoDay, newDraftCase, signIn, signOut, waitForState } from './flow';
import { auditWalk } from './screen-audit';

auditWalk('electronic authorization with the training card', async (page, audit) => {
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, '陳大文', ['T50']);
  await page.getByRole('radio', { name: 'C3 軟體憑證（網路銀行簽署）' }).check();
  const c3 = page.getByRole('region', { name: '匯入 C3 軟體憑證授權書' });
  await c3.getByLabel('客戶帳戶類型').selectOption({ label: '僅持有本行信用卡' });
  await c3.getByLabel('客戶首次申請 C3 憑證').check();
  await expect(c3.getByText('此類客戶首次申請 C3 憑證，須先完成視訊身分確認')).toBeVisible();
  await audit.check('C3 import, a first certificate that needs video identification');
  await page.getByRole('radio', { name: '自然人憑證電子授權' }).check();
  const panel = page.getByRole('region', { name: '以自然人憑證電子授權' });
  await expect(panel.locator('[data-reader-state="no_card"]')).toBeVisible();
  await audit.check('card panel, no card');
  await panel.getByRole('button', { name: '插入為此客戶製作的模擬卡' }).click();
  await expect(panel.locator('[data-reader-state="ready"]')).toBeVisible();
  await panel.getByRole('button', { name: '請客戶閱讀授權書' }).click();
  await expect(panel.getByRole('alert')).toBeVisible(); // no end date yet: said under the field
  await audit.check('card panel, a card read, the end date missing', { focus: false });
  await panel.getByLabel('授權有效期限').fill(isoDay(30));
  await panel.getByRole('button', { name: '請客戶閱讀授權書' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: '個人資料查詢授權書（請客戶閱讀）' })).toBeVisible();
  await audit.check('the document the customer reads');
  await dialog.getByRole('button', { name: '請客戶輸入自然人憑證 PIN 碼' }).click();
  await expect(dialog.locator('[data-pin-state="fresh"]')).toBeVisible();
  await audit.check('PIN dialog');
  for (const attempt of [1, 2]) {
    await dialog.getByLabel('PIN 碼').fill('000000');
    await dialog.getByRole('button', { name: '簽章' }).click();
    await expect(dialog.locator(`[data-pin-state="${attempt === 1 ? 'countLow' : 'finalTry'}"]`)).toBeVisible();
  }
  await audit.check('PIN dialog, a wrong PIN and the final-try warning', { focus: false });
  await dialog.getByLabel('PIN 碼').fill('123456');
  await dialog.getByLabel('客戶已了解這是最後一次機會').check();
  await dialog.getByRole('button', { name: '簽章' }).click();
  await waitForState(page, 'authorization_captured');
  await audit.check('case, signed with the card');
  await page.getByRole('button', { name: '送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');
  await signOut(page);
  await signIn(page, DEMO.supervisor);
  await page.getByRole('button', { name: '待核准' }).click();
  await page.getByRole('table', { name: '待主管核准' }).locator('tr', { hasText: '陳○文' }).getByRole('button').click();
  await expect(page.getByRole('region', { name: '自然人憑證電子簽章' })).toBeVisible();
  await audit.check('case signed with the card, seen by the supervisor');
});
