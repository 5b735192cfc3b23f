// One small interface for every kind of scanner the desk drives (NAPS2's shape): list the devices,
// say what one can do, scan pages with progress and cancel: SANE (scanimage) on Linux, WIA on
// Windows, eSCL network scanners. A failure is a ScannerError with one of a few fixed problems.
import type { ScannerProblem } from '../../../../common/domain/scanner-problems';

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

export interface ScannerDriver {
  list(): Promise<ScannerDevice[]>;
  capabilities(deviceId: string): Promise<ScannerCapabilities>;
  /** The pages scanned (image files); `onPage` after each; an aborted signal stops the scanner. */
  scan(
    deviceId: string,
    request: ScanRequest,
    options?: { onPage?: (pages: number) => void; signal?: AbortSignal },
  ): Promise<Buffer[]>;
}
