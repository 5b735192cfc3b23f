// The single entry from any host into the main side: look the call up in the contract, enforce
// its access rule, validate the input, run the handler, validate the output, and turn any failure
// into a typed error. Wrong input from a renderer gets VALIDATION, never a crash.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contract, type CallName, type CallSpec, type OutputOf, type Result } from '../../common/contract';
import { DeskError } from './errors';
import { fromZodIssue } from '../../common/contract/field-problems';
import type { DeskServices } from './services';
import type { StaffRecord } from './staff/staff-directory';

export interface CallContext {
  user: StaffRecord | null;
}

export type Handlers = {
  [N in CallName]: (
    input: z.output<(typeof contract)[N]['input']>,
    ctx: CallContext,
  ) => OutputOf<N> | Promise<OutputOf<N>>;
};

export type Dispatcher = (name: string, input: unknown) => Promise<Result<unknown>>;

const isCallName = (name: string): name is CallName => Object.prototype.hasOwnProperty.call(contract, name);

export function createDispatcher(services: DeskServices, handlers: Handlers): Dispatcher {
  return async (name, rawInput) => {
    try {
      if (typeof name !== 'string' || !isCallName(name))
        throw new DeskError('UNKNOWN_CALL', { name: String(name).slice(0, 80) });
      const spec: CallSpec = contract[name];
      if (spec.testClockOnly && !services.clock.adjustable) throw new DeskError('UNKNOWN_CALL', { name });
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        throw DeskError.validation(parsed.error.issues.map((issue) => fromZodIssue(issue, rawInput)));
      }
      const user = services.sessions.authorize(spec.access, spec.passive !== true, spec.duringPasswordChange === true);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const output = await handler(parsed.data, { user });
      // The output schema strips anything a handler should not have let out (hashes, internals).
      return { ok: true, value: spec.output.parse(output) };
    } catch (e) {
      if (e instanceof DeskError) return { ok: false, error: e.toPayload() };
      const ref = randomUUID().slice(0, 8);
      console.error(`[desk] internal error ${ref} in ${String(name)}:`, e);
      return { ok: false, error: new DeskError('INTERNAL', { ref }).toPayload() };
    }
  };
}
