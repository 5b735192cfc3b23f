import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../common/contract';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useDesk } from '../state/desk-store';

export function LoginScreen() {
  const { t } = useTranslation();
  const [employeeId, setEmployeeId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await call('auth.login', { employeeId, password });
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error);
    setError(null);
    useDesk.getState().setSession(result.value);
  }

  return (
    <form className="card narrow" onSubmit={submit}>
      <h1>{t('login.title')}</h1>
      <Field label={t('fields.employeeId')} autoComplete="username" required value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
      <Field label={t('fields.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <ErrorBox error={error} />
      <button type="submit" disabled={busy}>{t('login.submit')}</button>
    </form>
  );
}
