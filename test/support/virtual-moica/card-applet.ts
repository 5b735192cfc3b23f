// The virtual MOICA card's chip: a gen-1 file system (MF 3F00 → DF 5030 → EF 08F2 holding the
// certificates; MF → DF 0900 → EF 0903 holding the 16-character card number) and the public-read
// commands of domain.md (SELECT 80 A4 00 00 02 fid, READ BINARY 80 B0 p1 p2 le), with the status
// words a card gives: 6C xx for a short tail, 6B 00 past the end, 6A 82 for a missing file.
export interface CardFiles {
  cardNumber: string;
  /** The EF 08F2 content: the signing certificate, then others, DER back to back. */
  certificates: Buffer[];
}

const SW = (sw: number) => Buffer.from([sw >> 8, sw & 0xff]);
const MF = 0x3f00;
const TREE: Record<number, number[]> = { [MF]: [0x5030, 0x0900], 0x5030: [0x08f2], 0x0900: [0x0903] };

export class CardApplet {
  private dir = MF;
  private ef: number | null = null;
  /** The next answer's status word is this instead (a test's misbehaving card). */
  failNext: number | null = null;

  constructor(private readonly files: CardFiles) {}

  reset(): void {
    this.dir = MF;
    this.ef = null;
  }

  private content(ef: number): Buffer | null {
    if (ef === 0x08f2) return Buffer.concat([...this.files.certificates, Buffer.alloc(64, 0xff)]);
    if (ef === 0x0903) return Buffer.from(this.files.cardNumber, 'latin1');
    return null;
  }

  answer(apdu: Buffer): Buffer {
    if (this.failNext !== null) {
      const sw = this.failNext;
      this.failNext = null;
      return SW(sw);
    }
    if (apdu.length < 4) return SW(0x6700);
    const [cla, ins, p1, p2] = apdu;
    if (cla !== 0x80 && cla !== 0x00) return SW(0x6e00);
    if (ins === 0xa4) return this.select(apdu, p1!, p2!);
    if (ins === 0xb0) return this.readBinary(apdu, p1!, p2!);
    return SW(0x6d00);
  }

  private select(apdu: Buffer, p1: number, p2: number): Buffer {
    if (p1 !== 0 || p2 !== 0 || apdu[4] !== 2 || apdu.length < 7) return SW(0x6a86);
    const fid = apdu.readUInt16BE(5);
    if (fid === MF) {
      this.reset();
      return SW(0x9000);
    }
    if (TREE[this.dir]?.includes(fid)) {
      if (TREE[fid]) {
        this.dir = fid;
        this.ef = null;
      } else this.ef = fid;
      return SW(0x9000);
    }
    return SW(0x6a82);
  }

  private readBinary(apdu: Buffer, p1: number, p2: number): Buffer {
    const data = this.ef === null ? null : this.content(this.ef);
    if (!data) return SW(0x6986);
    const offset = ((p1 & 0x7f) << 8) | p2;
    const le = apdu.length > 4 ? apdu[4] || 256 : 256;
    if (offset >= data.length) return SW(0x6b00);
    const left = data.length - offset;
    if (le > left) return SW(0x6c00 | left);
    return Buffer.concat([data.subarray(offset, offset + le), SW(0x9000)]);
  }
}
