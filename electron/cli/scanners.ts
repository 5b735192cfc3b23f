// `desk scanners`: the scanners this PC can reach (SANE on Linux) and what each can do, for IT.
import { saneDriver } from '../main/capture/scanners/sane-driver';
import { ScannerError } from '../main/capture/scanners/scanner-driver';
import { SCANNER_PROBLEMS } from '../../common/domain/scanner-problems';

export async function runScanners(): Promise<number> {
  if (process.platform !== 'linux') {
    console.log(`no scanner driver on ${process.platform} yet (WIA and eSCL are to come)`);
    return 1;
  }
  const driver = saneDriver();
  try {
    const devices = await driver.list();
    if (devices.length === 0) {
      console.log('no scanners found 找不到掃描器 (SANE: check the scanner is on, connected and configured)');
      return 1;
    }
    for (const d of devices) {
      const caps = await driver.capabilities(d.id).catch((e: unknown) => (e instanceof ScannerError ? e : null));
      console.log(`${d.id}  ${d.name} (${d.driver})`);
      if (caps instanceof ScannerError || !caps) console.log(`  capabilities unknown: ${caps?.detail ?? ''}`);
      else {
        console.log(`  resolutions: ${caps.resolutions.join(', ')} dpi`);
        console.log(`  modes:       ${caps.modes.join(', ')}`);
        console.log(`  sources:     ${caps.sources.join(', ')}`);
      }
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ScannerError)) throw e;
    const words = SCANNER_PROBLEMS[e.problem];
    console.log(`${words['zh-TW']}\n${words.en}\n(${e.detail})`);
    return 1;
  }
}
