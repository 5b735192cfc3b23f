import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';
import type { updateCalls } from '../../../common/contract/updates';

/** Updates from the bank's server: what is offered, a check now (IT), when to install (the officer). */
export function updateHandlers(s: DeskServices): Pick<Handlers, keyof typeof updateCalls> {
  return {
    'updates.status': () => s.updates.status(),
    'updates.check': () => s.updates.check(),
    'updates.install': ({ when }, ctx) => s.updates.install(when, ctx.user!),
  };
}
