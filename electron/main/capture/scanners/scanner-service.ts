// The scanners a desk can reach, through every driver it has (SANE on Linux, WIA on Windows, eSCL
// network scanners wherever the policy names them), and a scan into a case: each page goes through
// the same intake as a file (the worker, its limits, the compact PDF and the quality gate), as a
// page from the scanner. A device belongs to the driver that listed it; one driver failing to list
// hides none of the others.
import type { CaseDetail } from '../../../../common/contract';
import { SCANNER_PROBLEMS } from '../../../../common/domain/scanner-problems';
import { DeskError } from '../../errors';
import type { StaffRecord } from '../../staff/staff-directory';
import type { CasePages } from '../../cases/case-pages';
import type { StepReport } from '../capture-progress';
import { esclDriver } from './escl-driver';
import { saneDriver } from './sane-driver';
import { wiaDriver } from './wia-driver';
import {
  ScannerError,
  type ScanRequest,
  type ScannerCapabilities,
  type ScannerDevice,
  type ScannerDriver,
} from './scanner-driver';

/** The drivers this platform has, the policy's eSCL scanners first (IT named them). */
export function scannerDrivers(esclScanners: string[] = [], platform = process.platform): ScannerDriver[] {
  const local = platform === 'linux' ? [saneDriver()] : platform === 'win32' ? [wiaDriver()] : [];
  return [...(esclScanners.length ? [esclDriver(esclScanners)] : []), ...local];
}

/** The devices every driver lists, each with the driver it belongs to (also `desk scanners`). */
export class ScannerDirectory {
  /** Which driver listed each device: a scan goes to its own (ids alone may look alike: SANE's own
   * eSCL backend also names devices escl:…). */
  private readonly owners = new Map<string, ScannerDriver>();

  constructor(readonly drivers: ScannerDriver[] = scannerDrivers()) {}

  async list(): Promise<(ScannerDevice & { capabilities: ScannerCapabilities | null })[]> {
    const listed = await this.listDevices();
    return Promise.all(
      listed.map(async ({ device, driver }) => ({
        ...device,
        capabilities: await driver.capabilities(device.id).catch(() => null),
      })),
    );
  }

  /** The driver that listed the device; asked again when it is not known yet (a desk just started). */
  async ownerOf(deviceId: string): Promise<ScannerDriver> {
    if (!this.owners.has(deviceId)) await this.listDevices();
    const owner = this.owners.get(deviceId);
    if (!owner) throw new ScannerError('not_found', `${deviceId} is not listed by any scanner driver`);
    return owner;
  }

  private async listDevices(): Promise<{ device: ScannerDevice; driver: ScannerDriver }[]> {
    const results = await Promise.allSettled(this.drivers.map((driver) => driver.list()));
    const listed: { device: ScannerDevice; driver: ScannerDriver }[] = [];
    this.owners.clear();
    results.forEach((result, i) => {
      const driver = this.drivers[i]!;
      if (result.status === 'rejected') {
        // A driver's own failure (not a scanner's problem) is a fault for IT, not for the officer.
        if (!(result.reason instanceof ScannerError))
          console.error('[scanners] a driver failed to list:', result.reason);
        return;
      }
      for (const device of result.value) {
        if (this.owners.has(device.id)) continue; // the first driver to list an id keeps it
        this.owners.set(device.id, driver);
        listed.push({ device, driver });
      }
    });
    return listed;
  }
}

export class ScannerService {
  private readonly directory: ScannerDirectory;

  constructor(
    private readonly pages: CasePages,
    drivers: ScannerDriver[] = scannerDrivers(),
  ) {
    this.directory = new ScannerDirectory(drivers);
  }

  list(): ReturnType<ScannerDirectory['list']> {
    return this.directory.list();
  }

  /** Scans and imports every page; a scanner problem says which, in the officer's words. */
  async scan(
    caseId: number,
    deviceId: string,
    request: ScanRequest,
    user: StaffRecord,
    progress: { report?: StepReport; signal?: AbortSignal | null } = {},
  ): Promise<CaseDetail> {
    const { report, signal } = progress;
    if (this.directory.drivers.length === 0)
      throw scannerProblem(new ScannerError('unavailable', `no scanner driver on ${process.platform}`));
    // Not worth scanning into a case that cannot take pages (each page's import checks again), and
    // the scanner gives no more pages than the case has room for.
    const maxPages = aboutScanner(() => this.pages.assertAddable(caseId, user));
    let pages: Buffer[];
    try {
      const owner = await this.directory.ownerOf(deviceId);
      pages = await owner.scan(deviceId, request, { maxPages, ...(signal ? { signal } : {}) });
    } catch (e) {
      if (e instanceof ScannerError) throw scannerProblem(e);
      throw e;
    }
    // Cancelled just as the scanner finished (the screen was told yes): nothing is imported.
    if (signal?.aborted) throw scannerProblem(new ScannerError('cancelled', 'cancelled as the scan ended'));
    report?.('checking', 1, pages.length); // no longer cancellable: the pages are being imported
    // All the scan's pages go in together or not at all; each counted across the scan.
    const sources = pages.map((bytes, i) => ({ kind: 'scanner' as const, fileName: `scan-${i + 1}.png`, bytes }));
    return this.pages.addAll(caseId, sources, user, (i) => report && ((s) => report(s, i + 1, pages.length)));
  }
}

/** A refusal the scan panel shows beside its button. */
function aboutScanner<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw e instanceof DeskError && e.code === 'TOO_MANY_PAGES' ? e.about('scanner') : e;
  }
}

function scannerProblem(e: ScannerError): DeskError {
  return new DeskError('SCANNER_PROBLEM', { detail: SCANNER_PROBLEMS[e.problem] }).about('scanner');
}
