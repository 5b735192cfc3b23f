// Revocation answers kept while they are current, keyed by issuer key and serial: a branch signs
// many authorizations a day, and each OCSP round trip is time in front of the customer. An answer
// is kept until its nextUpdate if it gave one, else for CACHE_MS; "unknown" is never kept.
import type { ParsedCertificate } from './certificate';
import type { Revocation, RevocationChecker } from './revocation';

const CACHE_MS = 15 * 60_000;

export function cachedRevocation(inner: RevocationChecker, maxEntries = 1000): RevocationChecker {
  const cache = new Map<string, { verdict: Revocation; until: number }>();
  return {
    async check(cert: ParsedCertificate, issuer: ParsedCertificate, now: Date) {
      const key = `${issuer.subjectKeyId ?? issuer.sha256}:${cert.serialHex}`;
      const hit = cache.get(key);
      if (hit && hit.until > now.getTime()) return hit.verdict;
      const verdict = await inner.check(cert, issuer, now);
      if (verdict.status !== 'unknown') {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
        const until = verdict.until ? verdict.until.getTime() : now.getTime() + CACHE_MS;
        cache.set(key, { verdict, until: Math.min(until, now.getTime() + CACHE_MS) });
      }
      return verdict;
    },
  };
}
