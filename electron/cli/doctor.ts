// `desk doctor`: what a support call needs first. Prints the policy in force, where the data lives,
// the store's schema and the state of each external component; exit 1 when something required is broken.
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDeskEnvironment } from '../main/bootstrap';
import type { Policy } from '../main/policy/policy';
import { StartupError } from '../main/errors';
import { sandboxEntry } from '../main/jcic/sandbox-launcher';
import { inspectDatabase } from '../main/store/database';
import { describeDataKey } from '../main/vault/data-key';
import { electronBinary } from '../../native/electron-binary';
import { findChromium } from '../../native/chromium';

type State = 'ok' | 'warn' | 'broken';
interface Check { name: string; state: State; detail: string; required: boolean }

export function runDoctor(): number {
  let environment;
  try {
    environment = loadDeskEnvironment();
  } catch (e) {
    if (e instanceof StartupError) {
      console.log(e.banner());
      return 1;
    }
    throw e;
  }
  const { loadedPolicy, dataDir, clock, version } = environment;
  const checks: Check[] = [];

  console.log(`Branch Desk ${version} doctor`);
  console.log(`policy:     ${loadedPolicy.configured ? loadedPolicy.origin : `none configured (looked at ${loadedPolicy.origin}); defaults in force`}`);
  for (const [key, value] of Object.entries(loadedPolicy.policy)) console.log(`  ${key}: ${JSON.stringify(value)}`);
  console.log(`data dir:   ${dataDir}`);

  checks.push(checkDataDir(dataDir));
  try {
    const store = inspectDatabase(dataDir);
    if (!store.exists) checks.push({ name: 'store', state: 'ok', detail: `not created yet (the first start creates schema ${store.expectedVersion})`, required: true });
    else if (store.schemaVersion! > store.expectedVersion) checks.push({ name: 'store', state: 'broken', detail: `schema ${store.schemaVersion} is newer than this desk (${store.expectedVersion})`, required: true });
    else checks.push({ name: 'store', state: 'ok', detail: `schema ${store.schemaVersion} of ${store.expectedVersion}${store.schemaVersion! < store.expectedVersion ? ' (migrates at next start)' : ''}, journal ${store.journalMode}`, required: true });
  } catch (e) {
    checks.push({ name: 'store', state: 'broken', detail: `cannot open: ${(e as Error).message}`, required: true });
  }
  checks.push(dataKeyCheck(dataDir));
  checks.push(...jcicChecks(loadedPolicy.policy));
  const renderer = resolve(__dirname, '..', '..', 'dist', 'renderer', 'index.html');
  checks.push({ name: 'renderer', state: existsSync(renderer) ? 'ok' : 'broken', detail: existsSync(renderer) ? renderer : 'not built: run "npm run build"', required: true });
  const electron = electronBinary();
  const chromium = findChromium();
  checks.push({ name: 'electron', state: electron.path ? 'ok' : 'warn', detail: electron.path ?? `${electron.why}; npm start uses browser mode`, required: false });
  checks.push({ name: 'chromium', state: chromium ? 'ok' : 'warn', detail: chromium ?? 'none found (browser mode prints its address instead)', required: false });
  if (clock.adjustable) checks.push({ name: 'clock', state: 'warn', detail: 'TEST CLOCK enabled (BRANCH_DESK_TEST_CLOCK=1): never on a production desk', required: false });

  for (const c of checks) console.log(`${c.state.padEnd(6)} ${c.name.padEnd(10)} ${c.detail}`);
  const broken = checks.filter((c) => c.required && c.state === 'broken');
  console.log(broken.length ? `broken: ${broken.map((c) => c.name).join(', ')}` : 'all required components ok');
  return broken.length ? 1 : 0;
}

/** The JCIC connection: a configured endpoint needs its three files; the sandbox needs its build. */
function jcicChecks(policy: Policy): Check[] {
  if (!policy.jcicEndpoint) {
    let built = true;
    try {
      sandboxEntry();
    } catch {
      built = false;
    }
    return [{ name: 'jcic', state: built ? 'warn' : 'broken', required: true,
      detail: built ? 'no endpoint configured: the built-in sandbox JCIC starts with the desk (訓練環境 / SANDBOX)' : 'no endpoint configured and the sandbox JCIC is not built: run "npm run build"' }];
  }
  const files = { jcicClientCertificate: policy.jcicClientCertificate, jcicClientKey: policy.jcicClientKey, jcicCaCertificate: policy.jcicCaCertificate };
  const checks: Check[] = [{ name: 'jcic', state: 'ok', detail: `endpoint ${policy.jcicEndpoint}`, required: true }];
  for (const [field, path] of Object.entries(files)) {
    try {
      accessSync(path, constants.R_OK);
      checks.push({ name: 'jcic file', state: 'ok', detail: `${field}: ${path}`, required: true });
    } catch {
      checks.push({ name: 'jcic file', state: 'broken', detail: `${field}: cannot read ${path}`, required: true });
    }
  }
  return checks;
}

function checkDataDir(dataDir: string): Check {
  try {
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
    return { name: 'data dir', state: 'ok', detail: `writable (${join(dataDir)})`, required: true };
  } catch (e) {
    return { name: 'data dir', state: 'broken', detail: `not writable: ${(e as Error).message}`, required: true };
  }
}

/** Tax data and forms are sealed with the data key: say how it is kept, and warn when only by a file. */
function dataKeyCheck(dataDir: string): Check {
  const key = describeDataKey(dataDir);
  if (key.state === 'missing') return { name: 'data key', state: 'ok', detail: 'not created yet (the first start creates it)', required: true };
  if (key.state === 'damaged') return { name: 'data key', state: 'broken', detail: 'the key file is damaged: sealed data cannot be read', required: true };
  if (key.protection === 'os-keystore') return { name: 'data key', state: 'ok', detail: `wrapped by the OS key store (since ${key.createdAt}); only the desktop app can open it`, required: true };
  return { name: 'data key', state: 'warn', detail: 'kept in a file readable only by this account (no OS key store in use: browser mode or no keyring)', required: true };
}
