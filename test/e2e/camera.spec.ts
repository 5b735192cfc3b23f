// The document camera on the case screen, on Chromium's fake camera playing a frame the test drew:
// the customer's form on a desk, seen at an angle, a shadow across it, slightly soft. The officer
// opens the live view, takes the page at the camera's full resolution, and the desk cuts it to the
// sheet, squares it and reads the customer's ID (the gate passes); the page editor then shows the
// original with the corners found, turns the page from the keyboard, and the page comes back turned.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openDesk, startDesk } from './desk-host';
import { createDemo, DEMO, newDraftCase, signIn } from './flow';
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { cameraFrame } from '../support/capture-forms';
import { writeY4m } from '../support/y4m';
import config from './playwright.config';

const customer = DEMO_CUSTOMERS.find((c) => c.name === '陳大文')!;
const fakeCamera = join(mkdtempSync(join(tmpdir(), 'camera-')), 'form.y4m');
const frame = cameraFrame({ name: customer.name, idNumber: customer.idNumber }).then((f) =>
  writeY4m(fakeCamera, f.rgb, f.width, f.height),
);

test.use({
  launchOptions: {
    ...config.use!.launchOptions,
    args: [
      ...config.use!.launchOptions!.args!,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${fakeCamera}`,
    ],
  },
});

test('a form photographed with the document camera is cut to the sheet, passes the gate, and is turned in the editor', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await frame;
  const desk = await startDesk();
  try {
    await openDesk(page, desk);
    await createDemo(page);
    await signIn(page, DEMO.officer);
    await newDraftCase(page, customer.name);
    const panel = page.getByRole('region', { name: '高拍儀拍攝' });
    await panel.getByRole('button', { name: '開啟高拍儀' }).click();
    await expect(panel.getByLabel('高拍儀即時畫面')).toBeVisible();
    // The camera's full resolution, not the preview's size.
    await expect(panel.getByText('畫面解析度 2448 × 3264')).toBeVisible();
    await panel.getByRole('button', { name: '拍攝一頁' }).click();
    // While the desk works on the shot, the panel says which step (reading the ID takes a second).
    await expect(panel.getByRole('status')).toHaveText(/正在(檢查|辨識)第 1／1 頁/);
    await expect(panel.getByRole('status')).toHaveText('已拍攝 1 頁', { timeout: 60_000 });
    // Closed, the camera is let go (the live view stops).
    await panel.getByRole('button', { name: '關閉高拍儀' }).click();
    await expect(panel.getByRole('button', { name: '開啟高拍儀' })).toBeVisible();
    const item = page.getByTestId('form-item');
    await expect(item).toHaveCount(1);
    await expect(page.getByTestId('quality')).toContainText('品質檢查通過');

    await page.getByRole('button', { name: '調整第 1 頁' }).click();
    const editor = page.getByRole('dialog', { name: '調整第 1 頁（裁切、拉正、旋轉）' });
    const topLeft = editor.getByRole('button', { name: /^左上角：/ });
    await expect(topLeft).toBeVisible();
    // The corners found are the sheet's, inside the frame (not the frame's own corner).
    const label = (await topLeft.getAttribute('aria-label'))!;
    const [x, y] = /：(\d+), (\d+)/.exec(label)!.slice(1).map(Number);
    expect(x).toBeGreaterThan(200);
    expect(y).toBeGreaterThan(200);
    await topLeft.focus();
    await page.keyboard.press('ArrowRight');
    await expect(topLeft).not.toHaveAttribute('aria-label', label);
    await editor.getByRole('button', { name: '使用自動偵測的邊緣' }).click();
    await expect(topLeft).toHaveAttribute('aria-label', label);
    await editor.getByRole('button', { name: '向右轉 90°' }).click();
    await expect(editor.getByText('輸出旋轉 90°')).toBeVisible();
    // The rough result beside the original turns with the quarter-turn and the straightening.
    const result = editor.getByTestId('edit-result');
    const deskew = editor.getByLabel('拉正角度');
    await deskew.focus();
    await page.keyboard.press('ArrowRight');
    const angle = Number(await deskew.inputValue());
    await expect(result).toHaveCSS('clip-path', /^polygon/);
    const turned = await result.evaluate((img) => /^rotate\((-?[\d.]+)deg\)$/.exec(img.style.transform)?.[1]);
    expect(Number(turned)).toBeCloseTo(90 + angle, 5);
    await editor.getByRole('button', { name: '套用' }).click();
    await expect(editor).toBeHidden({ timeout: 60_000 });
    // Turned: the page is now wider than it is tall.
    const shown = page.getByRole('img', { name: '第 1 頁' });
    await expect
      .poll(async () => shown.evaluate((img: HTMLImageElement) => img.naturalWidth > img.naturalHeight), {
        timeout: 30_000,
      })
      .toBe(true);
  } finally {
    await desk.stop();
  }
});
