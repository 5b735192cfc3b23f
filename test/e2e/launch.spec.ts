// `npm start` in browser mode: the browser is started on a 0600 launch file, never with the secret on
// its command line or in its environment (both are readable by other accounts on the machine).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(__dirname, '..', '..');

test('the launcher opens the browser on a 0600 launch file that works once; no code on the command line or in the environment', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-launch-'));
  const seen = join(dir, 'browser-saw');
  // Stands in for Chromium: records exactly what a browser started by the launcher is given.
  const browser = join(dir, 'fake-chromium');
  writeFileSync(
    browser,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${seen}.args.tmp"\nenv > "${seen}.env"\nmv "${seen}.args.tmp" "${seen}.args"\n`,
  );
  chmodSync(browser, 0o755);
  writeFileSync(join(dir, 'policy.json'), '{}');
  const launcher = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/launcher/start.ts'), '--browser'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BRANCH_DESK_CHROMIUM: browser,
      BRANCH_DESK_DATA_DIR: join(dir, 'data'),
      BRANCH_DESK_POLICY: join(dir, 'policy.json'),
    },
  });
  let output = '';
  launcher.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  launcher.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  try {
    await expect.poll(() => existsSync(`${seen}.args`), { timeout: 30_000 }).toBe(true);
    const args = readFileSync(`${seen}.args`, 'utf8').trim().split('\n');
    const app = args.find((a) => a.startsWith('--app='))!;
    expect(app).toMatch(/^--app=file:\/\/.+\/launch\/launch-\d+-[0-9a-f]+\.html$/);
    const launchFile = fileURLToPath(app.slice('--app='.length));
    expect(statSync(launchFile).mode & 0o777).toBe(0o600);
    const code = /code=([A-Za-z0-9_-]+)/.exec(readFileSync(launchFile, 'utf8'))![1]!;
    expect(args.join(' ')).not.toContain(code);
    expect(readFileSync(`${seen}.env`, 'utf8')).not.toContain(code);
    expect(readFileSync(`/proc/${launcher.pid}/cmdline`, 'utf8')).not.toContain(code);
    expect(output).not.toContain(code);

    // The real browser on that file: redirected in, signed to this launch, the file gone.
    await page.goto(app.slice('--app='.length));
    await expect(page.getByRole('heading', { name: '初始設定：建立第一位資訊管理者' })).toBeVisible();
    expect(existsSync(launchFile)).toBe(false);
    // The same address a second time gets nothing.
    const again = await page
      .context()
      .request.get(`${new URL(page.url()).origin}/launch?code=${code}`, { maxRedirects: 0 });
    expect(again.status()).toBe(401);
  } finally {
    launcher.kill('SIGTERM');
    await new Promise((done) => launcher.once('exit', done));
    rmSync(dir, { recursive: true, force: true });
  }
});
