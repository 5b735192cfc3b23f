// `npm run desk -- …` as IT runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import forge from 'node-forge';
import { sandboxFixture } from '../support/sandbox-fixture';
import { BANK_FILES } from '../../sandbox/jcic/pki';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliAsync } from '../support/cli';

/** `desk <args>` on a fresh data directory and an empty policy, unless `env` names others. */
function desk(args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  return runCli(args, { BRANCH_DESK_DATA_DIR: join(dir, 'data'), BRANCH_DESK_POLICY: writePolicy(dir, '{}'), ...env });
}
function writePolicy(dir: string, text: string): string {
  const file = join(dir, 'policy.json');
  writeFileSync(file, text);
  return file;
}

test('check-id: valid identifiers of each kind exit 0 and say their kind', () => {
  for (const [value, kind] of [
    ['A123456789', 'national-id'],
    ['A800000014', 'resident-new'],
    ['AB12345677', 'resident-old'],
    ['04595257', 'business-number'],
  ]) {
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
  writeFileSync(
    join(dir, 'data', 'keys', 'data-key.json'),
    JSON.stringify({ version: 1, protection: 'file', wrapped: 'x', check: 'y', createdAt: '2026-11-25T00:00:00Z' }),
  );
  assert.match(desk(['doctor'], env).out, /warn +data key +kept in a file readable only by this account/);
  writeFileSync(
    join(dir, 'data', 'keys', 'data-key.json'),
    JSON.stringify({
      version: 1,
      protection: 'os-keystore',
      wrapped: 'x',
      check: 'y',
      createdAt: '2026-11-25T00:00:00Z',
    }),
  );
  assert.match(desk(['doctor'], env).out, /ok +data key +wrapped by the OS key store/);
  writeFileSync(join(dir, 'data', 'keys', 'data-key.json'), '{');
  const broken = desk(['doctor'], env);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /broken +data key +the key file is damaged/);
});

test('doctor: a configured JCIC endpoint whose client files are missing is broken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-jcic-'));
  const policy = {
    bankCode: '004',
    jcicEndpoint: 'https://jcic.example',
    jcicClientCertificate: join(dir, 'none.pem'),
    jcicClientKey: join(dir, 'none-key.pem'),
    jcicCaCertificate: join(dir, 'ca.pem'),
  };
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

test('doctor: a configured JCIC is asked over mutual TLS, its certificates dated; down or expired is broken', async () => {
  const jcic = await sandboxFixture();
  const dir = mkdtempSync(join(tmpdir(), 'cli-live-'));
  const files = {
    jcicClientCertificate: join(jcic.dir, BANK_FILES.clientCert),
    jcicClientKey: join(jcic.dir, BANK_FILES.clientKey),
    jcicCaCertificate: join(jcic.dir, BANK_FILES.ca),
  };
  const env = (policy: object) => ({
    BRANCH_DESK_DATA_DIR: join(dir, 'data'),
    BRANCH_DESK_POLICY: writePolicy(dir, JSON.stringify({ bankCode: '004', ...files, ...policy })),
  });
  try {
    const up = await runCliAsync(['doctor'], env({ jcicEndpoint: `https://127.0.0.1:${jcic.sandbox.port}` }));
    assert.equal(up.code, 0, up.out);
    assert.match(up.out, /warn +jcic live +answers over mutual TLS, signed by the pinned CA; environment: sandbox/);
    assert.match(up.out, /ok +jcic cert +client certificate valid until \d{4}-\d{2}-\d{2}/);

    // An expired CA file: the certificate check says so (and JCIC's answers no longer verify).
    const expired = join(dir, 'expired-ca.pem');
    writeFileSync(expired, expiredCertificate());
    const old = await runCliAsync(
      ['doctor'],
      env({ jcicEndpoint: `https://127.0.0.1:${jcic.sandbox.port}`, jcicCaCertificate: expired }),
    );
    assert.equal(old.code, 1);
    assert.match(old.out, /broken +jcic cert +JCIC CA valid until 2020-01-01 .*EXPIRED/);
  } finally {
    await jcic.sandbox.close();
  }
  const down = await runCliAsync(['doctor'], env({ jcicEndpoint: `https://127.0.0.1:${jcic.sandbox.port}` }));
  assert.equal(down.code, 1);
  assert.match(down.out, /broken +jcic live +no valid answer from https:\/\/127\.0\.0\.1:\d+: /);
});

function expiredCertificate(): string {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2019-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2020-01-01T00:00:00Z');
  const name = [{ name: 'commonName', value: 'Old CA' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

test('import-check runs the import pipeline on a file: verdict, reason, pages, output size; --out writes the re-encoded PDF', async () => {
  const { PDFDocument } = await import('pdf-lib');
  const { formPage, formPdf } = await import('../support/forms');
  const { encryptedPdf, pageTreeBomb } = await import('../support/hostile-files');
  const dir = mkdtempSync(join(tmpdir(), 'import-check-'));
  const file = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  // A form type of two pages (--pages): the count is right.
  const good = desk([
    'import-check',
    file('signed.pdf', await formPdf(2)),
    '--pages',
    '2',
    '--out',
    join(dir, 'clean.pdf'),
  ]);
  assert.equal(good.code, 0, good.out);
  assert.match(good.out, /verdict: accepted 接受/);
  assert.match(good.out, /pages: {3}2/);
  assert.match(good.out, /output: {2}\d+ bytes as stored \(application\/pdf\), re-encoded/);
  const written = await PDFDocument.load(readFileSync(join(dir, 'clean.pdf')));
  assert.equal(written.getPageCount(), 2);
  assert.match(
    good.out,
    new RegExp(`wrote: {3}.*clean\\.pdf \\(${statSync(join(dir, 'clean.pdf')).size} bytes, one PDF\\)`),
  );

  const scan = desk(['import-check', file('scan.png', await formPage('p')), '--out', join(dir, 'scan.pdf')]);
  assert.equal(scan.code, 0, scan.out);
  assert.equal((await PDFDocument.load(readFileSync(join(dir, 'scan.pdf')))).getPageCount(), 1);

  // The quality gate, for the customer --id names: passed; blurred; another person's form.
  const { capturedForm, photographedForm } = await import('../support/capture-forms');
  const form = file('form.jpg', await capturedForm({ idNumber: 'A123456789' }));
  const passed = desk(['import-check', form, '--id', 'A123456789']);
  assert.equal(passed.code, 0, passed.out);
  assert.match(passed.out, / {2}1\. 200 dpi, sharpness \d+, ink [\d.]+ %, ID match, \d+ bytes/);
  assert.match(passed.out, /gate: {4}passed 品質檢查通過/);
  const wrongPerson = desk(['import-check', form, '--id', 'B223456782']);
  assert.equal(wrongPerson.code, 1, wrongPerson.out);
  assert.match(wrongPerson.out, /第 1 頁上的身分證字號不是本案客戶的/);
  assert.match(wrongPerson.out, /not this customer's: it may be someone else's form/);
  const blurred = desk([
    'import-check',
    file('blurred.jpg', await photographedForm({ blur: 4 })),
    '--id',
    'A123456789',
  ]);
  assert.equal(blurred.code, 1, blurred.out);
  assert.match(blurred.out, /第 1 頁模糊不清/);
  assert.equal(desk(['import-check', form, '--id', 'A12345']).code, 2, 'not an ID number');

  const bomb = desk(['import-check', file('bomb.pdf', pageTreeBomb(8, 1))]);
  assert.equal(bomb.code, 1, bomb.out);
  assert.match(bomb.out, /verdict: refused 不接受 \(FILE_REJECTED\)/);
  assert.match(bomb.out, /頁面結構異常/);
  assert.match(bomb.out, /page structure is malformed/);
  const locked = desk(['import-check', file('locked.pdf', await encryptedPdf())]);
  assert.equal(locked.code, 1);
  assert.match(locked.out, /password-protected/);
  assert.equal(desk(['import-check']).code, 2);
  assert.equal(desk(['import-check', join(dir, 'missing.pdf')]).code, 2);
});
