// A SoftHSM2 token standing in for the citizen card's chip in tests: a fresh token directory, the
// citizen's private key and certificate under one CKA_ID (as on the card), and, for PIN tests, the
// test-only shim in front of it (pkcs11-pin-shim/pin-shim.c: three tries, the card's PIN flags).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const SHIM_SOURCE = join(__dirname, 'pkcs11-pin-shim', 'pin-shim.c');
const PKCS11_HEADERS = join(__dirname, '..', '..', 'node_modules', 'pkcs11js', 'includes', 'pkcs11');

export interface SoftToken {
  dir: string;
  /** SOFTHSM2_CONF (and, through the shim, its state): the environment the module needs. */
  env: Record<string, string>;
  module: string;
  pin: string;
  label: string;
}

export function softHsmAvailable(): boolean {
  return existsSync(SOFTHSM_MODULE);
}

export function makeSoftToken(options: {
  keyPem: string;
  certDer: Buffer;
  pin?: string;
  label?: string;
  /** Put the PIN shim in front (three tries, PIN flags). */
  pinShim?: boolean;
}): SoftToken {
  const dir = mkdtempSync(join(tmpdir(), 'softhsm-'));
  const pin = options.pin ?? '123456';
  const label = options.label ?? 'MOICA-TEST';
  mkdirSync(join(dir, 'tokens'));
  writeFileSync(
    join(dir, 'softhsm2.conf'),
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  const env: Record<string, string> = { SOFTHSM2_CONF: join(dir, 'softhsm2.conf') };
  const run = (file: string, args: string[]) =>
    execFileSync(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '12345678', '--pin', pin]);
  writeFileSync(join(dir, 'key.pem'), options.keyPem, { mode: 0o600 });
  run('softhsm2-util', [
    '--import',
    join(dir, 'key.pem'),
    '--token',
    label,
    '--label',
    'sign',
    '--id',
    '01',
    '--pin',
    pin,
  ]);
  writeFileSync(join(dir, 'cert.der'), options.certDer);
  run('pkcs11-tool', [
    ...['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin],
    ...['--write-object', join(dir, 'cert.der'), '--type', 'cert', '--id', '01', '--label', 'sign-cert'],
  ]);
  let module = SOFTHSM_MODULE;
  if (options.pinShim) {
    module = join(dir, 'libpinshim.so');
    run('cc', ['-O2', '-shared', '-fPIC', '-I', PKCS11_HEADERS, '-o', module, SHIM_SOURCE, '-ldl']);
    Object.assign(env, {
      PIN_SHIM_TARGET: SOFTHSM_MODULE,
      PIN_SHIM_STATE: join(dir, 'pin-tries'),
      PIN_SHIM_DELAY_FILE: join(dir, 'sign-delay-ms'),
    });
  }
  return { dir, env, module, pin, label };
}
