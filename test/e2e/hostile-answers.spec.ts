// JCIC answers that carry script, and answers that are broken, shown to an officer: script-bearing
// data that fits the layout is text on the results screen and printout (nothing runs), and a broken
// answer is not taken: the case says why and holds no data.
import { test, expect, startDesk, openDesk } from './desk-host';
import { startHostileJcic, type HostileJcic } from '../support/hostile-jcic';
import { sampleT50 } from '../../sandbox/jcic/sample-data';
import { prepareCase, signIn, stepUpApprove, waitForState, STAFF, staffThroughApi } from './flow';

const { officer: OFFICER, supervisor: SUPERVISOR } = STAFF;
const SCRIPTS = [
  '<script>window.__owned=1</script>',
  '<img src=x onerror="window.__owned=1">',
  '"><svg onload="window.__owned=1">',
];

let jcic: HostileJcic;
test.beforeAll(async () => {
  jcic = await startHostileJcic();
});
test.afterAll(async () => jcic?.close());

test('script in JCIC data is shown as text and never runs; a broken answer is refused and the case says so', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const desk = await startDesk({
    bankCode: '004',
    branchCode: '0123',
    jcicEndpoint: jcic.endpoint,
    jcicClientCertificate: jcic.files.clientCertificate,
    jcicClientKey: jcic.files.clientKey,
    jcicCaCertificate: jcic.files.caCertificate,
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await openDesk(page, desk);
    await staffThroughApi(page);
    await signIn(page, OFFICER);

    // Data of the right layout, its text fields carrying script.
    const t50 = sampleT50('A123456789', new Date());
    t50.records = t50.records.map((r, i) => ({
      ...r,
      payerName: SCRIPTS[i % SCRIPTS.length]!,
      formatCode: i === 0 ? SCRIPTS[1]! : r.formatCode,
    }));
    jcic.resultsBody = () => ({ products: { T50: t50 } });
    await prepareCase(page, { idNumber: 'A123456789', name: '陳大文' }, ['T50']);
    await stepUpApprove(page, SUPERVISOR);
    await waitForState(page, 'data_received', 60_000);
    await page.getByRole('button', { name: '查看資料' }).click();
    const income = page.getByRole('table', { name: 'T50 所得資料' });
    for (const script of SCRIPTS) await expect(income).toContainText(script);
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole('button', { name: '列印' }).click();
    await page.emulateMedia({ media: 'print' });
    await expect(income).toContainText(SCRIPTS[0]!);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await expect(page.locator('table script, table img, table svg')).toHaveCount(0);

    // An answer that does not fit the layout: refused, nothing stored, and the case says why.
    jcic.resultsBody = () => ({ products: { T50: { taxYear: 'soon', records: 'none' } } });
    await prepareCase(page, { idNumber: 'F128765439', name: '張志強' }, ['T50']);
    await stepUpApprove(page, SUPERVISOR);
    await expect(page.getByTestId('follow-error')).toContainText('unexpected-answer', { timeout: 60_000 });
    await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'under_review');
    await expect(page.getByRole('button', { name: '查看資料' })).toHaveCount(0);
    jcic.resultsBody = null;
    await waitForState(page, 'data_received', 60_000);
    await expect(page.getByTestId('follow-error')).toHaveCount(0);
  } finally {
    await desk.stop();
  }
});
