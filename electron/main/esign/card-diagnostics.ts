// What IT needs to know of electronic authorization on this PC, for `desk doctor` and the IT
// administrator's diagnostics screen alike: the smart-card service and its readers (each card's ATR
// and kind), the PKCS#11 module and the tokens it sees, the trust anchors and intermediates with
// their end dates, and whether the revocation mirrors answer. None is required: paper works without.
import type { CardServiceState } from '../card/card-service-client';
import { loadCertificateDir } from '../cardcheck/trust-store';
import { fetchLimited } from '../cardcheck/fetch-limited';
import { DeskError } from '../errors';
import type { Signer } from './signer';

export interface DoctorCheck {
  /** pcsc, pkcs11, trust, revocation (the CLI's column; the screen's heading). */
  name: string;
  state: 'ok' | 'warn' | 'broken';
  detail: string;
  required: boolean;
}

export const cardCheck = (name: string, state: DoctorCheck['state'], detail: string): DoctorCheck => ({
  name,
  state,
  detail,
  required: false,
});

export function readersCheck(state: CardServiceState, waitedFor = 'no answer'): DoctorCheck {
  if (state.service !== 'running')
    return cardCheck('pcsc', 'warn', `smart-card service not available: ${state.detail ?? waitedFor}`);
  if (state.readers.length === 0) return cardCheck('pcsc', 'warn', 'smart-card service running; no card reader');
  const readers = state.readers.map(
    (r) =>
      `${r.name}: ${r.state}${r.kind ? ` (${r.kind}${r.atr ? `, ATR ${r.atr}` : ''})` : ''}${r.cardNumber ? ` card ${r.cardNumber}` : ''}${r.error ? ` (${r.error})` : ''}`,
  );
  const virtual = state.readers.some((r) => /Virtual PCD/.test(r.name));
  return cardCheck(
    'pcsc',
    virtual ? 'warn' : 'ok',
    `${readers.join('; ')}${virtual ? ' — a virtual reader (vsmartcard-vpcd) is installed: never on a branch PC' : ''}`,
  );
}

export async function tokensCheck(modulePath: string, signer: Signer | null): Promise<DoctorCheck> {
  if (!signer) return cardCheck('pkcs11', 'warn', 'no PKCS#11 module in the policy (pkcs11Module): cards cannot sign');
  try {
    const tokens = await signer.tokens();
    const list = tokens.map(
      (t) => `${t.label}${t.pinLocked ? ' (PIN blocked)' : t.pinFinalTry ? ' (final PIN try)' : ''}`,
    );
    return cardCheck(
      'pkcs11',
      'ok',
      `${modulePath} loaded; tokens: ${list.join(', ') || 'none (no card in a reader)'}`,
    );
  } catch (e) {
    return cardCheck('pkcs11', 'broken', e instanceof DeskError ? e.toPayload().message.en : String(e));
  }
}

export function trustChecks(dirs: { anchors: string; intermediates: string } | null, now: Date): DoctorCheck[] {
  if (!dirs?.anchors)
    return [cardCheck('trust', 'warn', 'no trust anchors (trustAnchorDir): electronic authorization is unavailable')];
  const named = [
    { name: 'anchors', dir: dirs.anchors },
    ...(dirs.intermediates ? [{ name: 'intermediates', dir: dirs.intermediates }] : []),
  ];
  return named.map(({ name, dir }) => {
    const loaded = loadCertificateDir(dir);
    const certs = loaded.certificates.map(
      (c) =>
        `${c.commonName ?? c.subjectText} until ${c.notAfter.toISOString().slice(0, 10)}${c.notAfter < now ? ' EXPIRED' : ''}`,
    );
    const problems = loaded.problems.map((p) => `${p.file}: ${p.reason}`);
    const bad = problems.length > 0 || loaded.certificates.length === 0;
    return cardCheck(
      'trust',
      bad ? 'warn' : 'ok',
      `${name} ${dir}: ${certs.join('; ') || 'none'}${problems.length ? `; unreadable: ${problems.join('; ')}` : ''}`,
    );
  });
}

/** Whether IT's revocation mirrors answer (those set: the citizen OCSP and CRL, GRCA's CA list). */
export async function mirrorChecks(policy: {
  ocspUrl: string;
  crlUrl: string;
  caCrlUrl: string;
}): Promise<DoctorCheck[]> {
  const mirrors = [policy.ocspUrl, policy.crlUrl, policy.caCrlUrl].filter(Boolean);
  if (mirrors.length === 0)
    return [
      cardCheck(
        'revocation',
        'warn',
        'no revocation mirrors set: each certificate is checked at the addresses it names (MOICA and GRCA on the internet); make sure the branch network reaches them, or set ocspUrl, crlUrl and caCrlUrl',
      ),
    ];
  return Promise.all(mirrors.map((url) => reachable(url)));
}

export async function reachable(url: string): Promise<DoctorCheck> {
  try {
    await fetchLimited(url, { timeoutMs: 5000, maxBytes: 64 << 20 });
    return cardCheck('revocation', 'ok', `${url} answers`);
  } catch (e) {
    // A responder that only takes POSTed requests answers a GET with an error status: still there.
    const message = (e as Error).message;
    if (/answered HTTP \d+/.test(message))
      return cardCheck('revocation', 'ok', `${url} answers (${message.split(' answered ')[1]})`);
    return cardCheck('revocation', 'warn', `${url}: ${message}`);
  }
}
