import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, PolicyError } from '../../electron/main/policy/policy';
import { parseRegQuery, readRawPolicy } from '../../native/policy-source';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const json = (value: unknown) => ({ origin: 'policy.json', kind: 'json' as const, text: JSON.stringify(value) });

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PolicyError);
    return e.problems;
  }
  assert.fail('expected a PolicyError');
}

test('nothing configured: sandbox defaults (3-day retention, 5-minute idle lock, zh-TW)', () => {
  const loaded = parsePolicy({ origin: '/etc/branch-desk/policy.json', kind: 'none' });
  assert.equal(loaded.configured, false);
  assert.deepEqual(loaded.policy, {
    bankCode: null,
    branchCode: null,
    jcicEndpoint: '',
    jcicClientCertificate: '',
    jcicClientKey: '',
    jcicCaCertificate: '',
    retentionDays: { T50: 3, T51: 3, T52: 3 },
    idleLockMinutes: 5,
    updateUrl: '',
    updateReleaseKeys: [],
    updatesPaused: false,
    minimumVersion: '',
    updateCheckHours: 4,
    updatePublisher: '',
    updatePublisherRoots: '',
    language: 'zh-TW',
    trustAnchorDir: '',
    pkcs11Module: '',
    trustIntermediateDir: '',
    c3TrustAnchorDir: '',
    c3TrustIntermediateDir: '',
    ocspUrl: '',
    crlUrl: '',
    caCrlUrl: '',
    revocationUnknown: 'block',
    formTypes: [{ id: 'bank', name: '個人資料查詢授權書', nameEn: 'Personal data inquiry authorization', pages: 1 }],
  });
});

test('update settings: release keys must be Ed25519 public keys, the kill switch takes 1/0 from the registry, the minimum a version, the update server https (or this PC)', () => {
  const key = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
    .publicKey.export({ format: 'der', type: 'spki' })
    .toString('base64');
  const ok = parsePolicy(
    json({
      updateReleaseKeys: [key],
      updatesPaused: 1,
      minimumVersion: '1.4.0',
      updateUrl: 'http://127.0.0.1:8080/u/',
    }),
  );
  assert.deepEqual(ok.policy.updateReleaseKeys, [key]);
  assert.equal(ok.policy.updatesPaused, true);
  assert.equal(ok.policy.minimumVersion, '1.4.0');
  for (const bad of [
    { updateReleaseKeys: [rsa] },
    { minimumVersion: 'soon' },
    { updateUrl: 'http://updates.bank.example/' },
    { updatesPaused: 'yes' },
  ])
    assert.throws(() => parsePolicy(json(bad)), PolicyError, JSON.stringify(bad));
});

test('electronic authorization settings: revocation mirrors may be http (MOICA answers are signed), the unknown rule is block or warn', () => {
  const loaded = parsePolicy(
    json({
      trustAnchorDir: '/etc/branch-desk/trust/anchors',
      ocspUrl: 'http://ocsp.bank.example/OCSP',
      crlUrl: 'https://crl.bank.example/MOICA.crl',
      caCrlUrl: 'http://crl.bank.example/GRCA-CA.crl',
      revocationUnknown: 'warn',
    }),
  );
  assert.equal(loaded.policy.ocspUrl, 'http://ocsp.bank.example/OCSP');
  assert.equal(loaded.policy.caCrlUrl, 'http://crl.bank.example/GRCA-CA.crl');
  assert.equal(loaded.policy.revocationUnknown, 'warn');
  assert.throws(
    () => parsePolicy(json({ ocspUrl: 'ftp://x', revocationUnknown: 'maybe' })),
    (e: PolicyError) =>
      e.problems.includes('ocspUrl: must be an http:// or https:// URL or empty') &&
      e.problems.includes('revocationUnknown: must be "block" or "warn"'),
  );
  const registry = parsePolicy({
    origin: 'HKLM',
    kind: 'registry',
    values: { TrustAnchorDir: 'C:\\trust', RevocationUnknown: 'warn' },
  });
  assert.deepEqual([registry.policy.trustAnchorDir, registry.policy.revocationUnknown], ['C:\\trust', 'warn']);
});

test('a full valid policy is taken as written', () => {
  const loaded = parsePolicy(
    json({
      bankCode: '004',
      branchCode: '0123',
      jcicEndpoint: 'https://jcic.example/api',
      jcicClientCertificate: '/etc/branch-desk/jcic/client.pem',
      jcicClientKey: '/etc/branch-desk/jcic/client-key.pem',
      jcicCaCertificate: '/etc/branch-desk/jcic/ca.pem',
      retentionDays: { T50: 2, T51: 3, T52: 1 },
      idleLockMinutes: 10,
      updateUrl: 'https://updates.bank.example/desk',
      language: 'en',
    }),
  );
  assert.equal(loaded.policy.idleLockMinutes, 10);
  assert.equal(loaded.policy.retentionDays.T52, 1);
});

test('each invalid field is named with its problem', () => {
  const found = problems(() =>
    parsePolicy(
      json({
        bankCode: '04',
        idleLockMinutes: 0,
        updateUrl: 'http://x',
        retentionDays: { T50: 'three' },
        language: 'fr',
      }),
    ),
  );
  assert.ok(
    found.some((p) => p.startsWith('bankCode: must be 3 digits')),
    found.join('\n'),
  );
  assert.ok(found.some((p) => p.startsWith('idleLockMinutes: must be at least 1 minute')));
  assert.ok(found.some((p) => p.startsWith('updateUrl: must be an https:// URL')));
  assert.ok(found.some((p) => p.startsWith('retentionDays.T50:')));
  assert.ok(found.some((p) => p.startsWith('language: must be "zh-TW" or "en"')));
});

test('unknown fields, bad JSON and an endpoint without a bank code are refused', () => {
  assert.deepEqual(
    problems(() => parsePolicy(json({ idleLock: 5 }))),
    ['idleLock: unknown field'],
  );
  assert.deepEqual(
    problems(() => parsePolicy(json({ retentionDays: { T53: 3 } }))),
    ['retentionDays.T53: unknown field'],
  );
  assert.match(problems(() => parsePolicy({ origin: 'p', kind: 'json', text: '{oops' }))[0]!, /not valid JSON/);
  const endpointOnly = problems(() => parsePolicy(json({ jcicEndpoint: 'https://jcic.example' })));
  assert.ok(endpointOnly.includes('bankCode: is required when jcicEndpoint is set'));
  assert.ok(endpointOnly.includes('jcicClientCertificate: is required when jcicEndpoint is set (a file path)'));
});

test('the Windows registry form maps value names to fields', () => {
  const values = parseRegQuery(
    [
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\BranchDesk',
      '    BankCode    REG_SZ    004',
      '    IdleLockMinutes    REG_DWORD    0xa',
      '    RetentionDaysT51    REG_DWORD    0x2',
      '    Language    REG_SZ    en',
      '',
    ].join('\r\n'),
  );
  assert.deepEqual(values, { BankCode: '004', IdleLockMinutes: 10, RetentionDaysT51: 2, Language: 'en' });
  const loaded = parsePolicy({ origin: 'HKLM', kind: 'registry', values });
  assert.equal(loaded.policy.idleLockMinutes, 10);
  assert.equal(loaded.policy.retentionDays.T51, 2);
  assert.equal(loaded.policy.retentionDays.T50, 3);
  assert.deepEqual(
    problems(() => parsePolicy({ origin: 'HKLM', kind: 'registry', values: { Colour: 'blue' } })),
    ['Colour: unknown policy value'],
  );
});

test('the environment variable names the policy file; a missing named file is an error, not defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  const file = join(dir, 'p.json');
  writeFileSync(file, '{"idleLockMinutes": 7}');
  assert.equal(parsePolicy(readRawPolicy({ BRANCH_DESK_POLICY: file }, 'linux')).policy.idleLockMinutes, 7);
  assert.throws(
    () => parsePolicy(readRawPolicy({ BRANCH_DESK_POLICY: join(dir, 'missing.json') }, 'linux')),
    PolicyError,
  );
});
