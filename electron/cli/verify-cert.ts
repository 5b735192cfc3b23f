// `desk verify-cert <cert> [--anchors <dir>] [--intermediates <dir>] [--crl <file>] [--ocsp <url>]
// [--ca-crl <file>] [--at <ISO date>] [--id <ID> --name <name>]`: the desk's own certificate checks on one file, for IT
// and support. Prints the chain it built, each check in both languages, the holder, the verdict;
// exit 0 only when the certificate is valid, 1 when it is not, 2 when it cannot be checked at all.
import { readFileSync } from 'node:fs';
import { loadDeskEnvironment } from '../main/bootstrap';
import { StartupError } from '../main/errors';
import { checkCertificate, type CertReport } from '../main/cardcheck/cert-check';
import { loadCertificateDir, loadCertificateFile } from '../main/cardcheck/trust-store';
import { crlChecker, crlByAddress, firstKnown, type RevocationChecker } from '../main/cardcheck/revocation';
import { ocspChecker } from '../main/cardcheck/ocsp';
import type { ParsedCertificate } from '../main/cardcheck/certificate';
import { CERT_CHECK_NAMES, CERT_VERDICTS, certCheckText } from '../../common/domain/cert-checks';

const USAGE =
  'Usage: npm run desk -- verify-cert <cert.pem|.der> [--anchors <dir>] [--intermediates <dir>] [--crl <file>]\n' +
  '         [--ocsp <url>] [--ca-crl <file>] [--at <ISO date>] [--id <customer ID> --name <customer name>]\n' +
  '  Without --anchors (or --intermediates), the directories in the IT policy are used.\n' +
  "  --ca-crl: the list the CA certificates are checked against (GRCA's); else the policy's mirror or their own address.";

const OPTIONS = ['--anchors', '--intermediates', '--crl', '--ocsp', '--ca-crl', '--at', '--id', '--name'] as const;
type Option = (typeof OPTIONS)[number];

function parseArgs(args: string[]): { file: string; options: Partial<Record<Option, string>> } | null {
  const options: Partial<Record<Option, string>> = {};
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if ((OPTIONS as readonly string[]).includes(arg)) {
      const value = args[++i];
      if (value === undefined) return null;
      options[arg as Option] = value;
    } else if (arg.startsWith('--') || file !== null) return null;
    else file = arg;
  }
  return file ? { file, options } : null;
}

export async function runVerifyCert(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed || (parsed.options['--id'] === undefined) !== (parsed.options['--name'] === undefined)) {
    console.error(USAGE);
    return 2;
  }
  const { file, options } = parsed;
  const at = options['--at'] ? new Date(options['--at']) : new Date();
  if (Number.isNaN(at.getTime())) {
    console.error(`--at: not a date: ${options['--at']}\n${USAGE}`);
    return 2;
  }
  let policy = null;
  if (!options['--anchors'] || !options['--intermediates']) {
    try {
      policy = loadDeskEnvironment().loadedPolicy.policy;
    } catch (e) {
      if (!(e instanceof StartupError)) throw e;
      console.error(e.banner());
      return 2;
    }
  }
  let cert: ParsedCertificate;
  try {
    const [first] = loadCertificateFile(file);
    cert = first!;
  } catch (e) {
    console.error(`cannot read the certificate ${file}: ${(e as Error).message}`);
    return 2;
  }
  const anchorDir = options['--anchors'] ?? policy?.trustAnchorDir ?? '';
  const intermediateDir = options['--intermediates'] ?? policy?.trustIntermediateDir ?? '';
  const anchors = anchorDir ? loadCertificateDir(anchorDir) : { certificates: [], problems: [] };
  const intermediates = intermediateDir ? loadCertificateDir(intermediateDir) : { certificates: [], problems: [] };
  for (const { file: bad, reason } of [...anchors.problems, ...intermediates.problems])
    console.log(`warning: skipped ${bad}: ${reason}`);

  const report = await checkCertificate({
    cert,
    trust: { anchors: anchors.certificates, intermediates: intermediates.certificates },
    at,
    now: new Date(),
    subject: options['--id'] ? { idNumber: options['--id'], name: options['--name']! } : undefined,
    revocation: revocationFor(options, policy),
    caRevocation: caRevocationFor(options, policy),
    revocationUnknown: policy?.revocationUnknown ?? 'block',
  });
  print(file, cert, report, anchorDir);
  return report.verdict === 'valid' ? 0 : 1;
}

function revocationFor(
  options: Partial<Record<Option, string>>,
  policy: { ocspUrl: string; crlUrl: string } | null,
): RevocationChecker {
  const crlFile = options['--crl'];
  if (crlFile) return crlChecker(async () => [{ source: crlFile, der: readFileSync(crlFile) }]);
  const ocsp = ocspChecker({ override: options['--ocsp'] ?? (policy?.ocspUrl || undefined) });
  // An explicit responder is asked alone; otherwise OCSP first, then the CRL.
  if (options['--ocsp']) return ocsp;
  return firstKnown(ocsp, crlByAddress({ override: policy?.crlUrl || undefined }));
}

function caRevocationFor(
  options: Partial<Record<Option, string>>,
  policy: { caCrlUrl: string } | null,
): RevocationChecker {
  const file = options['--ca-crl'];
  if (file) return crlChecker(async () => [{ source: file, der: readFileSync(file) }]);
  return crlByAddress({ override: policy?.caCrlUrl || undefined });
}

function print(file: string, cert: ParsedCertificate, report: CertReport, anchorDir: string): void {
  const both = (b: { 'zh-TW': string; en: string }) => `${b['zh-TW']} / ${b.en}`;
  console.log(`certificate: ${file}`);
  console.log(`  subject:   ${cert.subjectText}`);
  console.log(`  sha256:    ${cert.sha256}`);
  console.log(`  valid:     ${cert.notBefore.toISOString()} – ${cert.notAfter.toISOString()}`);
  const { holder } = report;
  if (holder.ca) console.log('holder:      a certificate authority 憑證機構');
  else
    console.log(
      `holder:      ${holder.name ?? '—'} (ID last four 身分證末四碼 ${holder.idLastFour ?? '—'}, serialNumber 序號 ${holder.subjectSerial ?? '—'})`,
    );
  console.log(`anchors:     ${anchorDir || '(none)'}`);
  console.log('chain:');
  report.chain.forEach((c, i) =>
    console.log(
      `  ${i + 1}. ${c.subject} (until ${c.notAfter.slice(0, 10)})${c.anchor ? ' [trust anchor 信任根]' : ''}`,
    ),
  );
  console.log('checks:');
  for (const check of report.checks) {
    const fill = (lang: 'zh-TW' | 'en') => certCheckText(check, lang);
    const name = CERT_CHECK_NAMES[check.id];
    console.log(`  ${check.outcome.padEnd(14)} ${name['zh-TW']} ${fill('zh-TW')}`);
    console.log(`  ${''.padEnd(14)} ${name.en}: ${fill('en')}`);
  }
  if (report.revocation?.status === 'unknown') console.log(`  revocation detail: ${report.revocation.detail}`);
  console.log(`verdict:     ${report.verdict} ${both(CERT_VERDICTS[report.verdict])}`);
}
