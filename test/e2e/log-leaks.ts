// What a test's desk must never write into its log (what IT gets in a support bundle): a whole ID
// number, or any value the sandbox JCIC returns for the demo customers the e2e specs query (their
// payers and employers, business numbers, land and addresses, plates, and amounts of six figures or
// more: smaller numbers are left out, as a port or a byte count may equal one by chance). Numbers
// match only as whole numbers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { sampleT50, sampleT51, sampleT52 } from '../../sandbox/jcic/sample-data';
import { returnedValues } from '../support/returned-values';

const today = new Date();
const RETURNED = [
  ...new Set(
    DEMO_CUSTOMERS.flatMap((c) =>
      returnedValues([sampleT50(c.idNumber, today), sampleT51(c.idNumber), sampleT52(c.idNumber, today)]),
    ).filter((v) => !/^\d+$/.test(v) || v.length >= 6),
  ),
];

// A check with nothing to look for would pass on anything.
if (RETURNED.length < 50) throw new Error(`only ${RETURNED.length} returned values to look for in the logs`);

export function leaksInLogs(logDir: string): string[] {
  if (!existsSync(logDir)) return [];
  const text = readdirSync(logDir)
    .map((f) => readFileSync(join(logDir, f), 'utf8'))
    .join('\n');
  const ids = text.match(/\b[A-Z][A-D12389]\d{8}\b/g) ?? [];
  const values = RETURNED.filter((v) =>
    /^\d+$/.test(v) ? new RegExp(`(?<!\\d)${v}(?!\\d)`).test(text) : text.includes(v),
  );
  return [...new Set([...ids, ...values])];
}
