// One small interface for every kind of scanner the desk drives (NAPS2's shape): list the devices,
// say what one can do, scan pages with progress and cancel: SANE (scanimage) on Linux, WIA on
// Windows, eSCL network scanners. A failure is a ScannerError with one of a few fixed problems.
import type { ScannerProblem } from '../../../../common/domain/scanner-problems';
import { FORM_LIMITS } from '../../../../common/domain/form-limits';

/** A scanned page is a file like any other: no larger than the intake takes one. Bigger is refused
 * as it arrives, before it is held whole. */
export const MAX_SCAN_PAGE_BYTES = FORM_LIMITS.maxFileBytes;

export interface ScannerDevice {
  id: string;
  /** As the officer reads it: vendor and model. */
  name: string;
  driver: 'sane' | 'wia' | 'escl';
}

export interface ScannerCapabilities {
  resolutions: number[];
  modes: ('color' | 'gray')[];
  sources: ('flatbed' | 'feeder')[];
}

export interface ScanRequest {
  resolution: number;
  mode: 'color' | 'gray';
  source: 'flatbed' | 'feeder';
}

export class ScannerError extends Error {
  constructor(
    readonly problem: ScannerProblem,
    /** The scanner's own words, for IT. */
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

export interface ScanOptions {
  onPage?: (pages: number) => void;
  signal?: AbortSignal;
  /** The pages the case can still take; a scanner giving one more fails with too_many_pages (and
   * none is kept). At most a form's pages. */
  maxPages?: number;
}

/** The pages one scan may bring: the case's room, never more than a form's pages. */
export function pageLimit(options: ScanOptions): number {
  return Math.max(0, Math.min(options.maxPages ?? FORM_LIMITS.maxPagesPerCase, FORM_LIMITS.maxPagesPerCase));
}

export function tooManyPages(limit: number): ScannerError {
  return new ScannerError('too_many_pages', `the scanner gave more than the ${limit} page(s) the case can take`);
}

export function pageTooLarge(page: number, bytes?: number): ScannerError {
  const size = bytes === undefined ? '' : ` (${bytes} bytes)`;
  return new ScannerError('page_too_large', `page ${page}${size} is over the ${MAX_SCAN_PAGE_BYTES}-byte limit`);
}

export interface ScannerDriver {
  list(): Promise<ScannerDevice[]>;
  capabilities(deviceId: string): Promise<ScannerCapabilities>;
  /** The pages scanned (image files); `onPage` after each; an aborted signal stops the scanner. */
  scan(deviceId: string, request: ScanRequest, options?: ScanOptions): Promise<Buffer[]>;
}
