import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../common/contract';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { latestWins } from '../state/latest-wins';
import { CaseAccessLog } from '../components/CaseAccessLog';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';
import type { CaseAct } from './case/case-act';
import { CaseHeader } from './case/CaseHeader';
import { CaseNotices } from './case/CaseNotices';
import { FormCard } from './case/FormCard';
import { QualityFindings } from './case/QualityFindings';
import { ScanPanel } from './case/ScanPanel';
import { CameraPanel } from './case/CameraPanel';
import { AuthorizationForm } from './case/AuthorizationForm';
import { ApprovalForm } from './case/ApprovalForm';
import { RecreateForm } from './case/RecreateForm';
import { CaseHistory } from './case/CaseHistory';
import { EsignPanel } from './case/EsignPanel';
import { EsignRecord } from './case/EsignRecord';
import { AuthorizationMethod, RemoveSignature, type Method } from './case/AuthorizationMethod';
import { C3Panel } from './case/C3Panel';

/** Pages may change while the case is a draft, confirmed (not yet asked) or sent back. */
const EDITABLE = ['draft', 'authorization_captured', 'sent_back'];
const RECREATABLE = ['rejected', 'authorization_expired', 'purged'];
/** A card signature is stored as the case's one page, in this type. */
const SIGNATURE = 'application/pkcs7-signature';

/** One case: who and what, what needs doing now, the form, the decision, the history. Each part
 * that acts shows its own error beside its own controls. */
export function CaseScreen({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const user = useDesk((s) => s.session?.user);
  const go = useNav((s) => s.go);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [loadError, setLoadError] = useState<DeskErrorPayload | null>(null);
  const [askError, setAskError] = useState<DeskErrorPayload | null>(null);
  const [method, setMethod] = useState<Method>('paper');

  // The 2-second refresh and the officer's own actions race: an older answer never replaces a newer one.
  const answers = useMemo(() => latestWins(), []);
  const load = useCallback(async () => {
    const ticket = answers.ticket();
    const r = await call('cases.get', { caseId });
    if (!answers.apply(ticket)) return;
    if (r.ok) {
      setDetail(r.value);
      setLoadError(null);
    } else setLoadError(r.error);
  }, [caseId, answers]);
  useEffect(() => {
    void load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [load]);

  const act: CaseAct = async (run) => {
    const ticket = answers.ticket();
    const r = await run();
    if (!r.ok) return r.error;
    if (answers.apply(ticket)) setDetail(r.value);
    return null;
  };

  if (!detail) return <ErrorBox error={loadError} />;
  const officer = user?.role === 'officer';
  const editable = officer && EDITABLE.includes(detail.state);
  const mayAsk = editable && (detail.state === 'authorization_captured' || detail.state === 'sent_back');
  const signature = detail.pages.find((p) => p.mediaType === SIGNATURE);
  const collecting =
    editable && detail.pages.length === 0 && (detail.state === 'draft' || detail.state === 'sent_back');
  const byCard = collecting && method === 'moica';
  const byC3 = collecting && method === 'c3';
  return (
    <section>
      <button
        type="button"
        className="link"
        onClick={() => go({ name: user?.role === 'supervisor' ? 'approvals' : 'cases' })}
      >
        ← {t('case.back')}
      </button>
      <CaseHeader detail={detail} />
      <ErrorBox error={loadError} quiet />
      <CaseNotices detail={detail} />
      {detail.resultsAvailable && (
        <button type="button" data-guide="results" onClick={() => go({ name: 'results', caseId })}>
          {t('case.results')}
        </button>
      )}
      {officer && RECREATABLE.includes(detail.state) && <RecreateForm detail={detail} />}
      {collecting && <AuthorizationMethod value={method} onChange={setMethod} />}
      {detail.esign && <EsignRecord esign={detail.esign} method={detail.authorizationMethod} />}
      {signature && editable && detail.state !== 'draft' && (
        <RemoveSignature caseId={caseId} pageId={signature.id} act={act} />
      )}
      {byCard && <EsignPanel detail={detail} act={act} />}
      {byC3 && <C3Panel caseId={caseId} act={act} />}
      {detail.state !== 'purged' && !signature && !byCard && !byC3 && (
        <FormCard detail={detail} editable={editable} act={act} />
      )}
      {editable && !signature && !byCard && !byC3 && <CameraPanel caseId={caseId} act={act} />}
      {editable && !signature && !byCard && !byC3 && <ScanPanel caseId={caseId} act={act} />}
      {detail.state !== 'purged' && !signature && !byCard && !byC3 && (
        <QualityFindings detail={detail} answerable={editable} act={act} />
      )}
      {editable &&
        detail.pages.length > 0 &&
        !signature &&
        (detail.state === 'draft' || detail.state === 'sent_back') && <AuthorizationForm caseId={caseId} act={act} />}
      {mayAsk && detail.pagesDigest && (
        <div>
          <button
            type="button"
            data-guide="ask"
            onClick={async () => setAskError(await act(() => call('cases.requestApproval', { caseId })))}
          >
            {t(detail.state === 'sent_back' ? 'case.askAgain' : 'case.requestApproval')}
          </button>
          <ErrorBox error={askError} />
        </div>
      )}
      {detail.state === 'awaiting_approval' && (
        <ApprovalForm detail={detail} ownSession={user?.role === 'supervisor'} act={act} />
      )}
      <CaseHistory events={detail.events} />
      {user?.role === 'supervisor' && <CaseAccessLog caseId={caseId} />}
    </section>
  );
}
