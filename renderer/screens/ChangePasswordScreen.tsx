import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/desk-api';
import { ErrorBox, useFieldError, type ShownError } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';

/** Changing one's own password; `required` when IT set it and nothing else is allowed until then. */
export function ChangePasswordScreen({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const [form, setForm] = useState({ current: '', next: '', again: '' });
  const [error, setError] = useState<ShownError>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.next !== form.again) return setError({ t: 'password.mismatch', at: 'again' });
    setError(null);
    const result = await call('auth.changePassword', { currentPassword: form.current, newPassword: form.next });
    if (!result.ok) {
      // Only the password that was wrong is cleared; the new one typed stays for the next try.
      if (result.error.code.startsWith('WRONG_CURRENT_PASSWORD')) setForm((f) => ({ ...f, current: '' }));
      setError(result.error);
      return useDesk.getState().refresh(); // a lockout ends the session in main
    }
    setForm({ current: '', next: '', again: '' });
    setDone(true);
    useDesk.getState().setSession(result.value);
    if (required) go({ name: 'home' });
  }

  const fieldError = useFieldError(error);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setError(null);
  };
  return (
    <form className="card narrow" onSubmit={submit} aria-label={t('password.title')}>
      <h1>{t('password.title')}</h1>
      {required && <p className="warn">{t('password.required')}</p>}
      <Field
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        required
        value={form.current}
        error={fieldError('currentPassword')}
        onChange={set('current')}
      />
      <Field
        label={t('password.next')}
        type="password"
        autoComplete="new-password"
        required
        value={form.next}
        error={fieldError('newPassword')}
        onChange={set('next')}
      />
      <Field
        label={t('password.again')}
        type="password"
        autoComplete="new-password"
        required
        value={form.again}
        error={fieldError('again')}
        onChange={set('again')}
      />
      <ErrorBox error={error} />
      {done && (
        <p role="status" className="notice">
          {t('password.done')}
        </p>
      )}
      <button type="submit">{t('password.submit')}</button>
    </form>
  );
}
