// `desk purge [--dry-run]`: what the retention rules delete now, and why; without --dry-run, do it.
// Runs the same RetentionService the desk runs on its timer.
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk } from '../main/desk';
import { StartupError } from '../main/errors';

export async function runPurge(dryRun: boolean): Promise<number> {
  let desk;
  try {
    desk = createDesk({ ...loadDeskEnvironment(), background: false, dataKey: 'if-available' });
  } catch (e) {
    if (e instanceof StartupError) {
      console.log(e.banner());
      return 1;
    }
    throw e;
  }
  try {
    const { retention } = desk.services;
    const items = dryRun ? retention.plan() : await retention.sweep();
    desk.services.audit.record({
      actor: null,
      action: dryRun ? 'retention.cli_dry_run' : 'retention.cli_purge',
      detail: { cases: items.map((i) => i.caseId) },
    });
    const verb = dryRun ? 'would' : 'did';
    for (const item of items) {
      const what =
        item.kind === 'expire-authorization'
          ? 'expire the authorization'
          : item.kind === 'purge-product'
            ? `delete ${item.products.join(', ')}`
            : `delete ${item.products.join(', ') || 'no returned data'} and ${item.pages} form page(s)`;
      console.log(`case #${item.caseId} (${item.state}, due ${item.dueAt}): ${verb} ${what} — ${item.why}`);
    }
    console.log(
      items.length
        ? `${items.length} case(s) ${dryRun ? 'would be' : 'were'} handled${dryRun ? ' (dry run: nothing changed)' : ''}`
        : 'nothing is due',
    );
    return 0;
  } finally {
    desk.close();
  }
}
