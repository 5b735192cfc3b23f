// Whether this desk takes the release on the bank's update server, decided from what the server
// serves and what IT's policy says, and nothing else (no clock, no network: the feed is fetched by
// release-feed.ts). The release's metadata (latest.yml, latest-linux.yml) must carry the bank's
// detached Ed25519 signature, made with the release key (build/sign-release.ts) whose public half is
// pinned in policy or in the build: metadata that does not verify is refused before anything in it
// is believed, its sha512 included. Then: IT's kill switch stops every update; a desk below IT's
// minimum version must update (staging does not hold it back); otherwise a newer release reaches the
// share of desks its stagingPercentage names, the same desks for a release on every check.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';
import * as semver from 'semver';

export interface UpdatePolicy {
  /** The bank's release keys (Ed25519 public keys, PEM or base64 DER): more than one while a key is
   * being replaced. None: no metadata is believed, so no update. */
  releaseKeys: readonly string[];
  /** IT's kill switch: no update is offered, whatever the server serves. */
  updatesPaused: boolean;
  /** Desks older than this must update ('' for none). */
  minimumVersion: string;
}

export interface ReleaseFile {
  url: string;
  sha512: string;
  size: number;
}

export interface Release {
  version: string;
  files: ReleaseFile[];
  releaseDate: string | null;
  /** The share of desks (0–100) offered this release; 100 when the metadata names none. */
  stagingPercentage: number;
}

export type Refusal = 'no_release_key' | 'no_signature' | 'bad_signature' | 'malformed' | 'not_a_release';

export type UpdateDecision =
  | { kind: 'update'; release: Release; required: boolean }
  | { kind: 'current'; latest: string }
  | { kind: 'staged_out'; release: Release; bucket: number }
  | { kind: 'paused' }
  | { kind: 'refused'; reason: Refusal; detail: string }
  /** Below the minimum, and the server has nothing that reaches it: IT must publish one. */
  | { kind: 'below_minimum'; latest: string; minimumVersion: string };

export interface Feed {
  /** The metadata file's exact bytes (the signature is over these). */
  metadata: Buffer;
  /** The detached signature file's content (base64), or null when the server has none. */
  signature: string | null;
}

export function decideUpdate(input: {
  current: string;
  deskId: string;
  policy: UpdatePolicy;
  feed: Feed;
}): UpdateDecision {
  const { current, deskId, policy, feed } = input;
  if (policy.updatesPaused) return { kind: 'paused' };
  // A development build (its version no release number) is never replaced by a release.
  if (!semver.valid(current))
    return { kind: 'refused', reason: 'not_a_release', detail: `this desk's version (${current}) is not a release` };
  const refused = verifyFeed(feed, policy.releaseKeys);
  if (refused) return refused;
  let release: Release;
  try {
    release = parseRelease(feed.metadata);
  } catch (e) {
    return { kind: 'refused', reason: 'malformed', detail: (e as Error).message };
  }
  const required = policy.minimumVersion !== '' && semver.lt(current, policy.minimumVersion);
  if (!semver.gt(release.version, current)) {
    return required
      ? { kind: 'below_minimum', latest: release.version, minimumVersion: policy.minimumVersion }
      : { kind: 'current', latest: release.version };
  }
  if (required) {
    if (semver.lt(release.version, policy.minimumVersion))
      return { kind: 'below_minimum', latest: release.version, minimumVersion: policy.minimumVersion };
    return { kind: 'update', release, required: true };
  }
  const bucket = stagingBucket(deskId, release.version);
  if (bucket >= release.stagingPercentage) return { kind: 'staged_out', release, bucket };
  return { kind: 'update', release, required: false };
}

/** This desk's place (0–99) in a release's rollout: fixed for the desk and the release, spread evenly
 * over desks, and different from one release to the next (the same desks are not always first). */
export function stagingBucket(deskId: string, version: string): number {
  return createHash('sha256').update(`${deskId}\n${version}`).digest().readUInt32BE(0) % 100;
}

function verifyFeed(feed: Feed, keys: readonly string[]): Extract<UpdateDecision, { kind: 'refused' }> | null {
  const refuse = (reason: Refusal, detail: string) => ({ kind: 'refused' as const, reason, detail });
  const publicKeys = keys.map(releaseKey);
  if (publicKeys.length === 0) return refuse('no_release_key', 'no release key is pinned in policy or in the build');
  if (feed.signature === null) return refuse('no_signature', 'the server has no signature for the release metadata');
  const signature = Buffer.from(feed.signature.trim(), 'base64');
  if (signature.length !== 64) return refuse('bad_signature', 'the signature file is not an Ed25519 signature');
  if (!publicKeys.some((key) => verify(null, feed.metadata, key, signature)))
    return refuse('bad_signature', "the release metadata's signature does not verify with the bank's release key");
  return null;
}

/** An Ed25519 public key as IT pins it: PEM, or the base64 of its DER (one registry line). */
export function releaseKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the release key is not an Ed25519 key');
  return key;
}

/** electron-builder's metadata: version, files (url, sha512, size), releaseDate, stagingPercentage.
 * Read as plain data (js-yaml's JSON schema: no types beyond JSON's, dates stay text). */
export function parseRelease(metadata: Buffer): Release {
  const doc = loadYaml(metadata.toString('utf8'), { schema: JSON_SCHEMA }) as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object') throw new Error('the release metadata is not a YAML mapping');
  const version = semver.valid(String(doc.version ?? ''));
  if (!version) throw new Error(`the release's version (${String(doc.version)}) is not a version number`);
  const files = Array.isArray(doc.files) ? doc.files : [];
  const parsed = files.map((f: unknown) => {
    const file = (f ?? {}) as Record<string, unknown>;
    if (typeof file.url !== 'string' || typeof file.sha512 !== 'string' || !Number.isInteger(file.size))
      throw new Error('a file in the release metadata lacks its url, sha512 or size');
    if (file.url.includes('/') || file.url.includes('\\') || file.url.startsWith('.'))
      throw new Error(`a file of the release is outside the update folder: ${file.url}`);
    return { url: file.url, sha512: file.sha512, size: file.size as number };
  });
  if (parsed.length === 0) throw new Error('the release metadata names no file');
  const staging = doc.stagingPercentage;
  const stagingPercentage =
    staging === undefined ? 100 : typeof staging === 'number' ? Math.max(0, Math.min(100, staging)) : NaN;
  if (Number.isNaN(stagingPercentage)) throw new Error('stagingPercentage is not a number');
  const releaseDate = typeof doc.releaseDate === 'string' ? doc.releaseDate : null;
  return { version, files: parsed, releaseDate, stagingPercentage };
}
