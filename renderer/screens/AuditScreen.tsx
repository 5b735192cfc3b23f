import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_PROBLEM_LABELS } from '../../common/domain/audit-problems';
import type { AuditEntry, AuditQuery, AuditVerdict, DeskErrorPayload } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox, useFieldError } from '../components/ErrorBox';
import { describeIssues, fieldIssue, type FieldIssue } from '../../common/contract/field-problems';
import { renderMessage } from '../../common/contract/errors';
import { AUDIT_ACTION_LABELS } from '../../common/domain/audit-actions';
import { useDesk } from '../state/desk-store';
import { Field } from '../components/Field';
import { L } from '../components/Labels';

const PAGE = 100;
type Filter = Omit<AuditQuery, 'limit' | 'beforeId'>;
const EMPTY = { caseId: '', employeeId: '', action: '', fromDay: '', toDay: '' };

/** The typed form as a query: empty fields are no condition. A case number that is no number, or
 * days the wrong way round, are said under their fields (the same words main would use). */
function toFilter(form: typeof EMPTY): Filter | DeskErrorPayload {
  const issues: FieldIssue[] = [];
  const caseNumber = form.caseId.trim().replace(/^#/, '');
  if (caseNumber && !/^[1-9]\d{0,8}$/.test(caseNumber)) issues.push(fieldIssue('caseId', 'whole_number'));
  if (form.fromDay && form.toDay && form.fromDay > form.toDay) issues.push(fieldIssue('toDay', 'date_order'));
  if (issues.length)
    return {
      code: 'VALIDATION',
      message: renderMessage('VALIDATION', { detail: describeIssues(issues) }),
      fields: issues,
    };
  const filter: Filter = {};
  if (caseNumber) filter.caseId = Number(caseNumber);
  if (form.employeeId.trim()) filter.employeeId = form.employeeId.trim();
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.fromDay) filter.fromDay = form.fromDay;
  if (form.toDay) filter.toDay = form.toDay;
  return filter;
}

export function AuditScreen() {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [more, setMore] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [filter, setFilter] = useState<Filter>({});
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);

  async function load(query: Filter, beforeId?: number) {
    const result = await call('audit.list', { ...query, limit: PAGE, ...(beforeId ? { beforeId } : {}) });
    if (!result.ok) return setError(result.error);
    setError(null);
    setEntries((old) => (beforeId ? [...old, ...result.value.items] : result.value.items));
    setMore(result.value.more);
  }
  useEffect(() => void load({}), []);

  function search(e: FormEvent) {
    e.preventDefault();
    const next = toFilter(form);
    if ('code' in next) return setFilterError(next);
    setFilterError(null);
    setFilter(next);
    void load(next);
  }
  function clear() {
    setForm(EMPTY);
    setFilterError(null);
    setFilter({});
    void load({});
  }
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  /** The whole trail, or from the last verified checkpoint; progress is asked for while it runs. */
  async function verify(full: boolean) {
    setVerdict(null);
    setProgress({ checked: 0, total: 0 });
    const timer = setInterval(async () => {
      const p = await call('audit.verifyProgress', {});
      if (p.ok && p.value.running) setProgress({ checked: p.value.checked, total: p.value.total });
    }, 500);
    const result = await call('audit.verify', { full });
    clearInterval(timer);
    setProgress(null);
    if (!result.ok) return setError(result.error);
    setVerdict(result.value);
  }
  const [filterError, setFilterError] = useState<DeskErrorPayload | null>(null);
  const fieldError = useFieldError(filterError);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setFilterError(null);
  };

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <div className="row">
        <button type="button" className="secondary" disabled={progress !== null} onClick={() => void verify(true)}>
          {t('audit.verify')}
        </button>
        <button type="button" className="secondary" disabled={progress !== null} onClick={() => void verify(false)}>
          {t('audit.verifyQuick')}
        </button>
      </div>
      {progress && (
        <p role="status" className="muted" data-testid="audit-progress">
          {progress.total
            ? t('audit.progress', { checked: progress.checked, total: progress.total })
            : t('audit.starting')}
        </p>
      )}
      {verdict &&
        (verdict.intact ? (
          <p role="status" className="notice" data-testid="audit-verdict" data-intact="true">
            {t('audit.intact', { rows: verdict.rows })}
            {verdict.startedAfter !== null && (
              <>
                <br />
                {t('audit.fromCheckpoint', { id: verdict.startedAfter })}
              </>
            )}
            {verdict.unsignedCount > 0 && (
              <>
                <br />
                {t('audit.unsigned', {
                  count: verdict.unsignedCount,
                  ids:
                    verdict.unsignedIds.map((id) => `#${id}`).join('、') +
                    (verdict.unsignedCount > verdict.unsignedIds.length ? '…' : ''),
                })}
              </>
            )}
          </p>
        ) : (
          <div role="alert" className="error" data-testid="audit-verdict" data-intact="false">
            <p>{t('audit.broken', { count: verdict.problems.length, rows: verdict.rows })}</p>
            <ul>
              {verdict.problems.map((p, i) => (
                <li key={i} data-problem={p.kind}>
                  <L text={AUDIT_PROBLEM_LABELS[p.kind]} />
                  {p.entryId ? ` (#${p.entryId})` : ''}
                  {p.foundAt ? ` · ${t('audit.foundAt', { time: dateTimeShort(p.foundAt) })}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
      <form className="card filters" aria-label={t('audit.filter')} onSubmit={search}>
        <Field
          label={t('audit.caseId')}
          inputMode="numeric"
          value={form.caseId}
          error={fieldError('caseId')}
          onChange={set('caseId')}
        />
        <Field label={t('fields.employeeId')} value={form.employeeId} onChange={set('employeeId')} />
        <Field label={t('audit.actionPrefix')} value={form.action} onChange={set('action')} />
        <Field label={t('audit.fromDay')} type="date" value={form.fromDay} onChange={set('fromDay')} />
        <Field
          label={t('audit.toDay')}
          type="date"
          value={form.toDay}
          error={fieldError('toDay')}
          onChange={set('toDay')}
        />
        <div className="row">
          <button type="submit">{t('audit.search')}</button>
          <button type="button" className="secondary" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
        <ErrorBox error={filterError} />
      </form>
      <ErrorBox error={error} />
      <table className="table audit" aria-label={t('audit.title')}>
        <thead>
          <tr>
            <th>{t('audit.at')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.caseId')}</th>
            <th>{t('audit.target')}</th>
            <th>{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-audit-id={e.id}>
              <td>{dateTimeShort(e.at)}</td>
              <td>{e.actorEmployeeId ?? '—'}</td>
              <td>
                {AUDIT_ACTION_LABELS[e.action]?.[lang] ?? ''} <code>{e.action}</code>
              </td>
              <td>{e.caseId ?? ''}</td>
              <td>{e.target ?? ''}</td>
              <td>
                <code>{e.detail ?? ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !error && <p className="muted">{t('audit.none')}</p>}
      {more && (
        <button type="button" className="secondary" onClick={() => void load(filter, entries[entries.length - 1]?.id)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
