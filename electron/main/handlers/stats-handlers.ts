import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';
import type { statsCalls } from '../../../common/contract/stats';
import { statsInWorker } from '../stats/stats-runner';
import { statsCsv } from '../stats/usage-stats';
import { DeskError } from '../errors';
import { fieldIssue } from '../../../common/contract/field-problems';

/** Usage statistics, computed in a worker on a read-only connection; looking is on the record. */
export function statsHandlers(s: DeskServices): Pick<Handlers, keyof typeof statsCalls> {
  return {
    'stats.usage': async ({ from, to }, ctx) => {
      if (from >= to) throw DeskError.validation([fieldIssue('to', 'date_order')]);
      const stats = await statsInWorker(s.options.dataDir, from, to);
      s.audit.record({ actor: ctx.user, action: 'stats.viewed', detail: { from, to } });
      return { stats, csv: statsCsv(stats) };
    },
  };
}
