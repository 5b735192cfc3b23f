// Updates from the bank's own server (electron/main/updates/): what this desk runs, what the server
// offers it, the last check and what it found, the download, and when to install (the officer
// chooses: now, or when the desk closes). IT can check at once.
import * as z from '../zod';
import { call } from './call';

export const UPDATE_OUTCOMES = [
  'not_configured',
  'update',
  'current',
  'staged_out',
  'paused',
  'refused',
  'below_minimum',
  'unreachable',
] as const;

export const DOWNLOAD_PROBLEMS = ['incomplete', 'altered', 'publisher', 'failed'] as const;

export const UpdateStatus = z.object({
  current: z.string(),
  /** The policy names an update server. */
  configured: z.boolean(),
  /** This host can download and install (the packaged desktop app; not the browser mode). */
  canInstall: z.boolean(),
  lastCheckAt: z.string().nullable(),
  outcome: z.enum(UPDATE_OUTCOMES).nullable(),
  /** The release offered to this desk, when there is one. */
  available: z.string().nullable(),
  /** The desk is below IT's minimum version: it must install. */
  required: z.boolean(),
  /** What was found, for IT (a refused signature, a server that did not answer). */
  detail: z.string().nullable(),
  download: z.object({
    state: z.enum(['idle', 'downloading', 'ready', 'failed']),
    percent: z.number().min(0).max(100),
    /** Why the last download was not kept: cut short, not the signed file, not signed by the pinned
     * publisher (Authenticode), or it failed on the way. */
    problem: z.enum(DOWNLOAD_PROBLEMS).nullable(),
    /** The same, for IT (who signed it, what failed). */
    detail: z.string().nullable(),
  }),
  /** The officer chose to install when the desk closes. */
  installAtClose: z.boolean(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const updateCalls = {
  'updates.status': call(z.object({}).strict(), UpdateStatus, 'signed-in', { passive: true }),
  'updates.check': call(z.object({}).strict(), UpdateStatus, ['it_admin']),
  // Now: only while nothing is being signed, captured or sent (else UPDATE_BUSY says what); at
  // close: when the desk is next closed.
  'updates.install': call(z.object({ when: z.enum(['now', 'close']) }).strict(), UpdateStatus, 'signed-in'),
} as const;
