// `npm run desk -- …` as IT runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
function desk(args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/desk-cli.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, BRANCH_DESK_DATA_DIR: join(dir, 'data'), BRANCH_DESK_POLICY: writePolicy(dir, '{}'), ...env },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}
function writePolicy(dir: string, text: string): string {
  const file = join(dir, 'policy.json');
  writeFileSync(file, text);
  return file;
}

test('check-id: valid identifiers of each kind exit 0 and say their kind', () => {
  for (const [value, kind] of [['A123456789', 'national-id'], ['A800000014', 'resident-new'], ['AB12345677', 'resident-old'], ['04595257', 'business-number']]) {
    const r = desk(['check-id', value!]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`kind: +${kind}`));
    assert.match(r.out, /verdict: valid/);
  }
});

test('check-id: invalid identifiers exit 1 with the reason; no argument is a usage error', () => {
  const bad = desk(['check-id', 'A123456788']);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /invalid .*checksum/);
  const old = desk(['check-id', 'AB12345677', '--today', '2031-01-01']);
  assert.equal(old.code, 1);
  assert.match(old.out, /expired-format/);
  assert.equal(desk(['check-id', 'hello']).code, 1);
  assert.equal(desk(['check-id']).code, 2);
  assert.equal(desk(['frobnicate']).code, 2);
});

test('doctor: prints policy, data directory and store; exit 0 when healthy', () => {
  const r = desk(['doctor']);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /idleLockMinutes: 5/);
  assert.match(r.out, /data dir: +.*data/);
  assert.match(r.out, /store +not created yet/);
  assert.match(r.out, /built-in sandbox JCIC/);
});

test('doctor: says how the data key is kept, and a damaged key file is broken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-key-'));
  const env = { BRANCH_DESK_DATA_DIR: join(dir, 'data') };
  assert.match(desk(['doctor'], env).out, /ok +data key +not created yet/);
  mkdirSync(join(dir, 'data', 'keys'), { recursive: true });
  writeFileSync(join(dir, 'data', 'keys', 'data-key.json'), JSON.stringify({ version: 1, protection: 'file', wrapped: 'x', check: 'y', createdAt: '2026-11-25T00:00:00Z' }));
  assert.match(desk(['doctor'], env).out, /warn +data key +kept in a file readable only by this account/);
  writeFileSync(join(dir, 'data', 'keys', 'data-key.json'), JSON.stringify({ version: 1, protection: 'os-keystore', wrapped: 'x', check: 'y', createdAt: '2026-11-25T00:00:00Z' }));
  assert.match(desk(['doctor'], env).out, /ok +data key +wrapped by the OS key store/);
  writeFileSync(join(dir, 'data', 'keys', 'data-key.json'), '{');
  const broken = desk(['doctor'], env);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /broken +data key +the key file is damaged/);
});

test('doctor: a configured JCIC endpoint whose client files are missing is broken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-jcic-'));
  const policy = { bankCode: '004', jcicEndpoint: 'https://jcic.example', jcicClientCertificate: join(dir, 'none.pem'), jcicClientKey: join(dir, 'none-key.pem'), jcicCaCertificate: join(dir, 'ca.pem') };
  const r = desk(['doctor'], { BRANCH_DESK_POLICY: writePolicy(dir, JSON.stringify(policy)) });
  assert.equal(r.code, 1);
  assert.match(r.out, /broken +jcic file +jcicClientCertificate: cannot read/);
});

test('doctor: an invalid policy names the field and exits non-zero', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-bad-'));
  const r = desk(['doctor'], { BRANCH_DESK_POLICY: writePolicy(dir, '{"idleLockMinutes": 90}') });
  assert.equal(r.code, 1);
  assert.match(r.out, /idleLockMinutes: must be at most 60 minutes/);
});
