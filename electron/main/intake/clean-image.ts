// A scanned or photographed form page, checked and decoded (in the intake worker). Declared
// dimensions are read from the header and checked before any pixel is decoded; then the whole image
// is decoded (libvips failing on any read error, so a TIFF declaring 7000×7000 with 64 bytes of
// data is refused, not stored blank) to pixels, from which the page is written anew (capture/):
// orientation applied, metadata (EXIF, GPS, comments) and anything after the image's end (a ZIP
// behind a PNG) gone.
import sharp, { type Metadata } from 'sharp';
import { FORM_LIMITS } from '../../../common/domain/form-limits';
import { refuse } from './refusal';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/tiff';

/** How many pages the image holds, once every page's declared size is within the limits (nothing
 * is decoded before that). */
export async function imagePageCount(bytes: Buffer, type: ImageType, room: number): Promise<number> {
  const first = await header(bytes, 0);
  const pageCount = type === 'image/tiff' ? (first.pages ?? 1) : 1;
  if (pageCount > room) refuse('too-many-pages', { pages: pageCount, room });
  const declared = [first];
  for (let page = 1; page < pageCount; page++) declared.push(await header(bytes, page));
  for (const { width = 0, height = 0 } of declared) {
    if (width * height > FORM_LIMITS.maxPixels) refuse('too-many-pixels', { width, height });
  }
  return pageCount;
}

async function header(bytes: Buffer, page: number): Promise<Metadata> {
  try {
    // Only the header is read here, so no pixel limit applies yet: the size is what is checked.
    return await sharp(bytes, { limitInputPixels: false, page }).metadata();
  } catch {
    return refuse('image-damaged');
  }
}

/** One page decoded in full, as RGB pixels (the capture pipeline writes the page anew from them);
 * only after imagePageCount has checked the sizes. */
export async function decodePage(bytes: Buffer, page: number): Promise<{ rgb: Buffer; width: number; height: number }> {
  const image = sharp(bytes, { limitInputPixels: FORM_LIMITS.maxPixels, failOn: 'error', page })
    .rotate()
    .removeAlpha()
    .toColourspace('srgb');
  const { data, info } = await decoded(() => image.raw().toBuffer({ resolveWithObject: true }));
  if (Math.min(info.width, info.height) < FORM_LIMITS.minSide)
    refuse('low-resolution', { width: info.width, height: info.height });
  return { rgb: data, width: info.width, height: info.height };
}

/** libvips' failures while decoding, as the refusals they mean. */
async function decoded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const message = String((e as Error).message);
    if (/pixel limit/i.test(message)) return refuse('too-many-pixels', { width: '?', height: '?' });
    if (/read error|premature|truncat|not enough data|end of (file|stream)|corrupt/i.test(message))
      return refuse('image-truncated');
    return refuse('image-damaged');
  }
}
