// Signed Windows installers for the update tests, made the way a bank's release is: a small but
// valid PE file, signed with osslsigncode (the open-source signtool) by a code-signing certificate
// under a test root and intermediate that openssl issues. The desk's own check
// (electron/main/updates/authenticode.ts) then reads what a real signing tool wrote.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A PE32 (or PE32+, 64-bit) console executable with one section: the least osslsigncode and
 * Windows accept. */
export function minimalPe(marker = 'Branch Desk test installer', pe32plus = false): Buffer {
  const dos = Buffer.alloc(64);
  dos.write('MZ', 0, 'latin1');
  dos.writeUInt32LE(64, 0x3c);
  const coff = Buffer.alloc(20);
  const optionalSize = pe32plus ? 240 : 224;
  coff.writeUInt16LE(pe32plus ? 0x8664 : 0x14c, 0); // x64 or i386
  coff.writeUInt16LE(1, 2); // one section
  coff.writeUInt16LE(optionalSize, 16);
  coff.writeUInt16LE(pe32plus ? 0x0022 : 0x0102, 18); // executable (large-address aware, or 32-bit)
  const optional = Buffer.alloc(optionalSize);
  optional.writeUInt16LE(pe32plus ? 0x20b : 0x10b, 0);
  optional.writeUInt32LE(0x1000, 16); // entry point
  if (pe32plus)
    optional.writeBigUInt64LE(0x140000000n, 24); // image base
  else optional.writeUInt32LE(0x400000, 28);
  optional.writeUInt32LE(0x1000, 32); // section alignment
  optional.writeUInt32LE(0x200, 36); // file alignment
  optional.writeUInt16LE(4, 40); // OS version
  optional.writeUInt16LE(4, 48); // subsystem version
  optional.writeUInt32LE(0x2000, 56); // image size
  optional.writeUInt32LE(0x200, 60); // headers size
  optional.writeUInt16LE(3, 68); // console
  optional.writeUInt32LE(16, pe32plus ? 108 : 92); // data directories
  const section = Buffer.alloc(40);
  section.write('.text', 0, 'latin1');
  section.writeUInt32LE(0x200, 8);
  section.writeUInt32LE(0x1000, 12);
  section.writeUInt32LE(0x200, 16);
  section.writeUInt32LE(0x200, 20);
  section.writeUInt32LE(0x60000020, 36);
  const headers = Buffer.concat([dos, Buffer.from('PE\0\0', 'latin1'), coff, optional, section]);
  const body = Buffer.alloc(0x200);
  body[0] = 0xc3; // ret
  body.write(marker, 16, 'utf8');
  return Buffer.concat([headers, Buffer.alloc(0x200 - headers.length), body]);
}

export interface SigningKit {
  dir: string;
  /** The test root (PEM): what the desk trusts in the tests, in place of the public roots. */
  rootPem: string;
  /** Signs `input` into `output` with the named signer ('bank': the pinned publisher); with SHA-1,
   * or nested (a second signature inside the file's first, as electron-builder signs). */
  sign(
    input: string,
    output: string,
    signer?: keyof typeof SUBJECTS,
    options?: { hash?: string; nest?: boolean },
  ): void;
}

export const SUBJECTS = {
  bank: '/C=TW/ST=Taipei/L=Zhongzheng/O=Test Bank Co., Ltd./CN=Test Bank Co., Ltd.',
  other: '/C=TW/ST=Taipei/L=Zhongzheng/O=Someone Else Ltd./CN=Someone Else Ltd.',
  selfSigned: '/C=TW/ST=Taipei/L=Zhongzheng/O=Test Bank Co., Ltd./CN=Test Bank Co., Ltd.',
  notForCode: '/C=TW/ST=Taipei/L=Zhongzheng/O=Test Bank Co., Ltd./CN=Test Bank Co., Ltd.',
  twoNames: '/C=TW/ST=Taipei/L=Zhongzheng/O=Test Bank Co., Ltd./CN=Someone Else Ltd./CN=Test Bank Co., Ltd.',
  ev: '/businessCategory=Private Organization/jurisdictionC=TW/serialNumber=12345678/C=TW/ST=Taipei/L=Zhongzheng/O=Test Bank Co., Ltd./CN=Test Bank Co., Ltd.',
} as const;

/** The EV certificate's subject as Windows writes it (and IT copies it from the file's properties). */
export const EV_PUBLISHER =
  'CN="Test Bank Co., Ltd.", O="Test Bank Co., Ltd.", L=Zhongzheng, S=Taipei, C=TW, SERIALNUMBER=12345678, OID.1.3.6.1.4.1.311.60.2.1.3=TW, OID.2.5.4.15=Private Organization';

/** The pinned publisher, as IT writes it (Windows' order, electron-builder's publisherName). */
export const BANK_PUBLISHER = 'CN="Test Bank Co., Ltd.", O="Test Bank Co., Ltd.", L=Zhongzheng, S=Taipei, C=TW';

/** A root, an intermediate and four signers in `dir`. */
export function makeSigningKit(dir: string): SigningKit {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const file = (name: string) => join(dir, name);
  writeFileSync(
    file('ext.cnf'),
    [
      '[ca]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      '[code]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=codeSigning',
      '[tls]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  const key = (name: string) =>
    run('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file(name));
  key('root.key');
  run(
    'req',
    '-x509',
    '-new',
    '-key',
    'root.key',
    '-subj',
    '/C=TW/O=Test Root/CN=Test Code Root',
    '-days',
    '30',
    '-extensions',
    'ca',
    '-config',
    'ext.cnf',
    '-out',
    'root.pem',
  );
  const issue = (name: string, subject: string, issuer: string, extensions: string) => {
    key(`${name}.key`);
    run('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${issuer}.pem`,
      '-CAkey',
      `${issuer}.key`,
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      'ext.cnf',
      '-extensions',
      extensions,
      '-out',
      `${name}.pem`,
    );
  };
  issue('intermediate', '/C=TW/O=Test Root/CN=Test Code Signing CA', 'root', 'ca');
  issue('bank', SUBJECTS.bank, 'intermediate', 'code');
  issue('other', SUBJECTS.other, 'intermediate', 'code');
  issue('notForCode', SUBJECTS.notForCode, 'intermediate', 'tls');
  issue('ev', SUBJECTS.ev, 'intermediate', 'code');
  issue('twoNames', SUBJECTS.twoNames, 'intermediate', 'code');
  key('selfSigned.key');
  run(
    'req',
    '-x509',
    '-new',
    '-key',
    'selfSigned.key',
    '-subj',
    SUBJECTS.selfSigned,
    '-days',
    '30',
    '-extensions',
    'code',
    '-config',
    'ext.cnf',
    '-out',
    'selfSigned.pem',
  );
  for (const signer of Object.keys(SUBJECTS))
    writeFileSync(
      file(`${signer}.chain.pem`),
      signer === 'selfSigned'
        ? readFileSync(file('selfSigned.pem'))
        : Buffer.concat([readFileSync(file(`${signer}.pem`)), readFileSync(file('intermediate.pem'))]),
    );
  return {
    dir,
    rootPem: readFileSync(file('root.pem'), 'utf8'),
    sign(input, output, signer = 'bank', { hash = 'sha256', nest = false } = {}) {
      execFileSync(
        'osslsigncode',
        [
          'sign',
          ...(nest ? ['-nest'] : []),
          '-certs',
          file(`${signer}.chain.pem`),
          '-key',
          file(`${signer}.key`),
          '-h',
          hash,
          '-n',
          'Branch Desk',
          '-in',
          input,
          '-out',
          output,
        ],
        { stdio: 'pipe' },
      );
    },
  };
}
