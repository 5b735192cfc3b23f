// What every entry point (Electron main, web host, CLI) does before creating the desk: read the
// IT policy, find the data directory, pick the clock. No host repeats this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRawPolicy } from '../../native/policy-source';
import { defaultDataDir } from '../../native/data-dir';
import { parsePolicy, type LoadedPolicy } from './policy/policy';
import { adjustableClock, systemClock, type Clock } from './clock';

export const TEST_CLOCK_ENV = 'BRANCH_DESK_TEST_CLOCK';

export interface DeskEnvironment {
  loadedPolicy: LoadedPolicy;
  dataDir: string;
  clock: Clock;
  version: string;
  sandboxReviewDelaySeconds?: number;
}

/** Throws PolicyError (with its banner) when the policy is invalid. */
export function loadDeskEnvironment(env: NodeJS.ProcessEnv = process.env): DeskEnvironment {
  // Whatever the desk writes (the store, forms, keys, launch files) is this account's alone.
  process.umask(0o077);
  const loadedPolicy = parsePolicy(readRawPolicy(env));
  // The adjustable clock exists for automated tests only; the desk says so on every screen.
  // BRANCH_DESK_TEST_CLOCK_START (ISO date-time) sets where that test clock starts; ignored otherwise.
  const start = env.BRANCH_DESK_TEST_CLOCK_START ? new Date(env.BRANCH_DESK_TEST_CLOCK_START) : undefined;
  const clock =
    env[TEST_CLOCK_ENV] === '1'
      ? adjustableClock(start && !Number.isNaN(start.getTime()) ? start : undefined)
      : systemClock;
  const environment: DeskEnvironment = { loadedPolicy, dataDir: defaultDataDir(env), clock, version: packageVersion() };
  // Training and tests may make the built-in sandbox review faster or slower (seconds).
  const delay = Number(env.BRANCH_DESK_SANDBOX_REVIEW_DELAY);
  if (env.BRANCH_DESK_SANDBOX_REVIEW_DELAY && Number.isFinite(delay) && delay >= 0)
    environment.sandboxReviewDelaySeconds = delay;
  return environment;
}

export function packageVersion(): string {
  for (const dir of [join(__dirname, '..', '..'), join(__dirname, '..')]) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // try the next place: the source tree and the bundle sit at different depths
    }
  }
  return '0.0.0';
}
