import { describeIssues, type FieldIssue } from '../../common/contract/field-problems';
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

  /** Input that is wrong, field by field (see common/contract/field-problems.ts). */
  static validation(fields: FieldIssue[]): DeskError {
    return new DeskError('VALIDATION', { detail: describeIssues(fields) }, fields);
  }

  /** The input the error is about (a path in the call's input), so the screen shows it there. */
  at?: string;

  about(path: string): this {
    this.at = path;
    return this;
  }

  toPayload(): DeskErrorPayload {
    const payload: DeskErrorPayload = { code: this.code, message: renderMessage(this.code, this.params) };
    if (this.fields) payload.fields = this.fields;
    if (this.at) payload.at = this.at;
    return payload;
  }
}

/** A reason the desk will not start at all (bad IT policy, unreadable data key): hosts and tools
 * print its banner and stop, instead of a stack trace. */
export abstract class StartupError extends Error {
  abstract banner(): string;
}
