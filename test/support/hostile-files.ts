// Files an attacker or a broken scanner would hand the desk, built byte by byte so each test knows
// exactly what it sends. Every builder returns the file; `HOSTILE_FILES` lists them with the refusal
// the desk must give.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import { formPage, formPdf } from './forms';

/** A PDF from numbered object bodies, with a correct cross-reference table. */
export function rawPdf(objects: string[], trailerExtra = '', tail = ''): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n${tail}`;
  return Buffer.from(out, 'latin1');
}

/** A stream object's body with the given dictionary entries and data. */
const streamObject = (dict: string, data: Buffer) =>
  `<< ${dict} /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;

/** One page tree node repeated ten times per level, `levels` deep: 10^levels pages in ~1 KB.
 * `declaredCount` is what the root claims (a liar says 1). */
export function pageTreeBomb(levels = 8, declaredCount = 1): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < levels; level++) {
    const kid = `${level + 3} 0 R `.repeat(10);
    const count = level === 0 ? declaredCount : 10 ** (levels - level);
    objects.push(`<< /Type /Pages /Kids [${kid}] /Count ${count} >>`);
  }
  objects.push('<< /Type /Page /MediaBox [0 0 595 842] >>');
  return rawPdf(objects);
}

/** One blank page and `count` filler objects: a real form has a few thousand objects. */
export function objectFlood(count: number): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /MediaBox [0 0 595 842] /Parent 2 0 R >>',
  ];
  for (let i = 0; i < count; i++) objects.push(`<< /A [${i} ${i} (x)] >>`);
  return rawPdf(objects);
}

/** A page tree whose second node lists its own parent as a kid. */
export function cyclicPageTree(): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 1 /Parent 2 0 R >>',
    '<< /Type /Page /MediaBox [0 0 595 842] /Parent 3 0 R >>',
  ]);
}

/** One page at the bottom of a chain of page-tree nodes `depth` long. */
export function deepPageTree(depth = 40): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let i = 0; i < depth; i++) objects.push(`<< /Type /Pages /Kids [${i + 3} 0 R] /Count 1 >>`);
  objects.push('<< /Type /Page /MediaBox [0 0 595 842] >>');
  return rawPdf(objects);
}

let zerosCache: { mb: number; data: Buffer } | null = null;

/** zlib data that inflates to `mb` MiB of zeros (about 1 KiB per MiB), cached across tests. */
export async function zlibZeros(mb: number): Promise<Buffer> {
  if (zerosCache?.mb === mb) return zerosCache.data;
  const file = join(tmpdir(), `branch-desk-zeros-${mb}.zz`);
  if (existsSync(file)) return (zerosCache = { mb, data: readFileSync(file) }).data;
  const deflate = createDeflate({ level: 1, strategy: constants.Z_RLE });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zero = Buffer.alloc(1 << 20);
  for (let i = 0; i < mb; i++) if (!deflate.write(zero)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const data = Buffer.concat(chunks);
  writeFileSync(file, data);
  return (zerosCache = { mb, data }).data;
}

/** An object stream that inflates to 1 GiB: what pdf-lib unpacks while loading. */
export async function objectStreamBomb(): Promise<Buffer> {
  const data = await zlibZeros(1024);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /MediaBox [0 0 595 842] /Parent 2 0 R >>',
    streamObject('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', data),
  ]);
}

/** A page whose content stream inflates to 1 GiB: what the renderer and JCIC would unpack. */
export async function contentStreamBomb(): Promise<Buffer> {
  const data = await zlibZeros(1024);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /MediaBox [0 0 595 842] /Parent 2 0 R /Contents 4 0 R >>',
    streamObject('/Filter /FlateDecode', data),
  ]);
}

/** A page drawing an image that declares 100000×100000 pixels. */
export function pdfImagePixelBomb(): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /MediaBox [0 0 595 842] /Parent 2 0 R /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    streamObject(
      '/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8',
      Buffer.alloc(16),
    ),
    streamObject('', Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q')),
  ]);
}

/** A form PDF that also carries a script run on opening, a document-level script, an attachment
 * and a scripted link annotation on its page. */
export async function pdfWithScriptAndAttachment(): Promise<Buffer> {
  const { PDFDocument, PDFName, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.load(await formPdf(1, 'SCRIPTED'));
  const js = (code: string) => doc.context.obj({ S: 'JavaScript', JS: PDFString.of(code) });
  doc.catalog.set(PDFName.of('OpenAction'), js("app.alert('owned')"));
  doc.addJavaScript('boot', "app.alert('document script')");
  await doc.attach(Buffer.from('MZ-EMBEDDED-PAYLOAD'), 'payload.exe', { mimeType: 'application/octet-stream' });
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [0, 0, 595, 842],
      A: js("app.launchURL('http://evil.example')"),
    }),
  );
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([link]));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A real password-protected PDF (qpdf, installed by .ci/run: the test needs it, never skips). */
export async function encryptedPdf(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'enc-'));
  writeFileSync(join(dir, 'in.pdf'), await formPdf(1, 'SECRET'));
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
  return readFileSync(join(dir, 'out.pdf'));
}

/** A PNG chunk with its CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header declaring `width`×`height`, with almost no image data behind it. */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An uncompressed greyscale TIFF declaring `width`×`height` whose single strip holds `dataBytes`. */
export function tiffDeclaring(width: number, height: number, dataBytes: number): Buffer {
  const entries: [number, number, number][] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 0],
    [277, 3, 1],
    [278, 4, height],
    [279, 4, dataBytes],
  ];
  const ifd = 8;
  const dataOffset = ifd + 2 + entries.length * 12 + 4;
  entries[5]![2] = dataOffset;
  const b = Buffer.alloc(dataOffset + dataBytes, 0x80);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifd, 4);
  b.writeUInt16LE(entries.length, ifd);
  entries.forEach(([tag, type, value], i) => {
    const o = ifd + 2 + i * 12;
    b.writeUInt16LE(tag, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(1, o + 4);
    if (type === 3) b.writeUInt16LE(value, o + 8);
    else b.writeUInt32LE(value, o + 8);
  });
  return b;
}

export interface HostileFile {
  name: string;
  bytes: Buffer;
  /** The refusal expected (a word of the zh-TW message), or null: accepted, but cleaned. */
  refusal: RegExp | null;
}

/** Every hostile file the desk is tried with, and what it must say. */
export async function hostileFiles(): Promise<HostileFile[]> {
  const page = await formPage('HOSTILE');
  const jpeg = await sharp(page).jpeg().toBuffer();
  const pdf = await formPdf(1, 'POLY');
  return [
    { name: 'empty.pdf', bytes: Buffer.alloc(0), refusal: /檔案是空的/ },
    { name: 'page-tree-bomb-lying.pdf', bytes: pageTreeBomb(8, 1), refusal: /頁面結構異常/ },
    { name: 'page-tree-bomb-declared.pdf', bytes: pageTreeBomb(8, 100_000_000), refusal: /共 100000000 頁/ },
    { name: 'object-flood.pdf', bytes: objectFlood(150_000), refusal: /結構過於複雜（超過 100000 個物件）/ },
    { name: 'page-tree-cycle.pdf', bytes: cyclicPageTree(), refusal: /頁面結構異常/ },
    { name: 'page-tree-deep.pdf', bytes: deepPageTree(40), refusal: /頁面結構異常/ },
    { name: 'object-stream-bomb.pdf', bytes: await objectStreamBomb(), refusal: /解壓縮後超過 16 MB/ },
    { name: 'content-stream-bomb.pdf', bytes: await contentStreamBomb(), refusal: /解壓縮後超過 48 MB/ },
    { name: 'pdf-image-pixels.pdf', bytes: pdfImagePixelBomb(), refusal: /100000×100000 超過 50 百萬像素/ },
    { name: 'encrypted.pdf', bytes: await encryptedPdf(), refusal: /密碼保護/ },
    { name: 'truncated.pdf', bytes: pdf.subarray(0, 200), refusal: /PDF 檔不完整/ },
    { name: 'too-many-pages.pdf', bytes: await formPdf(21), refusal: /共 21 頁/ },
    {
      name: 'html-behind-pdf-header.pdf',
      bytes: Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF'),
      refusal: /PDF 檔已損毀/,
    },
    { name: 'huge-dimensions.png', bytes: pngDeclaring(30_000, 30_000), refusal: /30000×30000 超過 50 百萬像素/ },
    { name: 'tiff-declares-more-than-it-holds.tif', bytes: tiffDeclaring(7000, 7000, 64), refusal: /影像檔不完整/ },
    { name: 'truncated.jpg', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)), refusal: /影像檔不完整/ },
    { name: 'truncated.png', bytes: page.subarray(0, page.length - 100), refusal: /影像檔(不完整|已損毀)/ },
    {
      name: 'not-a-form.gif',
      bytes: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
      refusal: /不是 PDF、JPEG、PNG 或 TIFF/,
    },
    {
      name: 'zip-behind.png',
      bytes: Buffer.concat([page, Buffer.from('PK\x03\x04ZIP-PAYLOAD', 'latin1')]),
      refusal: null,
    },
    {
      name: 'html-behind.pdf',
      bytes: Buffer.concat([pdf, Buffer.from('<html><script>alert(1)</script>HTML-PAYLOAD</html>')]),
      refusal: null,
    },
    { name: 'script-and-attachment.pdf', bytes: await pdfWithScriptAndAttachment(), refusal: null },
    {
      name: 'exif-secret.jpg',
      bytes: await sharp(page)
        .withExif({ IFD0: { ImageDescription: 'EXIF-PAYLOAD' } })
        .jpeg()
        .toBuffer(),
      refusal: null,
    },
  ];
}

/** Strings that must not survive re-encoding of the accepted hostile files. */
export const PAYLOAD_MARKERS = [
  'ZIP-PAYLOAD',
  'HTML-PAYLOAD',
  '/JavaScript',
  '/JS',
  '/EmbeddedFile',
  '/OpenAction',
  'evil.example',
  'app.alert',
  'EXIF-PAYLOAD',
];
