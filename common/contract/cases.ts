// Schemas of the case calls (declared in index.ts with the rest of the contract).
import * as z from '../zod';
import { PURPOSES, SUBJECT_ROLES } from '../domain/eligibility';
import { PRODUCT_CODES } from '../domain/products';
import { CASE_STATES } from '../domain/case-states';
import { ProductResults } from '../domain/result-schemas';

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');
export const CaseId = z.number().int().positive();
export const Note = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
const Name = z.string().trim().min(1, 'required').max(80);

export const NewCase = z
  .object({
    subject: z.object({ idNumber: z.string().trim().toUpperCase(), name: Name }).strict(),
    enterprise: z.object({ businessNumber: z.string().trim(), name: Name }).strict().nullable(),
    role: z.enum(SUBJECT_ROLES),
    purpose: z.enum(PURPOSES),
    products: z.array(z.enum(PRODUCT_CODES)).min(1, 'choose_one').max(5),
  })
  .strict();

export const PagesDigest = z.string().regex(/^[0-9a-f]{64}$/, 'pages_digest');

export const StepUp = z.object({ employeeId: z.string().trim().min(1), password: z.string().min(1).max(200) }).strict();

const StaffRef = z.object({ employeeId: z.string(), name: z.string() });

export const CaseSummary = z.object({
  id: z.number().int(),
  state: z.enum(CASE_STATES),
  /** Lists show the customer masked (陳○文, A12****789); the case screen shows them in full. */
  subjectNameMasked: z.string(),
  subjectIdMasked: z.string(),
  role: z.enum(SUBJECT_ROLES),
  purpose: z.enum(PURPOSES),
  products: z.array(z.enum(PRODUCT_CODES)),
  preparedBy: StaffRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  dataExpiresAt: z.string().nullable(),
  /** While the case is sent back (退回補件): the supervisor's reason. */
  sentBackReason: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const PageInfo = z.object({
  id: z.number().int(),
  position: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Pages in this item: a PDF is one item with all its pages. */
  pageCount: z.number().int().positive(),
  /** A page image whose original the desk kept: the page editor can crop, straighten and turn it. */
  editable: z.boolean(),
});

export const CaseEvent = z.object({
  at: z.string(),
  actor: StaffRef.nullable(),
  from: z.enum(CASE_STATES).nullable(),
  to: z.enum(CASE_STATES),
  /** What the desk says about the step: a code of common/domain/case-notes.ts CASE_NOTES. */
  note: Note.nullable(),
  /** Text a person typed (a supervisor's reason) or JCIC sent, shown as written. */
  reason: z.string().nullable(),
});

export const Subject = z.object({ idNumber: z.string(), name: z.string() });

/** What the officer records of a C3 customer (domain.md): a type-3 digital deposit account or a
 * credit-card-only customer getting a C3 certificate for the first time needs video identification. */
export const C3Identity = z
  .object({
    accountType: z.enum(['regular', 'digital_type3', 'credit_card_only']),
    firstC3Issuance: z.boolean(),
    videoConfirmed: z.boolean(),
  })
  .strict();
export type C3Identity = z.infer<typeof C3Identity>;

export const CaseDetail = CaseSummary.extend({
  /** The customer in full while the case holds their identity; null once the case is purged. */
  subject: Subject.nullable(),
  subjectKind: z.string(),
  enterprise: z.object({ businessNumber: z.string(), name: z.string() }).nullable(),
  signedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  approvedBy: StaffRef.nullable(),
  /** The pages as confirmed with the authorization: what a supervisor approves (null until then). */
  pagesDigest: z.string().nullable(),
  pages: z.array(PageInfo),
  /** The quality gate on a paper form: each finding (common/domain/quality-findings.ts) and the
   * officer's answer to it; the case goes to a supervisor only when every finding has one. */
  quality: z.object({
    expectedPages: z.number().int(),
    /** The form type the pages are counted against, and the ones IT's policy offers. */
    formType: z.string(),
    formTypes: z.array(
      z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable(), pages: z.number().int() }),
    ),
    findings: z.array(
      z.object({
        key: z.string(),
        code: z.enum(['blurred', 'low_resolution', 'blank', 'page_count', 'id_missing', 'id_other']),
        pageId: z.number().int().nullable(),
        position: z.number().int().nullable(),
        params: z.record(z.string(), z.string()),
        override: z.object({ reason: z.string(), by: StaffRef.nullable(), at: z.string() }).nullable(),
      }),
    ),
  }),
  events: z.array(CaseEvent),
  outbox: z
    .object({
      state: z.enum(['pending', 'sent', 'failed']),
      attempts: z.number().int(),
      nextAttemptAt: z.string(),
      /** Why it waits or stopped: a code of OUTBOX_PROBLEMS; lastError is the technical detail. */
      problem: Note.nullable(),
      lastError: z.string().nullable(),
    })
    .nullable(),
  rejection: z.object({ code: z.string(), message: z.string() }).nullable(),
  resultsAvailable: z.boolean(),
  /** How the customer authorized: a signed paper form, or their MOICA card (with what the checks found). */
  authorizationMethod: z.enum(['paper', 'moica', 'c3']),
  esign: z
    .object({
      signerName: z.string().nullable(),
      idLastFour: z.string().nullable(),
      certSha256: z.string(),
      signedAt: z.string(),
      verdict: z.enum(['valid', 'invalid']),
      checks: z.array(
        z.object({
          id: z.string(),
          outcome: z.enum(['pass', 'fail', 'warn', 'not_applicable']),
          word: z.string(),
          params: z.record(z.string(), z.string()),
        }),
      ),
      revocation: z
        .object({ status: z.enum(['valid', 'revoked', 'unknown']), source: z.string().nullable() })
        .nullable(),
      /** C3 only: the customer's account type and whether identity was confirmed by video. */
      identity: C3Identity.nullable().default(null),
    })
    .nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CasePage = z.object({
  items: z.array(CaseSummary),
  /** Pass back as `cursor` for the next page; null after the last. */
  nextCursor: z.string().nullable(),
});
export type CasePage = z.infer<typeof CasePage>;

export const CaseResults = z.object({
  caseId: z.number().int(),
  receivedAt: z.string(),
  expiresAt: z.string(),
  products: ProductResults,
  /** Whose data: on the screen and on every printed page. The full ID only for the case's officer. */
  subject: z.object({ name: z.string(), idMasked: z.string(), idNumber: z.string().nullable() }),
});
export type CaseResults = z.infer<typeof CaseResults>;

export const JcicStatus = z.object({
  sandbox: z.boolean(),
  reachable: z.boolean().nullable(),
  lastError: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  pending: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  operatorUrl: z.string().nullable(),
});
export type JcicStatus = z.infer<typeof JcicStatus>;

export const DemoAccount = z.object({
  employeeId: z.string(),
  name: z.string(),
  role: z.string(),
  password: z.string(),
});
