// The support bundle IT sends with a support call (`desk doctor --bundle <file.zip>`, or the button
// on IT's home screen): the desk's versions and schema, the policy in force, the diagnostics, and
// the desk's logs, every text masked again on the way in (ID numbers as first letter and last
// three; secret fields withheld). Never returned data, never a PIN, never a whole ID number: nothing
// is read from the store's cases or results.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { masked, maskText } from '../log/desk-log';

export interface BundleParts {
  version: string;
  policy: unknown;
  policyOrigin: string;
  dataDir: string;
  schemaVersion: number | null;
  expectedSchemaVersion: number;
  /** The doctor's report (the CLI) or the desk's health (the IT screen). */
  diagnostics: string;
  createdAt: Date;
}

const README = `Branch Desk support bundle
versions.json    the desk, Node, Electron, the platform, the store's schema
policy.json      the IT policy in force (file paths, addresses, public keys; no secrets)
diagnostics.txt  the desk's checks when the bundle was made
logs/            the desk's own logs (errors, warnings, start and stop)
Every text is masked: ID numbers as their first letter and last three digits. No returned data,
no PIN, no password, no form image is in this bundle.
`;

export function supportBundle(parts: BundleParts): Buffer {
  const json = (value: unknown) => strToU8(`${JSON.stringify(masked(value), null, 2)}\n`);
  const entries: Record<string, Uint8Array> = {
    'README.txt': strToU8(README),
    'versions.json': json({
      desk: parts.version,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      platform: process.platform,
      arch: process.arch,
      schemaVersion: parts.schemaVersion,
      expectedSchemaVersion: parts.expectedSchemaVersion,
      createdAt: parts.createdAt.toISOString(),
    }),
    'policy.json': json({ origin: parts.policyOrigin, policy: parts.policy }),
    'diagnostics.txt': strToU8(maskText(parts.diagnostics)),
  };
  const logs = join(parts.dataDir, 'logs');
  if (existsSync(logs))
    for (const name of readdirSync(logs).filter((n) => /^desk(\.\d+)?\.log$/.test(n)))
      entries[`logs/${name}`] = strToU8(maskText(readFileSync(join(logs, name), 'utf8')));
  // Fixed times inside the zip: the bundle's date is in versions.json.
  return Buffer.from(zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }));
}
