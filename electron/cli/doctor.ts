// `desk doctor`: what a support call needs first. Prints the policy in force, where the data lives,
// the store's schema and the state of each external component; exit 1 when something required is broken.
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { supportBundle } from '../main/support/support-bundle';
import { SCHEMA_VERSION } from '../main/store/migrations';
import { HttpsJcicGateway } from '../main/jcic/jcic-gateway';
import { resolve } from 'node:path';
import { environmentOrBanner } from './cli-environment';
import type { Policy } from '../main/policy/policy';
import { sandboxEntry } from '../main/jcic/sandbox-launcher';
import { inspectDatabase, withReadOnlyStore } from '../main/store/database';
import { workload } from '../main/health/workload';
import { certificateDates } from '../main/health/certificates';
import { describeDataKey } from '../main/vault/data-key';
import { electronBinary } from '../../native/electron-binary';
import { findChromium } from '../../native/chromium';
import { systemClock } from '../main/clock';
import { cardChecks, type DoctorCheck } from './doctor-card';
import { checkWindowsAcl, restrictWindowsAcl, tightenDataDir } from '../../native/data-dir-access';

type Check = DoctorCheck;

/** `desk doctor [--bundle <file.zip>]`: with --bundle, the report also goes into a support bundle. */
export async function runDoctor(args: string[] = []): Promise<number> {
  const at = args.indexOf('--bundle');
  if (at === -1) return doctor();
  const file = args[at + 1];
  if (!file) {
    console.log('usage: desk doctor --bundle <file.zip>');
    return 2;
  }
  const printed: string[] = [];
  const print = console.log;
  console.log = (...parts: unknown[]) => (printed.push(parts.map(String).join(' ')), print(...parts));
  let code: number;
  try {
    code = await doctor();
  } finally {
    console.log = print;
  }
  // An invalid policy: the doctor printed its banner; there is nothing to bundle.
  const environment = environmentOrBanner();
  if (!environment) return code;
  const store = (() => {
    try {
      return inspectDatabase(environment.dataDir);
    } catch {
      return null;
    }
  })();
  const bundle = supportBundle({
    version: environment.version,
    policy: environment.loadedPolicy.policy,
    policyOrigin: environment.loadedPolicy.origin,
    dataDir: environment.dataDir,
    schemaVersion: store?.schemaVersion ?? null,
    expectedSchemaVersion: store?.expectedVersion ?? SCHEMA_VERSION,
    diagnostics: printed.join('\n'),
    createdAt: environment.clock.now(),
  });
  writeFileSync(file, bundle, { mode: 0o600 });
  console.log(`support bundle: ${file} (${bundle.length} bytes; masked logs, policy, versions, this report)`);
  return code;
}

async function doctor(): Promise<number> {
  const environment = environmentOrBanner();
  if (!environment) return 1;
  const { loadedPolicy, dataDir, clock, version } = environment;
  const checks: Check[] = [];

  console.log(`Branch Desk ${version} doctor`);
  console.log(
    `policy:     ${loadedPolicy.configured ? loadedPolicy.origin : `none configured (looked at ${loadedPolicy.origin}); defaults in force`}`,
  );
  for (const [key, value] of Object.entries(loadedPolicy.policy)) console.log(`  ${key}: ${JSON.stringify(value)}`);
  console.log(`data dir:   ${dataDir}`);

  checks.push(checkDataDir(dataDir));
  let store: ReturnType<typeof inspectDatabase> | null = null;
  try {
    store = inspectDatabase(dataDir);
    if (!store.exists)
      checks.push({
        name: 'store',
        state: 'ok',
        detail: `not created yet (the first start creates schema ${store.expectedVersion})`,
        required: true,
      });
    else if (store.schemaVersion! > store.expectedVersion)
      checks.push({
        name: 'store',
        state: 'broken',
        detail: `schema ${store.schemaVersion} is newer than this desk (${store.expectedVersion})`,
        required: true,
      });
    else
      checks.push({
        name: 'store',
        state: 'ok',
        detail: `schema ${store.schemaVersion} of ${store.expectedVersion}${store.schemaVersion! < store.expectedVersion ? ' (migrates at next start)' : ''}, journal ${store.journalMode}`,
        required: true,
      });
  } catch (e) {
    checks.push({ name: 'store', state: 'broken', detail: `cannot open: ${(e as Error).message}`, required: true });
  }
  if (store?.exists && store.schemaVersion === store.expectedVersion) checks.push(...workloadChecks(dataDir));
  checks.push(dataKeyCheck(dataDir));
  checks.push(...(await jcicChecks(loadedPolicy.policy, clock.now())));
  checks.push(...(await cardChecks(loadedPolicy.policy, clock.now())));
  const renderer = resolve(__dirname, '..', '..', 'dist', 'renderer', 'index.html');
  checks.push({
    name: 'renderer',
    state: existsSync(renderer) ? 'ok' : 'broken',
    detail: existsSync(renderer) ? renderer : 'not built: run "npm run build"',
    required: true,
  });
  const electron = electronBinary();
  const chromium = findChromium();
  checks.push({
    name: 'electron',
    state: electron.path ? 'ok' : 'warn',
    detail: electron.path ?? `${electron.why}; npm start uses browser mode`,
    required: false,
  });
  checks.push({
    name: 'chromium',
    state: chromium ? 'ok' : 'warn',
    detail: chromium ?? 'none found (browser mode prints its address instead)',
    required: false,
  });
  if (clock.adjustable)
    checks.push({
      name: 'clock',
      state: 'warn',
      detail: 'TEST CLOCK enabled (BRANCH_DESK_TEST_CLOCK=1): never on a production desk',
      required: false,
    });

  for (const c of checks) console.log(`${c.state.padEnd(6)} ${c.name.padEnd(10)} ${c.detail}`);
  const broken = checks.filter((c) => c.required && c.state === 'broken');
  console.log(broken.length ? `broken: ${broken.map((c) => c.name).join(', ')}` : 'all required components ok');
  return broken.length ? 1 : 0;
}

/** The JCIC connection: a configured endpoint needs its three files, certificates in date, and an
 * answer over mutual TLS (the usual support call: VPN down, certificate expired or not accepted). */
async function jcicChecks(policy: Policy, now: Date): Promise<Check[]> {
  if (!policy.jcicEndpoint) {
    let built = true;
    try {
      sandboxEntry();
    } catch {
      built = false;
    }
    return [
      {
        name: 'jcic',
        state: built ? 'warn' : 'broken',
        required: true,
        detail: built
          ? 'no endpoint configured: the built-in sandbox JCIC starts with the desk (訓練環境 / SANDBOX)'
          : 'no endpoint configured and the sandbox JCIC is not built: run "npm run build"',
      },
    ];
  }
  const files = {
    jcicClientCertificate: policy.jcicClientCertificate,
    jcicClientKey: policy.jcicClientKey,
    jcicCaCertificate: policy.jcicCaCertificate,
  };
  const checks: Check[] = [{ name: 'jcic', state: 'ok', detail: `endpoint ${policy.jcicEndpoint}`, required: true }];
  let readable = true;
  for (const [field, path] of Object.entries(files)) {
    try {
      accessSync(path, constants.R_OK);
      checks.push({ name: 'jcic file', state: 'ok', detail: `${field}: ${path}`, required: true });
    } catch {
      readable = false;
      checks.push({ name: 'jcic file', state: 'broken', detail: `${field}: cannot read ${path}`, required: true });
    }
  }
  if (!readable) return checks;
  for (const [label, path] of [
    ['client certificate', files.jcicClientCertificate],
    ['JCIC CA', files.jcicCaCertificate],
  ] as const) {
    checks.push(certificateCheck(label, path, now));
  }
  const gateway = new HttpsJcicGateway(
    policy.jcicEndpoint,
    {
      clientCertificate: files.jcicClientCertificate,
      clientKey: files.jcicClientKey,
      caCertificate: files.jcicCaCertificate,
    },
    systemClock,
    HEALTH_TIMEOUT_MS,
  );
  try {
    const { environment } = await gateway.health();
    checks.push({
      name: 'jcic live',
      state: environment === 'sandbox' ? 'warn' : 'ok',
      required: true,
      detail: `answers over mutual TLS, signed by the pinned CA; environment: ${environment}${environment === 'sandbox' ? ' (訓練環境 / SANDBOX)' : ''}`,
    });
  } catch (e) {
    checks.push({
      name: 'jcic live',
      state: 'broken',
      detail: `no valid answer from ${policy.jcicEndpoint}: ${(e as Error).message}`,
      required: true,
    });
  } finally {
    gateway.close();
  }
  return checks;
}

const HEALTH_TIMEOUT_MS = 8000;

/** Expired is broken; within 30 days is a warning, so IT renews before the branch stops. */
function certificateCheck(label: string, path: string, now: Date): Check {
  const c = certificateDates(label, path, now);
  const detail = c.validTo ? `${label} valid until ${c.validTo.slice(0, 10)} (${c.subject})` : label;
  return { name: 'jcic cert', state: c.state, detail: c.problem ? `${detail}: ${c.problem}` : detail, required: true };
}

function checkDataDir(dataDir: string): Check {
  try {
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch (e) {
    return { name: 'data dir', state: 'broken', detail: `not writable: ${(e as Error).message}`, required: true };
  }
  if (process.platform === 'win32') {
    const acl = checkWindowsAcl(dataDir);
    if (!acl.ok) restrictWindowsAcl(dataDir);
    return {
      name: 'data dir',
      state: acl.ok ? 'ok' : 'warn',
      detail: acl.ok
        ? 'writable; only this user has access'
        : `others had access (${acl.others.join(', ')}): limited to this user now`,
      required: true,
    };
  }
  // The same tightening every start does; doctor says what it had to change.
  const tightened = tightenDataDir(dataDir);
  return {
    name: 'data dir',
    state: tightened.length ? 'warn' : 'ok',
    detail: tightened.length
      ? `was readable by others: tightened to 0700/0600: ${tightened.slice(0, 10).join(', ')}${tightened.length > 10 ? ', …' : ''}`
      : 'writable; 0700 and files 0600 (this account only)',
    required: true,
  };
}

/** Tax data and forms are sealed with the data key: say how it is kept, and warn when only by a file. */
function dataKeyCheck(dataDir: string): Check {
  const key = describeDataKey(dataDir);
  if (key.state === 'missing')
    return { name: 'data key', state: 'ok', detail: 'not created yet (the first start creates it)', required: true };
  if (key.state === 'damaged')
    return {
      name: 'data key',
      state: 'broken',
      detail: 'the key file is damaged: sealed data cannot be read',
      required: true,
    };
  if (key.protection === 'os-keystore')
    return {
      name: 'data key',
      state: 'ok',
      detail: `wrapped by the OS key store (since ${key.createdAt}); only the desktop app can open it`,
      required: true,
    };
  return {
    name: 'data key',
    state: 'warn',
    detail: 'kept in a file readable only by this account (no OS key store in use: browser mode or no keyring)',
    required: true,
  };
}

/** What the desk holds: a support call starts with "is anything stuck, and when is the next deletion". */
function workloadChecks(dataDir: string): Check[] {
  const w = withReadOnlyStore(dataDir, workload);
  if (!w) return [];
  const cases =
    Object.entries(w.casesByState)
      .map(([state, n]) => `${state} ${n}`)
      .join(', ') || 'none';
  const checks: Check[] = [
    {
      name: 'cases',
      state: 'ok',
      detail: `${cases}; next deletion ${w.nextExpiry ?? 'none due (nothing held)'}`,
      required: false,
    },
  ];
  if (w.outboxFailed)
    checks.push({
      name: 'outbox',
      state: 'broken',
      required: true,
      detail: `${w.outboxFailed} case(s) will not be sent until IT looks (altered form or refused); see the case screen`,
    });
  else
    checks.push({
      name: 'outbox',
      state: 'ok',
      required: false,
      detail: w.outboxPending
        ? `${w.outboxPending} waiting to be sent, oldest since ${w.oldestPendingSince}`
        : 'nothing waiting',
    });
  if (w.clockMovedBack)
    checks.push({
      name: 'clock',
      state: 'warn',
      required: false,
      detail: `the clock went back ${w.clockMovedBack.minutes} minutes (${w.clockMovedBack.lastEntryAt} → ${w.clockMovedBack.now}); retention kept the original schedule; check time synchronisation`,
    });
  return checks;
}
