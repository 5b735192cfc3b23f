// The scanners a desk can reach (SANE on Linux; WIA and eSCL to come behind the same driver
// interface) and a scan into a case: each page goes through the same intake as a file (the worker,
// its limits, the compact PDF and the quality gate), as a page from the scanner.
import type { CaseDetail } from '../../../../common/contract';
import { SCANNER_PROBLEMS } from '../../../../common/domain/scanner-problems';
import { DeskError } from '../../errors';
import type { StaffRecord } from '../../staff/staff-directory';
import type { CasePages } from '../../cases/case-pages';
import { saneDriver } from './sane-driver';
import {
  ScannerError,
  type ScanRequest,
  type ScannerCapabilities,
  type ScannerDevice,
  type ScannerDriver,
} from './scanner-driver';

export class ScannerService {
  constructor(
    private readonly pages: CasePages,
    private readonly driver: ScannerDriver | null = process.platform === 'linux' ? saneDriver() : null,
  ) {}

  async list(): Promise<(ScannerDevice & { capabilities: ScannerCapabilities | null })[]> {
    if (!this.driver) return [];
    const devices = await this.driver.list().catch((e: unknown) => {
      if (e instanceof ScannerError) return [];
      throw e;
    });
    return Promise.all(
      devices.map(async (d) => ({ ...d, capabilities: await this.driver!.capabilities(d.id).catch(() => null) })),
    );
  }

  /** Scans and imports every page; a scanner problem says which, in the officer's words. */
  async scan(caseId: number, deviceId: string, request: ScanRequest, user: StaffRecord): Promise<CaseDetail> {
    if (!this.driver) throw scannerProblem(new ScannerError('unavailable', `no scanner driver on ${process.platform}`));
    // Not worth scanning into a case that cannot take pages (each page's import checks again).
    this.pages.assertAddable(caseId, user);
    let pages: Buffer[];
    try {
      pages = await this.driver.scan(deviceId, request);
    } catch (e) {
      if (e instanceof ScannerError) throw scannerProblem(e);
      throw e;
    }
    let detail: CaseDetail | null = null;
    for (const [i, bytes] of pages.entries())
      detail = await this.pages.add(caseId, { kind: 'scanner', fileName: `scan-${i + 1}.png`, bytes }, user);
    return detail!;
  }
}

function scannerProblem(e: ScannerError): DeskError {
  return new DeskError('SCANNER_PROBLEM', { detail: SCANNER_PROBLEMS[e.problem] }).about('scanner');
}
