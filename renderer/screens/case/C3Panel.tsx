// The officer imports a C3 authorization: the file the customer signed in the bank's online channel
// with their software certificate, and what the officer knows of the customer's account (a first
// C3 certificate on a type-3 digital deposit account, or for a credit-card-only customer, needs the
// customer identified by video first). Each refusal sits beside what caused it.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { C3Identity, DeskErrorPayload } from '../../../common/contract';
import { renderMessage } from '../../../common/contract/errors';
import { call } from '../../api/desk-api';
import { readAsBase64 } from '../../api/read-file';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';

const ACCOUNT_TYPES = ['regular', 'digital_type3', 'credit_card_only'] as const;

export function C3Panel({ caseId, act }: { caseId: number; act: CaseAct }) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState<C3Identity>({
    accountType: 'regular',
    firstC3Issuance: false,
    videoConfirmed: false,
  });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const videoNeeded = identity.accountType !== 'regular' && identity.firstC3Issuance;
  const change = (next: Partial<C3Identity>) => {
    setIdentity({ ...identity, ...next });
    setError(null);
  };

  async function importFile() {
    if (!file) return;
    setBusy(true);
    try {
      const dataBase64 = await readAsBase64(file);
      setError(await act(() => call('esign.importC3', { caseId, fileName: file.name, dataBase64, identity })));
    } catch {
      // The file moved or could not be read since it was chosen.
      setError({ code: 'C3_FILE_UNREADABLE', message: renderMessage('C3_FILE_UNREADABLE', { file: file.name }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card c3" aria-labelledby="c3-title">
      <h2 id="c3-title">{t('esign.c3.title')}</h2>
      <p className="muted">{t('esign.c3.intro')}</p>
      <div className="field">
        <label htmlFor="c3-account">{t('esign.c3.accountType')}</label>
        <select
          id="c3-account"
          value={identity.accountType}
          onChange={(e) => change({ accountType: e.target.value as C3Identity['accountType'] })}
        >
          {ACCOUNT_TYPES.map((a) => (
            <option key={a} value={a}>
              {t(`esign.c3.accounts.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={identity.firstC3Issuance}
          onChange={(e) => change({ firstC3Issuance: e.target.checked })}
        />
        {t('esign.c3.firstIssuance')}
      </label>
      {videoNeeded && <p className="warn">{t('esign.c3.videoNeeded')}</p>}
      <label className="check">
        <input
          type="checkbox"
          checked={identity.videoConfirmed}
          aria-invalid={fieldError('identity.videoConfirmed') ? true : undefined}
          aria-describedby={fieldError('identity.videoConfirmed') ? 'c3-video-error' : undefined}
          onChange={(e) => change({ videoConfirmed: e.target.checked })}
        />
        {t('esign.c3.videoConfirmed')}
      </label>
      {fieldError('identity.videoConfirmed') && (
        <small id="c3-video-error" className="field-error">
          {fieldError('identity.videoConfirmed')}
        </small>
      )}
      <div className="field">
        <label htmlFor="c3-file">{t('esign.c3.file')}</label>
        <input
          id="c3-file"
          type="file"
          accept=".p7s,.p7m,application/pkcs7-signature"
          aria-invalid={fieldError('file') ? true : undefined}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
      </div>
      <button type="button" disabled={busy || !file} onClick={importFile}>
        {t('esign.c3.import')}
      </button>
      <ErrorBox error={error} />
    </section>
  );
}
