// Loads the PDF drawing script (pdf-view-entry.ts) on first use.
import type { renderPdf } from './render-pdf';
import { loadScript } from '../lazy-script';

export type { RenderedPage } from './render-pdf';

type PdfView = { renderPdf: typeof renderPdf };

export const loadPdfView = () => loadScript<PdfView>('pdfjs/pdf-view.js', '__branchDeskPdf', 'PDF viewer');
