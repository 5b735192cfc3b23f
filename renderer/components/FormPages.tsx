// The signed form as the officer and the supervisor see it: every page as an image (PDF pages
// drawn by pdf.js, TIFF pages already PNG from main), numbered across the whole form, and a
// viewer large enough to check a signature.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../common/contract';
import { call } from '../api/desk-api';
import { loadPdfView } from '../pdf/load-pdf';

type Item = CaseDetail['pages'][number];
interface Shown {
  src: string;
  width: number;
  height: number;
}
type ItemState = { status: 'loading' } | { status: 'ready'; images: Shown[] } | { status: 'failed' };

const VIEW_WIDTH = 1100;

function base64ToBytes(b64: string): Uint8Array {
  const raw = atob(b64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Loads one stored item (an image or a whole PDF) as the images to show. */
function useItemImages(caseId: number, item: Item): ItemState {
  const [state, setState] = useState<ItemState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let urls: string[] = [];
    void (async () => {
      const r = await call('cases.page', { caseId, pageId: item.id });
      if (!r.ok) return !cancelled && setState({ status: 'failed' });
      if (r.value.mediaType !== 'application/pdf') {
        return (
          !cancelled &&
          setState({
            status: 'ready',
            images: [
              {
                src: `data:${r.value.mediaType};base64,${r.value.dataBase64}`,
                width: item.width ?? 0,
                height: item.height ?? 0,
              },
            ],
          })
        );
      }
      try {
        const { renderPdf } = await loadPdfView();
        const pages = await renderPdf(base64ToBytes(r.value.dataBase64), VIEW_WIDTH);
        urls = pages.map((p) => p.url);
        if (cancelled) return urls.forEach((u) => URL.revokeObjectURL(u));
        setState({ status: 'ready', images: pages.map((p) => ({ src: p.url, width: p.width, height: p.height })) });
      } catch {
        if (!cancelled) setState({ status: 'failed' });
      }
    })();
    return () => {
      cancelled = true;
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [caseId, item.id, item.width, item.height, item.bytes]);
  return state;
}

function ItemTile({
  caseId,
  item,
  firstPage,
  onOpen,
  onLoaded,
  children,
}: {
  caseId: number;
  item: Item;
  firstPage: number;
  onOpen(page: number): void;
  onLoaded(itemId: number, images: Shown[]): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const state = useItemImages(caseId, item);
  useEffect(() => {
    if (state.status === 'ready') onLoaded(item.id, state.images);
  }, [state, item.id, onLoaded]);
  const count = state.status === 'ready' ? state.images.length : item.pageCount;
  const lastPage = firstPage + count - 1;
  const pagesLabel = count > 1 ? t('case.pages', { from: firstPage, to: lastPage }) : t('case.page', { n: firstPage });
  const isPdf = item.mediaType === 'application/pdf';
  return (
    <figure className="page" data-testid="form-item" data-media-type={item.mediaType}>
      <div className="thumbs">
        {state.status === 'loading' && <div className="page-status">{t('case.loadingPage')}</div>}
        {state.status === 'failed' && (
          <div className="page-status error" role="alert">
            {t('case.pdfUnreadable')}
          </div>
        )}
        {state.status === 'ready' &&
          state.images.map((img, k) => (
            <button
              key={k}
              type="button"
              className="thumb"
              title={t('case.openPage')}
              onClick={() => onOpen(firstPage + k)}
            >
              <img src={img.src} alt={t('case.page', { n: firstPage + k })} />
            </button>
          ))}
      </div>
      <figcaption>
        {pagesLabel} · {item.fileName}
        {isPdf ? ` · ${t('case.pdfPages', { n: count })}` : item.width ? ` · ${item.width}×${item.height}` : ''}
      </figcaption>
      {children}
    </figure>
  );
}

function PageViewer({
  slots,
  page,
  onMove,
  onClose,
}: {
  slots: (Shown | null)[];
  page: number;
  onMove(page: number): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const total = slots.length;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      if (e.key === 'ArrowRight' && page < total) onMove(page + 1);
      if (e.key === 'ArrowLeft' && page > 1) onMove(page - 1);
      // The viewer covers the screen: Tab goes round its own buttons, never to the hidden page.
      const controls = [...(box.current?.querySelectorAll<HTMLElement>('button:enabled') ?? [])];
      if (e.key !== 'Tab' || controls.length === 0) return;
      const at = controls.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : (at + 1) % controls.length;
      e.preventDefault();
      controls[next]!.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [page, total, onMove, onClose]);
  const img = slots[page - 1];
  const label = t('case.pageOf', { n: page, total });
  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={label} ref={box}>
      <div className="viewer-bar">
        <span>{label}</span>
        <span className="spacer" />
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => onMove(page - 1)}>
          {t('case.prevPage')}
        </button>
        <button type="button" className="secondary" disabled={page >= total} onClick={() => onMove(page + 1)}>
          {t('case.nextPage')}
        </button>
        <button type="button" onClick={onClose} autoFocus>
          {t('case.closeViewer')}
        </button>
      </div>
      {img ? (
        <img className="viewer-page" src={img.src} alt={t('case.page', { n: page })} />
      ) : (
        <div className="page-status">{t('case.loadingPage')}</div>
      )}
    </div>
  );
}

/** All the form's items with their pages; `actions` renders per-item controls (e.g. remove). */
export function FormPages({
  caseId,
  items,
  actions,
}: {
  caseId: number;
  items: Item[];
  actions?: (item: Item) => ReactNode;
}) {
  const [loaded, setLoaded] = useState<Record<number, Shown[]>>({});
  const [open, setOpen] = useState<number | null>(null);
  // Closing the viewer puts the focus back on the page that opened it.
  const opener = useRef<HTMLElement | null>(null);
  const openAt = useCallback((page: number) => {
    opener.current = document.activeElement as HTMLElement | null;
    setOpen(page);
  }, []);
  const close = useCallback(() => {
    setOpen(null);
    opener.current?.focus();
  }, []);
  // One numbering across the whole form: an item takes as many pages as it has (as rendered
  // once loaded, as recorded at intake until then); the viewer pages through all of them.
  const { firstPages, slots } = useMemo(() => {
    const firsts: number[] = [];
    const all: (Shown | null)[] = [];
    for (const item of items) {
      firsts.push(all.length + 1);
      const images = loaded[item.id];
      all.push(...(images ?? Array<null>(item.pageCount).fill(null)));
    }
    return { firstPages: firsts, slots: all };
  }, [items, loaded]);
  const onLoaded = useCallback(
    (itemId: number, images: Shown[]) =>
      setLoaded((prev) => (prev[itemId] === images ? prev : { ...prev, [itemId]: images })),
    [],
  );
  return (
    <>
      <div className="pages">
        {items.map((item, i) => (
          <ItemTile
            key={item.id}
            caseId={caseId}
            item={item}
            firstPage={firstPages[i]!}
            onOpen={openAt}
            onLoaded={onLoaded}
          >
            {actions?.(item)}
          </ItemTile>
        ))}
      </div>
      {open !== null && slots.length > 0 && (
        <PageViewer slots={slots} page={Math.min(open, slots.length)} onMove={setOpen} onClose={close} />
      )}
    </>
  );
}
