import type { CaseDetail, DeskErrorPayload } from '../../../common/contract';

export type CaseAnswer = { ok: true; value: CaseDetail } | { ok: false; error: DeskErrorPayload };

/** Runs one of the case's calls: the new detail replaces the shown one; the error (if any) is
 * returned for the part of the screen that made the call to show next to its control. */
export type CaseAct = (run: () => Promise<CaseAnswer>) => Promise<DeskErrorPayload | null>;
