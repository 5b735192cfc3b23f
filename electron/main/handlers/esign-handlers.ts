import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';

export function esignHandlers(
  s: DeskServices,
): Pick<
  Handlers,
  | 'card.state'
  | 'esign.document'
  | 'esign.pinState'
  | 'esign.sign'
  | 'card.trainingInsert'
  | 'card.trainingRemove'
  | 'esign.diagnostics'
  | 'esign.importC3'
> {
  return {
    'card.state': () => s.esign.cardState(),
    'esign.document': ({ caseId, validUntil }, ctx) => s.esign.document(caseId, validUntil, ctx.user!),
    'esign.pinState': ({ insertion }) => s.esign.pinState(insertion),
    'esign.sign': (input, ctx) => s.esign.sign(input, ctx.user!),
    'card.trainingInsert': async ({ caseId }, ctx) => {
      await s.esign.trainingInsert(caseId, ctx.user!);
      return {};
    },
    'card.trainingRemove': () => {
      s.esign.trainingRemove();
      return {};
    },
    // The card parts, then whether JCIC answers (the signed authorization goes there next).
    'esign.diagnostics': async () => {
      const [parts, jcic] = await Promise.all([s.esign.diagnostics(), s.outbox.health()]);
      return { checks: [...parts.checks, { name: 'jcic' as const, ...jcic }] };
    },
    'esign.importC3': (input, ctx) => s.esign.importC3(input, ctx.user!),
  };
}
