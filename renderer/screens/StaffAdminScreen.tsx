import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type DeskErrorPayload, type Role, type StaffMember } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox, useFieldError } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useDesk } from '../state/desk-store';

const EMPTY = { employeeId: '', name: '', branchCode: '', role: 'officer' as Role, password: '' };

export function StaffAdminScreen() {
  const { t } = useTranslation();
  const branch = useDesk((s) => s.session?.user.branchCode ?? '');
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [form, setForm] = useState({ ...EMPTY, branchCode: branch });
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const fieldError = useFieldError(error);
  const [notice, setNotice] = useState('');
  const [resetting, setResetting] = useState<{ id: number; password: string } | null>(null);
  /** A role change asked for and not yet confirmed by this administrator (it says what it grants). */
  const [changing, setChanging] = useState<{ member: StaffMember; role: Role } | null>(null);

  const [more, setMore] = useState(false);
  /** The pages shown so far are reloaded together after a change (a branch has dozens of staff). */
  const load = useCallback(async (after?: string) => {
    const result = await call('staff.list', after ? { afterEmployeeId: after } : {});
    if (!result.ok) return setError(result.error);
    setStaff((old) => (after ? [...old, ...result.value.items] : result.value.items));
    setMore(result.value.more);
  }, []);
  useEffect(() => void load(), [load]);

  /** An action on one member (`memberId`) shows its error in that member's row. */
  const [rowError, setRowError] = useState<{ id: number; error: DeskErrorPayload } | null>(null);
  async function act(promise: Promise<{ ok: boolean; error?: DeskErrorPayload }>, success = '', memberId?: number) {
    const result = await promise;
    if (!result.ok) {
      setNotice('');
      if (memberId !== undefined && result.error) setRowError({ id: memberId, error: result.error });
      else setError(result.error ?? null);
      return false;
    }
    setError(null);
    setRowError(null);
    setNotice(success);
    await load();
    return true;
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await act(call('staff.create', form), t('staff.created', { name: form.name })))
      setForm({ ...EMPTY, branchCode: branch });
  }

  return (
    <section>
      <h1>{t('staff.title')}</h1>
      <form className="card" onSubmit={create} aria-label={t('staff.add')}>
        <h2>{t('staff.add')}</h2>
        <div className="grid">
          <Field
            label={t('fields.employeeId')}
            required
            value={form.employeeId}
            error={fieldError('employeeId')}
            onChange={(e) => {
              setForm({ ...form, employeeId: e.target.value });
              setError(null);
            }}
          />
          <Field
            label={t('fields.name')}
            required
            value={form.name}
            error={fieldError('name')}
            onChange={(e) => {
              setForm({ ...form, name: e.target.value });
              setError(null);
            }}
          />
          <Field
            label={t('fields.branchCode')}
            required
            value={form.branchCode}
            error={fieldError('branchCode')}
            onChange={(e) => {
              setForm({ ...form, branchCode: e.target.value });
              setError(null);
            }}
          />
          <label className="field">
            <span>{t('fields.role')}</span>
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t('fields.password')}
            type="password"
            autoComplete="new-password"
            hint={t('fields.passwordHint')}
            required
            value={form.password}
            error={fieldError('password')}
            onChange={(e) => {
              setForm({ ...form, password: e.target.value });
              setError(null);
            }}
          />
        </div>
        <button type="submit">{t('staff.create')}</button>
        <ErrorBox error={error} />
      </form>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {changing && (
        <div className="card confirm" role="alertdialog" aria-label={t('staff.confirmRole')} data-testid="role-confirm">
          <p>
            {t('staff.roleChangeTo', {
              name: changing.member.name,
              id: changing.member.employeeId,
              role: t(`roles.${changing.role}`),
            })}
          </p>
          <p>{t(`staff.roleMeans.${changing.role}`)}</p>
          <p className={changing.role === 'officer' ? undefined : 'warn'}>
            {changing.role === 'officer' ? t('staff.roleNow') : t('staff.roleNeedsSecond')}
          </p>
          <div className="row">
            <button
              type="button"
              onClick={async () => {
                const { member, role } = changing;
                setChanging(null);
                await act(
                  call('staff.setRole', { staffId: member.id, role }),
                  role === 'officer'
                    ? t('staff.roleChanged', { name: member.name })
                    : t('staff.roleAsked', { name: member.name }),
                  member.id,
                );
              }}
            >
              {t('staff.confirmRole')}
            </button>
            <button type="button" className="secondary" onClick={() => setChanging(null)}>
              {t('staff.cancel')}
            </button>
          </div>
        </div>
      )}
      <h2>{t('staff.list')}</h2>
      <table className="table" aria-label={t('staff.list')}>
        <thead>
          <tr>
            <th>{t('fields.employeeId')}</th>
            <th>{t('fields.name')}</th>
            <th>{t('fields.branchCode')}</th>
            <th>{t('fields.role')}</th>
            <th>{t('staff.status')}</th>
            <th>{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => (
            <tr key={m.id} data-employee-id={m.employeeId}>
              <td>{m.employeeId}</td>
              <td>{m.name}</td>
              <td>{m.branchCode}</td>
              <td>
                <select
                  aria-label={`${t('staff.changeRole')} ${m.employeeId}`}
                  value={changing?.member.id === m.id ? changing.role : m.role}
                  onChange={(e) => setChanging({ member: m, role: e.target.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {m.disabled ? t('staff.disabled') : t('staff.active')}
                {m.grant && (
                  <span className={`badge ${m.grant.state === 'provisional' ? 'warn' : ''}`}>
                    {m.grant.state === 'provisional'
                      ? t('grants.provisionalShort')
                      : t('grants.pendingShort', { role: t(`roles.${m.grant.role}`) })}
                  </span>
                )}
                {m.mustChangePassword && <span className="badge">{t('staff.mustChange')}</span>}
                {m.lockedUntil && (
                  <span className="badge">{t('staff.locked', { time: dateTimeShort(m.lockedUntil) })}</span>
                )}
              </td>
              <td className="row">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void act(call('staff.setDisabled', { staffId: m.id, disabled: !m.disabled }), '', m.id)
                  }
                >
                  {m.disabled ? t('staff.enable') : t('staff.disable')}
                </button>
                {resetting?.id === m.id ? (
                  // A form of its own, so Enter sets the password; the box has a visible label.
                  <form
                    className="row"
                    aria-label={t('staff.resetFor', { name: m.name })}
                    onSubmit={async (e) => {
                      e.preventDefault();
                      const reset = call('staff.resetPassword', { staffId: m.id, password: resetting.password });
                      if (await act(reset, t('staff.resetDone', { name: m.name }), m.id)) setResetting(null);
                    }}
                  >
                    <label className="inline-field">
                      <span>{t('staff.newPassword')}</span>
                      <input
                        type="password"
                        autoComplete="new-password"
                        autoFocus
                        value={resetting.password}
                        onChange={(e) => {
                          setResetting({ id: m.id, password: e.target.value });
                          setRowError(null);
                        }}
                      />
                    </label>
                    <button type="submit">{t('staff.confirmReset')}</button>
                    <button type="button" className="secondary" onClick={() => setResetting(null)}>
                      {t('staff.cancel')}
                    </button>
                  </form>
                ) : (
                  <button type="button" className="secondary" onClick={() => setResetting({ id: m.id, password: '' })}>
                    {t('staff.resetPassword')}
                  </button>
                )}
                {rowError?.id === m.id && <ErrorBox error={rowError.error} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button type="button" className="secondary" onClick={() => void load(staff.at(-1)?.employeeId)}>
          {t('staff.more')}
        </button>
      )}
    </section>
  );
}
