import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';

export function esignHandlers(s: DeskServices): Pick<Handlers, 'card.state' | 'esign.document' | 'esign.sign'> {
  return {
    'card.state': () => s.esign.cardState(),
    'esign.document': ({ caseId, validUntil }, ctx) => s.esign.document(caseId, validUntil, ctx.user!),
    'esign.sign': (input, ctx) => s.esign.sign(input, ctx.user!),
  };
}
