// `npm run bench -- outbox`: flush 1,000 queued cases (~100 KiB of form each) from the desk's outbox
// to the sandbox JCIC over loopback mutual TLS; in the same run, upload the same bytes with a bare
// HTTPS loop (same server, same TLS settings, same concurrency). One JSON line per figure.
// Goal (issue 3): ratio ≤ 1.5.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createDesk } from '../electron/main/desk';
import { adjustableClock } from '../electron/main/clock';
import { parsePolicy } from '../electron/main/policy/policy';
import { HttpsJcicGateway } from '../electron/main/jcic/jcic-gateway';
import { OUTBOX_CONCURRENCY } from '../electron/main/jcic/outbox';
import { runPool } from '../electron/main/jcic/pool';
// A PDF page holding ~100 KiB of noise: the intake keeps a PDF's pages as drawn, so the stored form
// is the size this benchmark claims (asserted below from the stored files).
import { noisyPdf } from '../test/support/forms';
import { systemClock } from '../electron/main/clock';
import { emitter } from './report';

const CASES = Number(process.env.BENCH_CASES ?? 1000);
const FORM_KIB = 100;
const root = join(__dirname, '..');

interface Ready {
  port: number;
  ca: string;
  clientCert: string;
  clientKey: string;
}

async function startSandbox(dir: string): Promise<{ ready: Ready; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(root, 'dist/sandbox/jcic.js'), '--dir', dir, '--port', '0', '--review-delay', '86400'],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  return { ready: JSON.parse(line) as Ready, stop: () => child.kill('SIGTERM') };
}

const emit = emitter('outbox');

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const sandbox = await startSandbox(join(work, 'jcic'));
  const endpoint = `https://127.0.0.1:${sandbox.ready.port}`;
  const clock = adjustableClock();
  const desk = createDesk({
    dataDir: join(work, 'desk'),
    clock,
    version: 'bench',
    background: false,
    loadedPolicy: parsePolicy({ origin: 'bench', kind: 'json', text: '{"bankCode":"004","branchCode":"0123"}' }),
  });
  try {
    // Setup (not measured): staff, then CASES cases queued with distinct ~100 KiB forms.
    const s = desk.services;
    const officer = await s.staff.create({
      employeeId: 'E1',
      name: '經辦',
      branchCode: '0123',
      role: 'officer',
      password: 'Bench-pass-001',
    });
    const supervisor = await s.staff.create({
      employeeId: 'S1',
      name: '主管',
      branchCode: '0123',
      role: 'supervisor',
      password: 'Bench-pass-002',
    });
    const today = clock.now().toISOString().slice(0, 10);
    const until = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    process.stderr.write(`setting up ${CASES} queued cases of ~${FORM_KIB} KiB… `);
    for (let i = 0; i < CASES; i++) {
      const c = s.cases.create(
        {
          subject: { idNumber: 'A123456789', name: '陳大文' },
          enterprise: null,
          role: 'borrower',
          purpose: 'credit',
          products: ['T50'],
        },
        officer,
      );
      await s.casePages.add(
        c.id,
        { kind: 'file', fileName: `form-${i}.pdf`, bytes: await noisyPdf(FORM_KIB, i + 1) },
        officer,
      );
      const captured = s.caseApproval.capture(c.id, today, until, officer);
      s.caseApproval.requestApproval(c.id, officer);
      s.caseApproval.approve(c.id, supervisor, 'own-session', captured.pagesDigest!);
    }
    process.stderr.write('done\n');

    // The same request bodies the outbox will send, built in memory for the bare loop.
    const bodies: Buffer[] = [];
    for (const c of s.caseList.list('all', supervisor, { limit: 2000 }).items) {
      const page = s.cases.pages(c.id)[0]!;
      const data = readFileSync(join(work, 'desk', 'forms', String(c.id), page.stored_as));
      bodies.push(
        Buffer.from(
          JSON.stringify({
            submissionId: randomUUID(),
            bankCode: '004',
            branchCode: '0123',
            officerId: 'E1',
            approverId: 'S1',
            subject: { idNumber: 'A123456789', name: '陳大文' },
            enterprise: null,
            role: 'borrower',
            purpose: 'credit',
            products: ['T50'],
            authorization: { method: 'paper', signedOn: today, validUntil: until },
            document: {
              pages: [
                {
                  mediaType: 'image/png',
                  sha256: createHash('sha256').update(data).digest('hex'),
                  data: data.toString('base64'),
                },
              ],
            },
          }),
        ),
      );
    }
    const totalBytes = bodies.reduce((n, b) => n + b.length, 0);
    // The benchmark asserts its own input: forms of the size it says (as stored: re-encoded by intake).
    const { avg } = s.db.prepare('SELECT AVG(bytes) AS avg FROM case_pages').get() as { avg: number };
    const formKib = avg / 1024;
    if (Math.abs(formKib - FORM_KIB) > FORM_KIB * 0.1)
      throw new Error(`forms are ${formKib.toFixed(1)} KiB, not ~${FORM_KIB} KiB`);
    if (bodies.length !== CASES) throw new Error(`${bodies.length} request bodies for ${CASES} cases`);
    emit('form_kib', formKib, 'KiB', FORM_KIB, formKib / FORM_KIB);

    // Baseline: a bare HTTPS loop over prepared bodies, same mTLS settings and the same window of
    // requests in flight, no desk in between (no disk, no signature checks, no bookkeeping).
    const agent = new Agent({
      cert: readFileSync(sandbox.ready.clientCert),
      key: readFileSync(sandbox.ready.clientKey),
      ca: [readFileSync(sandbox.ready.ca)],
      keepAlive: true,
      maxSockets: 8,
    });
    const post = (body: Buffer) =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          `${endpoint}/v1/authorizations`,
          { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 202 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    for (const body of bodies.slice(0, 10)) await post(body); // warm-up: TLS sessions, JIT
    const plainStart = process.hrtime.bigint();
    await runPool(bodies, OUTBOX_CONCURRENCY, post);
    const plainSeconds = Number(process.hrtime.bigint() - plainStart) / 1e9;
    agent.destroy();

    // The desk: the outbox sends every queued case (reads the form from disk, verifies JCIC's signed answer, records each transition).
    // No background round: the timed drain below is the whole flush, and it only sends.
    s.outbox.useGateway(
      new HttpsJcicGateway(
        endpoint,
        {
          clientCertificate: sandbox.ready.clientCert,
          clientKey: sandbox.ready.clientKey,
          caCertificate: sandbox.ready.ca,
        },
        systemClock,
      ),
      { kick: false },
    );
    const deskStart = process.hrtime.bigint();
    await s.outbox.drain(false);
    const deskSeconds = Number(process.hrtime.bigint() - deskStart) / 1e9;
    const sent = (s.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'sent'").get() as { n: number }).n;
    if (sent !== CASES) throw new Error(`only ${sent} of ${CASES} cases were sent`);

    const mib = totalBytes / 1024 / 1024;
    emit(`flush_${CASES}_cases`, deskSeconds, 's', plainSeconds, deskSeconds / plainSeconds);
    emit('throughput', mib / deskSeconds, 'MiB/s', mib / plainSeconds, mib / plainSeconds / (mib / deskSeconds));
    emit('per_case', (deskSeconds / CASES) * 1000, 'ms', (plainSeconds / CASES) * 1000, deskSeconds / plainSeconds);
  } finally {
    desk.close();
    sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
