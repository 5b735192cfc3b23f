import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import type { CaseAct } from './case-act';

/** The dates on the signed form; confirming them freezes the pages a supervisor will approve. */
export function AuthorizationForm({ caseId, act }: { caseId: number; act: CaseAct }) {
  const { t } = useTranslation();
  const [dates, setDates] = useState({ signedOn: '', validUntil: '' });
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const change = (key: keyof typeof dates) => (e: { target: { value: string } }) => {
    setDates({ ...dates, [key]: e.target.value });
    setError(null);
  };
  return (
    <form
      className="card"
      aria-label={t('case.authorization')}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(await act(() => call('cases.captureAuthorization', { caseId, ...dates })));
        setBusy(false);
      }}
    >
      <h2>{t('case.authorization')}</h2>
      <div className="grid">
        <Field
          label={t('case.signedOn')}
          type="date"
          required
          value={dates.signedOn}
          error={fieldError('signedOn')}
          onChange={change('signedOn')}
        />
        <Field
          label={t('case.validUntil')}
          type="date"
          required
          value={dates.validUntil}
          error={fieldError('validUntil')}
          onChange={change('validUntil')}
        />
      </div>
      <button type="submit" disabled={busy} data-guide="confirm">
        {t('case.capture')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}
