// A scanned or photographed form page, checked and re-encoded (in the intake worker). Declared
// dimensions are read from the header and checked before any pixel is decoded; then the whole image
// is decoded (libvips failing on any read error, so a TIFF declaring 7000×7000 with 64 bytes of
// data is refused, not stored blank) and written again: orientation applied, metadata (EXIF, GPS,
// comments) and anything after the image's end (a ZIP behind a PNG) gone.
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { FORM_LIMITS } from '../../../common/domain/form-limits';
import { refuse } from './refusal';

/** zlib level of re-encoded PNG pages: scans are mostly white and compress well at the default. */
export const PNG_LEVEL = 6;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/tiff';

export interface CleanImagePage {
  mediaType: 'image/jpeg' | 'image/png';
  data: Buffer;
  width: number;
  height: number;
}

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

/** One page decoded in full and written again; only after imagePageCount has checked the sizes. */
export async function reencodePage(bytes: Buffer, type: ImageType, page: number): Promise<CleanImagePage> {
  const image = sharp(bytes, { limitInputPixels: FORM_LIMITS.maxPixels, failOn: 'error', page }).rotate();
  // JPEG stays JPEG (a photo of a form); PNG and TIFF pages become PNG (lossless, as scanned).
  const mediaType = type === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  let result: { data: Buffer; info: OutputInfo };
  try {
    result = await (
      mediaType === 'image/jpeg' ? image.jpeg({ quality: 90 }) : image.png({ compressionLevel: PNG_LEVEL })
    ).toBuffer({
      resolveWithObject: true,
    });
  } catch (e) {
    const message = String((e as Error).message);
    if (/pixel limit/i.test(message)) return refuse('too-many-pixels', { width: '?', height: '?' });
    if (/read error|premature|truncat|not enough data|end of (file|stream)|corrupt/i.test(message))
      return refuse('image-truncated');
    return refuse('image-damaged');
  }
  const { width, height } = result.info;
  if (Math.min(width, height) < FORM_LIMITS.minSide) refuse('low-resolution', { width, height });
  return { mediaType, data: result.data, width, height };
}
