// `desk stats --from <day> --to <day> [--csv]`: how the service was used (electron/main/stats/), read
// from the store without opening the data key: counts, no customer's identity or data.
import { environmentOrBanner } from './cli-environment';
import { withReadOnlyStore } from '../main/store/database';
import { statsCsv, usageStats, type Count, type UsageStats } from '../main/stats/usage-stats';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function runStats(args: string[]): number {
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const from = value('--from');
  const to = value('--to');
  if (!from || !to || !DAY.test(from) || !DAY.test(to) || from >= to) {
    console.log('usage: desk stats --from YYYY-MM-DD --to YYYY-MM-DD [--csv]   (to is exclusive, after from)');
    return 2;
  }
  const environment = environmentOrBanner();
  if (!environment) return 1;
  const stats = withReadOnlyStore(environment.dataDir, (db) => usageStats(db, from, to));
  if (!stats) {
    console.log(`no store in ${environment.dataDir}: nothing to count`);
    return 1;
  }
  process.stdout.write(args.includes('--csv') ? statsCsv(stats) : report(stats));
  return 0;
}

function report(s: UsageStats): string {
  const list = (counts: Count[]) => (counts.length ? counts.map((c) => `${c.key} ${c.count}`).join(', ') : '—');
  return [
    `Branch Desk usage ${s.from} to ${s.to} (exclusive)`,
    `queries:           ${s.queries.total}`,
    `  by officer:      ${list(s.queries.byOfficer)}`,
    `  by product:      ${list(s.queries.byProduct)}`,
    `  by purpose:      ${list(s.queries.byPurpose)}`,
    `  by month:        ${list(s.queries.byMonth)}`,
    `rejections:        ${s.rejections.total}  ${list(s.rejections.byReason)}`,
    `hours to data:     median ${s.hoursToData.median ?? '—'}, 90th percentile ${s.hoursToData.p90 ?? '—'} (${s.hoursToData.cases} cases)`,
    `authorizations:    ${list(s.authorizations)}`,
    `overrides:         ${s.overrides.total}  ${list(s.overrides.byFinding)}`,
    '',
  ].join('\n');
}
