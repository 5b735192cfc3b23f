// The PDF drawing code as its own classic script (dist/renderer/pdfjs/pdf-view.js), loaded the first
// time a PDF is drawn (load-pdf.ts): pdf.js's display layer is most of a bundle that most screens
// never need. It hands its one function to the page through a single global.
import { renderPdf } from './render-pdf';

(window as unknown as { __branchDeskPdf?: { renderPdf: typeof renderPdf } }).__branchDeskPdf = { renderPdf };
