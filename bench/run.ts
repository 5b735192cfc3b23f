// `npm run bench -- <name>`: outbox (issue 3's flush against a bare HTTPS loop), scale (five years
// of a busy branch), sign (the MOICA signing path against a bare PKCS#11 C_Sign) or capture (a
// captured form's compact PDF against a colour JPEG in a PDF).
const which = process.argv[2] ?? 'outbox';
const benches: Record<string, () => Promise<unknown>> = {
  outbox: () => import('./outbox.bench'),
  scale: () => import('./scale.bench'),
  sign: () => import('./sign.bench'),
  capture: () => import('./capture.bench'),
};
if (!benches[which]) {
  console.error(`unknown benchmark "${which}" (available: ${Object.keys(benches).join(', ')})`);
  process.exit(2);
}
void benches[which]!();
