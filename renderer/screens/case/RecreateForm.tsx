import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { useNav } from '../../state/nav-store';

/** Same customer and request, a fresh draft: the officer needs only a new signed form. A purged
 * case no longer holds the customer's identity: the officer types it again. */
export function RecreateForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const [retyped, setRetyped] = useState({ idNumber: '', name: '' });
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const fieldError = useFieldError(error);
  const caseId = detail.id;
  return (
    <form
      className="card"
      aria-label={t('case.recreate')}
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await call('cases.createFrom', detail.subject ? { caseId } : { caseId, subject: retyped });
        if (!r.ok) return setError(r.error);
        go({ name: 'case', caseId: r.value.id });
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
              error={fieldError('subject.idNumber')}
              onChange={(e) => {
                setRetyped({ ...retyped, idNumber: e.target.value });
                setError(null);
              }}
            />
            <Field
              label={t('intake.name')}
              required
              value={retyped.name}
              error={fieldError('subject.name')}
              onChange={(e) => {
                setRetyped({ ...retyped, name: e.target.value });
                setError(null);
              }}
            />
          </div>
        </>
      )}
      <button type="submit" className="secondary">
        {t('case.recreate')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}
