import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/desk-api';
import { ErrorBox, useFieldError, type ShownError } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useDesk } from '../state/desk-store';

export function SetupScreen() {
  const { t } = useTranslation();
  const branchDefault = useDesk((s) => s.info?.branchCode ?? '');
  const [form, setForm] = useState({ employeeId: '', name: '', branchCode: branchDefault, password: '', again: '' });
  const [error, setError] = useState<ShownError>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const bind = (key: keyof typeof form) => ({
    value: form[key],
    error: fieldError(key),
    onChange: (e: { target: { value: string } }) => {
      setForm({ ...form, [key]: e.target.value });
      setError(null);
    },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.again) return setError({ t: 'errors.mismatch', at: 'again' });
    setBusy(true);
    const result = await call('setup.createAdmin', {
      employeeId: form.employeeId,
      name: form.name,
      branchCode: form.branchCode,
      password: form.password,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    await useDesk.getState().refresh();
  }

  async function createDemo() {
    setBusy(true);
    const result = await call('setup.createDemo', {});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    await useDesk.getState().refresh();
  }

  const sandbox = useDesk((s) => s.info?.sandbox);
  return (
    <>
      {sandbox && (
        <div className="card narrow demo-offer">
          <p>{t('demo.offer')}</p>
          <button type="button" onClick={createDemo} disabled={busy}>
            {t('demo.create')}
          </button>
          <p className="muted">{t('demo.or')}</p>
        </div>
      )}
      <form className="card narrow" onSubmit={submit}>
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <Field label={t('fields.employeeId')} autoComplete="off" required {...bind('employeeId')} />
        <Field label={t('fields.name')} required {...bind('name')} />
        <Field label={t('fields.branchCode')} inputMode="numeric" required {...bind('branchCode')} />
        <Field
          label={t('fields.password')}
          type="password"
          hint={t('fields.passwordHint')}
          required
          {...bind('password')}
        />
        <Field label={t('fields.passwordAgain')} type="password" required {...bind('again')} />
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </>
  );
}
