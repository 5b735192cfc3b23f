import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, OutputOf } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';

type Original = OutputOf<'cases.pageOriginal'>;
type Corners = NonNullable<Original['edits']['corners']>;
type Rotate = Original['edits']['rotate'];
const CORNER_NAMES = ['tl', 'tr', 'br', 'bl'] as const;
const MAX_DESKEW = 15;

/** The page editor for one page image: the original as captured with the sheet's four corners on
 * it (from the edges the desk found), a quarter-turn, and a straightening angle. Only these numbers
 * go to the desk, which makes the page again from its own original. Every control works from the
 * keyboard: the corners are buttons the arrow keys move. */
export function PageEditor(props: { caseId: number; pageId: number; number: number; act: CaseAct; onClose(): void }) {
  const { caseId, pageId, number, act, onClose } = props;
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [original, setOriginal] = useState<Original | null>(null);
  const [corners, setCorners] = useState<Corners | null>(null);
  const [rotate, setRotate] = useState<Rotate>(0);
  const [deskew, setDeskew] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);

  useEffect(() => {
    const shown = dialog.current;
    if (shown && !shown.open) shown.showModal();
    return () => shown?.close();
  }, []);
  useEffect(() => {
    void call('cases.pageOriginal', { caseId, pageId }).then((r) => {
      if (!r.ok) return setError(r.error);
      setOriginal(r.value);
      setCorners(r.value.edits.corners);
      setRotate(r.value.edits.rotate);
      setDeskew(r.value.edits.deskew);
    });
  }, [caseId, pageId]);

  const width = original?.width ?? 1;
  const height = original?.height ?? 1;
  const shown: Corners = corners ?? [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  const place = (i: number, x: number, y: number) => {
    const next = shown.map((p) => [...p]) as Corners;
    next[i] = [Math.round(Math.max(0, Math.min(width, x))), Math.round(Math.max(0, Math.min(height, y)))];
    setCorners(next);
  };
  const drag = (i: number) => (e: PointerEvent<HTMLButtonElement>) => {
    if (e.buttons !== 1 || !stage.current) return;
    const box = stage.current.getBoundingClientRect();
    place(i, ((e.clientX - box.left) / box.width) * width, ((e.clientY - box.top) / box.height) * height);
  };
  const nudge = (i: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = (e.shiftKey ? 0.002 : 0.01) * Math.max(width, height);
    const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key] ?? [0, 0];
    if (!dx && !dy) return;
    e.preventDefault();
    place(i, shown[i]![0] + dx! * step, shown[i]![1] + dy! * step);
  };

  async function apply() {
    setBusy(true);
    const problem = await act(() => call('cases.editPage', { caseId, pageId, rotate, corners, deskew }));
    setBusy(false);
    if (problem) return setError(problem);
    onClose();
  }

  const suggested = original?.suggested ?? null;
  return (
    <dialog
      ref={dialog}
      className="page-editor"
      aria-labelledby="page-editor-title"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2 id="page-editor-title">{t('capture.editor.title', { n: number })}</h2>
      <p className="muted">{t('capture.editor.intro')}</p>
      {!original ? (
        <p role="status">{error ? '' : t('capture.editor.loading')}</p>
      ) : (
        <div className="page-editor-body">
          <div
            className="page-editor-stage"
            ref={stage}
            style={{
              aspectRatio: `${width} / ${height}`,
              ...(height >= width ? { height: '62vh' } : { width: '100%' }),
            }}
          >
            <img src={`data:image/jpeg;base64,${original.preview.dataBase64}`} alt="" draggable={false} />
            <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
              <polygon points={shown.map((p) => p.join(',')).join(' ')} />
            </svg>
            {shown.map(([x, y], i) => (
              <button
                key={CORNER_NAMES[i]}
                type="button"
                className="corner-handle"
                style={{ left: `${(x / width) * 100}%`, top: `${(y / height) * 100}%` }}
                aria-label={t('capture.editor.cornerAt', {
                  corner: t(`capture.editor.corner.${CORNER_NAMES[i]}`),
                  x,
                  y,
                })}
                onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
                onPointerMove={drag(i)}
                onKeyDown={nudge(i)}
              />
            ))}
          </div>
          <ResultPreview
            src={`data:image/jpeg;base64,${original.preview.dataBase64}`}
            corners={shown.map(([x, y]) => [x / width, y / height])}
            degrees={rotate + deskew}
            caption={t('capture.editor.result')}
          />
          <div className="row">
            {suggested?.corners ? (
              <button type="button" className="secondary" onClick={() => setCorners(suggested.corners)}>
                {t('capture.editor.detected')}
              </button>
            ) : (
              <span className="muted">{t('capture.editor.noEdges')}</span>
            )}
            <button type="button" className="secondary" onClick={() => setCorners(null)}>
              {t('capture.editor.whole')}
            </button>
            <button type="button" className="secondary" onClick={() => setRotate(turn(rotate, 270))}>
              {t('capture.editor.rotateLeft')}
            </button>
            <button type="button" className="secondary" onClick={() => setRotate(turn(rotate, 90))}>
              {t('capture.editor.rotateRight')}
            </button>
            {rotate !== 0 && <span>{t('capture.editor.turned', { deg: rotate })}</span>}
          </div>
          <div className="row">
            <label className="field">
              <span>{t('capture.editor.deskew')}</span>
              <input
                type="range"
                min={-MAX_DESKEW}
                max={MAX_DESKEW}
                step={0.1}
                value={deskew}
                onChange={(e) => setDeskew(Number(e.target.value))}
              />
            </label>
            <output>{deskew.toFixed(1)}°</output>
            {suggested && suggested.deskew !== deskew && (
              <button type="button" className="secondary" onClick={() => setDeskew(suggested.deskew)}>
                {t('capture.editor.autoDeskew', { deg: suggested.deskew.toFixed(1) })}
              </button>
            )}
          </div>
        </div>
      )}
      <ErrorBox error={error} />
      <div className="row">
        <button type="button" onClick={apply} disabled={!original || busy} aria-describedby="page-editor-status">
          {t('capture.editor.apply')}
        </button>
        <button type="button" className="secondary" onClick={onClose} disabled={busy}>
          {t('capture.editor.cancel')}
        </button>
        <span id="page-editor-status" role="status" className="muted">
          {busy ? t('capture.editor.applying') : ''}
        </span>
      </div>
    </dialog>
  );
}

const turn = (rotate: Rotate, by: 90 | 270): Rotate => ((rotate + by) % 360) as Rotate;

/** What the edits will make, roughly and at once: the part inside the corners, turned by the
 * quarter-turn and the straightening together (the desk's page also takes the perspective out). The
 * officer sees the text lines come level while moving the slider. */
function ResultPreview(props: { src: string; corners: number[][]; degrees: number; caption: string }) {
  const clip = props.corners.map(([x, y]) => `${x! * 100}% ${y! * 100}%`).join(', ');
  return (
    <figure className="page-editor-result">
      <div className="page-editor-result-frame">
        <img
          src={props.src}
          alt=""
          draggable={false}
          data-testid="edit-result"
          style={{ clipPath: `polygon(${clip})`, transform: `rotate(${props.degrees}deg)` }}
        />
      </div>
      <figcaption className="muted">{props.caption}</figcaption>
    </figure>
  );
}
