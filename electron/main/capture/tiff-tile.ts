// The compressed bytes of a one-tile TIFF (libvips' CCITT G4 output, written as one tile so the
// whole page is one G4 stream a PDF can hold as is). Reads only the tags it needs and checks them.
const TAG = { width: 256, height: 257, compression: 259, photometric: 262, tileWidth: 322, tileLength: 323 } as const;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;
const CCITT_G4 = 4;
const MIN_IS_WHITE = 0;

export function tiffSingleTile(tiff: Buffer, expect: { width: number; height: number }): Buffer {
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') throw new Error('not a TIFF');
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const tags = new Map<number, number[]>();
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + i * 12;
    const type = u16(entry + 2);
    const count = u32(entry + 4);
    const size = type === 3 ? 2 : 4;
    const at = count * size <= 4 ? entry + 8 : u32(entry + 8);
    tags.set(
      u16(entry),
      Array.from({ length: count }, (_, k) => (size === 2 ? u16(at + 2 * k) : u32(at + 4 * k))),
    );
  }
  const one = (tag: number) => {
    const values = tags.get(tag);
    if (values?.length !== 1) throw new Error(`TIFF tag ${tag}: ${values?.length ?? 0} values, expected 1`);
    return values[0]!;
  };
  const want: [number, number][] = [
    [TAG.width, expect.width],
    [TAG.height, expect.height],
    [TAG.compression, CCITT_G4],
    [TAG.photometric, MIN_IS_WHITE],
    [TAG.tileWidth, expect.width],
    [TAG.tileLength, expect.height],
  ];
  for (const [tag, value] of want)
    if (one(tag) !== value) throw new Error(`TIFF tag ${tag} is ${one(tag)}, expected ${value}`);
  const offset = one(TILE_OFFSETS);
  const length = one(TILE_BYTE_COUNTS);
  if (offset + length > tiff.length) throw new Error('TIFF tile past the end');
  return tiff.subarray(offset, offset + length);
}
