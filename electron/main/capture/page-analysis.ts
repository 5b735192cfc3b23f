// What the desk measures on a captured page image (in the intake worker, never the desk's thread):
// its resolution as an A4 sheet, how sharp it is, how much ink it carries, where the ink (text) is
// once uneven lighting is taken out, and where the colour is (the red seal, a blue signature), so
// the compact PDF keeps colour only there. The image is decoded once; the passes over its pixels
// are plain loops (a page is 4–9 million pixels: tens of milliseconds each).
import sharp from 'sharp';

/** A4 in inches: 210 × 297 mm. */
export const A4_INCHES = { short: 210 / 25.4, long: 297 / 25.4 } as const;
/** Colour is found in cells of this many pixels a side. */
const CELL_SHIFT = 3;
const CELL = 1 << CELL_SHIFT;
/** A cell whose channels differ by this much on average is coloured ink, not grey print or paper. */
const CHROMA = 36;
/** A pixel this much darker than the paper around it is ink. */
const INK_RATIO = 0.62;
/** The paper's brightness is estimated on blocks of this many pixels a side. */
const BLOCK_SHIFT = 4;
const BLOCK = 1 << BLOCK_SHIFT;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PageAnalysis {
  width: number;
  height: number;
  /** The resolution if the whole image were one A4 sheet (the lower of the two sides). */
  dpi: number;
  /** Variance of the Laplacian at edges, sampled at about 100 dpi: low is out of focus. */
  sharpness: number;
  /** Share of the page that is ink (0–1). */
  ink: number;
  /** Where there is colour, in page pixels. */
  colour: Box[];
  /** The page's ink, one byte a pixel (0 ink, 255 paper), lighting evened out; rows of `stride`
   * pixels (the width rounded up to 16, the padding paper), `height` rounded up the same way. */
  bilevel: Buffer;
  stride: number;
  rows: number;
  /** The decoded page, three bytes a pixel (for the colour pieces). */
  rgb: Buffer;
}

export async function analysePage(image: Buffer): Promise<PageAnalysis> {
  const { data, info } = await sharp(image)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return analysePixels(data, info.width, info.height);
}

/** The same, on a page already decoded to RGB (the intake decodes it once, with its limits). */
export function analysePixels(rgb: Buffer, width: number, height: number): PageAnalysis {
  const dpi = Math.min(Math.min(width, height) / A4_INCHES.short, Math.max(width, height) / A4_INCHES.long);
  // One pass: grey, the brightest pixel of each paper block, and colour per cell (every other
  // pixel of every other row is enough to find a seal).
  const grey = Buffer.alloc(width * height);
  const w = (width + BLOCK - 1) >> BLOCK_SHIFT;
  const h = (height + BLOCK - 1) >> BLOCK_SHIFT;
  const block = new Uint8Array(w * h);
  const cols = (width + CELL - 1) >> CELL_SHIFT;
  const chroma = new Float32Array(cols * ((height + CELL - 1) >> CELL_SHIFT));
  for (let y = 0; y < height; y++) {
    const blockRow = (y >> BLOCK_SHIFT) * w;
    for (let x = 0, i = y * width, j = i * 3; x < width; x++, i++, j += 3) {
      const v = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) >> 8;
      grey[i] = v;
      const at = blockRow + (x >> BLOCK_SHIFT);
      if (v > block[at]!) block[at] = v;
    }
  }
  for (let y = 0; y < height; y += 2) {
    const cellRow = (y >> CELL_SHIFT) * cols;
    for (let x = 0, j = y * width * 3; x < width; x += 2, j += 6) {
      const r = rgb[j]!;
      const g = rgb[j + 1]!;
      const b = rgb[j + 2]!;
      const hi = r > g ? (r > b ? r : b) : g > b ? g : b;
      const lo = r < g ? (r < b ? r : b) : g < b ? g : b;
      chroma[cellRow + (x >> CELL_SHIFT)]! += hi - lo;
    }
  }
  for (let c = 0; c < chroma.length; c++) chroma[c]! /= (CELL * CELL) / 4;
  const stride = Math.ceil(width / 16) * 16;
  const rows = Math.ceil(height / 16) * 16;
  const { bilevel, ink } = inkOf(grey, width, height, stride, rows, smooth(maxFilter(block, w, h, 2), w, h), w, h);
  return {
    width,
    height,
    dpi,
    sharpness: sharpnessOf(grey, width, height, dpi),
    ink,
    colour: colourBoxes(chroma, cols, Math.ceil(height / CELL), width, height),
    bilevel,
    stride,
    rows,
    rgb,
  };
}

/** Ink: pixels well below the paper's brightness around them. The paper level (the brightest of
 * each block's neighbourhood, since ink is small and dark, smoothed) is interpolated down the page
 * and taken block by block across it: this takes out shadows and uneven light. */
function inkOf(
  grey: Buffer,
  width: number,
  height: number,
  stride: number,
  rows: number,
  paper: Float32Array,
  w: number,
  h: number,
): { bilevel: Buffer; ink: number } {
  const bilevel = Buffer.alloc(stride * rows, 255); // paper, padding included: only ink is written
  const limit = new Uint8Array(w);
  let inkPixels = 0;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
    const y0 = fy | 0;
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) limit[x] = (paper[y0 * w + x]! * (1 - ty) + paper[y1 * w + x]! * ty) * INK_RATIO;
    for (let x = 0, i = y * width, o = y * stride; x < width; x++, i++, o++) {
      if (grey[i]! < limit[x >> BLOCK_SHIFT]!) {
        bilevel[o] = 0;
        inkPixels++;
      }
    }
  }
  return { bilevel, ink: inkPixels / (width * height) };
}

function maxFilter(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++)
        for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) m = Math.max(m, src[yy * w + xx]!);
      out[y * w + x] = m;
    }
  return out;
}

/** A 3×3 mean, twice: the paper level changes slowly. */
function smooth(src: Uint8Array, w: number, h: number): Float32Array {
  let a = Float32Array.from(src);
  for (let pass = 0; pass < 2; pass++) {
    const b = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let sum = 0;
        let n = 0;
        for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
          for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
            sum += a[yy * w + xx]!;
            n++;
          }
        b[y * w + x] = sum / n;
      }
    a = b;
  }
  return a;
}

/** The Laplacian sampled on a grid of about 100 dpi (so a 300-dpi scan and a 200-dpi one compare),
 * its variance over the samples at edges: a mostly empty page is not "blurred" for being empty. */
function sharpnessOf(grey: Buffer, width: number, height: number, dpi: number): number {
  const step = Math.max(1, Math.round(dpi / 100));
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let y = step; y < height - step; y += step)
    for (let x = step, i = y * width + step; x < width - step; x += step, i += step) {
      const v = grey[i - step]! + grey[i + step]! + grey[i - step * width]! + grey[i + step * width]! - 4 * grey[i]!;
      if (v > -16 && v < 16) continue; // flat paper or flat ink
      n++;
      sum += v;
      squares += v * v;
    }
  if (n === 0) return 0;
  const mean = sum / n;
  return squares / n - mean * mean;
}

/** Boxes around the coloured cells, merged where they come within a few cells of each other. */
function colourBoxes(chroma: Float32Array, cols: number, rows: number, width: number, height: number): Box[] {
  const boxes: Box[] = [];
  const seen = new Uint8Array(cols * rows);
  const coloured = (at: number) => chroma[at]! >= CHROMA;
  const GAP = 3; // cells: the strokes of one seal or one signature join across small gaps
  for (let start = 0; start < chroma.length; start++) {
    if (!coloured(start) || seen[start]) continue;
    let [x0, y0, x1, y1] = [cols, rows, -1, -1];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const at = stack.pop()!;
      const x = at % cols;
      const y = (at - x) / cols;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      for (let yy = Math.max(0, y - GAP); yy <= Math.min(rows - 1, y + GAP); yy++)
        for (let xx = Math.max(0, x - GAP); xx <= Math.min(cols - 1, x + GAP); xx++) {
          const next = yy * cols + xx;
          if (coloured(next) && !seen[next]) {
            seen[next] = 1;
            stack.push(next);
          }
        }
    }
    // A speck of colour (a cell or two of noise) is not a seal.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) < 4) continue;
    const margin = 2;
    const left = Math.max(0, (x0 - margin) * CELL);
    const top = Math.max(0, (y0 - margin) * CELL);
    boxes.push({
      left,
      top,
      width: Math.min(width, (x1 + 1 + margin) * CELL) - left,
      height: Math.min(height, (y1 + 1 + margin) * CELL) - top,
    });
  }
  return boxes;
}
