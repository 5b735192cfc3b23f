// One value for "these pages, in this order": what the officer confirmed with the authorization,
// what the supervisor approved, and what the outbox checks before anything reaches JCIC.
import { createHash } from 'node:crypto';

export interface DigestedPage {
  position: number;
  media_type: string;
  sha256: string;
  bytes: number;
  page_count: number;
}

export function pagesDigest(pages: readonly DigestedPage[]): string {
  const canonical = [...pages]
    .sort((a, b) => a.position - b.position)
    .map((p) => [p.position, p.media_type, p.sha256, p.bytes, p.page_count]);
  return createHash('sha256')
    .update(JSON.stringify(['branch-desk pages v1', canonical]))
    .digest('hex');
}
