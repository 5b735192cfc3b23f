import { renderMessage, type DeskErrorPayload, type ErrorCode, type MessageParam } from '../../common/contract';

/** A failure the user should see, with a stable code and fixed wording (common/contract/errors.ts). */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, MessageParam> = {},
    readonly fields?: DeskErrorPayload['fields'],
  ) {
    super(`${code}: ${renderMessage(code, params).en}`);
    this.name = 'DeskError';
  }

  toPayload(): DeskErrorPayload {
    const payload: DeskErrorPayload = { code: this.code, message: renderMessage(this.code, this.params) };
    if (this.fields) payload.fields = this.fields;
    return payload;
  }
}

/** A reason the desk will not start at all (bad IT policy, unreadable data key): hosts and tools
 * print its banner and stop, instead of a stack trace. */
export abstract class StartupError extends Error {
  abstract banner(): string;
}
