// How the customer authorizes this case: a signed paper form the officer imports, or their MOICA
// card at the counter. After a send-back, a card signature is removed (after asking) before the
// customer signs again or a paper form is used.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';

export type Method = 'paper' | 'moica' | 'c3';

export function AuthorizationMethod({ value, onChange }: { value: Method; onChange(m: Method): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="card method">
      <legend>{t('esign.method')}</legend>
      <div className="row">
        {(['paper', 'moica', 'c3'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="authorization-method" checked={value === m} onChange={() => onChange(m)} />
            {t(m === 'c3' ? 'esign.c3.option' : `esign.${m}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RemoveSignature({ caseId, pageId, act }: { caseId: number; pageId: number; act: CaseAct }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  return (
    <div className="card">
      {asking ? (
        <span className="row" role="group" aria-label={t('esign.removeAsk')}>
          <span>{t('esign.removeAsk')}</span>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              setError(await act(() => call('cases.removePage', { caseId, pageId })));
              setAsking(false);
            }}
          >
            {t('esign.removeYes')}
          </button>
          <button type="button" className="secondary" autoFocus onClick={() => setAsking(false)}>
            {t('esign.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          {t('esign.remove')}
        </button>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
