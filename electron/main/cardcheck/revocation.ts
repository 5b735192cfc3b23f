// Whether a certificate has been revoked: a verdict of valid, revoked or unknown (could not check),
// never a guess. Sources are tried in order (OCSP first, then the CRL); the first that answers
// valid or revoked decides, and unknown keeps the first reason.
import type { ParsedCertificate } from './certificate';
import { crlSignedBy, parseCrl, type RevocationList } from './crl';
import type { RevocationUnknownWhy } from '../../../common/domain/cert-checks';
import { fetchLimited } from './fetch-limited';

/** `until`: when the answer stops being current (the OCSP answer's or the CRL's nextUpdate). */
export type Revocation =
  | { status: 'valid'; source: string; until?: Date }
  | { status: 'revoked'; at: Date; source: string; until?: Date }
  | { status: 'unknown'; why: RevocationUnknownWhy; detail: string };

export interface RevocationChecker {
  check(cert: ParsedCertificate, issuer: ParsedCertificate, now: Date): Promise<Revocation>;
}

/** A list more than five minutes in the future is not trusted as current either. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Revocation by CRL: the lists `load` finds for the certificate (its own address, or IT's copy). */
export function crlChecker(
  load: (cert: ParsedCertificate) => Promise<{ source: string; der: Buffer }[]>,
  /** Reads one list for one certificate: here (the command line), or in a worker (the desk). */
  judge: (
    source: string,
    der: Buffer,
    cert: ParsedCertificate,
    issuer: ParsedCertificate,
    now: Date,
  ) => Promise<Revocation> | Revocation = crlVerdict,
): RevocationChecker {
  return {
    async check(cert, issuer, now) {
      let lists: { source: string; der: Buffer }[];
      try {
        lists = await load(cert);
      } catch (e) {
        return { status: 'unknown', why: 'unreachable', detail: (e as Error).message };
      }
      if (lists.length === 0) return { status: 'unknown', why: 'no_source', detail: 'no CRL' };
      let first: Revocation | null = null;
      for (const { source, der } of lists) {
        const verdict = await judge(source, der, cert, issuer, now);
        if (verdict.status !== 'unknown') return verdict;
        first ??= verdict;
      }
      return first!;
    },
  };
}

export function crlVerdict(
  source: string,
  der: Buffer,
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
): Revocation {
  let list: RevocationList;
  try {
    list = parseCrl(der);
  } catch (e) {
    return { status: 'unknown', why: 'bad_answer', detail: `${source}: ${(e as Error).message}` };
  }
  if (!crlSignedBy(list, issuer))
    return { status: 'unknown', why: 'bad_answer', detail: `${source}: not signed by the certificate's issuer` };
  // A list that cannot speak for this certificate says nothing about it (RFC 5280 §6.3.3).
  const { scope } = list;
  const wrongScope = scope.delta
    ? 'a delta CRL'
    : scope.unknownCritical.length
      ? `unknown critical extensions ${scope.unknownCritical.join(', ')}`
      : scope.partial
        ? 'a list for some reasons or some kinds of certificate only'
        : scope.partitionUrls && !scope.partitionUrls.some((u) => cert.crlUrls.includes(u))
          ? `a partition for ${scope.partitionUrls.join(', ') || 'another scope'}, not this certificate's`
          : null;
  if (wrongScope) return { status: 'unknown', why: 'bad_answer', detail: `${source}: ${wrongScope}` };
  if (!list.nextUpdate || list.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS || list.nextUpdate < now)
    return {
      status: 'unknown',
      why: 'stale',
      detail: `${source}: next update was ${list.nextUpdate?.toISOString() ?? 'not given'}`,
    };
  const revokedAt = list.revoked.get(cert.serialHex);
  const until = list.nextUpdate ?? undefined;
  return revokedAt ? { status: 'revoked', at: revokedAt, source, until } : { status: 'valid', source, until };
}

/** Tries each source in turn until one knows. */
export function firstKnown(...checkers: RevocationChecker[]): RevocationChecker {
  return {
    async check(cert, issuer, now) {
      let first: Revocation | null = null;
      for (const checker of checkers) {
        const verdict = await checker.check(cert, issuer, now);
        if (verdict.status !== 'unknown') return verdict;
        first ??= verdict;
      }
      return first ?? { status: 'unknown', why: 'no_source', detail: 'no revocation source' };
    },
  };
}

/** Where a certificate's lists are: its distribution points, or IT's mirror. A mirror address that
 * ends in "/" holds copies under the originals' paths (one mirror for MOICA G2's and G3's lists, or
 * GRCA's …/CRL2/CA.crl and …/CRL3/CA.crl); any other is the one list for every certificate. */
export function crlAddresses(cert: ParsedCertificate, override?: string): string[] {
  if (!override) return cert.crlUrls;
  if (!override.endsWith('/')) return [override];
  return cert.crlUrls.map((url) => new URL(new URL(url).pathname.replace(/^\/+/, ''), override).href);
}

/** CRLs downloaded from the certificate's distribution points, or from `override` (IT's mirror).
 * Read on the calling thread: fine for the command line; the desk reads big lists in a worker. */
export function crlByAddress(
  options: { override?: string; timeoutMs?: number; judge?: Parameters<typeof crlChecker>[1] } = {},
): RevocationChecker {
  return crlChecker(async (cert) => {
    const urls = crlAddresses(cert, options.override);
    return Promise.all(
      urls.map(async (source) => ({
        source,
        der: await fetchLimited(source, { timeoutMs: options.timeoutMs ?? 15_000, maxBytes: 64 << 20 }),
      })),
    );
  }, options.judge);
}
