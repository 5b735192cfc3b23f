// How long the JCIC certificates in the policy remain valid: an expired client certificate stops
// every submission, so IT hears about it a month ahead (desk doctor, the IT home screen).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DAY_MS } from '../../../common/taiwan-day';

export const RENEW_WITHIN_DAYS = 30;

export interface CertificateDates {
  label: string;
  path: string;
  subject: string | null;
  validTo: string | null;
  daysLeft: number | null;
  state: 'ok' | 'warn' | 'broken';
  /** For the doctor's output (English, for IT's logs). */
  problem: string | null;
  /** For the screen, worded in the reader's language. */
  problemCode: 'expired' | 'not-yet-valid' | 'expiring' | 'unreadable' | null;
}

export function certificateDates(label: string, path: string, now: Date): CertificateDates {
  try {
    const certificate = new X509Certificate(readFileSync(path));
    const until = new Date(certificate.validTo);
    const daysLeft = Math.floor((until.getTime() - now.getTime()) / DAY_MS);
    const base = { label, path, subject: certificate.subject.replace(/\n/g, ', '), validTo: until.toISOString() };
    if (until <= now) return { ...base, daysLeft, state: 'broken', problem: 'EXPIRED', problemCode: 'expired' };
    if (new Date(certificate.validFrom) > now)
      return { ...base, daysLeft, state: 'broken', problem: 'not valid yet', problemCode: 'not-yet-valid' };
    if (daysLeft < RENEW_WITHIN_DAYS)
      return {
        ...base,
        daysLeft,
        state: 'warn',
        problem: `expires in ${daysLeft} days, renew it`,
        problemCode: 'expiring',
      };
    return { ...base, daysLeft, state: 'ok', problem: null, problemCode: null };
  } catch (e) {
    return {
      label,
      path,
      subject: null,
      validTo: null,
      daysLeft: null,
      state: 'broken',
      problem: `not a readable certificate (${(e as Error).message})`,
      problemCode: 'unreadable',
    };
  }
}
