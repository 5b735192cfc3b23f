// A C3 authorization: the customer signed it in the bank's online channel with a class-3 software
// certificate, and the officer imports the signed file into the case. The file is read in a worker
// (untrusted bytes); the document inside must be this case's (customer, role, purpose, products,
// period, bank); the certificate must chain to IT's C3 issuing CAs and name the customer by the
// whole ID number; a customer whose account type needs it must have been identified by video.
import { z } from 'zod';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { Policy } from '../policy/policy';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseService } from '../cases/case-service';
import type { CaseViews } from '../cases/case-views';
import type { CaseRow } from '../cases/case-rows';
import type { SubjectSeal } from '../cases/subject-seal';
import { subjectOf } from '../cases/subject-seal';
import { checkValidity } from '../cases/case-approval';
import { parseCertificate } from '../cardcheck/certificate';
import { checkCertificate, sameName } from '../cardcheck/cert-check';
import { loadCertificateDir } from '../cardcheck/trust-store';
import type { TrustStore } from '../cardcheck/chain';
import type { RevocationChecker } from '../cardcheck/revocation';
import { startWorker } from '../workers/start-worker';
import { esignRecord, type SignatureStore } from './signature-store';
import type { C3FileAnswer, C3FileJob } from './c3-file-worker';
import { failedChecks } from './sign-authorization';
import type { C3Identity, CaseDetail } from '../../../common/contract';
import { taiwanDay } from '../../../common/taiwan-day';
import type { Bilingual } from '../../../common/contract/errors';

export const MAX_C3_FILE_BYTES = 512 * 1024;
const DEADLINE_MS = 10_000;

/** YYYY-MM-DD that is a real calendar day (a string comparison of "2099-99-99" would pass anything). */
const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const at = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === d;
  });
/** A C3 file carries the signer's certificate and at most a few CA certificates (each is a
 * candidate in the chain search, which must stay small: many same-named CAs make it explode). */
const MAX_EXTRA_CERTIFICATES = 4;
/** A signing time later than now (beyond clock skew) is not believed. */
const FUTURE_SKEW_MS = 5 * 60_000;

/** The authorization document (common/domain/authorization-document.ts) as the online channel makes it. */
const SignedDocument = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  type: z.literal('jcic-government-data-authorization'),
  subject: z.object({ idNumber: z.string(), name: z.string() }),
  role: z.string(),
  purpose: z.string(),
  products: z.array(z.string()),
  validity: z.object({ from: CalendarDay, until: CalendarDay }),
  bank: z.object({ bankCode: z.string(), branchCode: z.string() }),
});

/** What the worker found wrong with a file that was a CMS: its signature, not its readability. */
const SIGNATURE_PROBLEMS = new Set(['digest_mismatch', 'bad_signature', 'certificate_hash']);

export class C3Import {
  private trust: TrustStore | null = null;

  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: Policy,
    private readonly cases: CaseService,
    private readonly views: CaseViews,
    private readonly seal: SubjectSeal,
    private readonly signatures: SignatureStore,
    /** The C3 certificate's revocation, and its CA certificates' (by the lists they name). */
    private readonly revocation: { revocation: RevocationChecker; caRevocation: RevocationChecker },
  ) {}

  async import(
    input: { caseId: number; fileName: string; dataBase64: string; identity: C3Identity },
    user: StaffRecord,
  ): Promise<CaseDetail> {
    const trust = this.trustStore();
    if (trust.anchors.length === 0) throw new DeskError('C3_UNAVAILABLE');
    const { identity } = input;
    if (identity.accountType !== 'regular' && identity.firstC3Issuance && !identity.videoConfirmed)
      throw new DeskError('C3_VIDEO_REQUIRED').about('identity.videoConfirmed');
    const today = this.cases.today();
    const row = this.cases.visibleRow(input.caseId, user);
    this.signatures.assertSignable(row, today);
    const der = Buffer.from(input.dataBase64, 'base64');
    if (der.length === 0 || der.length > MAX_C3_FILE_BYTES)
      throw new DeskError('C3_FILE_UNREADABLE', { file: input.fileName }).about('file');
    const read = await readInWorker(der);
    if (!read.ok)
      throw new DeskError(SIGNATURE_PROBLEMS.has(read.problem) ? 'C3_SIGNATURE_INVALID' : 'C3_FILE_UNREADABLE', {
        file: input.fileName,
      }).about('file');
    if (read.extraDer.length > MAX_EXTRA_CERTIFICATES)
      throw new DeskError('C3_FILE_UNREADABLE', { file: input.fileName }).about('file');
    const document = SignedDocument.safeParse(read.document);
    if (!document.success) throw new DeskError('C3_FILE_UNREADABLE', { file: input.fileName }).about('file');
    const subject = subjectOf(this.seal, row);
    if (!subject) throw new DeskError('SUBJECT_NEEDED');
    const differs = this.differences(document.data, row, subject, today);
    if (differs) throw new DeskError('C3_DOCUMENT_MISMATCH', { detail: differs }).about('file');
    const signedOn = taiwanDay(new Date(read.signingTime));
    // The signing time is the signer's own word: it must fall inside the document's period and not
    // in the future, or an expired certificate could be made to look valid by backdating it.
    if (signedOn < document.data.validity.from || read.signingTime > this.clock.now().getTime() + FUTURE_SKEW_MS)
      throw new DeskError('C3_DOCUMENT_MISMATCH', {
        detail: { 'zh-TW': '簽署時間不在授權期間內', en: 'the signing time is outside the period' },
      }).about('file');
    checkValidity(signedOn, document.data.validity.until, today);

    const cert = parseCertificate(Buffer.from(read.signerDer));
    const report = await checkCertificate({
      profile: 'c3',
      cert,
      trust: {
        anchors: trust.anchors,
        intermediates: [...trust.intermediates, ...read.extraDer.map((d) => parseCertificate(Buffer.from(d)))],
      },
      at: new Date(read.signingTime),
      now: this.clock.now(),
      subject,
      ...this.revocation,
      revocationUnknown: this.policy.revocationUnknown,
    });
    if (report.verdict !== 'valid') throw new DeskError('C3_CERTIFICATE_REFUSED', { detail: failedChecks(report) });
    this.signatures.store({
      caseId: input.caseId,
      user,
      cms: der,
      record: esignRecord(report, cert.sha256, new Date(read.signingTime), identity),
      method: 'c3',
      signedOn,
      validUntil: document.data.validity.until,
      audit: {
        action: 'esign.c3_imported',
        detail: {
          fileName: input.fileName,
          certSha256: cert.sha256,
          verdict: report.verdict,
          revocation: report.revocation?.status ?? null,
          ...identity,
        },
      },
    });
    return this.views.detail(input.caseId);
  }

  /** IT's C3 CAs, read once (as the card's trust store is). */
  private trustStore(): TrustStore {
    const load = (dir: string) => (dir ? loadCertificateDir(dir).certificates : []);
    this.trust ??= {
      anchors: load(this.policy.c3TrustAnchorDir),
      intermediates: load(this.policy.c3TrustIntermediateDir),
    };
    return this.trust;
  }

  /** What in the signed document is not this case, in words (null: it is this case's). */
  private differences(
    doc: z.infer<typeof SignedDocument>,
    row: CaseRow,
    subject: { idNumber: string; name: string },
    today: string,
  ): Bilingual | null {
    const products = (list: string[]) => [...list].sort().join(',');
    const wrong: [boolean, string, string][] = [
      [
        doc.subject.idNumber.toUpperCase() !== subject.idNumber.toUpperCase(),
        '客戶身分證字號',
        "the customer's ID number",
      ],
      [!sameName(doc.subject.name, subject.name), '客戶姓名', "the customer's name"],
      [doc.role !== row.role, '身分', 'the role'],
      [doc.purpose !== row.purpose, '目的', 'the purpose'],
      [products(doc.products) !== products(JSON.parse(row.products) as string[]), '查詢項目', 'the products'],
      [
        doc.validity.from > today || doc.validity.until < today,
        '授權期間（不含今天）',
        'the period (today is outside it)',
      ],
      [!!this.policy.bankCode && doc.bank.bankCode !== this.policy.bankCode, '銀行代號', 'the bank code'],
    ];
    const found = wrong.filter(([bad]) => bad);
    if (found.length === 0) return null;
    return { 'zh-TW': found.map((w) => w[1]).join('、'), en: found.map((w) => w[2]).join(', ') };
  }
}

function readInWorker(der: Buffer): Promise<C3FileAnswer> {
  const job: C3FileJob = { der: new Uint8Array(der) };
  return new Promise((resolve) => {
    const worker = startWorker(__filename, 'c3-file-worker', {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, problem: 'timeout' });
    }, DEADLINE_MS);
    worker.once('message', (answer: C3FileAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, problem: e.message });
    });
  });
}
