import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../common/contract';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useDesk } from '../state/desk-store';

// A selector must return a stable value: a fresh [] on every call would re-render forever.
const NO_DEMO: never[] = [];

export function LoginScreen() {
  const { t } = useTranslation();
  const [employeeId, setEmployeeId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The previous answer goes away while this attempt is checked: an old message must not
    // read as the answer to the new attempt.
    setError(null);
    setBusy(true);
    const result = await call('auth.login', { employeeId, password });
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error);
    setError(null);
    useDesk.getState().setSession(result.value);
  }

  const demo = useDesk((s) => (s.info?.sandbox ? s.info.demoAccounts : NO_DEMO));
  return (
    <>
      <form className="card narrow" onSubmit={submit}>
        <h1>{t('login.title')}</h1>
        <Field
          label={t('fields.employeeId')}
          autoComplete="username"
          required
          value={employeeId}
          onChange={(e) => setEmployeeId(e.target.value)}
        />
        <Field
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      {demo.length > 0 && (
        <div className="card narrow demo-accounts">
          <h2>{t('demo.accounts')}</h2>
          <table className="table" aria-label={t('demo.accounts')}>
            <tbody>
              {demo.map((a) => (
                <tr key={a.employeeId}>
                  <td>{t(`roles.${a.role}`)}</td>
                  <td>{a.name}</td>
                  <td>
                    <code>{a.employeeId}</code>
                  </td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('a11y.useDemo', { id: a.employeeId })}
                      onClick={() => {
                        setEmployeeId(a.employeeId);
                        setPassword(a.password);
                      }}
                    >
                      ↵
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
