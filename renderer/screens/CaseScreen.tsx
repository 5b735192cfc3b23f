import { useCallback, useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../common/contract';
import { STATE_LABELS } from '../../common/domain/case-states';
import { PURPOSE_LABELS, ROLE_LABELS } from '../../common/domain/eligibility';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { renderMessage } from '../../common/contract/errors';
import { FORM_LIMITS, tooLargeDetail } from '../../common/domain/form-limits';
import { latestWins } from '../state/latest-wins';
import { FormPages } from '../components/FormPages';
import { CaseAccessLog } from '../components/CaseAccessLog';
import { Field } from '../components/Field';
import { L } from '../components/Labels';
import { DualDate, RetentionNote } from '../components/Dates';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function CaseScreen({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const user = useDesk((s) => s.session?.user);
  const go = useNav((s) => s.go);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [dates, setDates] = useState({ signedOn: '', validUntil: '' });
  const [stepUp, setStepUp] = useState({ employeeId: '', password: '' });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [importErrors, setImportErrors] = useState<DeskErrorPayload[]>([]);
  const [retyped, setRetyped] = useState({ idNumber: '', name: '' });

  // The 2-second refresh and the officer's own actions race: an older answer never replaces a newer one.
  const answers = useMemo(() => latestWins(), []);
  const load = useCallback(async () => {
    const ticket = answers.ticket();
    const r = await call('cases.get', { caseId });
    if (!answers.apply(ticket)) return;
    if (r.ok) setDetail(r.value);
    else setError(r.error);
  }, [caseId, answers]);
  useEffect(() => {
    void load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [load]);

  async function act(
    run: () => Promise<{ ok: true; value: CaseDetail } | { ok: false; error: DeskErrorPayload }>,
  ): Promise<DeskErrorPayload | null> {
    setBusy(true);
    const ticket = answers.ticket();
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return r.error;
    }
    setError(null);
    if (answers.apply(ticket)) setDetail(r.value);
    return null;
  }

  /** Same customer and request, a fresh draft: the officer needs only a new signed form. A purged
   * case no longer holds the customer's identity: the officer types it again. */
  async function recreate() {
    const r = await call('cases.createFrom', detail?.subject ? { caseId } : { caseId, subject: retyped });
    if (!r.ok) return setError(r.error);
    go({ name: 'case', caseId: r.value.id });
  }

  /** Each file on its own: one refused file neither stops the others nor hides why it was refused. */
  async function importFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    const refused: DeskErrorPayload[] = [];
    for (const file of files) {
      if (file.size > FORM_LIMITS.maxFileBytes) {
        refused.push({
          code: 'FILE_REJECTED',
          message: renderMessage('FILE_REJECTED', { file: file.name, detail: tooLargeDetail() }),
        });
        continue;
      }
      const dataBase64 = await readAsBase64(file);
      const problem = await act(() => call('cases.addPages', { caseId, fileName: file.name, dataBase64 }));
      if (problem) refused.push(problem);
    }
    setError(null);
    setImportErrors(refused);
  }

  const decide = (kind: 'approve' | 'sendBack') => async (e: FormEvent) => {
    e.preventDefault();
    const supervisor = user?.role === 'supervisor' ? undefined : stepUp;
    await act(() =>
      kind === 'approve'
        ? call('cases.approve', { caseId, pagesDigest: detail?.pagesDigest ?? '', supervisor })
        : call('cases.sendBack', { caseId, reason, supervisor }),
    );
    setStepUp({ employeeId: '', password: '' });
  };

  if (!detail) return <ErrorBox error={error} />;
  const editable = user?.role === 'officer' && (detail.state === 'draft' || detail.state === 'authorization_captured');
  return (
    <section>
      <button
        type="button"
        className="link"
        onClick={() => go({ name: user?.role === 'supervisor' ? 'approvals' : 'cases' })}
      >
        ← {t('case.back')}
      </button>
      <div className="row spread">
        <h1>
          #{detail.id} {detail.subject?.name ?? detail.subjectNameMasked}{' '}
          <span className="muted">{detail.subject?.idNumber ?? detail.subjectIdMasked}</span>
        </h1>
        <span className={`state state-${detail.state}`} data-testid="case-state" data-state={detail.state}>
          <L text={STATE_LABELS[detail.state]} />
        </span>
      </div>
      <dl className="card facts">
        <dt>{t('cases.role')}</dt>
        <dd>
          <L text={ROLE_LABELS[detail.role]} />
        </dd>
        <dt>{t('cases.purpose')}</dt>
        <dd>
          <L text={PURPOSE_LABELS[detail.purpose]} />
        </dd>
        <dt>{t('cases.products')}</dt>
        <dd>{detail.products.join(' ')}</dd>
        {detail.enterprise && (
          <>
            <dt>{t('case.enterprise')}</dt>
            <dd>
              {detail.enterprise.name}（{detail.enterprise.businessNumber}）
            </dd>
          </>
        )}
        <dt>{t('cases.preparedBy')}</dt>
        <dd>
          {detail.preparedBy.name}（{detail.preparedBy.employeeId}）
        </dd>
        {detail.approvedBy && (
          <>
            <dt>{t('case.approvedBy')}</dt>
            <dd>
              {detail.approvedBy.name}（{detail.approvedBy.employeeId}）
            </dd>
          </>
        )}
        {detail.signedOn && (
          <>
            <dt>{t('case.signedOn')}</dt>
            <dd>
              <DualDate iso={detail.signedOn} />
            </dd>
          </>
        )}
        {detail.validUntil && (
          <>
            <dt>{t('case.validUntil')}</dt>
            <dd>
              <DualDate iso={detail.validUntil} />
            </dd>
          </>
        )}
      </dl>
      <ErrorBox error={error} />

      {detail.rejection && (
        <div className="error" data-testid="rejection">
          <strong>{t('case.rejection')}：</strong>
          {detail.rejection.message}
        </div>
      )}
      {detail.state === 'purged' && (
        <p className="notice" data-testid="purged">
          {t('case.purged')}
        </p>
      )}
      {detail.dataExpiresAt &&
        detail.state !== 'purged' &&
        (detail.state === 'data_received' ||
          detail.state === 'rejected' ||
          detail.state === 'authorization_expired') && (
          <p className="notice" data-testid="retention">
            <RetentionNote expiresAt={detail.dataExpiresAt} />
          </p>
        )}
      {detail.resultsAvailable && (
        <button type="button" onClick={() => go({ name: 'results', caseId })}>
          {t('case.results')}
        </button>
      )}
      {user?.role === 'officer' &&
        (detail.state === 'rejected' || detail.state === 'authorization_expired' || detail.state === 'purged') && (
          <form
            className="card"
            aria-label={t('case.recreate')}
            onSubmit={(e) => {
              e.preventDefault();
              void recreate();
            }}
          >
            {!detail.subject && (
              <>
                <p>{t('case.retypeIntro')}</p>
                <div className="grid">
                  <Field
                    label={t('intake.idNumber')}
                    required
                    value={retyped.idNumber}
                    onChange={(e) => setRetyped({ ...retyped, idNumber: e.target.value })}
                  />
                  <Field
                    label={t('intake.name')}
                    required
                    value={retyped.name}
                    onChange={(e) => setRetyped({ ...retyped, name: e.target.value })}
                  />
                </div>
              </>
            )}
            <button type="submit" className="secondary">
              {t('case.recreate')}
            </button>
          </form>
        )}
      {(detail.state === 'submitted' || detail.state === 'under_review') && (
        <p className="muted">{t('case.waiting')}</p>
      )}
      {(detail.state === 'submitted' || detail.state === 'under_review') && detail.outbox?.lastError && (
        <p className="error" role="alert" data-testid="follow-error">
          {t('case.followError', { error: detail.outbox.lastError })}
        </p>
      )}
      {detail.outbox && detail.outbox.state === 'failed' && detail.state === 'queued' && (
        <p className="error" data-testid="outbox">
          {t('case.outbox')}：{detail.outbox.lastError}
        </p>
      )}
      {detail.outbox && detail.outbox.state === 'pending' && (
        <p className="warn" data-testid="outbox">
          {t('case.outbox')}：{t('case.attempts', { n: detail.outbox.attempts })}
          {detail.outbox.lastError ? ` · ${detail.outbox.lastError}` : ''} ·{' '}
          {t('case.nextAttempt', { time: dateTimeShort(detail.outbox.nextAttemptAt) })}
        </p>
      )}

      {detail.state !== 'purged' && (
        <div className="card">
          <h2>{t('case.form')}</h2>
          {detail.pages.length === 0 && <p className="muted">{t('case.noPages')}</p>}
          <FormPages
            caseId={caseId}
            items={detail.pages}
            actions={
              editable
                ? (p) => (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => act(() => call('cases.removePage', { caseId, pageId: p.id }))}
                    >
                      {t('case.removePage')}
                    </button>
                  )
                : undefined
            }
          />
          {editable && (
            <label className="field">
              <span>{t('case.importFile')}</span>
              <input
                type="file"
                multiple
                accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
                onChange={importFiles}
                disabled={busy}
              />
            </label>
          )}
          {importErrors.map((problem, i) => (
            <ErrorBox key={i} error={problem} />
          ))}
        </div>
      )}

      {editable && detail.pages.length > 0 && detail.state === 'draft' && (
        <form
          className="card"
          aria-label={t('case.authorization')}
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => call('cases.captureAuthorization', { caseId, ...dates }));
          }}
        >
          <h2>{t('case.authorization')}</h2>
          <div className="grid">
            <Field
              label={t('case.signedOn')}
              type="date"
              required
              value={dates.signedOn}
              onChange={(e) => setDates({ ...dates, signedOn: e.target.value })}
            />
            <Field
              label={t('case.validUntil')}
              type="date"
              required
              value={dates.validUntil}
              onChange={(e) => setDates({ ...dates, validUntil: e.target.value })}
            />
          </div>
          <button type="submit" disabled={busy}>
            {t('case.capture')}
          </button>
        </form>
      )}
      {editable && detail.state === 'authorization_captured' && (
        <button type="button" disabled={busy} onClick={() => act(() => call('cases.requestApproval', { caseId }))}>
          {t('case.requestApproval')}
        </button>
      )}

      {detail.state === 'awaiting_approval' && (
        <form className="card approval" aria-label={t('case.approval')} onSubmit={decide('approve')}>
          <h2>{t('case.approval')}</h2>
          {user?.role !== 'supervisor' && (
            <>
              <p>{t('case.stepUpIntro')}</p>
              <div className="grid">
                <Field
                  label={t('case.supervisorId')}
                  autoComplete="off"
                  value={stepUp.employeeId}
                  onChange={(e) => setStepUp({ ...stepUp, employeeId: e.target.value })}
                />
                <Field
                  label={t('case.supervisorPassword')}
                  type="password"
                  autoComplete="off"
                  value={stepUp.password}
                  onChange={(e) => setStepUp({ ...stepUp, password: e.target.value })}
                />
              </div>
            </>
          )}
          <Field label={t('case.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="row">
            <button type="submit" disabled={busy}>
              {t('case.approve')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={decide('sendBack')}>
              {t('case.sendBack')}
            </button>
          </div>
        </form>
      )}

      <h2>{t('case.history')}</h2>
      <ol className="timeline" aria-label={t('case.history')}>
        {detail.events.map((e, i) => (
          <li key={i}>
            <span className="muted">{dateTimeShort(e.at)}</span> <L text={STATE_LABELS[e.to]} /> ·{' '}
            {e.actor ? `${e.actor.name}（${e.actor.employeeId}）` : t('case.system')}
            {e.reason ? ` · ${e.reason}` : ''}
          </li>
        ))}
      </ol>
      {user?.role === 'supervisor' && <CaseAccessLog caseId={caseId} />}
    </section>
  );
}
