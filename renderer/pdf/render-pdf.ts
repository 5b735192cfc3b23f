// Draws each page of a signed-form PDF to an image the officer and the supervisor can read.
// pdf.js is the renderer Firefox uses for untrusted PDFs; here it runs in its own worker, with
// eval off and WebAssembly off (the page's CSP allows neither), so a hostile PDF meets the
// JavaScript decoders inside a sandboxed renderer and nothing else.
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';

/** Where the build puts pdf.js's worker and data files, next to index.html. */
const ASSETS = 'pdfjs/';

let workerReady = false;
function ensureWorker(): void {
  if (workerReady) return;
  // A classic worker built by us (see build/build.ts): it loads from the page's own origin in
  // both hosts, and the CSP's script-src 'self' covers it.
  GlobalWorkerOptions.workerPort = new Worker(new URL(`${ASSETS}pdf.worker.js`, document.baseURI));
  workerReady = true;
}

export interface RenderedPage {
  /** An object URL of a PNG; the caller revokes it. */
  url: string;
  width: number;
  height: number;
}

/** Renders every page at about `targetWidth` pixels wide. Throws if the PDF can't be read. */
export async function renderPdf(bytes: Uint8Array, targetWidth: number): Promise<RenderedPage[]> {
  ensureWorker();
  const base = new URL(ASSETS, document.baseURI).href;
  const task = getDocument({
    data: bytes,
    isEvalSupported: false,
    useWasm: false,
    enableXfa: false,
    standardFontDataUrl: `${base}standard_fonts/`,
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    wasmUrl: `${base}wasm/`,
  });
  const doc = await task.promise;
  try {
    const pages: RenderedPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const unscaled = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: targetWidth / unscaled.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport, background: '#ffffff' }).promise;
      const blob = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'),
      );
      pages.push({ url: URL.createObjectURL(blob), width: canvas.width, height: canvas.height });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
