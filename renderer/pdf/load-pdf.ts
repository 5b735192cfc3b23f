// Loads the PDF drawing script on first use. A classic <script> (not a dynamic import), so it
// loads the same from the web host and from the Electron window's file:// page, under the CSP's
// script-src 'self'.
import type { renderPdf } from './render-pdf';

export type { RenderedPage } from './render-pdf';

type PdfView = { renderPdf: typeof renderPdf };
let loading: Promise<PdfView> | null = null;

export function loadPdfView(): Promise<PdfView> {
  loading ??= new Promise<PdfView>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('pdfjs/pdf-view.js', document.baseURI).href;
    script.onload = () => {
      const view = (window as unknown as { __branchDeskPdf?: PdfView }).__branchDeskPdf;
      if (view) resolve(view);
      else reject(new Error('the PDF viewer did not start'));
    };
    script.onerror = () => {
      loading = null; // a later attempt may load it
      reject(new Error('the PDF viewer could not be loaded'));
    };
    document.head.appendChild(script);
  });
  return loading;
}
