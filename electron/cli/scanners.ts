// `desk scanners`: the scanners this PC can reach through every driver the desk uses (SANE on Linux,
// WIA on Windows, the policy's eSCL network scanners) and what each can do, for IT.
import { ScannerDirectory, scannerDrivers } from '../main/capture/scanners/scanner-service';
import { loadDeskEnvironment } from '../main/bootstrap';
import { StartupError } from '../main/errors';

export async function runScanners(): Promise<number> {
  let esclScanners: string[];
  try {
    esclScanners = loadDeskEnvironment().loadedPolicy.policy.esclScanners ?? [];
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    console.log(e.banner());
    return 1;
  }
  const drivers = scannerDrivers(esclScanners);
  if (drivers.length === 0) {
    console.log(`no scanner driver on ${process.platform}, and the policy names no eSCL scanner (esclScanners)`);
    return 1;
  }
  const scanners = await new ScannerDirectory(drivers).list();
  if (scanners.length === 0) {
    console.log(
      'no scanners found 找不到掃描器 (check the scanner is on, connected and configured; network scanners: policy esclScanners)',
    );
    return 1;
  }
  for (const s of scanners) {
    console.log(`${s.id}  ${s.name} (${s.driver})`);
    if (!s.capabilities) console.log('  capabilities unknown (the scanner did not say)');
    else {
      console.log(`  resolutions: ${s.capabilities.resolutions.join(', ')} dpi`);
      console.log(`  modes:       ${s.capabilities.modes.join(', ')}`);
      console.log(`  sources:     ${s.capabilities.sources.join(', ')}`);
    }
  }
  return 0;
}
