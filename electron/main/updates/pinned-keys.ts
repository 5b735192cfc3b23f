// The bank's release keys built into the desk (Ed25519 public keys, base64 DER, as
// `npm run sign-release -- --new-key` prints them), so that even a desk whose policy names none
// believes only the bank's releases. Empty in this repository: the bank's release build adds its key
// here; IT may pin keys in policy (updateReleaseKeys) as well. With none at all, no update is taken.
export const BUILT_IN_RELEASE_KEYS: readonly string[] = [];
