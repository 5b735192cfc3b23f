import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, SessionView } from '../../common/contract';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useDesk } from '../state/desk-store';

export function LockScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<DeskErrorPayload | null>(null);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    const result = await call('auth.unlock', { password });
    setPassword('');
    if (!result.ok) {
      setError(result.error);
      // A lockout ends the session in main: pick that up so the sign-in screen shows.
      return useDesk.getState().refresh();
    }
    useDesk.getState().setSession(result.value);
  }

  async function switchUser() {
    await call('auth.logout', {});
    await useDesk.getState().refresh();
  }

  return (
    <form className="card narrow" onSubmit={unlock} aria-label={t('lock.title')}>
      <h1>{t('lock.title')}</h1>
      <p>{t('lock.intro', { name: session.user.name, employeeId: session.user.employeeId })}</p>
      <Field
        label={t('fields.password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ErrorBox error={error} />
      <div className="row">
        <button type="submit">{t('lock.unlock')}</button>
        <button type="button" className="secondary" onClick={switchUser}>
          {t('lock.switchUser')}
        </button>
      </div>
    </form>
  );
}
