// Messages between the desk and the intake worker.
import type { CleanPage } from './clean-form';

/** A cleaned page as it crosses between threads (a plain byte array). */
export type WirePage = Omit<CleanPage, 'data'> & { data: Uint8Array };
import type { RefusalCode, RefusalParams } from './refusals';

export interface IntakeRequest {
  bytes: Uint8Array;
  /** Today (Taiwan), for which ID formats are still valid when one is read off the form. */
  today: string;
  /** Pages the case can still take. */
  room: number;
  /** Also return every page together as one PDF (desk import-check --out). */
  asPdf: boolean;
}

/** Sent before the answer: how many page images the file holds (each gets its own time). */
export interface IntakeProgress {
  t: 'pages';
  count: number;
}

export type IntakeAnswer =
  | { ok: true; pages: WirePage[]; pdf: Uint8Array | null }
  | { ok: false; code: RefusalCode; params: RefusalParams; unexpected?: string };
