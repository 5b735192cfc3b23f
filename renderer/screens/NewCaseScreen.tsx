import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../common/contract';
import {
  checkEligibility,
  enterpriseRule,
  PURPOSE_LABELS,
  PURPOSES,
  ROLE_LABELS,
  rolesFor,
  type Purpose,
  type SubjectRole,
} from '../../common/domain/eligibility';
import { PRODUCT_CODES, PRODUCTS, type ProductCode } from '../../common/domain/products';
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { checkIdentifier, IDENTIFIER_KIND_LABELS, IDENTIFIER_PROBLEM_LABELS } from '../../common/identifiers';
import { call } from '../api/desk-api';
import { ErrorBox, useFieldError } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useL, usePunctuation } from '../components/Labels';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';
import { usePractice } from '../state/practice-store';
import { PRACTICE_CUSTOMER } from '../components/PracticeGuide';
import { taiwanDay } from '../../common/taiwan-day';

export function NewCaseScreen() {
  const { t } = useTranslation();
  const l = useL();
  const info = useDesk((s) => s.info);
  const go = useNav((s) => s.go);
  const today = taiwanDay(info?.now ?? new Date());
  // The sandbox's practice walk opens its case for a simulated customer.
  const practising = usePractice((p) => p.active && p.caseId === null);
  const attachPractice = usePractice((p) => p.attach);
  const [idNumber, setIdNumber] = useState(practising ? PRACTICE_CUSTOMER.idNumber : '');
  const [name, setName] = useState(practising ? PRACTICE_CUSTOMER.name : '');
  // A practice started from Help while this screen is open: the same, when nothing is typed yet (a
  // half-typed customer is never mixed with the simulated one).
  useEffect(() => {
    if (!practising || idNumber || name) return;
    setIdNumber(PRACTICE_CUSTOMER.idNumber);
    setName(PRACTICE_CUSTOMER.name);
  }, [practising]); // only when the practice starts, not on each keystroke
  const [purpose, setPurpose] = useState<Purpose>('credit');
  const [role, setRole] = useState<SubjectRole>('borrower');
  const [enterprise, setEnterprise] = useState({ businessNumber: '', name: '' });
  const [products, setProducts] = useState<ProductCode[]>(['T50']);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const fieldError = useFieldError(error);
  const punct = usePunctuation();

  const idVerdict = idNumber.trim() ? checkIdentifier(idNumber, today) : null;
  const eligibility = useMemo(
    () => Object.fromEntries(PRODUCT_CODES.map((p) => [p, checkEligibility(purpose, role, p, today)])),
    [purpose, role, today],
  );
  const needsEnterprise = enterpriseRule(role);

  function choosePurpose(p: Purpose) {
    setPurpose(p);
    const roles = rolesFor(p);
    if (roles.length && !roles.includes(role)) setRole(roles[0]!);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = products.filter((p) => eligibility[p]?.allowed);
    const r = await call('cases.create', {
      subject: { idNumber, name },
      role,
      purpose,
      products: chosen.length ? chosen : products,
      enterprise: needsEnterprise !== 'none' && (enterprise.businessNumber || enterprise.name) ? enterprise : null,
    });
    if (!r.ok) return setError(r.error);
    if (practising) attachPractice(r.value.id);
    go({ name: 'case', caseId: r.value.id });
  }

  return (
    <form className="card" onSubmit={submit} aria-label={t('intake.title')}>
      <h1>{t('intake.title')}</h1>
      {info?.sandbox && (
        <div className="demo-customers">
          <span>
            {t('intake.demoCustomers')}
            {punct.colon}
          </span>
          {DEMO_CUSTOMERS.map((c) => (
            <button
              key={c.idNumber}
              type="button"
              className="chip"
              title={l(c.note)}
              onClick={() => {
                setIdNumber(c.idNumber);
                setName(c.name);
              }}
            >
              {c.name}
            </button>
          ))}
        </div>
      )}
      <div className="grid">
        <Field
          label={t('intake.idNumber')}
          required
          value={idNumber}
          error={fieldError('subject.idNumber')}
          onChange={(e) => {
            setIdNumber(e.target.value);
            setError(null);
          }}
          hint={
            idVerdict
              ? idVerdict.valid
                ? l(IDENTIFIER_KIND_LABELS[idVerdict.kind])
                : l(IDENTIFIER_PROBLEM_LABELS[idVerdict.problem!])
              : undefined
          }
        />
        <Field
          label={t('intake.name')}
          required
          value={name}
          error={fieldError('subject.name')}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        <label className="field">
          <span>{t('cases.purpose')}</span>
          <select
            aria-label={t('cases.purpose')}
            value={purpose}
            onChange={(e) => choosePurpose(e.target.value as Purpose)}
          >
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {l(PURPOSE_LABELS[p])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('cases.role')}</span>
          <select aria-label={t('cases.role')} value={role} onChange={(e) => setRole(e.target.value as SubjectRole)}>
            {(rolesFor(purpose).length ? rolesFor(purpose) : (['borrower'] as SubjectRole[])).map((r) => (
              <option key={r} value={r}>
                {l(ROLE_LABELS[r])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {needsEnterprise !== 'none' && (
        <fieldset className="grid">
          <legend>
            {t('intake.enterprise')}
            {needsEnterprise === 'optional' ? t('intake.optional') : ''}
          </legend>
          <Field
            label={t('intake.businessNumber')}
            required={needsEnterprise === 'required'}
            value={enterprise.businessNumber}
            error={fieldError('enterprise.businessNumber')}
            onChange={(e) => {
              setEnterprise({ ...enterprise, businessNumber: e.target.value });
              setError(null);
            }}
          />
          <Field
            label={t('intake.enterpriseName')}
            required={needsEnterprise === 'required'}
            value={enterprise.name}
            error={fieldError('enterprise.name')}
            onChange={(e) => {
              setEnterprise({ ...enterprise, name: e.target.value });
              setError(null);
            }}
          />
        </fieldset>
      )}
      <fieldset>
        <legend>{t('cases.products')}</legend>
        {PRODUCT_CODES.map((p) => {
          const verdict = eligibility[p]!;
          return (
            <label key={p} className={`product ${verdict.allowed ? '' : 'unavailable'}`} data-product={p}>
              <input
                type="checkbox"
                disabled={!verdict.allowed}
                checked={verdict.allowed && products.includes(p)}
                onChange={(e) => setProducts(e.target.checked ? [...products, p] : products.filter((x) => x !== p))}
              />
              <strong>{p}</strong> {l(PRODUCTS[p].name)}
              {!verdict.allowed && (
                <small className="why">
                  {t('intake.unavailable')}
                  {punct.colon}
                  {l(verdict.message)}
                </small>
              )}
            </label>
          );
        })}
      </fieldset>
      <div className="row">
        <button type="submit" data-guide="create">
          {t('intake.create')}
        </button>
        <button type="button" className="secondary" onClick={() => go({ name: 'cases' })}>
          {t('case.back')}
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}
