import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import type { CaseAct } from './case-act';

/** A supervisor's decision: at their own desk, or at the officer's with their ID and password
 * (step-up). The password typed stays unless it was the wrong one. */
export function ApprovalForm({ detail, ownSession, act }: { detail: CaseDetail; ownSession: boolean; act: CaseAct }) {
  const { t } = useTranslation();
  const [stepUp, setStepUp] = useState({ employeeId: '', password: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const caseId = detail.id;

  const decide = (kind: 'approve' | 'sendBack') => async (e: FormEvent) => {
    e.preventDefault();
    const supervisor = ownSession ? undefined : stepUp;
    setBusy(true);
    const problem = await act(() =>
      kind === 'approve'
        ? call('cases.approve', { caseId, pagesDigest: detail.pagesDigest ?? '', supervisor })
        : call('cases.sendBack', { caseId, reason, supervisor }),
    );
    setBusy(false);
    setError(problem);
    if (!problem || problem.code.startsWith('BAD_CREDENTIALS')) setStepUp((s) => ({ ...s, password: '' }));
  };

  return (
    <form className="card approval" aria-label={t('case.approval')} data-guide="approve" onSubmit={decide('approve')}>
      <h2>{t('case.approval')}</h2>
      {!ownSession && (
        <>
          <p>{t('case.stepUpIntro')}</p>
          <div className="grid">
            <Field
              label={t('case.supervisorId')}
              autoComplete="off"
              value={stepUp.employeeId}
              error={fieldError('supervisor.employeeId')}
              onChange={(e) => {
                setStepUp({ ...stepUp, employeeId: e.target.value });
                setError(null);
              }}
            />
            <Field
              label={t('case.supervisorPassword')}
              type="password"
              autoComplete="off"
              value={stepUp.password}
              error={fieldError('supervisor.password')}
              onChange={(e) => {
                setStepUp({ ...stepUp, password: e.target.value });
                setError(null);
              }}
            />
          </div>
        </>
      )}
      <Field
        label={t('case.reason')}
        hint={t('case.reasonHint')}
        value={reason}
        error={fieldError('reason')}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
      />
      <div className="row">
        <button type="submit" disabled={busy}>
          {t('case.approve')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={decide('sendBack')}>
          {t('case.sendBack')}
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}
