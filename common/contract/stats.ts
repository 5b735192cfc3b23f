// Usage statistics for supervisors and IT (electron/main/stats/): counts only, no customer.
import * as z from '../zod';
import { call } from './call';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');
const Counts = z.array(z.object({ key: z.string(), count: z.number().int() }));

export const UsageStats = z.object({
  from: z.string(),
  to: z.string(),
  queries: z.object({
    total: z.number().int(),
    byOfficer: Counts,
    byProduct: Counts,
    byPurpose: Counts,
    byMonth: Counts,
  }),
  rejections: z.object({ total: z.number().int(), byReason: Counts }),
  hoursToData: z.object({ cases: z.number().int(), median: z.number().nullable(), p90: z.number().nullable() }),
  authorizations: Counts,
  overrides: z.object({ total: z.number().int(), byFinding: Counts }),
});
export type UsageStatsView = z.infer<typeof UsageStats>;

export const statsCalls = {
  // From a day to a day (exclusive), in Taipei days; with the same figures as CSV.
  'stats.usage': call(z.object({ from: Day, to: Day }).strict(), z.object({ stats: UsageStats, csv: z.string() }), [
    'supervisor',
    'it_admin',
  ]),
} as const;
