// The customer's ID number read off a captured form (tesseract.js, in the intake worker; tesseract
// runs its own worker thread). Only letters and digits are recognised, and only what has the shape
// and check digit of an ID (身分證字號 or 統一證號) counts: the Chinese text around it reads as noise.
// The English model comes from @tesseract.js-data/eng inside the installed packages: no network.
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { createWorker, PSM, type Worker } from 'tesseract.js';
import { checkIdentifier, isPersonKind } from '../../../common/identifiers';
import type { PageAnalysis } from './page-analysis';

/** OCR reads the ink at this resolution: enough for typed and hand-printed IDs, twice as fast as 200. */
const OCR_DPI = 150;
const CANDIDATE = /^[A-Z][0-9A-D][0-9]{8}$/;

let worker: Promise<Worker> | null = null;

function ocrWorker(): Promise<Worker> {
  worker ??= (async () => {
    const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
    const w = await createWorker('eng', 1, { langPath, cacheMethod: 'none', gzip: true });
    await w.setParameters({
      tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      tessedit_pageseg_mode: PSM.SPARSE_TEXT,
    });
    return w;
  })().catch((e: unknown) => {
    worker = null; // asked again next time
    throw e;
  });
  return worker;
}

/** Every valid personal ID number found on the page (in the order read, once each). */
export async function idsOnPage(page: PageAnalysis, today: string): Promise<string[]> {
  const width = Math.max(1, Math.round((page.stride * OCR_DPI) / page.dpi));
  const png = await sharp(page.bilevel, { raw: { width: page.stride, height: page.rows, channels: 1 } })
    .resize(width)
    .withMetadata({ density: OCR_DPI })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const { data } = await (await ocrWorker()).recognize(png);
  // Every position is tried: a Chinese colon read as a letter ("FA123456789") must not hide the ID after it.
  const text = data.text.replace(/\s+/g, '');
  const found = new Set<string>();
  for (let at = 0; at + 10 <= text.length; at++) {
    const candidate = text.slice(at, at + 10);
    if (!CANDIDATE.test(candidate)) continue;
    const verdict = checkIdentifier(candidate, today);
    if (verdict.valid && isPersonKind(verdict.kind)) found.add(candidate);
  }
  return [...found];
}

export async function closeOcr(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w).terminate();
}
