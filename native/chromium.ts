// Locates a Chromium-family browser for browser mode and opens the desk in it as an app window.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'],
  win32: [
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft\\Edge\\Application\\msedge.exe'),
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
};

export function findChromium(): string | null {
  const override = process.env.BRANCH_DESK_CHROMIUM;
  if (override) return existsSync(override) ? override : null;
  return (CANDIDATES[process.platform] ?? []).find((p) => existsSync(p)) ?? null;
}

/** Opens `url` as an app window with its own profile; returns false when no browser could start. */
export function openAppWindow(browser: string, url: string, profileDir: string): boolean {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to run as root with its sandbox on; this happens only on build machines.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    const child = spawn(browser, args, { stdio: 'ignore', detached: false });
    child.on('error', () => undefined);
    return true;
  } catch {
    return false;
  }
}
