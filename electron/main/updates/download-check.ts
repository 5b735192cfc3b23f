// A downloaded installer checked against the signed metadata before anything may run it: its size
// first (a download cut short), then its sha512 (electron-builder's base64 digest). Read as a
// stream: an installer is tens of megabytes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ReleaseFile } from './update-decision';

export type DownloadProblem = 'partial' | 'sha512';

export async function checkDownload(path: string, expected: ReleaseFile): Promise<DownloadProblem | null> {
  const { size } = await stat(path);
  if (size !== expected.size) return 'partial';
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64') === expected.sha512 ? null : 'sha512';
}
