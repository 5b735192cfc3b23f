// The machine-wide policy IT sets, validated at start. An invalid policy stops the desk with a
// message naming the field and the problem: the desk never runs on a policy it half understood.
import { z } from 'zod';
import type { RawPolicy } from '../../../native/policy-source';
import { StartupError } from '../errors';
import * as semver from 'semver';
import { releaseKey } from '../updates/update-decision';

const isReleaseKey = (text: string) => {
  try {
    releaseKey(text);
    return true;
  } catch {
    return false;
  }
};

const HttpsUrl = z
  .string()
  .trim()
  .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), 'must be an https:// URL or empty');
/** Revocation servers: MOICA's own are plain http (their answers are signed). */
const HttpUrl = z
  .string()
  .trim()
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), 'must be an http:// or https:// URL or empty');
const Days = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1 day')
  .max(90, 'must be at most 90 days');

export const PolicySchema = z
  .object({
    bankCode: z
      .string()
      .regex(/^\d{3}$/, 'must be 3 digits (financial institution code, e.g. 004)')
      .nullable()
      .default(null),
    branchCode: z
      .string()
      .regex(/^\d{4}$/, 'must be 4 digits')
      .nullable()
      .default(null),
    /** Empty: the built-in sandbox JCIC is used and every screen says so. */
    jcicEndpoint: HttpsUrl.default(''),
    /** Files IT installs with the bank's JCIC client bundle; required with an endpoint. */
    jcicClientCertificate: z.string().default(''),
    jcicClientKey: z.string().default(''),
    jcicCaCertificate: z.string().default(''),
    retentionDays: z
      .object({ T50: Days.default(3), T51: Days.default(3), T52: Days.default(3) })
      .strict()
      .prefault({}),
    idleLockMinutes: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1 minute')
      .max(60, 'must be at most 60 minutes')
      .default(5),
    /** The bank's update server (https; or on this PC itself, http://127.0.0.1, for a test server). */
    updateUrl: z
      .string()
      .trim()
      .refine(
        (v) => v === '' || /^https:\/\/[^\s]+$/.test(v) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/[^\s]*$/.test(v),
        'must be an https:// URL or empty',
      )
      .default(''),
    /** The bank's release keys (Ed25519 public keys, base64 DER or PEM; build/sign-release.ts makes
     * one): update metadata is believed only with a signature one of them verifies. Added to any
     * key built into the desk (electron/main/updates/pinned-keys.ts). */
    updateReleaseKeys: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.split(/[\s;]+/).filter(Boolean) : v),
        z.array(z.string().refine(isReleaseKey, 'must be an Ed25519 public key (base64 DER or PEM)')).max(4),
      )
      .default([]),
    /** IT's kill switch: no update is offered while true (1 in the registry). */
    updatesPaused: z
      .union([z.boolean(), z.literal(0), z.literal(1)], 'must be true or false (1 or 0)')
      .transform(Boolean)
      .default(false),
    /** Desks older than this must update (staging does not hold them back); '' for none. */
    minimumVersion: z
      .string()
      .trim()
      .refine((v) => v === '' || semver.valid(v) !== null, 'must be a version number such as 1.4.0')
      .default(''),
    /** The publisher Windows installers must be signed by (Authenticode), as a full distinguished
     * name in electron-builder's publisherName form, e.g. CN="Bank", O="Bank", L=Taipei, C=TW. The
     * desk checks it itself before an update may install; on Windows without it, no update installs. */
    updatePublisher: z.string().trim().max(1000).default(''),
    /** A PEM file of the roots the publisher's certificate must chain to ('' for the public roots
     * the desk carries; a bank with its own code-signing CA names that CA's root here). */
    updatePublisherRoots: z.string().trim().default(''),
    updateCheckHours: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1 hour')
      .max(24, 'must be at most 24 hours')
      .default(4),
    /** Electronic authorization: the trust anchors (GRCA roots) and intermediates (MOICA CAs) IT
     * installs; without anchors, electronic authorization is unavailable and says so. */
    trustAnchorDir: z.string().default(''),
    /** The card vendor's PKCS#11 module (HiCOS: HiCOSPKCS11.dll, libHicos_p11.so). */
    pkcs11Module: z.string().default(''),
    trustIntermediateDir: z.string().default(''),
    /** C3 software-certificate authorizations (signed in the bank's online channel): the issuing
     * CAs' roots and intermediates IT trusts for them; without anchors, C3 imports are unavailable. */
    c3TrustAnchorDir: z.string().default(''),
    c3TrustIntermediateDir: z.string().default(''),
    /** The bank's mirrors of the revocation services; empty: the addresses in the certificate. A CRL
     * mirror ending in "/" holds the lists under their original paths (MOICA G2's and G3's at once). */
    ocspUrl: HttpUrl.default(''),
    crlUrl: HttpUrl.default(''),
    /** The bank's mirror of GRCA's authority revocation list, for the MOICA CA certificates; empty:
     * the address in each CA certificate. */
    caCrlUrl: HttpUrl.default(''),
    /** When revocation cannot be checked: refuse the signature (block) or show a warning (warn). */
    revocationUnknown: z.enum(['block', 'warn'], 'must be "block" or "warn"').default('block'),
    language: z.enum(['zh-TW', 'en'], 'must be "zh-TW" or "en"').default('zh-TW'),
    /** The paper forms the bank uses and their page counts; the first is a new case's, and the
     * officer may choose another on the case (the quality gate finds a form with another count).
     * Default: the bank's one-page form. */
    formTypes: z
      .array(
        z
          .object({
            id: z.string().min(1),
            /** As the form is titled (zh-TW); nameEn for English screens (else the same name). */
            name: z.string().min(1),
            nameEn: z.string().min(1).optional(),
            pages: z.number().int().min(1).max(20),
          })
          .strict(),
      )
      .min(1, 'must name at least one form type')
      .default([{ id: 'bank', name: '個人資料查詢授權書', nameEn: 'Personal data inquiry authorization', pages: 1 }]),
    /** eSCL (AirScan) network scanners by base URL, e.g. http://192.168.1.50/eSCL (no mDNS here); in
     * the registry one string, the URLs separated by spaces or semicolons. */
    esclScanners: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.split(/[\s;]+/).filter(Boolean) : v),
        z.array(HttpUrl.refine((v) => v !== '' && v.length <= 190, 'must be a URL, at most 190 characters')).max(20),
      )
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.jcicEndpoint !== '') {
      if (p.bankCode === null)
        ctx.addIssue({ code: 'custom', path: ['bankCode'], message: 'is required when jcicEndpoint is set' });
      for (const key of ['jcicClientCertificate', 'jcicClientKey', 'jcicCaCertificate'] as const) {
        if (p[key] === '')
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required when jcicEndpoint is set (a file path)' });
      }
    }
  });

export type Policy = z.output<typeof PolicySchema>;

export interface LoadedPolicy {
  policy: Policy;
  /** Where it was read from, or a note that nothing was configured. */
  origin: string;
  configured: boolean;
}

export class PolicyError extends StartupError {
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(`Invalid policy (${origin}): ${problems.join('; ')}`);
    this.name = 'PolicyError';
  }

  /** The one message shown when the desk refuses to start. */
  banner(): string {
    return (
      `政策設定錯誤，桌面無法啟動 / Invalid IT policy, the desk will not start\n  來源 / source: ${this.origin}\n` +
      this.problems.map((p) => `  - ${p}`).join('\n')
    );
  }
}

/** Registry value names (Group Policy style) and the policy field each one sets. */
const REGISTRY_FIELDS: Record<string, string[]> = {
  BankCode: ['bankCode'],
  BranchCode: ['branchCode'],
  JcicEndpoint: ['jcicEndpoint'],
  JcicClientCertificate: ['jcicClientCertificate'],
  JcicClientKey: ['jcicClientKey'],
  JcicCaCertificate: ['jcicCaCertificate'],
  RetentionDaysT50: ['retentionDays', 'T50'],
  RetentionDaysT51: ['retentionDays', 'T51'],
  RetentionDaysT52: ['retentionDays', 'T52'],
  IdleLockMinutes: ['idleLockMinutes'],
  UpdateUrl: ['updateUrl'],
  UpdateReleaseKeys: ['updateReleaseKeys'],
  UpdatesPaused: ['updatesPaused'],
  MinimumVersion: ['minimumVersion'],
  UpdateCheckHours: ['updateCheckHours'],
  UpdatePublisher: ['updatePublisher'],
  UpdatePublisherRoots: ['updatePublisherRoots'],
  TrustAnchorDir: ['trustAnchorDir'],
  Pkcs11Module: ['pkcs11Module'],
  TrustIntermediateDir: ['trustIntermediateDir'],
  C3TrustAnchorDir: ['c3TrustAnchorDir'],
  C3TrustIntermediateDir: ['c3TrustIntermediateDir'],
  OcspUrl: ['ocspUrl'],
  CrlUrl: ['crlUrl'],
  CaCrlUrl: ['caCrlUrl'],
  RevocationUnknown: ['revocationUnknown'],
  Language: ['language'],
  EsclScanners: ['esclScanners'],
};

function fromRegistry(values: Record<string, string | number>, origin: string): unknown {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const path = REGISTRY_FIELDS[name];
    if (!path) throw new PolicyError(origin, [`${name}: unknown policy value`]);
    let target = out;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]!] = value;
  }
  return out;
}

export function parsePolicy(raw: RawPolicy): LoadedPolicy {
  let data: unknown = {};
  if (raw.kind === 'json') {
    try {
      data = JSON.parse(raw.text);
    } catch (e) {
      throw new PolicyError(raw.origin, [`(file): not valid JSON (${(e as Error).message})`]);
    }
  } else if (raw.kind === 'registry') {
    data = fromRegistry(raw.values, raw.origin);
  }
  const parsed = PolicySchema.safeParse(data);
  if (!parsed.success) {
    throw new PolicyError(
      raw.origin,
      parsed.error.issues.map((issue) => {
        const field = issue.path.join('.') || '(policy)';
        return issue.code === 'unrecognized_keys'
          ? `${[...issue.path, ...issue.keys].join('.')}: unknown field`
          : `${field}: ${issue.message}`;
      }),
    );
  }
  return { policy: parsed.data, origin: raw.origin, configured: raw.kind !== 'none' };
}
