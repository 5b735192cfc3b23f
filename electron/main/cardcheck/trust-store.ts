// Certificates from a directory IT manages (trust anchors, intermediates): PEM (one or more per
// file) or DER, by extension. A file that cannot be read is reported by name, never skipped silently.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate, type ParsedCertificate } from './certificate';

export interface LoadedCertificates {
  certificates: ParsedCertificate[];
  problems: { file: string; reason: string }[];
}

const CERT_FILE = /\.(pem|crt|cer|der)$/i;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function loadCertificateDir(dir: string): LoadedCertificates {
  const loaded: LoadedCertificates = { certificates: [], problems: [] };
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => CERT_FILE.test(n))
      .sort();
  } catch (e) {
    loaded.problems.push({ file: dir, reason: (e as Error).message });
    return loaded;
  }
  for (const name of names) {
    try {
      loaded.certificates.push(...loadCertificateFile(join(dir, name)));
    } catch (e) {
      loaded.problems.push({ file: name, reason: (e as Error).message });
    }
  }
  return loaded;
}

/** Every certificate in one file (a PEM bundle or one DER certificate). */
export function loadCertificateFile(file: string): ParsedCertificate[] {
  const bytes = readFileSync(file);
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const blocks = text.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) throw new Error('no certificate in the PEM file');
    return blocks.map((block) => parseCertificate(block));
  }
  return [parseCertificate(bytes)];
}
