// The parts of a Windows executable (PE) an Authenticode check needs: where the checksum and the
// certificate table's directory entry are, the table itself (one WIN_CERTIFICATE holding PKCS#7
// SignedData, which must fill it but for zero padding: no bytes outside the SignedData, the
// CVE-2013-3900 class), and the image digest, the file hashed without those three, as a stream.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { readTlv } from '../cardcheck/der';

/** A reason the file is refused, with words for IT. */
export class AuthenticodeRefusal extends Error {
  constructor(
    readonly problem: string,
    detail: string,
    readonly signer: string | null = null,
  ) {
    super(detail);
  }
}

export interface PeLayout {
  size: number;
  checksumAt: number;
  directoryAt: number;
  tableAt: number;
  tableSize: number;
  /** The PKCS#7 SignedData (DER) of the table's one WIN_CERTIFICATE. */
  signedData: Buffer;
}

/** A real table (a signature, its chain, a timestamp, a nested SHA-256 signature) is 5–40 KiB. */
const MAX_TABLE = 512 * 1024;
const WIN_CERT_REVISION_2 = 0x0200;
const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 2;
const zeros = (b: Buffer) => b.every((x) => x === 0);

export async function readPeLayout(path: string): Promise<PeLayout> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await file.read(head, 0, head.length, 0);
    if (head.length < 64 || head.toString('latin1', 0, 2) !== 'MZ')
      throw new AuthenticodeRefusal('not_pe', 'no MZ header');
    const pe = head.readUInt32LE(0x3c);
    if (pe + 24 + 2 > head.length || head.toString('latin1', pe, pe + 4) !== 'PE\0\0')
      throw new AuthenticodeRefusal('not_pe', 'no PE header');
    const optional = pe + 24;
    const magic = head.readUInt16LE(optional);
    if (magic !== 0x10b && magic !== 0x20b)
      throw new AuthenticodeRefusal('not_pe', `optional header magic ${magic.toString(16)}`);
    // PE32 and PE32+ differ before the data directories (PE32+ has 8-byte fields there).
    const directories = optional + (magic === 0x10b ? 96 : 112);
    const directoryAt = directories + 4 * 8; // IMAGE_DIRECTORY_ENTRY_SECURITY
    if (directoryAt + 8 > head.length || head.readUInt32LE(directories - 4) < 5)
      throw new AuthenticodeRefusal('unsigned', 'no certificate table entry');
    const tableAt = head.readUInt32LE(directoryAt);
    const tableSize = head.readUInt32LE(directoryAt + 4);
    if (tableAt === 0 || tableSize === 0) throw new AuthenticodeRefusal('unsigned', 'no certificate table');
    if (tableSize < 8 || tableSize > MAX_TABLE || tableAt < directoryAt + 8 || tableAt + tableSize > size)
      throw new AuthenticodeRefusal('unreadable', `certificate table of ${tableSize} bytes at ${tableAt}`);
    const table = Buffer.alloc(tableSize);
    await file.read(table, 0, tableSize, tableAt);
    const length = table.readUInt32LE(0);
    if (length < 10 || length > tableSize || table.readUInt16LE(4) !== WIN_CERT_REVISION_2)
      throw new AuthenticodeRefusal('unreadable', 'the certificate entry is not a WIN_CERTIFICATE');
    if (table.readUInt16LE(6) !== WIN_CERT_TYPE_PKCS_SIGNED_DATA)
      throw new AuthenticodeRefusal('unreadable', 'the certificate entry is not PKCS#7 SignedData');
    // One entry, then at most the padding to eight bytes; the DER, then at most its own padding.
    if (tableSize - length >= 8 || !zeros(table.subarray(length)))
      throw new AuthenticodeRefusal('unreadable', 'bytes after the signature in the certificate table');
    const entry = table.subarray(8, length);
    const end = readTlv(entry, 0).end;
    if (entry.length - end >= 8 || !zeros(entry.subarray(end)))
      throw new AuthenticodeRefusal('unreadable', 'bytes after the signature in its certificate entry');
    return { size, checksumAt: optional + 64, directoryAt, tableAt, tableSize, signedData: entry.subarray(0, end) };
  } finally {
    await file.close();
  }
}

/** The image hashed as Authenticode hashes it: all of it but the checksum, the certificate
 * table's directory entry and the table. */
export async function imageDigest(path: string, layout: PeLayout, algorithm: string): Promise<Buffer> {
  const hash = createHash(algorithm);
  const ranges: [number, number][] = [
    [0, layout.checksumAt],
    [layout.checksumAt + 4, layout.directoryAt],
    [layout.directoryAt + 8, layout.tableAt],
    [layout.tableAt + layout.tableSize, layout.size],
  ];
  for (const [start, end] of ranges) {
    if (end <= start) continue;
    for await (const chunk of createReadStream(path, { start, end: end - 1 })) hash.update(chunk as Buffer);
  }
  return hash.digest();
}
