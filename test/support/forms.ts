// Authorization-form images for tests, made with sharp: an A4-ish page with visible marks.
import sharp from 'sharp';

export async function formPage(label: string, width = 1240, height = 1754): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#fff"/>
    <rect x="60" y="60" width="${width - 120}" height="${height - 120}" fill="none" stroke="#000" stroke-width="4"/>
    <text x="120" y="200" font-size="64" font-family="sans-serif">AUTHORIZATION ${label}</text>
    <path d="M200 ${height - 300} q 80 -90 160 0 t 160 0" stroke="#00f" stroke-width="6" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** About `kib` KiB of PNG (noise does not compress), for the benchmark's ~100 KiB forms. */
export async function noisyPage(kib: number, seed = 1): Promise<Buffer> {
  const side = 700;
  const pixels = Buffer.alloc(side * side);
  let x = seed;
  const noisy = Math.min(pixels.length, kib * 1024);
  for (let i = 0; i < noisy; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = x & 0xff;
  }
  return sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
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
