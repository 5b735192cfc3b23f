// The sandbox JCIC and the desk's adapter at the wire: mutual TLS, the pinned CA, signed answers,
// idempotent submissions, single use, and JCIC's own 3-day deletion.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import {
  HttpsJcicGateway,
  JcicRefused,
  JcicUnreachable,
  type JcicSubmission,
} from '../../electron/main/jcic/jcic-gateway';
import { BANK_FILES } from '../../sandbox/jcic/pki';
import { formPage } from '../support/forms';
import { systemClock } from '../../electron/main/clock';

let now = Date.now();
let a: SandboxFixture;
let b: SandboxFixture;
after(async () => {
  await a?.sandbox.close();
  await b?.sandbox.close();
});

async function setup() {
  a ??= await sandboxFixture({ now: () => new Date(now) });
  b ??= await sandboxFixture();
}

function rawGet(port: number, options: { cert?: Buffer; key?: Buffer; ca: Buffer }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/health', ...options }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

async function submission(idNumber = 'A123456789'): Promise<JcicSubmission> {
  const data = await formPage(randomUUID());
  return {
    submissionId: randomUUID(),
    bankCode: '004',
    branchCode: '0123',
    officerId: 'E1001',
    approverId: 'S2001',
    subject: { idNumber, name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50', 'T52'],
    authorization: {
      method: 'paper',
      signedOn: new Date().toISOString().slice(0, 10),
      validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
    },
    pages: [{ mediaType: 'image/png', sha256: createHash('sha256').update(data).digest('hex'), data }],
  };
}

test('a client without a certificate from the sandbox CA is refused at the TLS handshake; with one, health is 200', async () => {
  await setup();
  const ca = readFileSync(join(a.dir, BANK_FILES.ca));
  await assert.rejects(rawGet(a.sandbox.port, { ca }), /certificate|handshake|socket hang up|ECONNRESET/i);
  const otherBank = {
    cert: readFileSync(join(b.dir, BANK_FILES.clientCert)),
    key: readFileSync(join(b.dir, BANK_FILES.clientKey)),
    ca,
  };
  await assert.rejects(
    rawGet(a.sandbox.port, otherBank),
    /certificate|handshake|socket hang up|ECONNRESET|unknown ca/i,
  );
  const bank = {
    cert: readFileSync(join(a.dir, BANK_FILES.clientCert)),
    key: readFileSync(join(a.dir, BANK_FILES.clientKey)),
    ca,
  };
  assert.equal(await rawGet(a.sandbox.port, bank), 200);
});

test("the adapter pins JCIC's CA: a server with a certificate from any other CA is not talked to", async () => {
  await setup();
  const pinnedToA = new HttpsJcicGateway(
    `https://127.0.0.1:${b.sandbox.port}`,
    {
      clientCertificate: join(a.dir, BANK_FILES.clientCert),
      clientKey: join(a.dir, BANK_FILES.clientKey),
      caCertificate: join(a.dir, BANK_FILES.ca),
    },
    systemClock,
  );
  try {
    await assert.rejects(pinnedToA.health(), JcicUnreachable);
  } finally {
    pinnedToA.close();
  }
  const gateway = a.gateway();
  try {
    assert.deepEqual(await gateway.health(), { environment: 'sandbox' });
  } finally {
    gateway.close();
  }
});

test('a resent submission is the same submission; a reused id with other content is refused', async () => {
  await setup();
  const gateway = a.gateway();
  try {
    const s = await submission();
    // The sandbox reviews at once (no delay here): on a busy machine the review may be done before
    // the answer is written, so the first answer is under review or already approved.
    const first = await gateway.submit(s);
    assert.equal(first.duplicate, false);
    assert.ok(['under_review', 'approved'].includes(first.status), first.status);
    const again = await gateway.submit(s);
    assert.equal(again.duplicate, true); // its status is whatever the review has reached by now
    const reused = await submission();
    await assert.rejects(
      gateway.submit({ ...reused, submissionId: s.submissionId }),
      (e: unknown) => e instanceof JcicRefused && e.code === 'submission-id-reused',
    );
    const record = (await a.submissions()).find((x) => x.submissionId === s.submissionId)!;
    assert.equal(record.deliveries, 2);
  } finally {
    gateway.close();
  }
});

test('results once: after acknowledgement the authorization is used; JCIC deletes its copy 3 days after delivery', async () => {
  await setup();
  // The desk's clock follows the sandbox's here, as two real clocks would.
  const gateway = a.gateway({ now: () => new Date(now) });
  try {
    const s = await submission('B223456782');
    await gateway.submit(s);
    a.sandbox.purgeExpired(); // any call runs due reviews; review delay is 0
    assert.equal((await gateway.status(s.submissionId)).status, 'approved');
    const data = await gateway.results(s.submissionId);
    assert.ok(data.T50 && data.T52 && !data.T51);
    assert.deepEqual(await gateway.results(s.submissionId), data); // deterministic, repeatable until acknowledged
    const { deleteAfter } = await gateway.acknowledge(s.submissionId);
    assert.equal(Date.parse(deleteAfter) - now, 3 * 86_400_000);
    await assert.rejects(
      gateway.results(s.submissionId),
      (e: unknown) => e instanceof JcicRefused && e.status === 410 && e.code === 'authorization-used',
    );
    now += 3 * 86_400_000 - 60_000;
    assert.equal(a.sandbox.purgeExpired(), 0);
    now += 120_000;
    assert.equal(a.sandbox.purgeExpired(), 1);
    await assert.rejects(gateway.status(s.submissionId), (e: unknown) => e instanceof JcicRefused && e.status === 404);
  } finally {
    gateway.close();
  }
});
