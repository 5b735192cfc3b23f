// The sandbox JCIC's trainer side and its rejections: the operator page counts pages (a PDF's own
// pages, not files), labels every control inside landmarks, and a rejection reaches the desk as
// JCIC's code with a zh-TW message (the reviewer's note also on its own); a store from before these
// columns still opens.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import type { JcicSubmission } from '../../electron/main/jcic/jcic-gateway';
import { formPage, formPdf } from '../support/forms';
import { COLOURS } from '../../sandbox/jcic/operator-page';
import { REJECTION_CODES, REJECTION_REASONS } from '../../sandbox/jcic/review';
import { findSubmission, openSandboxStore } from '../../sandbox/jcic/store';

let jcic: SandboxFixture;
after(() => jcic?.sandbox.close());

async function sent(idNumber: string, files: { mediaType: string; data: Buffer }[]): Promise<string> {
  jcic ??= await sandboxFixture();
  const s: JcicSubmission = {
    submissionId: randomUUID(),
    bankCode: '004',
    branchCode: '0123',
    officerId: 'E1001',
    approverId: 'S2001',
    subject: { idNumber, name: '人工審核丙' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
    authorization: {
      method: 'paper',
      signedOn: new Date().toISOString().slice(0, 10),
      validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
    },
    pages: files.map((f) => ({ ...f, sha256: createHash('sha256').update(f.data).digest('hex') })),
  };
  const gateway = jcic.gateway();
  try {
    await gateway.submit(s);
  } finally {
    gateway.close();
  }
  return s.submissionId;
}

const operator = (path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${jcic.sandbox.operatorPort}${path}`, { redirect: 'manual', ...init });

async function record(submissionId: string) {
  const all = (await (await operator('/api/submissions')).json()) as {
    submissionId: string;
    pageCount: number;
    documentItems: number;
    reason: { code: string; message: string; detail: string | null } | null;
  }[];
  return all.find((r) => r.submissionId === submissionId)!;
}

async function reject(submissionId: string, code: string, detail = ''): Promise<void> {
  const body = new URLSearchParams({ submissionId, decision: 'reject', code, detail });
  assert.equal((await operator('/decide', { method: 'POST', body })).status, 303);
}

test('Pages counts pages: a 3-page PDF and a scan are 4 pages in 2 files', async () => {
  const id = await sent('T100000016', [
    { mediaType: 'application/pdf', data: await formPdf(3) },
    { mediaType: 'image/png', data: await formPage('2') },
  ]);
  const r = await record(id);
  assert.deepEqual([r.pageCount, r.documentItems], [4, 2]);
  const html = await (await operator('/')).text();
  const row = html.split('<tr>').find((tr) => tr.includes(id.slice(0, 8)))!;
  assert.match(row, /<td>4 <span class="muted">\(2 檔 files\)<\/span><\/td>/);
});

test('a rejection reaches the desk as a code and zh-TW words; the note also comes alone', async () => {
  const manual = await sent('T100000016', [{ mediaType: 'image/png', data: await formPage('m') }]);
  await reject(manual, 'signature-missing', '第 2 頁簽名欄空白');
  assert.deepEqual((await record(manual)).reason, {
    code: 'signature-missing',
    message: '授權書未見客戶簽名（第 2 頁簽名欄空白）',
    detail: '第 2 頁簽名欄空白',
  });
  const gateway = jcic.gateway();
  try {
    // What the desk's adapter takes from it: the code, and the message without any English.
    const status = await gateway.status(manual);
    assert.deepEqual(status.reason, { code: 'signature-missing', message: '授權書未見客戶簽名（第 2 頁簽名欄空白）' });
  } finally {
    gateway.close();
  }

  const automatic = await sent('T100000007', [{ mediaType: 'image/png', data: await formPage('a') }]);
  jcic.sandbox.purgeExpired(); // any call runs due reviews; the review delay is 0
  assert.deepEqual((await record(automatic)).reason, {
    code: 'form-unreadable',
    message: '授權書影像無法辨識，請重新掃描',
    detail: null,
  });

  // A code the sandbox does not know (even one every object has) is the reviewer's own rejection.
  const odd = await sent('T100000016', [{ mediaType: 'image/png', data: await formPage('o') }]);
  await reject(odd, 'constructor');
  assert.deepEqual((await record(odd)).reason, { code: 'manual-rejection', message: '審核人員退件', detail: null });
});

test('the codes are the ones the desk knows, each with zh-TW words and no English in them', () => {
  assert.deepEqual(REJECTION_CODES, [
    'form-unreadable',
    'signature-missing',
    'purpose-not-allowed',
    'authorization-used',
    'authorization-expired',
    'manual-rejection',
    'signature-invalid',
    'signer-untrusted',
    'signed-outside-validity',
    'subject-mismatch',
    'document-mismatch',
  ]);
  for (const code of REJECTION_CODES) {
    assert.doesNotMatch(REJECTION_REASONS[code]['zh-TW'], /[A-Za-z/]/, code);
    assert.match(REJECTION_REASONS[code].en, /^[\x20-\x7e]+$/, code); // the trainer's page only
  }
});

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('the operator page: landmarks, the SANDBOX banner in its header, every control labelled, text at 4.5:1', async () => {
  await sent('T100000016', [{ mediaType: 'image/png', data: await formPage('l') }]);
  const html = await (await operator('/')).text();
  const header = /<header>([\s\S]*?)<\/header>/.exec(html)?.[1] ?? '';
  assert.match(header, /訓練環境 \/ SANDBOX/);
  assert.equal(html.split('訓練環境').length, 2, 'the banner text stands once');
  assert.match(html, /<main>\s*<h1>/);
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  assert.ok(main.includes('<table>'));
  const controls = [...html.matchAll(/<(select|input)\b([^>]*)>/g)].filter(
    ([, , attrs]) => !/type="hidden"/.test(attrs!),
  );
  assert.ok(controls.some(([, tag]) => tag === 'select') && controls.some(([, tag]) => tag === 'input'));
  for (const [control, , attrs] of controls) {
    const id = /\bid="([^"]+)"/.exec(attrs!)?.[1];
    assert.ok(id, `${control} has no id`);
    assert.match(html, new RegExp(`<label for="${id}">[^<]+</label>`), `${control} has no label`);
  }
  assert.ok(contrast(COLOURS.text, COLOURS.page) >= 4.5);
  assert.ok(contrast(COLOURS.muted, COLOURS.page) >= 4.5);
  assert.ok(contrast(COLOURS.bannerText, COLOURS.banner) >= 4.5);
});

test("a sandbox store from before page counts opens: its rows' entries become item_count", () => {
  const dir = mkdtempSync(join(tmpdir(), 'jcic-old-store-'));
  const old = new Database(join(dir, 'sandbox.sqlite'));
  old.exec(`CREATE TABLE submissions (
    submission_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, received_at TEXT NOT NULL, deliveries INTEGER NOT NULL,
    bank_code TEXT NOT NULL, branch_code TEXT NOT NULL, subject_id TEXT NOT NULL, subject_name TEXT NOT NULL,
    role TEXT NOT NULL, purpose TEXT NOT NULL, products TEXT NOT NULL, signed_on TEXT NOT NULL, valid_until TEXT NOT NULL,
    document_hash TEXT NOT NULL, page_count INTEGER NOT NULL, status TEXT NOT NULL, manual INTEGER NOT NULL,
    review_due_at TEXT NOT NULL, reason_code TEXT, reason_text TEXT, decided_at TEXT, results TEXT,
    results_fetched_at TEXT, acknowledged_at TEXT, delete_after TEXT, deleted_at TEXT)`);
  old
    .prepare(
      `INSERT INTO submissions VALUES ('s1', 'h', '2026-01-01T00:00:00Z', 1, '004', '0123', 'A123456789', '陳大文',
      'borrower', 'credit', '["T50"]', '2026-01-01', '2026-01-20', 'd', 3, 'rejected', 0, '2026-01-01T00:00:05Z',
      'manual-rejection', '審核人員退件', NULL, NULL, NULL, NULL, NULL, NULL)`,
    )
    .run();
  old.close();
  const db = openSandboxStore(dir);
  try {
    const row = findSubmission(db, 's1')!;
    assert.deepEqual([row.page_count, row.item_count, row.reason_detail], [3, 3, null]);
  } finally {
    db.close();
  }
});
