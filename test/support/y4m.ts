// A still picture as the one-frame YUV4MPEG2 (4:2:0) file Chromium's fake camera plays in a loop
// (--use-file-for-fake-video-capture), at one frame a second (it loops on every test running beside
// it: a faster rate takes CPU from them): full-range BT.601 (the `C420jpeg` colour space), chroma
// averaged over each 2×2 block.
import { writeFileSync } from 'node:fs';

export function writeY4m(file: string, rgb: Buffer, width: number, height: number): void {
  if (width % 2 || height % 2) throw new Error('4:2:0 needs even sides');
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc(u.length);
  for (let i = 0; i < width * height; i++) {
    y[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  }
  for (let by = 0; by < height / 2; by++)
    for (let bx = 0; bx < width / 2; bx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const o = ((by * 2 + dy!) * width + bx * 2 + dx!) * 3;
        r += rgb[o]!;
        g += rgb[o + 1]!;
        b += rgb[o + 2]!;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      const k = by * (width / 2) + bx;
      u[k] = Math.max(0, Math.min(255, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b));
      v[k] = Math.max(0, Math.min(255, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b));
    }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F1:1 Ip A1:1 C420jpeg\nFRAME\n`, 'latin1');
  writeFileSync(file, Buffer.concat([header, y, u, v]));
}
