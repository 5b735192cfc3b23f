// `npm run desk -- <command>`: the desk's command line for IT and support.
import { checkIdentifier, IDENTIFIER_KIND_LABELS, IDENTIFIER_PROBLEM_LABELS } from '../../common/identifiers';
import { runDoctor } from './doctor';
import { runStats } from './stats';
import { runPurge } from './purge';
import { runAuditExport, runAuditVerify } from './audit';
import { runImportCheck } from './import-check';
import { runScanners } from './scanners';
import { runVerifyCert } from './verify-cert';
import { taiwanDay } from '../../common/taiwan-day';

const USAGE = `Usage: npm run desk -- <command>
  check-id <value> [--today YYYY-MM-DD]   classify and validate a national ID, resident certificate
                                          number or unified business number (exit 0 valid, 1 not)
  doctor [--bundle <file.zip>]            policy, data directory, store and components (exit 1 if broken);
                                          --bundle also writes a support bundle (masked logs, policy, versions)
  stats --from <day> --to <day> [--csv]   queries by officer, product, purpose and month; rejections;
                                          hours to data; authorizations by method; overrides
  purge [--dry-run]                       delete returned data and form images past their retention window,
                                          expire lapsed authorizations; --dry-run only lists what and why
  import-check <file> [--id <ID>] [--pages <n>] [--out <file.pdf>]
                                          check a form file exactly as an import does: verdict, reason,
                                          pages, each page's measurements, the quality gate's findings for the
                                          customer --id names, size of what would be stored (exit 0 accepted
                                          and passed, 1 refused or a finding); --out writes it as one PDF
  scanners                                the scanners this PC reaches and what each can do (exit 1 if none)
  verify-cert <cert> [--anchors <dir>] [--intermediates <dir>] [--crl <file>] [--ocsp <url>] [--at <ISO date>]
              [--id <ID> --name <name>]
                                          the desk's certificate checks on one certificate: the chain built by
                                          key identifiers, each check, revocation, the holder (exit 0 only if valid)
  audit verify [--full]                   recompute the audit trail's hash chain (exit 0 intact, 1 altered)
  audit export [--from D] [--to D] [--case N] [--employee E] [--action A]
                                          the audit trail as CSV on standard output, oldest first
                                          (D: Taiwan calendar day YYYY-MM-DD; A: an action or its start)`;

function checkId(args: string[]): number {
  const value = args.find((a) => !a.startsWith('--'));
  const todayIndex = args.indexOf('--today');
  const today = todayIndex >= 0 ? args[todayIndex + 1] : taiwanDay(new Date());
  if (value === undefined || !today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(USAGE);
    return 2;
  }
  const verdict = checkIdentifier(value, today);
  const kind = IDENTIFIER_KIND_LABELS[verdict.kind];
  console.log(`${verdict.value}`);
  console.log(`  kind:    ${verdict.kind} (${kind['zh-TW']} / ${kind.en})`);
  if (verdict.valid) {
    console.log('  verdict: valid 有效');
    return 0;
  }
  const problem = IDENTIFIER_PROBLEM_LABELS[verdict.problem ?? 'format'];
  console.log(`  verdict: invalid 無效: ${verdict.problem}: ${problem['zh-TW']} / ${problem.en}`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check-id':
      return checkId(rest);
    case 'doctor':
      return await runDoctor(rest);
    case 'import-check':
      return await runImportCheck(rest);
    case 'scanners':
      return await runScanners();
    case 'stats':
      return runStats(rest);
    case 'verify-cert':
      return await runVerifyCert(rest);
    case 'purge':
      return await runPurge(rest.includes('--dry-run'));
    case 'audit':
      if (rest[0] === 'verify') return await runAuditVerify(rest.slice(1));
      if (rest[0] === 'export') return runAuditExport(rest.slice(1));
      console.error(USAGE);
      return 2;
    default:
      console.error(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
