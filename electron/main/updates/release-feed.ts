// Fetches the release metadata for this platform from the bank's update server (the policy's
// updateUrl, as electron-updater's generic provider lays it out: latest.yml for Windows,
// latest-linux.yml, latest-mac.yml) and its detached signature beside it (<file>.sig). A deadline per
// request, a byte cap per body, no redirect off the server; nothing here is believed yet: the
// decision (update-decision.ts) verifies the signature first.
import type { Feed } from './update-decision';

const REQUEST_MS = 15_000;
const MAX_METADATA_BYTES = 64 * 1024;

export class FeedUnreachable extends Error {
  override name = 'FeedUnreachable';
}

/** The metadata's file name for a platform, as electron-builder writes it. */
export function metadataName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'latest.yml' : platform === 'darwin' ? 'latest-mac.yml' : 'latest-linux.yml';
}

export async function fetchFeed(updateUrl: string, platform: NodeJS.Platform = process.platform): Promise<Feed> {
  const base = updateUrl.replace(/\/+$/, '');
  const name = metadataName(platform);
  const metadata = await get(`${base}/${name}`);
  if (metadata === null) throw new FeedUnreachable(`${base}/${name}: not found on the update server`);
  const signature = await get(`${base}/${name}.sig`);
  return { metadata, signature: signature === null ? null : signature.toString('latin1') };
}

/** The body, or null for 404; anything else that is not 200 is the server failing. */
async function get(url: string): Promise<Buffer | null> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(REQUEST_MS), cache: 'no-store' });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new FeedUnreachable(`${url}: ${(e as Error).message}${cause ? ` (${cause})` : ''}`);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new FeedUnreachable(`${url}: HTTP ${res.status}`);
  }
  const reader = res.body?.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
      size += part.value.byteLength;
      if (size > MAX_METADATA_BYTES) throw new FeedUnreachable(`${url}: more than ${MAX_METADATA_BYTES} bytes`);
      chunks.push(Buffer.from(part.value));
    }
  } catch (e) {
    await reader?.cancel().catch(() => undefined);
    if (e instanceof FeedUnreachable) throw e;
    throw new FeedUnreachable(`${url}: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks);
}
