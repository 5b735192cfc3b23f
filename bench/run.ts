// `npm run bench -- <name>`: outbox (issue 3's flush against a bare HTTPS loop), scale (five years
// of a busy branch) or sign (the MOICA signing path against a bare PKCS#11 C_Sign).
const which = process.argv[2] ?? 'outbox';
const benches: Record<string, () => Promise<unknown>> = {
  outbox: () => import('./outbox.bench'),
  scale: () => import('./scale.bench'),
  sign: () => import('./sign.bench'),
};
if (!benches[which]) {
  console.error(`unknown benchmark "${which}" (available: ${Object.keys(benches).join(', ')})`);
  process.exit(2);
}
void benches[which]!();
