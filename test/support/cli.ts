// The desk's command line (`npm run desk -- …`) as IT runs it, for tests: its own Node process on the
// source tree (tsx), with the data directory and policy file named in its environment.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const CLI = ['--import', 'tsx', join(ROOT, 'electron/cli/desk-cli.ts')];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Both streams: standard output then standard error (blocking), or as they came (not blocking). */
  out: string;
}

/** Runs `desk <args>` and waits for it; `env` is added to this process's environment. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
}

/** Like runCli, without blocking this process: an in-process sandbox JCIC must be able to answer. */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    const run = { stdout: '', stderr: '', out: '' };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      run.stdout += d;
      run.out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      run.stderr += d;
      run.out += d;
    });
    child.on('close', (code) => resolve({ code, ...run }));
  });
}

/** Writes `<dataDir>/policy.json` and runs `desk <args>` on that data directory with that policy. */
export function runCliOn(dataDir: string, args: string[], policy = '{"branchCode":"0123"}'): CliRun {
  const file = join(dataDir, 'policy.json');
  writeFileSync(file, policy);
  return runCli(args, { BRANCH_DESK_DATA_DIR: dataDir, BRANCH_DESK_POLICY: file });
}
