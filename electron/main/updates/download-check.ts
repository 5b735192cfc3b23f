// A downloaded installer checked against the signed metadata before anything may run it: its size
// first (a download cut short), then its sha512 (electron-builder's base64 digest), read as a stream
// (an installer is tens of megabytes). A Windows installer must then carry the Authenticode
// signature of the publisher IT pinned (authenticode.ts): the release key says the bank released
// it, the code signature says who built it, and both must hold. Without a pinned publisher a
// Windows installer is refused: Windows would run whatever was signed by anyone.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import type { DOWNLOAD_PROBLEMS } from '../../../common/contract/updates';
import type { ReleaseFile } from './update-decision';
import { checkAuthenticode } from './authenticode';

export type DownloadProblem = (typeof DOWNLOAD_PROBLEMS)[number];

export interface PublisherPin {
  /** The full distinguished name ('' when IT pinned none). */
  publisher: string;
  /** A PEM file of roots ('' for the public roots). */
  rootsFile: string;
  /** The desk's time, for the code-signing certificate's validity. */
  now: Date;
}

export async function checkDownload(
  path: string,
  expected: ReleaseFile,
  windows: boolean,
  pin: PublisherPin,
): Promise<{ problem: DownloadProblem; detail: string } | null> {
  const { size } = await stat(path);
  if (size !== expected.size)
    return { problem: 'incomplete', detail: `${size} of the ${expected.size} bytes the metadata names` };
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  if (hash.digest('base64') !== expected.sha512)
    return { problem: 'altered', detail: 'its sha512 is not the one in the signed metadata' };
  if (!windows) return null;
  if (!pin.publisher) return { problem: 'publisher', detail: 'no publisher is pinned (policy updatePublisher)' };
  const roots = pin.rootsFile ? pemCertificates(await readFile(pin.rootsFile, 'utf8')) : rootCertificates;
  if (roots.length === 0) return { problem: 'publisher', detail: `no certificate in ${pin.rootsFile}` };
  const result = await checkAuthenticode(path, pin.publisher, pin.now, roots);
  return result.problem ? { problem: 'publisher', detail: `${result.problem}: ${result.detail}` } : null;
}

function pemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
