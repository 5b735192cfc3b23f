// Starts a real desk in browser mode (its own data directory, policy and test clock) for one test.
import { test as base, expect, type BrowserContext, type Page, type Response } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaksInLogs } from './log-leaks';

const root = join(__dirname, '..', '..');

export interface RunningDesk {
  launchUrl: string;
  origin: string;
  dir: string;
  dataDir: string;
  output: () => string;
  /** Moves the desk's test clock forward, as the test harness does: a line on the desk's standard
   * input (no page, and no other process, can do this). Resolves when the desk has done it. */
  advanceClock(minutes: number): Promise<void>;
  /** Stops the desk and removes its directory. */
  stop(): Promise<void>;
  /** SIGKILL: no clean-up at all, the directory stays (a crash). */
  kill(): Promise<void>;
}

export interface DeskStartOptions {
  /** Reuse a directory (a restart after a crash). */
  dir?: string;
}

export function startDesk(
  policy: Record<string, unknown> = {},
  extraEnv: Record<string, string> = {},
  options: DeskStartOptions = {},
): Promise<RunningDesk> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ idleLockMinutes: 5, ...policy }));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/host-web/main.ts'), '--port', '0'],
    {
      cwd: root,
      env: {
        ...process.env,
        BRANCH_DESK_POLICY: policyFile,
        BRANCH_DESK_DATA_DIR: join(dir, 'data'),
        BRANCH_DESK_TEST_CLOCK: '1',
        BRANCH_DESK_SANDBOX_REVIEW_DELAY: '1',
        ...extraEnv,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const advanceClock = async (minutes: number) => {
    const seen = (output.match(/"control":"clockAdvanced"/g) ?? []).length;
    child.stdin!.write(`${JSON.stringify({ advanceClock: minutes })}\n`);
    await expect
      .poll(() => (output.match(/"control":"clockAdvanced"/g) ?? []).length, { timeout: 10_000 })
      .toBeGreaterThan(seen);
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/launch\?code=\S+/.exec(output);
      if (match) {
        resolve({
          launchUrl: match[0],
          origin: match[1]!,
          dir,
          dataDir: join(dir, 'data'),
          output: () => output,
          advanceClock,
          stop: () =>
            new Promise((done, fail) => {
              // Every test's desk: its log (what IT gets in a support bundle) names no customer by
              // ID and holds nothing JCIC returned.
              const finish = () => {
                const leaked = leaksInLogs(join(dir, 'data', 'logs'));
                rmSync(dir, { recursive: true, force: true });
                if (leaked.length) fail(new Error(`customer data in the desk's log: ${leaked.join(', ')}`));
                else done();
              };
              if (child.exitCode !== null || child.signalCode !== null) return finish();
              child.once('exit', finish);
              child.kill('SIGTERM');
            }),
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`desk exited with ${code} before serving:\n${output}`)));
  });
}

/** Whole ID numbers (national or resident) in the log files of a desk's data directory. */
export interface RunningSandbox {
  port: number;
  operatorPort: number;
  dir: string;
  files: { jcicClientCertificate: string; jcicClientKey: string; jcicCaCertificate: string };
  submissions(): Promise<{ submissionId: string; status: string; deliveries: number; subjectId: string }[]>;
  stop(): Promise<void>;
}

/** The sandbox JCIC as IT would run it: its own process (`npm run sandbox`), here from the build. */
export function startSandboxProcess(dir: string, args: string[] = []): Promise<RunningSandbox> {
  const child = spawn(
    process.execPath,
    [join(root, 'dist/sandbox/jcic.js'), '--dir', dir, '--review-delay', '1', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0];
      if (!output.includes('\n')) return;
      const ready = JSON.parse(line!) as {
        port: number;
        operatorPort: number;
        ca: string;
        clientCert: string;
        clientKey: string;
      };
      resolve({
        port: ready.port,
        operatorPort: ready.operatorPort,
        dir,
        files: { jcicClientCertificate: ready.clientCert, jcicClientKey: ready.clientKey, jcicCaCertificate: ready.ca },
        submissions: async () =>
          (await fetch(`http://127.0.0.1:${ready.operatorPort}/api/submissions`)).json() as never,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
  });
}

/** Opens the desk in the page with its one-time launch address, and waits until the desk's own page
 * has replaced the launch page (so the next step talks to the desk, not to a page being left). */
export async function openDesk(page: Page, desk: Pick<RunningDesk, 'launchUrl' | 'origin'>): Promise<Response | null> {
  const response = await page.goto(desk.launchUrl);
  await page.waitForURL(`${desk.origin}/`);
  await page.waitForLoadState('load');
  return response;
}

/** The officers the tests sign in as have seen the first-run help on this PC (help.spec.ts shows it
 * to one who has not). */
export const HELP_SEEN_BY = ['E1001', 'E1002', 'E1003'];
export async function helpAlreadySeen(context: BrowserContext): Promise<void> {
  await context.addInitScript((ids: string[]) => {
    for (const id of ids) localStorage.setItem(`branch-desk.help-seen.${id}`, '1');
  }, HELP_SEEN_BY);
}

export const test = base.extend<{ desk: RunningDesk }>({
  context: async ({ context }, use) => {
    await helpAlreadySeen(context);
    await use(context);
  },
  desk: async ({}, use) => {
    const desk = await startDesk();
    await use(desk);
    await desk.stop();
  },
});
export { expect };
