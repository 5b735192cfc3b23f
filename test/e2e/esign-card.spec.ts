// Electronic authorization in Chromium on real parts: pcscd with vpcd's virtual reader and the
// virtual MOICA card, the desk's card service and signer processes, a SoftHSM2 token (behind the
// PIN shim: three tries and the PIN flags) holding the card's key, a local OCSP responder, and the
// sandbox JCIC verifying the signature against the test PKI. Plus: an NHI card gets its message,
// and pcscd restarted while the desk runs is recovered from without restarting the desk.
import { test as base, expect, openDesk, startDesk, type RunningDesk } from './desk-host';
import { createDemo, DEMO, isoDay, newDraftCase, signIn, signOut, stepUpApprove, waitForState } from './flow';
import { makeMoicaPki } from '../support/moica-pki';
import { makeSoftToken } from '../support/softhsm';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';
import { CardApplet } from '../support/virtual-moica/card-applet';
import { VirtualCard } from '../support/virtual-moica/vpcd-card';
import { Pcscd, pcscdProblem } from '../support/pcscd';

const MOICA_ATR = Buffer.from('3BB813008131FA524348544D4F494341A5', 'hex');
const NHI_ATR = Buffer.from('3BEE00008131FE4580318066409093060F17830F9000F3', 'hex');
const customer = { name: '王小明', idNumber: 'A123456789' };

const test = base.extend<{
  parts: { desk: RunningDesk; card: VirtualCard; nhi: VirtualCard; pcscd: Pcscd; responder: OcspResponder };
}>({
  parts: async ({}, use) => {
    expect(pcscdProblem(), 'the card tests need the smart-card service').toBeNull();
    const pcscd = new Pcscd();
    await pcscd.own();
    const responder = await startOcspResponder();
    const pki = makeMoicaPki({ port: responder.port });
    responder.issuers = [pki.intermediateA, pki.intermediateB];
    const citizen = pki.citizen(customer);
    const token = makeSoftToken({ keyPem: citizen.keyPem, certDer: citizen.der, pinShim: true });
    const files = { cardNumber: 'TP03000000012345', certificates: [citizen.der] };
    const card = new VirtualCard({ atr: MOICA_ATR, applet: new CardApplet(files) });
    const nhi = new VirtualCard({ atr: NHI_ATR, applet: new CardApplet(files) });
    const desk = await startDesk(
      {
        trustAnchorDir: pki.anchorsDir,
        trustIntermediateDir: pki.intermediatesDir,
        pkcs11Module: token.module,
      },
      token.env,
    );
    try {
      await use({ desk, card, nhi, pcscd, responder });
    } finally {
      card.remove();
      nhi.remove();
      await desk.stop();
      await responder.close();
      await pcscd.release();
    }
  },
});

test('MOICA card on pcscd and SoftHSM2: an NHI card named, pcscd restarted and recovered, a wrong PIN counted, signed with OCSP checked, approved, verified by JCIC; IT checks the parts', async ({
  page,
  parts,
}) => {
  test.setTimeout(180_000);
  const { desk, card, nhi, pcscd } = parts;
  await openDesk(page, desk);
  await createDemo(page);
  await signIn(page, DEMO.officer);
  await newDraftCase(page, customer, ['T50']);
  await page.getByRole('radio', { name: '自然人憑證電子授權' }).check();
  const panel = page.getByRole('region', { name: '以自然人憑證電子授權' });
  await expect(panel.getByText('訓練環境：模擬讀卡機')).toHaveCount(0); // real parts: no training card
  // vpcd offers two readers; the virtual cards go into the first.
  const reader = panel.locator('li', { hasText: 'Virtual PCD 00 00' });
  await expect(reader).toHaveAttribute('data-reader-state', 'no_card', { timeout: 30_000 });
  await expect(reader).toContainText('請插入自然人憑證卡');

  await nhi.insert();
  await expect(reader).toHaveAttribute('data-reader-state', 'unsupported', { timeout: 15_000 });
  await expect(reader).toContainText('這是健保卡，請改插入自然人憑證卡');
  nhi.remove();
  await card.insert();
  await expect(reader).toHaveAttribute('data-reader-state', 'ready', { timeout: 15_000 });
  await expect(reader).toContainText('已讀取：王小明（身分證末四碼 6789）');

  // The smart-card service restarts under the running desk: the panel says so, then reads the card again.
  await pcscd.stop();
  await expect(panel.getByText('讀卡服務（PC/SC）未執行')).toBeVisible({ timeout: 20_000 });
  await pcscd.start();
  await expect(reader).toHaveAttribute('data-reader-state', 'ready', { timeout: 40_000 });

  await panel.getByLabel('授權有效期限').fill(isoDay(30));
  await panel.getByRole('button', { name: '請客戶閱讀授權書' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('王小明');
  await dialog.getByRole('button', { name: '請客戶輸入自然人憑證 PIN 碼' }).click();
  await expect(dialog.locator('[data-pin-state]')).toHaveAttribute('data-pin-state', 'fresh');
  await dialog.getByLabel('PIN 碼').fill('000000');
  await dialog.getByRole('button', { name: '簽章' }).click();
  await expect(dialog.getByRole('alert')).toHaveAttribute('data-error-code', /^PIN_INCORRECT/);
  await expect(dialog.locator('[data-pin-state]')).toHaveAttribute('data-pin-state', 'countLow');
  await dialog.getByLabel('PIN 碼').fill('123456');
  await dialog.getByRole('button', { name: '簽章' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await waitForState(page, 'authorization_captured');

  const record = page.getByRole('region', { name: '自然人憑證電子簽章' });
  await expect(record.locator('[data-verdict]')).toHaveText('憑證檢查：全部通過');
  await expect(record.locator('[data-revocation]')).toHaveText(/廢止查驗：有效（.*127\.0\.0\.1.*）/);
  await page.getByRole('button', { name: '送主管核准' }).click();
  await waitForState(page, 'awaiting_approval');
  await stepUpApprove(page);
  await waitForState(page, 'data_received');

  // IT's check of the parts, from the desk's own card service and signer.
  await signOut(page);
  await signIn(page, DEMO.admin);
  await page.getByRole('button', { name: '開始檢查' }).click();
  const checked = page.getByRole('table', { name: '電子授權元件檢查' });
  const pcsc = checked.locator('tr[data-check="pcsc"]');
  await expect(pcsc).toContainText('Virtual PCD 00 00: ready (moica1, ATR 3bb813008131fa524348544d4f494341a5)');
  await expect(pcsc).toHaveAttribute('data-state', 'warn'); // a virtual reader: never on a branch PC
  await expect(checked.locator('tr[data-check="pkcs11"]')).toContainText('tokens: MOICA-TEST');
  await expect(checked.locator('tr[data-check="trust"]').first()).toContainText('Test Government Root');
  // …and whether JCIC answers (here the sandbox, so a warning that says so).
  const jcic = checked.locator('tr[data-check="jcic"]');
  await expect(jcic).toContainText('answers over mutual TLS; environment: sandbox');
  await expect(jcic).toHaveAttribute('data-state', 'warn');
});
