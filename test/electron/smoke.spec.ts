// Electron smoke test: the real window over the real preload. Started by run-electron-smoke.ts
// only where the Electron binary exists.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_NAMES } from '../../common/contract';

const root = join(__dirname, '..', '..');

test('the window opens with the contract exposed and every insecure option off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-electron-'));
  writeFileSync(join(dir, 'policy.json'), '{}');
  const app = await electron.launch({
    executablePath: process.env.BRANCH_DESK_ELECTRON!,
    args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, BRANCH_DESK_DATA_DIR: join(dir, 'data'), BRANCH_DESK_POLICY: join(dir, 'policy.json') },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText('訓練環境 / SANDBOX')).toBeVisible();
    expect(await window.evaluate(() => Object.keys((window as unknown as { desk: object }).desk).sort())).toEqual(
      [...CALL_NAMES].sort(),
    );
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // The flags themselves are unit-tested (secureWindowOptions); here, their effect on the page.
    expect(await window.evaluate(() => typeof (globalThis as { module?: unknown }).module)).toBe('undefined');
    expect(await window.evaluate(() => Object.isFrozen((window as unknown as { desk: object }).desk))).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    const csp = await window.evaluate(() =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    );
    expect(csp).toContain("script-src 'self'");
    const info = await window.evaluate(() =>
      (window as unknown as { desk: Record<string, (i: unknown) => Promise<{ ok: boolean }>> }).desk['desk.info']!({}),
    );
    expect(info.ok).toBe(true);
    // pdf.js's worker starts from the file:// page (the PDF form pages depend on it).
    const workerStarted = await window.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const worker = new Worker(new URL('pdfjs/pdf.worker.js', document.baseURI));
          worker.onerror = () => resolve(false);
          setTimeout(() => {
            worker.terminate();
            resolve(true);
          }, 1000);
        }),
    );
    expect(workerStarted).toBe(true);
    if (process.platform === 'win32' || process.platform === 'darwin') {
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isContentProtected())).toBe(
        true,
      );
    }
    const before = window.url();
    await window.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await window.waitForTimeout(1000);
    expect(window.url()).toBe(before);
  } finally {
    await app.close();
  }
});
