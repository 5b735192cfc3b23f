// How the service is used, for supervisors and IT, from the audit trail (which outlives every purge,
// so purged cases still count) and the cases' own rows (kept, emptied, after purge): queries sent to
// JCIC by officer, product, purpose and month; JCIC's refusals and rejections by reason; the time
// from opening a case to its data (median, 90th percentile); authorizations by method; quality-gate
// findings answered with a reason. Within [from, to) by the day the thing happened (Taipei days).
// Read-only SQL over the audit's JSON: it reads the whole trail, so it runs where a stall harms no
// one: `desk stats` (its own process) or a worker with its own read-only connection (stats-runner.ts,
// for the statistics screen), never on the desk's main thread.
import type Database from 'better-sqlite3';

export interface UsageStats {
  from: string;
  to: string;
  queries: { total: number; byOfficer: Count[]; byProduct: Count[]; byPurpose: Count[]; byMonth: Count[] };
  rejections: { total: number; byReason: Count[] };
  hoursToData: { cases: number; median: number | null; p90: number | null };
  authorizations: Count[];
  overrides: { total: number; byFinding: Count[] };
}

export interface Count {
  key: string;
  count: number;
}

/** Taipei is UTC+8 all year: a day's bounds in UTC. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

export function usageStats(db: Database.Database, from: string, to: string): UsageStats {
  const range = { from: dayStart(from), to: dayStart(to) };
  const counts = (sql: string) =>
    (db.prepare(sql).all(range) as { key: string | null; count: number }[]).map((r) => ({
      key: r.key ?? '—',
      count: r.count,
    }));
  // A case is queried once, when first submitted (a resend is the same query).
  const queried = `
    WITH sent AS (
      SELECT case_id, MIN(at) AS at FROM audit WHERE action = 'jcic.submitted' GROUP BY case_id
    ), queried AS (
      SELECT sent.case_id, sent.at, created.actor_employee_id AS officer, created.detail AS detail
      FROM sent JOIN audit AS created ON created.case_id = sent.case_id AND created.action = 'case.created'
      WHERE sent.at >= @from AND sent.at < @to
    )`;
  const total = (db.prepare(`${queried} SELECT COUNT(*) AS n FROM queried`).get(range) as { n: number }).n;
  const byOfficer = counts(
    `${queried} SELECT officer AS key, COUNT(*) AS count FROM queried GROUP BY officer ORDER BY count DESC, key`,
  );
  const byPurpose = counts(
    `${queried} SELECT json_extract(detail, '$.purpose') AS key, COUNT(*) AS count FROM queried GROUP BY key ORDER BY count DESC, key`,
  );
  const byProduct = counts(
    `${queried} SELECT p.value AS key, COUNT(*) AS count FROM queried, json_each(json_extract(queried.detail, '$.products')) AS p GROUP BY p.value ORDER BY p.value`,
  );
  // Months as Taipei sees them: the submission time moved by eight hours.
  const byMonth = counts(
    `${queried} SELECT strftime('%Y-%m', at, '+8 hours') AS key, COUNT(*) AS count FROM queried GROUP BY key ORDER BY key`,
  );
  const rejections = counts(`
    SELECT COALESCE(c.rejection_code, json_extract(a.detail, '$.note')) AS key, COUNT(*) AS count
    FROM audit a LEFT JOIN cases c ON c.id = a.case_id
    WHERE a.action = 'case.transition' AND json_extract(a.detail, '$.to') IN ('rejected', 'authorization_expired')
      AND json_extract(a.detail, '$.note') IN ('jcic_refused', 'jcic_rejected')
      AND a.at >= @from AND a.at < @to
    GROUP BY key ORDER BY count DESC, key`);
  const hours = (
    db
      .prepare(
        `SELECT (julianday(data.at) - julianday(created.at)) * 24 AS hours
         FROM (SELECT case_id, MIN(at) AS at FROM audit WHERE action = 'jcic.results_received' GROUP BY case_id) AS data
         JOIN audit AS created ON created.case_id = data.case_id AND created.action = 'case.created'
         WHERE data.at >= @from AND data.at < @to ORDER BY hours`,
      )
      .all(range) as { hours: number }[]
  ).map((r) => r.hours);
  const authorizations = counts(`
    SELECT c.authorization_method AS key, COUNT(*) AS count
    FROM (SELECT case_id, MIN(at) AS at FROM audit WHERE action = 'jcic.submitted' GROUP BY case_id) AS sent
    JOIN cases c ON c.id = sent.case_id
    WHERE sent.at >= @from AND sent.at < @to GROUP BY key ORDER BY key`);
  const overrides = counts(`
    SELECT json_extract(detail, '$.finding') AS key, COUNT(*) AS count FROM audit
    WHERE action = 'form.finding_overridden' AND at >= @from AND at < @to GROUP BY key ORDER BY count DESC, key`);
  return {
    from,
    to,
    queries: { total, byOfficer, byProduct, byPurpose, byMonth },
    rejections: { total: sum(rejections), byReason: rejections },
    hoursToData: { cases: hours.length, median: quantile(hours, 0.5), p90: quantile(hours, 0.9) },
    authorizations,
    overrides: { total: sum(overrides), byFinding: overrides },
  };
}

const sum = (counts: Count[]) => counts.reduce((n, c) => n + c.count, 0);

/** The q-quantile of sorted values (nearest rank), rounded to a tenth of an hour. */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return Math.round(value * 10) / 10;
}

/** The figures as CSV (one table: section, key, count), for a spreadsheet. */
export function statsCsv(stats: UsageStats): string {
  const rows: (string | number)[][] = [['section', 'key', 'count']];
  const add = (section: string, counts: Count[]) => counts.forEach((c) => rows.push([section, c.key, c.count]));
  rows.push(['queries', 'total', stats.queries.total]);
  add('queries by officer', stats.queries.byOfficer);
  add('queries by product', stats.queries.byProduct);
  add('queries by purpose', stats.queries.byPurpose);
  add('queries by month', stats.queries.byMonth);
  add('rejections by reason', stats.rejections.byReason);
  rows.push(['hours to data', 'cases', stats.hoursToData.cases]);
  rows.push(['hours to data', 'median', stats.hoursToData.median ?? '']);
  rows.push(['hours to data', 'p90', stats.hoursToData.p90 ?? '']);
  add('authorizations by method', stats.authorizations);
  add('overrides by finding', stats.overrides.byFinding);
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
