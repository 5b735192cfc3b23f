// What the desk measures on a captured page image (in the intake worker, never the desk's thread):
// its resolution as an A4 sheet, how sharp it is, how much ink it carries, where the ink (text) is
// once uneven lighting is taken out, and where the colour is (the red seal, a blue signature), so
// the compact PDF keeps colour only there. The image is decoded once; there are two plain loops over
// its pixels (a page is 4–9 million): one over a ~100-dpi grid for all but the ink, one for the ink
// that skips bright paper without looking at each pixel. The analysis stays synchronous (the intake
// and the bench call it so); the libvips work is in compact-pdf.ts.
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
  // The sharpness grid (about 100 dpi) is also enough to find the paper's level and the colour, so
  // one pass over it does all three; only the ink is found at full resolution, in a second pass.
  const step = Math.max(1, Math.round(dpi / 100));
  const sampled = sample(rgb, width, height, step);
  const stride = Math.ceil(width / 16) * 16;
  const rows = Math.ceil(height / 16) * 16;
  const { w, h } = sampled;
  const paper = smooth(maxFilter(sampled.block, w, h, 2), w, h);
  const { bilevel, ink } = inkOf(rgb, width, height, stride, rows, paper, w, h);
  return {
    width,
    height,
    dpi,
    sharpness: sharpnessOf(sampled.grey, sampled.cols, sampled.rows),
    ink,
    colour: colourBoxes(sampled.chroma, sampled.cellCols, Math.ceil(height / CELL), width, height),
    bilevel,
    stride,
    rows,
    rgb,
  };
}

interface Sampled {
  /** Grey of every `step`-th pixel of every `step`-th row, `cols` × `rows`. */
  grey: Uint8Array;
  cols: number;
  rows: number;
  /** The brightest sampled pixel of each paper block, `w` × `h` blocks. */
  block: Uint8Array;
  w: number;
  h: number;
  /** The mean difference between a sampled pixel's channels, per colour cell. */
  chroma: Float32Array;
  cellCols: number;
}

/** One pass over the grid: a seal's strokes and a block of paper are many grid points wide, so the
 * grid sees them as the whole image would, at a quarter of the reads (or less) at 200 dpi. A cell
 * is 8 pixels, a block two cells: each cell's samples are summed (and the block's brightest kept)
 * in locals, and the array written once a cell. */
function sample(rgb: Buffer, width: number, height: number, step: number): Sampled {
  const cols = Math.ceil(width / step);
  const rows = Math.ceil(height / step);
  const grey = new Uint8Array(cols * rows);
  const w = (width + BLOCK - 1) >> BLOCK_SHIFT;
  const h = (height + BLOCK - 1) >> BLOCK_SHIFT;
  const block = new Uint8Array(w * h);
  const cellCols = (width + CELL - 1) >> CELL_SHIFT;
  const cellRows = (height + CELL - 1) >> CELL_SHIFT;
  const sum = new Int32Array(cellCols * cellRows);
  const jump = step * 3;
  for (let y = 0, at = 0; y < height; y += step) {
    const blockRow = (y >> BLOCK_SHIFT) * w;
    const cellRow = (y >> CELL_SHIFT) * cellCols;
    for (let x = 0, j = y * width * 3, cx = 0; x < width; cx++) {
      const end = Math.min(width, x + CELL);
      let chroma = 0;
      let brightest = 0;
      for (; x < end; x += step, j += jump, at++) {
        const r = rgb[j]!;
        const g = rgb[j + 1]!;
        const b = rgb[j + 2]!;
        const v = (r * 77 + g * 150 + b * 29) >> 8;
        grey[at] = v;
        if (v > brightest) brightest = v;
        const hi = r > g ? (r > b ? r : b) : g > b ? g : b;
        const lo = r < g ? (r < b ? r : b) : g < b ? g : b;
        chroma += hi - lo;
      }
      sum[cellRow + cx]! += chroma;
      const at2 = blockRow + (cx >> (BLOCK_SHIFT - CELL_SHIFT));
      if (brightest > block[at2]!) block[at2] = brightest;
    }
  }
  // A cell's mean: the grid points in it are counted along each side (fewer at the page's edge, and
  // 3 or 2 a side on a 3-pixel grid).
  const across = pointsPerCell(width, cellCols, step);
  const down = pointsPerCell(height, cellRows, step);
  const chroma = new Float32Array(cellCols * cellRows);
  for (let y = 0, c = 0; y < cellRows; y++)
    for (let x = 0; x < cellCols; x++, c++) chroma[c] = sum[c]! / (across[x]! * down[y]!);
  return { grey, cols, rows, block, w, h, chroma, cellCols };
}

function pointsPerCell(length: number, cells: number, step: number): Uint8Array {
  const points = new Uint8Array(cells);
  for (let p = 0; p < length; p += step) points[p >> CELL_SHIFT]!++;
  return points;
}

/** Every byte of a 32-bit word at least 192 (its top two bits set): brighter than any ink limit,
 * which is at most 255 × INK_RATIO = 158. */
const BRIGHT = 0xc0c0c0c0 | 0;

/** Ink: pixels well below the paper's brightness around them. The paper level (the brightest of
 * each block's neighbourhood, since ink is small and dark, smoothed) is interpolated down the page
 * and taken block by block across it: this takes out shadows and uneven light. Most of a page is
 * bright paper: the 12–13 words holding a block's 16 pixels are ANDed, and a block whose bytes are
 * all ≥ 192 is skipped at once (a quarter of the reads); the others are tested pixel by pixel, the
 * grey unscaled (r·77 + g·150 + b·29 against the limit × 256, the same test as on the grey byte). */
function inkOf(
  rgb: Buffer,
  width: number,
  height: number,
  stride: number,
  rows: number,
  paper: Float32Array,
  w: number,
  h: number,
): { bilevel: Buffer; ink: number } {
  const bilevel = Buffer.alloc(stride * rows, 255); // paper, padding included: only ink is written
  const words = wordsOf(rgb);
  const lastWord = words.length - 1;
  const limit = new Int32Array(w);
  let inkPixels = 0;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
    const y0 = fy | 0;
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    // Truncated, as the grey byte's limit always was; then × 256.
    for (let x = 0; x < w; x++) limit[x] = ((paper[y0 * w + x]! * (1 - ty) + paper[y1 * w + x]! * ty) * INK_RATIO) << 8;
    for (let bx = 0, x = 0, j = y * width * 3, o = y * stride; bx < w; bx++) {
      const below = limit[bx]!;
      const end = Math.min(width, x + BLOCK);
      const k1 = (j + (end - x) * 3 - 1) >> 2;
      let all = 0;
      if (below === 0)
        all = BRIGHT; // paper this dark has nothing below it
      else if (k1 <= lastWord) {
        all = BRIGHT;
        for (let k = j >> 2; k <= k1; k++) all &= words[k]!;
      }
      if ((all & BRIGHT) === BRIGHT) {
        j += (end - x) * 3;
        o += end - x;
        x = end;
        continue;
      }
      for (; x < end; x++, j += 3, o++)
        if (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29 < below) {
          bilevel[o] = 0;
          inkPixels++;
        }
    }
  }
  return { bilevel, ink: inkPixels / (width * height) };
}

/** The pixels as 32-bit words (a copy if the buffer does not start on a word, which libvips'
 * output always does). */
function wordsOf(rgb: Buffer): Int32Array {
  const bytes = rgb.byteOffset % 4 === 0 ? rgb : new Uint8Array(rgb);
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
}

/** The brightest within r blocks, as two 1-D passes (across, then down): the same square window. */
function maxFilter(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const across = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let xx = Math.max(0, x - r), last = Math.min(w - 1, x + r); xx <= last; xx++)
        if (src[y * w + xx]! > m) m = src[y * w + xx]!;
      across[y * w + x] = m;
    }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let yy = Math.max(0, y - r), last = Math.min(h - 1, y + r); yy <= last; yy++)
        if (across[yy * w + x]! > m) m = across[yy * w + x]!;
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

/** The Laplacian on the grid of about 100 dpi (so a 300-dpi scan and a 200-dpi one compare), its
 * variance over the points at edges: a mostly empty page is not "blurred" for being empty. The grid
 * is the page's every `step`-th pixel, so neighbours on it are `step` pixels apart on the page. */
function sharpnessOf(grey: Uint8Array, cols: number, rows: number): number {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let y = 1; y < rows - 1; y++) {
    // The row's neighbours carried along in locals: three reads a point instead of five.
    let i = y * cols + 1;
    let left = grey[i - 1]!;
    let centre = grey[i]!;
    for (let x = 1; x < cols - 1; x++, i++) {
      const right = grey[i + 1]!;
      const v = left + right + grey[i - cols]! + grey[i + cols]! - 4 * centre;
      left = centre;
      centre = right;
      if (v > -16 && v < 16) continue; // flat paper or flat ink
      n++;
      sum += v;
      squares += v * v;
    }
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
