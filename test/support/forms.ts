// Authorization-form images for tests, made with sharp: an A4 page (200 dpi unless given another
// size) with a heading, the customer's ID number printed on it as the bank's form has it, and a
// signature, so it passes the desk's quality gate for that customer.
import sharp from 'sharp';

export async function formPage(label: string, width = 1654, height = 2339, idNumber = 'A123456789'): Promise<Buffer> {
  const u = width / 1654;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#fff"/>
    <rect x="${80 * u}" y="${80 * u}" width="${width - 160 * u}" height="${height - 160 * u}" fill="none" stroke="#000" stroke-width="${5 * u}"/>
    <text x="${160 * u}" y="${260 * u}" font-size="${80 * u}" font-family="sans-serif">AUTHORIZATION ${label}</text>
    <text x="${160 * u}" y="${420 * u}" font-size="${48 * u}" font-family="sans-serif">ID: ${idNumber}</text>
    <path d="M${260 * u} ${height - 400 * u} q ${100 * u} ${-110 * u} ${200 * u} 0 t ${200 * u} 0" stroke="#00f" stroke-width="${8 * u}" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A PNG of about `kib` KiB: noise (it does not compress) on a 700-pixel square, the amount of noise
 * tuned once to the size wanted (PNG filtering makes noise larger than its bytes). The generator is
 * 32-bit integer arithmetic (Math.imul): a plain multiply loses the low bits to floating point and
 * the "noise" collapses into a short cycle that compresses to a few KB. */
export async function noisyPage(kib: number, seed = 1, pngLevel = 9): Promise<Buffer> {
  const encode = (noisyBytes: number) => {
    const side = 700;
    const pixels = Buffer.alloc(side * side);
    let x = seed >>> 0;
    for (let i = 0; i < Math.min(pixels.length, noisyBytes); i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      pixels[i] = x >>> 24; // the high bits: an LCG's low bits repeat quickly
    }
    return sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
      .png({ compressionLevel: pngLevel })
      .toBuffer();
  };
  const first = await encode(kib * 1024);
  return encode(Math.round((kib * 1024 * kib * 1024) / first.length));
}

/** A one-page PDF of about `kib` KiB: a noisy image (noisyPage) drawn on an A4 page. The intake keeps
 * a PDF's pages as drawn, so it is stored at about that size (an image would become a compact PDF). */
export async function noisyPdf(kib: number, seed = 1): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(await noisyPage(kib - 1, seed, 9));
  doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return Buffer.from(await doc.save());
}

/** A signed-form PDF of `pages` A4 pages, each with a heading and a drawn signature (pdf-lib). */
export async function formPdf(pages: number, label = 'PDF'): Promise<Buffer> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595, 842]);
    page.drawRectangle({ x: 30, y: 30, width: 535, height: 782, borderColor: rgb(0, 0, 0), borderWidth: 2 });
    page.drawText(`AUTHORIZATION ${label} ${n}/${pages}`, { x: 60, y: 760, size: 28, font });
    page.drawSvgPath('M 0 0 q 40 -45 80 0 t 80 0', { x: 100, y: 150, borderColor: rgb(0, 0, 1), borderWidth: 3 });
  }
  return Buffer.from(await doc.save());
}
