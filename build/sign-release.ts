// Signs a release's update metadata with the bank's release key, so desks believe only what the bank
// released (electron/main/updates/update-decision.ts verifies it):
//   npm run sign-release -- <release dir>            signs every latest*.yml there (writes <file>.sig)
//   npm run sign-release -- --new-key <private.pem>   makes a release key (0600) and prints the public
//                                                     key as IT pins it (policy updateReleaseKeys)
// The private key's path comes from BRANCH_DESK_RELEASE_KEY (never the key itself on a command line).
import { generateKeyPairSync, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function signMetadata(metadata: Buffer, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the release key is not an Ed25519 key');
  return sign(null, metadata, key).toString('base64');
}

/** The public half as one base64 line (DER, SPKI): what the policy pins. */
export function publicKeyLine(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ format: 'der', type: 'spki' }).toString('base64');
}

export function signReleaseDir(dir: string, privateKeyPem: string): string[] {
  const names = readdirSync(dir).filter((n) => /^latest(-[a-z]+)?\.yml$/.test(n));
  for (const name of names)
    writeFileSync(join(dir, `${name}.sig`), signMetadata(readFileSync(join(dir, name)), privateKeyPem));
  return names;
}

function main(args: string[]): number {
  if (args[0] === '--new-key') {
    const out = args[1];
    if (!out) return usage();
    if (existsSync(out)) return fail(`${out} exists: a release key is never overwritten`);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeFileSync(out, pem, { mode: 0o600, flag: 'wx' });
    console.log(`release key written to ${out} (keep it offline; it signs what every desk installs)`);
    console.log(`public key for the policy (updateReleaseKeys): ${publicKeyLine(pem)}`);
    return 0;
  }
  const dir = args[0];
  const keyPath = process.env.BRANCH_DESK_RELEASE_KEY;
  if (!dir) return usage();
  if (!keyPath) return fail('set BRANCH_DESK_RELEASE_KEY to the release key file');
  const signed = signReleaseDir(dir, readFileSync(keyPath, 'utf8'));
  if (signed.length === 0) return fail(`no latest*.yml in ${dir}`);
  for (const name of signed) console.log(`signed ${name} -> ${name}.sig`);
  return 0;
}

function usage(): number {
  return fail('usage: sign-release <release dir> | --new-key <private.pem>');
}

function fail(message: string): number {
  console.error(`sign-release: ${message}`);
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
