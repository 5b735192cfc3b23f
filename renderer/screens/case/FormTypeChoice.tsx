import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';

/** Which of IT's paper forms the customer signed (the quality gate counts its pages); a choice only
 * where the policy names more than one, else just said. */
export function FormTypeChoice({ detail, editable, act }: { detail: CaseDetail; editable: boolean; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const { formType, formTypes } = detail.quality;
  const current = formTypes.find((f) => f.id === formType);
  // IT names each form in Chinese, and in English where it can (else English screens show the Chinese).
  const words = (f: { name: string; nameEn: string | null; pages: number }) =>
    t('capture.formType.option', { name: i18n.language === 'en' && f.nameEn ? f.nameEn : f.name, n: f.pages });
  if (!editable || formTypes.length < 2)
    return current ? <p className="muted">{t('capture.formType.is', { form: words(current) })}</p> : null;
  return (
    <div>
      <label className="field">
        <span>{t('capture.formType.label')}</span>
        <select
          value={formType}
          onChange={async (e) => {
            const chosen = e.target.value;
            setError(await act(() => call('cases.chooseFormType', { caseId: detail.id, formType: chosen })));
          }}
        >
          {formTypes.map((f) => (
            <option key={f.id} value={f.id}>
              {words(f)}
            </option>
          ))}
        </select>
      </label>
      <ErrorBox error={error} />
    </div>
  );
}
