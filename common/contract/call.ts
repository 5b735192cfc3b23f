// How one contract call is declared: input and output schemas, who may make it, and how it counts.
import * as z from '../zod';

export const ROLES = ['it_admin', 'officer', 'supervisor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who may make a call. `locked` allows the call while the session is idle-locked (unlock, logout). */
export type Access = 'anyone' | 'locked' | 'signed-in' | readonly Role[];

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Passive calls (polling) do not reset the idle-lock timer. */
  passive?: boolean;
  /** Allowed while the member must still replace a password an administrator set. */
  duringPasswordChange?: boolean;
  /** Exists only on a desk running the adjustable test clock; elsewhere it is an unknown call. */
  testClockOnly?: boolean;
}

export function call<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
  options: { passive?: boolean; duringPasswordChange?: boolean; testClockOnly?: boolean } = {},
): CallSpec<I, O> {
  return { input, output, access, ...options };
}
