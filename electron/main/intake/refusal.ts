// The worker's way of saying no: a code from refusals.ts and its parameters, thrown and caught
// inside the worker, and posted to the desk as plain data.
import type { RefusalCode, RefusalParams } from './refusals';

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly params: RefusalParams = {},
  ) {
    super(code);
    this.name = 'Refusal';
  }
}

export const refuse = (code: RefusalCode, params: RefusalParams = {}): never => {
  throw new Refusal(code, params);
};
