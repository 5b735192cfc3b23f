import { useEffect, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../../common/contract';
import { renderMessage } from '../../../common/contract/errors';
import { FORM_LIMITS, tooLargeDetail } from '../../../common/domain/form-limits';
import { call } from '../../api/desk-api';
import { readAsBase64 } from '../../api/read-file';
import { ErrorBox } from '../../components/ErrorBox';
import { FormPages } from '../../components/FormPages';
import type { CaseAct } from './case-act';
import { PageEditor } from './PageEditor';
import { useCaptureProgress } from './use-capture-progress';

type Page = CaseDetail['pages'][number];

/** The signed form: its pages, importing more, adjusting, moving or removing one (after asking). */
export function FormCard({ detail, editable, act }: { detail: CaseDetail; editable: boolean; act: CaseAct }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [importErrors, setImportErrors] = useState<(DeskErrorPayload | string)[]>([]);
  const [removing, setRemoving] = useState<number | null>(null);
  const [removeError, setRemoveError] = useState<DeskErrorPayload | null>(null);
  const [dragging, setDragging] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [moved, setMoved] = useState<{ pageId: number; dir: 'up' | 'down' } | null>(null);
  const card = useRef<HTMLDivElement>(null);
  const caseId = detail.id;
  // The page redrawn in its new place takes the focus back to its move button (the same way, or the
  // other once it reached an end), so the keyboard can go on moving it.
  useEffect(() => {
    if (!moved) return;
    const button = (dir: string) =>
      card.current?.querySelector<HTMLButtonElement>(`[data-move="${moved.pageId}-${dir}"]`);
    (button(moved.dir) ?? button(moved.dir === 'up' ? 'down' : 'up'))?.focus();
    setMoved(null);
  }, [detail, moved]);
  const { text: progress } = useCaptureProgress(caseId, busy);
  // Pages are numbered across the whole form (a PDF takes as many numbers as it has pages).
  const firstPage = new Map<number, number>();
  detail.pages.reduce((next, p) => (firstPage.set(p.id, next), next + p.pageCount), 1);
  const pagesOf = (p: Page) => {
    const from = firstPage.get(p.id) ?? 1;
    return p.pageCount > 1 ? t('case.pagesN', { from, to: from + p.pageCount - 1 }) : t('case.pageN', { n: from });
  };

  /** Each file on its own: one refused file neither stops the others nor hides why it was refused.
   * Once the form is full, the files left out are named once. */
  async function pickFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    await importFiles(files);
  }

  /** Files dropped on the form: the same import, one file at a time. */
  async function dropFiles(e: DragEvent<HTMLElement>) {
    e.preventDefault();
    setDragging(false);
    if (!busy) await importFiles([...e.dataTransfer.files]);
  }

  async function importFiles(files: File[]) {
    setBusy(true);
    const refused: (DeskErrorPayload | string)[] = [];
    for (const [i, file] of files.entries()) {
      if (file.size > FORM_LIMITS.maxFileBytes) {
        refused.push({
          code: 'FILE_REJECTED',
          message: renderMessage('FILE_REJECTED', { file: file.name, detail: tooLargeDetail() }),
        });
        continue;
      }
      const dataBase64 = await readAsBase64(file);
      const problem = await act(() => call('cases.addPages', { caseId, fileName: file.name, dataBase64 }));
      if (problem?.code === 'TOO_MANY_PAGES') {
        const left = files.slice(i).map((f) => f.name);
        refused.push(
          t('case.filesLeftOut', {
            max: FORM_LIMITS.maxPagesPerCase,
            n: left.length,
            files: left.join(t('case.fileSep')),
          }),
        );
        break;
      }
      if (problem) refused.push(problem);
    }
    setBusy(false);
    setImportErrors(refused);
  }

  async function move(pageId: number, position: number, dir: 'up' | 'down') {
    const problem = await act(() => call('cases.movePage', { caseId, pageId, position }));
    setRemoveError(problem);
    if (!problem) setMoved({ pageId, dir });
  }

  async function remove(pageId: number) {
    setRemoveError(await act(() => call('cases.removePage', { caseId, pageId })));
    setRemoving(null);
  }

  return (
    <div className="card" ref={card}>
      <h2>{t('case.form')}</h2>
      {detail.pages.length === 0 && <p className="muted">{t('case.noPages')}</p>}
      <FormPages
        caseId={caseId}
        items={detail.pages}
        actions={
          editable
            ? (p) =>
                removing === p.id ? (
                  <span className="row" role="group" aria-label={t('case.removeAsk', { pages: pagesOf(p) })}>
                    <span>{t('case.removeAsk', { pages: pagesOf(p) })}</span>
                    <button type="button" className="danger" onClick={() => remove(p.id)}>
                      {t('case.removeYes')}
                    </button>
                    <button type="button" className="secondary" autoFocus onClick={() => setRemoving(null)}>
                      {t('case.cancel')}
                    </button>
                  </span>
                ) : (
                  <span className="row">
                    {p.editable && (
                      <button type="button" className="secondary" onClick={() => setEditing(p.id)}>
                        {t('capture.editor.edit', { n: firstPage.get(p.id) })}
                      </button>
                    )}
                    {p.position > 1 && (
                      <button
                        type="button"
                        className="secondary"
                        data-move={`${p.id}-up`}
                        onClick={() => move(p.id, p.position - 1, 'up')}
                      >
                        {t('capture.editor.moveUp', { n: firstPage.get(p.id) })}
                      </button>
                    )}
                    {p.position < detail.pages.length && (
                      <button
                        type="button"
                        className="secondary"
                        data-move={`${p.id}-down`}
                        onClick={() => move(p.id, p.position + 1, 'down')}
                      >
                        {t('capture.editor.moveDown', { n: firstPage.get(p.id) })}
                      </button>
                    )}
                    <button type="button" className="secondary" onClick={() => setRemoving(p.id)}>
                      {t('case.removePages', { pages: pagesOf(p) })}
                    </button>
                  </span>
                )
            : undefined
        }
      />
      <ErrorBox error={removeError} />
      {editing !== null && (
        <PageEditor
          caseId={caseId}
          pageId={editing}
          number={firstPage.get(editing) ?? 1}
          act={act}
          onClose={() => setEditing(null)}
        />
      )}
      {editable && (
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={dropFiles}
        >
          <label className="field">
            <span>{t('case.importFile')}</span>
            <input
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
              onChange={pickFiles}
              disabled={busy}
            />
          </label>
          <p className="muted" role="status">
            {busy ? (progress ?? t('case.importing')) : t('case.dropHint')}
          </p>
        </div>
      )}
      {importErrors.map((problem, i) => (
        <ErrorBox key={i} error={problem} quiet={i > 0} />
      ))}
    </div>
  );
}
