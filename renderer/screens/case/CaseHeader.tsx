import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../common/contract';
import { STATE_LABELS } from '../../../common/domain/case-states';
import { PURPOSE_LABELS, ROLE_LABELS } from '../../../common/domain/eligibility';
import { L, usePunctuation } from '../../components/Labels';
import { DualDate } from '../../components/Dates';

/** Whose case this is (the customer in full while the case holds them), its state and its facts. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { person: named } = usePunctuation();
  const person = (p: { name: string; employeeId: string }) => named(p.name, p.employeeId);
  return (
    <>
      <div className="row spread">
        <h1>
          {t('case.title', { id: detail.id })} {detail.subject?.name ?? detail.subjectNameMasked}{' '}
          <span className="muted">{detail.subject?.idNumber ?? detail.subjectIdMasked}</span>
        </h1>
        <span className={`state state-${detail.state}`} data-testid="case-state" data-state={detail.state}>
          <L text={STATE_LABELS[detail.state]} />
        </span>
      </div>
      <dl className="card facts">
        <dt>{t('cases.role')}</dt>
        <dd>
          <L text={ROLE_LABELS[detail.role]} />
        </dd>
        <dt>{t('cases.purpose')}</dt>
        <dd>
          <L text={PURPOSE_LABELS[detail.purpose]} />
        </dd>
        <dt>{t('cases.products')}</dt>
        <dd>{detail.products.join(' ')}</dd>
        {detail.enterprise && (
          <>
            <dt>{t('case.enterprise')}</dt>
            <dd>{person({ name: detail.enterprise.name, employeeId: detail.enterprise.businessNumber })}</dd>
          </>
        )}
        <dt>{t('cases.preparedBy')}</dt>
        <dd>{person(detail.preparedBy)}</dd>
        {detail.approvedBy && (
          <>
            <dt>{t('case.approvedBy')}</dt>
            <dd>{person(detail.approvedBy)}</dd>
          </>
        )}
        {detail.signedOn && (
          <>
            <dt>{t('case.signedOn')}</dt>
            <dd>
              <DualDate iso={detail.signedOn} />
            </dd>
          </>
        )}
        {detail.validUntil && (
          <>
            <dt>{t('case.validUntil')}</dt>
            <dd>
              <DualDate iso={detail.validUntil} />
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
