import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browsers here: Debian's Chromium runs the tests.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  // A two-core machine running two desks, two Chromiums and their intake workers (OCR) at once draws
  // a page in a few seconds, and sometimes in more than ten.
  expect: { timeout: 20_000 },
  workers: 2,
  reporter: [['list']],
  outputDir: '../../test-results',
  use: {
    headless: true,
    locale: 'zh-TW',
    launchOptions: {
      executablePath: process.env.BRANCH_DESK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
