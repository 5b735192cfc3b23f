// A C3 authorization in Chromium: the file the customer signed in the online channel, imported with
// the customer's account facts; a first certificate on a type-3 digital account is refused until
// video identification is recorded; the supervisor sees the checks and the identity, approves, and
// the sandbox JCIC verifies the C3 signature on its own (trusting the desk's C3 directories).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, openDesk, startDesk, type RunningDesk } from './desk-host';
import { createDemo, DEMO, newDraftCase, signIn, stepUpApprove, waitForState } from './flow';
import { makeC3Pki, c3File } from '../support/c3-pki';
import { startOcspResponder } from '../support/ocsp-responder';

const customer = { name: '王小明', idNumber: 'A123456789' };

const test = base.extend<{ c3: { desk: RunningDesk; file: string } }>({
  c3: async ({}, use) => {
    const responder = await startOcspResponder();
    const pki = makeC3Pki({ ocspUrl: `http://127.0.0.1:${responder.port}/OCSP` });
    responder.issuers = [pki.issuing];
    const file = join(mkdtempSync(join(tmpdir(), 'c3-')), '授權書-C3.p7s');
    writeFileSync(
      file,
      await c3File(pki.customer(customer), {
        subjectIdNumber: customer.idNumber,
        subjectName: customer.name,
        products: ['T50'],
        bankCode: '000',
      }),
    );
    const desk = await startDesk({ c3TrustAnchorDir: pki.anchorsDir, c3TrustIntermediateDir: pki.intermediatesDir });
    try {
      await use({ desk, file });
    } finally {
      await desk.stop();
      await responder.close();
    }
  },
});

test('C3: imported with the account facts, refused without the video a first certificate needs, approved, verified by JCIC', async ({
  page,
  c3,
}) => {
  test.setTimeout(120_000);
  await openDesk(page, c3.desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, customer, ['T50']);
  await page.getByRole('radio', { name: 'C3 軟體憑證（網路銀行簽署）' }).check();
  const panel = page.getByRole('region', { name: '匯入 C3 軟體憑證授權書' });
  await panel.getByLabel('客戶帳戶類型').selectOption({ label: '第三類數位存款帳戶' });
  await panel.getByLabel('客戶首次申請 C3 憑證').check();
  await expect(panel.getByText('此類客戶首次申請 C3 憑證，須先完成視訊身分確認')).toBeVisible();
  await panel.getByLabel('C3 簽章授權檔（.p7s）').setInputFiles(c3.file);
  await panel.getByRole('button', { name: '匯入並檢查' }).click();
  await expect(panel.getByRole('alert')).toHaveAttribute('data-error-code', 'C3_VIDEO_REQUIRED');
  await expect(panel.getByLabel('已完成視訊身分確認')).toHaveAttribute('aria-invalid', 'true');
  await panel.getByLabel('已完成視訊身分確認').check();
  await expect(panel.getByRole('alert')).toHaveCount(0); // cleared on change
  await panel.getByRole('button', { name: '匯入並檢查' }).click();
  await waitForState(page, 'authorization_captured');

  const record = page.getByRole('region', { name: 'C3 軟體憑證電子簽章' });
  await expect(record.locator('[data-verdict]')).toHaveText('憑證檢查：全部通過');
  await expect(record.locator('[data-check="id_number"]')).toHaveAttribute('data-outcome', 'pass');
  await expect(record.getByTestId('c3-identity')).toHaveText(
    '第三類數位存款帳戶；首次申請 C3 憑證；已完成視訊身分確認',
  );
  await page.getByRole('button', { name: '送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');
  await stepUpApprove(page);
  await waitForState(page, 'data_received');
});
