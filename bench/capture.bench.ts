// `npm run bench -- capture`: generated A4 form pages (200 dpi, each with a red seal and a blue
// signature; half of them as a document camera sees them: turned, shadowed, slightly soft) through
// the desk's capture pipeline (the intake's re-encoding, the page analysis, the compact PDF), and in
// the same run through a baseline of plain colour JPEG q75 in a PDF (sharp + pdf-lib). OCR of the ID
// is measured on its own. Goals (issue 10): ≤ 80 KiB a page and at least 2× smaller than the
// baseline; pipeline time a page ≤ 2× the baseline's.
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { capturedForm, photographedForm } from '../test/support/capture-forms';
import { decodePage } from '../electron/main/intake/clean-image';
import { analysePixels } from '../electron/main/capture/page-analysis';
import { capturePage } from '../electron/main/capture/capture-page';
import { closeOcr, idsOnPage } from '../electron/main/capture/ocr';
import { emitter, percentile } from './report';

const emit = emitter('capture');
const PAGES = Number(process.env.BENCH_PAGES ?? 12);
const ROUNDS = 3;
const KIB = 1024;

const NAMES = ['王小明', '陳美玲', '林志強', '黃淑芬'];
const IDS = ['A123456789', 'B223456782', 'F128765439', 'H220102032'];

/** The benchmark asserts its inputs: A4 at 200 dpi, a red seal and a blue signature where drawn. */
async function assertForm(image: Buffer, photographed: boolean): Promise<void> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (!photographed && (info.width !== 1654 || info.height !== 2339))
    throw new Error(`not an A4 page at 200 dpi: ${info.width}×${info.height}`);
  let red = 0;
  let blue = 0;
  for (let i = 0; i < data.length; i += 3) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (r > 150 && g < 90 && b < 90) red++;
    if (b > 140 && r < 90 && g < 110) blue++;
  }
  if (red < 2000 || blue < 1000) throw new Error(`the form lacks its seal or signature (red ${red}, blue ${blue})`);
}

async function baseline(image: Buffer): Promise<Buffer> {
  const jpeg = await sharp(image).jpeg({ quality: 75 }).toBuffer();
  const doc = await PDFDocument.create();
  const embedded = await doc.embedJpg(jpeg);
  doc.addPage([595.28, 841.89]).drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return Buffer.from(await doc.save());
}

async function pipeline(image: Buffer): Promise<{ pdf: Buffer; colour: number }> {
  // What the intake worker does with a page image from a file (clean-form.ts), OCR apart: decode,
  // the page (capture-page.ts: analysis, compact PDF) and the original kept for the page editor.
  const decoded = await decodePage(image, 0);
  const page = await capturePage(decoded, { capture: 'file', today: null });
  return { pdf: page.pdf, colour: page.colourBoxes };
}

async function ocrPipeline(image: Buffer): Promise<ReturnType<typeof analysePixels>> {
  const clean = await decodePage(image, 0);
  return analysePixels(clean.rgb, clean.width, clean.height);
}

async function main(): Promise<void> {
  sharp.concurrency(1); // as the intake worker runs it
  sharp.cache(false);
  const pages: { image: Buffer; id: string }[] = [];
  for (let i = 0; i < PAGES; i++) {
    const spec = { name: NAMES[i % NAMES.length], idNumber: IDS[i % IDS.length] };
    const photographed = i % 2 === 1;
    const image = photographed ? await photographedForm(spec) : await capturedForm(spec);
    await assertForm(image, photographed);
    pages.push({ image, id: spec.idNumber! });
  }
  // Warm both paths once (JIT, libvips start-up), then measure alternately.
  await pipeline(pages[0]!.image);
  await baseline(pages[0]!.image);
  const deskMs: number[] = [];
  const baseMs: number[] = [];
  let deskBytes = 0;
  let baseBytes = 0;
  for (let round = 0; round < ROUNDS; round++)
    for (const { image } of pages) {
      let t = performance.now();
      const { pdf, colour } = await pipeline(image);
      deskMs.push(performance.now() - t);
      t = performance.now();
      const plain = await baseline(image);
      baseMs.push(performance.now() - t);
      if (round === 0) {
        deskBytes += pdf.length;
        baseBytes += plain.length;
        if (colour === 0) throw new Error('the pipeline kept no colour: the seal would be black');
      }
    }
  let ocrFound = 0;
  const ocrMs: number[] = [];
  for (const { image, id } of pages) {
    const analysis = await ocrPipeline(image);
    const t = performance.now();
    const ids = await idsOnPage(analysis, '2026-12-01');
    ocrMs.push(performance.now() - t);
    if (ids.includes(id)) ocrFound++;
  }
  await closeOcr();
  const kib = deskBytes / PAGES / KIB;
  const baseKib = baseBytes / PAGES / KIB;
  emit('ms_per_page', percentile(deskMs, 50), 'ms', percentile(baseMs, 50));
  emit('ms_per_page_p95', percentile(deskMs, 95), 'ms', percentile(baseMs, 95));
  emit('kib_per_page', kib, 'KiB', baseKib);
  emit('kib_per_page_max_goal', kib, 'KiB', 80);
  emit('ocr_ms_per_page', percentile(ocrMs, 50), 'ms', percentile(deskMs, 50));
  emit('ocr_ids_found', ocrFound, 'pages', PAGES);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
