// The one door for captured forms: files, the document camera and the scanner. The
// cheap checks (empty, too large, no room left) happen here; everything that reads the file's
// content happens in the intake worker (electron/main/intake/), which answers with freshly
// re-encoded pages or a reason to refuse.
import { DeskError } from '../errors';
import { FORM_LIMITS } from '../../../common/domain/form-limits';
import type { CleanPage } from '../intake/clean-form';
import { runIntake } from '../intake/intake-runner';
import { sniff } from '../intake/clean-form';
import { refusalText, type RefusalCode, type RefusalParams } from '../intake/refusals';
import type { PageEdits } from '../capture/page-geometry';
import type { StepReport } from '../capture/capture-progress';

export type AcceptedPage = CleanPage;

/** Where captured forms come from: a file, a document camera's shot, a scanner's page. */
export interface FormSource {
  readonly kind: 'file' | 'camera' | 'scanner';
  fileName: string;
  bytes: Buffer;
}

export const fileRejected = (file: string, code: RefusalCode, params: RefusalParams = {}) =>
  new DeskError('FILE_REJECTED', { file, detail: refusalText(code, params) });

export type FormCheck =
  { accepted: true; pages: AcceptedPage[]; pdf: Buffer | null } | { accepted: false; error: DeskError };

/** The whole pipeline, without throwing: the UI import and `desk import-check` both run this.
 * `asPdf`: also return every cleaned page together as one PDF. */
export async function checkForm(
  source: FormSource,
  pagesAlready: number,
  options: { today: string; asPdf?: boolean; edits?: PageEdits; onStep?: StepReport },
): Promise<FormCheck> {
  const { fileName: file, bytes } = source;
  if (bytes.length === 0) return { accepted: false, error: fileRejected(file, 'empty') };
  if (bytes.length > FORM_LIMITS.maxFileBytes) return { accepted: false, error: fileRejected(file, 'too-large') };
  const room = FORM_LIMITS.maxPagesPerCase - pagesAlready;
  if (room <= 0)
    return { accepted: false, error: new DeskError('TOO_MANY_PAGES', { max: FORM_LIMITS.maxPagesPerCase }) };
  // The first bytes say whether it can be a form at all: no worker is started for anything else.
  if (!sniff(bytes)) return { accepted: false, error: fileRejected(file, 'unknown-type') };
  const outcome = await runIntake(bytes, room, {
    asPdf: options.asPdf === true,
    today: options.today,
    capture: source.kind,
    ...(options.edits ? { edits: options.edits } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  if (!outcome.ok) {
    if (outcome.unexpected) console.error(`[intake] ${file}: ${outcome.unexpected}`);
    return { accepted: false, error: fileRejected(file, outcome.code, outcome.params) };
  }
  return { accepted: true, pages: outcome.pages, pdf: outcome.pdf };
}

/** Returns the cleaned pages to store; throws FILE_REJECTED (or TOO_MANY_PAGES) with the reason. */
export async function acceptForm(
  source: FormSource,
  pagesAlready: number,
  options: { today: string; edits?: PageEdits; onStep?: StepReport },
): Promise<AcceptedPage[]> {
  const check = await checkForm(source, pagesAlready, options);
  if (!check.accepted) throw check.error;
  return check.pages;
}
