// Messages between the desk and the intake worker.
import type { CleanPage } from './clean-form';
import type { PageEdits, Suggested } from '../capture/page-geometry';

/** A cleaned page as it crosses between threads (plain byte arrays). */
export type WirePage = Omit<CleanPage, 'data' | 'original'> & {
  data: Uint8Array;
  original: (Omit<NonNullable<CleanPage['original']>, 'data'> & { data: Uint8Array }) | null;
};
import type { RefusalCode, RefusalParams } from './refusals';

export interface IntakeRequest {
  bytes: Uint8Array;
  /** Today (Taiwan), for which ID formats are still valid when one is read off the form. */
  today: string;
  /** Pages the case can still take. */
  room: number;
  /** Also return every page together as one PDF (desk import-check --out). */
  asPdf: boolean;
  /** Where the image came from: a camera shot is cut to the sheet and straightened, a scan
   * straightened, a file kept as it is. */
  capture: 'file' | 'camera' | 'scanner';
  /** The officer's edits of a kept original (the page editor): applied instead of the automatic ones. */
  edits?: PageEdits;
  /** Only find the sheet's corners and skew on a kept original, for the page editor to start from. */
  suggest?: boolean;
}

/** Sent before the answer: how many page images the file holds (each gets its own time), and
 * which page is being checked or having its ID read (for the screen). */
export type IntakeProgress =
  { t: 'pages'; count: number } | { t: 'step'; step: 'checking' | 'reading_id'; page: number; of: number };

export type IntakeAnswer =
  | { ok: true; pages: WirePage[]; pdf: Uint8Array | null; suggested?: Suggested }
  | { ok: false; code: RefusalCode; params: RefusalParams; unexpected?: string };
