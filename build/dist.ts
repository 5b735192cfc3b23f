// npm run dist: the installers this machine can build (build/electron-builder.yml), and plainly what
// it cannot build and why. electron-builder packs the Electron binary it downloads for the target
// (from GitHub, or ELECTRON_MIRROR) and, for deb, the fpm tool; Windows installers need Windows (or
// Wine). `--check` says what would be built and exits without building.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Target {
  name: string;
  platform: 'linux' | 'win32';
  /** electron-builder's target on the command line. */
  args: string[];
}

export const TARGETS: Target[] = [
  { name: 'Windows NSIS per-user installer', platform: 'win32', args: ['--win', 'nsis'] },
  { name: 'Windows MSI (per-machine, for IT)', platform: 'win32', args: ['--win', 'msi'] },
  { name: 'Linux AppImage', platform: 'linux', args: ['--linux', 'AppImage'] },
  { name: 'Linux deb', platform: 'linux', args: ['--linux', 'deb'] },
];

export interface Probe {
  platform: NodeJS.Platform;
  /** Electron for the target is in electron-builder's cache, or can be downloaded. */
  electronAvailable: boolean;
  /** Where Electron would come from, for the message. */
  electronSource: string;
}

export type Plan = { target: Target; buildable: true } | { target: Target; buildable: false; why: string };

export function planDist(probe: Probe): Plan[] {
  return TARGETS.map((target): Plan => {
    if (target.platform !== probe.platform)
      return {
        target,
        buildable: false,
        why:
          target.platform === 'win32'
            ? 'Windows installers are built on Windows (NSIS, and WiX for the MSI)'
            : 'Linux packages are built on Linux',
      };
    if (!probe.electronAvailable)
      return {
        target,
        buildable: false,
        why: `the Electron binary is not in electron-builder's cache and cannot be downloaded from ${probe.electronSource} (it did not answer within 5 s)`,
      };
    return { target, buildable: true };
  });
}

async function probe(): Promise<Probe> {
  const version = (
    JSON.parse(readFileSync(join(__dirname, '..', 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version;
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const cache = process.env.ELECTRON_CACHE ?? join(homedir(), '.cache', 'electron');
  const cached =
    existsSync(cache) && readdirSync(cache, { recursive: true }).some((f) => String(f).includes(`v${version}`));
  let reachable = false;
  if (!cached) {
    try {
      const res = await fetch(`${mirror.replace(/\/?$/, '/')}v${version}/SHASUMS256.txt`, {
        method: 'HEAD',
        signal: AbortSignal.timeout(5000),
        redirect: 'follow',
      });
      reachable = res.ok;
    } catch {
      reachable = false;
    }
  }
  return { platform: process.platform, electronAvailable: cached || reachable, electronSource: mirror };
}

async function main(): Promise<number> {
  const plans = planDist(await probe());
  for (const plan of plans)
    console.log(
      plan.buildable ? `can build:        ${plan.target.name}` : `cannot build here: ${plan.target.name} — ${plan.why}`,
    );
  const buildable = plans.filter((p) => p.buildable);
  if (buildable.length === 0) {
    console.log(
      'nothing to build on this machine; on one that can download Electron, npm run dist builds the installers',
    );
    return 2;
  }
  if (process.argv.includes('--check')) return 0;
  const run = (command: string, args: string[]) =>
    spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (run('npm', ['run', 'build']).status !== 0) return 1;
  let failed = 0;
  for (const { target } of buildable) {
    const result = run('npx', [
      'electron-builder',
      '--config',
      'build/electron-builder.yml',
      ...target.args,
      '--publish',
      'never',
    ]);
    console.log(result.status === 0 ? `built: ${target.name} (in release/)` : `failed: ${target.name}`);
    if (result.status !== 0) failed++;
  }
  return failed ? 1 : 0;
}

if (require.main === module) void main().then((code) => (process.exitCode = code));
