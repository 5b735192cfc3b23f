// Starts a real desk in browser mode (its own data directory, policy and test clock) for one test.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface RunningDesk {
  launchUrl: string;
  origin: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export function startDesk(policy: Record<string, unknown> = {}, extraEnv: Record<string, string> = {}): Promise<RunningDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ idleLockMinutes: 5, ...policy }));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/host-web/main.ts'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, BRANCH_DESK_POLICY: policyFile, BRANCH_DESK_DATA_DIR: join(dir, 'data'), BRANCH_DESK_TEST_CLOCK: '1', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+/.exec(output);
      if (match) {
        resolve({
          launchUrl: match[0], origin: match[1]!, dataDir: join(dir, 'data'), output: () => output,
          stop: () => new Promise((done) => {
            child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); done(); });
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`desk exited with ${code} before serving:\n${output}`)));
  });
}

/** Moves the desk's test clock through the public contract, as a test harness would. */
export async function advanceClock(page: Page, minutes: number): Promise<void> {
  const result = await page.evaluate(async (m) => {
    const r = await fetch('/api/call/dev.advanceClock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ minutes: m }) });
    return r.json();
  }, minutes);
  expect(result.ok).toBe(true);
}

export const test = base.extend<{ desk: RunningDesk }>({
  desk: async ({}, use) => {
    const desk = await startDesk();
    await use(desk);
    await desk.stop();
  },
});
export { expect };
