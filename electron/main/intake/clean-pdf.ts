// A PDF form, checked and rebuilt (in the intake worker). The page tree is walked with a bound
// before anything counts pages the usual way (a tree that repeats one node 10⁸ times is a few
// hundred bytes); then every page is re-embedded into a new document, so only what the pages draw
// survives: no scripts, actions, attachments, form fields, annotations, metadata or bytes after
// the end.
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  degrees,
  type PDFObject,
} from 'pdf-lib';
import type { IntakeLimits } from './intake-limits';
import { prescanPdf } from './pdf-prescan';
import { refuse, Refusal } from './refusal';
import { scannedPages, type ScannedPage } from './pdf-scans';

export interface CleanPdf {
  data: Buffer;
  pageCount: number;
  /** Every page one full-page JPEG (a scanner's PDF): the page images, for the capture pipeline. */
  scans: ScannedPage[] | null;
}

export async function cleanPdf(bytes: Buffer, room: number, limits: IntakeLimits): Promise<CleanPdf> {
  prescanPdf(bytes, limits);
  try {
    const source = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    if (source.isEncrypted) refuse('pdf-encrypted');
    const pages = countPagesBounded(source, room, limits);
    if (pages === 0) refuse('pdf-no-pages');
    return { data: await reembed(source), pageCount: pages, scans: scannedPages(source) };
  } catch (e) {
    // Whatever pdf-lib trips over in a file that passed the pre-scan is a damaged PDF.
    if (e instanceof Refusal) throw e;
    return refuse('pdf-damaged');
  }
}

/** Counts the leaves of the page tree, refusing as soon as there are more than `room`, a node is
 * reached twice (repeats and loops), or the tree is deeper or larger than any real form's. */
function countPagesBounded(doc: PDFDocument, room: number, limits: IntakeLimits): number {
  const root = doc.catalog.lookup(PDFName.of('Pages'));
  if (!(root instanceof PDFDict)) return refuse('pdf-damaged');
  const declared = root.lookup(PDFName.of('Count'));
  if (declared instanceof PDFNumber && declared.asNumber() > room) {
    refuse('too-many-pages', { pages: declared.asNumber(), room });
  }
  const seen = new Set<PDFDict>([root]);
  const stack: { node: PDFDict; depth: number }[] = [{ node: root, depth: 0 }];
  let leaves = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const kids = node.lookup(PDFName.of('Kids'));
    if (!(kids instanceof PDFArray)) return refuse('pdf-damaged');
    for (let i = 0; i < kids.size(); i++) {
      const ref = kids.get(i);
      const kid = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(kid instanceof PDFDict)) return refuse('pdf-damaged');
      if (seen.has(kid)) refuse('pdf-page-tree');
      seen.add(kid);
      if (seen.size > limits.pdfPageTreeNodes) refuse('pdf-page-tree');
      const type = kid.lookup(PDFName.of('Type'));
      if (type === PDFName.of('Pages')) {
        if (depth + 1 > limits.pdfPageTreeDepth) refuse('pdf-page-tree');
        stack.push({ node: kid, depth: depth + 1 });
      } else {
        leaves++;
        if (leaves > room) refuse('too-many-pages', { pages: `${room + 1}+`, room });
      }
    }
  }
  return leaves;
}

/** Each page drawn as a form XObject on a fresh page of the same size and rotation. */
async function reembed(source: PDFDocument): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer('Branch Desk');
  for (const original of source.getPages()) {
    const { width, height } = original.getMediaBox();
    const rotation = original.getRotation().angle;
    const page = out.addPage([width, height]);
    // A page that draws nothing (a blank sheet) stays a blank page of the same size.
    if (original.node.Contents()) page.drawPage(await out.embedPage(original), { x: 0, y: 0 });
    if (rotation % 360 !== 0) page.setRotation(degrees(rotation));
  }
  // pdf-lib embeds by copying the whole source page (annotations and their actions with it) into
  // the new file; only what the new pages reach is kept.
  await out.flush();
  dropUnreachable(out);
  return Buffer.from(await out.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
}

function dropUnreachable(doc: PDFDocument): void {
  const { context } = doc;
  const reached = new Set<string>();
  const visit = (object: PDFObject | undefined): void => {
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) return;
      reached.add(object.tag);
      visit(context.lookup(object));
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) visit(value);
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) visit(object.get(i));
    } else if (object instanceof PDFStream) {
      visit(object.dict);
    }
  };
  visit(context.trailerInfo.Root);
  visit(context.trailerInfo.Info);
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) context.delete(ref);
}
