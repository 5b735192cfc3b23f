// `desk doctor`'s electronic-authorization part: the smart-card service and its readers (a card's
// ATR and kind), the PKCS#11 module and the tokens it sees, the trust anchors and intermediates, and
// whether the revocation mirrors answer. None is required: the paper flow works without them.
import type { Policy } from '../main/policy/policy';
import { CardServiceClient } from '../main/card/card-service-client';
import { SignerClient } from '../main/esign/signer-client';
import { loadCertificateDir } from '../main/cardcheck/trust-store';
import { fetchLimited } from '../main/cardcheck/fetch-limited';
import { DeskError } from '../main/errors';

export interface DoctorCheck {
  name: string;
  state: 'ok' | 'warn' | 'broken';
  detail: string;
  required: boolean;
}

const check = (name: string, state: DoctorCheck['state'], detail: string): DoctorCheck => ({
  name,
  state,
  detail,
  required: false,
});

export async function cardChecks(policy: Policy, now: Date): Promise<DoctorCheck[]> {
  return [
    await pcscCheck(),
    await pkcs11Check(policy),
    ...trustChecks(policy, now),
    ...(await Promise.all([policy.ocspUrl, policy.crlUrl].filter(Boolean).map((url) => reachable(url)))),
  ];
}

async function pcscCheck(): Promise<DoctorCheck> {
  const service = new CardServiceClient();
  service.start();
  try {
    let state = await service.waitFor((s) => s.service !== 'starting', 5000).catch(() => service.state());
    // Readers, then their cards, are reported one by one just after the service starts, and a card
    // takes a moment to read: wait until nothing has changed for half a second (at most 10 s: a card read by another program at the same moment is read again).
    for (let waited = 0, quiet = 0; state.service === 'running' && quiet < 500 && waited < 10_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      const next = service.state();
      quiet = next === state && next.readers.every((r) => r.state !== 'reading') ? quiet + 100 : 0;
      state = next;
    }
    if (state.service !== 'running')
      return check('pcsc', 'warn', `smart-card service not available: ${state.detail ?? 'no answer within 5 s'}`);
    if (state.readers.length === 0) return check('pcsc', 'warn', 'smart-card service running; no card reader');
    const readers = state.readers.map(
      (r) =>
        `${r.name}: ${r.state}${r.kind ? ` (${r.kind}, ATR ${r.atr})` : ''}${r.cardNumber ? ` card ${r.cardNumber}` : ''}${r.error ? ` (${r.error})` : ''}`,
    );
    const virtual = state.readers.some((r) => /Virtual PCD/.test(r.name));
    return check(
      'pcsc',
      virtual ? 'warn' : 'ok',
      `${readers.join('; ')}${virtual ? ' — a virtual reader (vsmartcard-vpcd) is installed: never on a branch PC' : ''}`,
    );
  } finally {
    service.close();
  }
}

async function pkcs11Check(policy: Policy): Promise<DoctorCheck> {
  if (!policy.pkcs11Module)
    return check('pkcs11', 'warn', 'no PKCS#11 module in the policy (pkcs11Module): cards cannot sign');
  const signer = new SignerClient({ modulePath: policy.pkcs11Module });
  try {
    const tokens = await signer.tokens();
    const list = tokens.map(
      (t) => `${t.label}${t.pinLocked ? ' (PIN blocked)' : t.pinFinalTry ? ' (final PIN try)' : ''}`,
    );
    return check(
      'pkcs11',
      'ok',
      `${policy.pkcs11Module} loaded; tokens: ${list.join(', ') || 'none (no card in a reader)'}`,
    );
  } catch (e) {
    const words = e instanceof DeskError ? e.toPayload().message.en : String(e);
    return check('pkcs11', 'broken', words);
  } finally {
    signer.close();
  }
}

function trustChecks(policy: Policy, now: Date): DoctorCheck[] {
  if (!policy.trustAnchorDir)
    return [check('trust', 'warn', 'no trust anchors (trustAnchorDir): electronic authorization is unavailable')];
  const dirs = [
    { name: 'anchors', dir: policy.trustAnchorDir },
    ...(policy.trustIntermediateDir ? [{ name: 'intermediates', dir: policy.trustIntermediateDir }] : []),
  ];
  return dirs.map(({ name, dir }) => {
    const loaded = loadCertificateDir(dir);
    const certs = loaded.certificates.map(
      (c) =>
        `${c.commonName ?? c.subjectText} until ${c.notAfter.toISOString().slice(0, 10)}${c.notAfter < now ? ' EXPIRED' : ''}`,
    );
    const problems = loaded.problems.map((p) => `${p.file}: ${p.reason}`);
    const bad = problems.length > 0 || loaded.certificates.length === 0;
    return check(
      `trust`,
      bad ? 'warn' : 'ok',
      `${name} ${dir}: ${certs.join('; ') || 'none'}${problems.length ? `; unreadable: ${problems.join('; ')}` : ''}`,
    );
  });
}

async function reachable(url: string): Promise<DoctorCheck> {
  try {
    await fetchLimited(url, { timeoutMs: 5000, maxBytes: 64 << 20 });
    return check('revocation', 'ok', `${url} answers`);
  } catch (e) {
    // A responder that only takes POSTed requests answers a GET with an error status: still there.
    const message = (e as Error).message;
    if (/answered HTTP \d+/.test(message))
      return check('revocation', 'ok', `${url} answers (${message.split(' answered ')[1]})`);
    return check('revocation', 'warn', `${url}: ${message}`);
  }
}
