import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../common/contract';
import { JCIC_REJECTIONS, OUTBOX_PROBLEMS } from '../../../common/domain/case-notes';
import { dateTimeShort } from '../../../common/format';
import { RetentionNote } from '../../components/Dates';
import { useNoteText } from '../../components/Notes';

const ENDED = ['data_received', 'rejected', 'authorization_expired'];

/** What the officer must know first: a send-back and its reason, JCIC's rejection, where the
 * submission stands, when the data goes. */
export function CaseNotices({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const noteText = useNoteText();
  const reviewing = detail.state === 'submitted' || detail.state === 'under_review';
  const outboxProblem = detail.outbox?.problem ? noteText(detail.outbox.problem, OUTBOX_PROBLEMS) : null;
  return (
    <>
      {detail.state === 'sent_back' && (
        <div className="sent-back" role="status" data-testid="sent-back">
          <strong>{t('case.sentBack')}</strong>
          <p>{t('case.sentBackReason', { reason: detail.sentBackReason ?? '' })}</p>
          <p className="small">{t('case.sentBackHow')}</p>
        </div>
      )}
      {detail.rejection && (
        <div className="error" data-testid="rejection" data-rejection-code={detail.rejection.code}>
          <strong>{t('case.rejection')}</strong>{' '}
          {noteText({ code: detail.rejection.code, params: {} }, JCIC_REJECTIONS, detail.rejection.message)}
          {/* JCIC's own words when they say more than the code (a reviewer's note), as JCIC wrote them. */}
          {knownRejection(detail.rejection.code) &&
            detail.rejection.message &&
            detail.rejection.message !== JCIC_REJECTIONS[detail.rejection.code]['zh-TW'] && (
              <q className="small" lang="zh-TW" data-jcic-text>
                {detail.rejection.message}
              </q>
            )}
        </div>
      )}
      {detail.state === 'purged' && (
        <p className="notice" data-testid="purged">
          {t('case.purged')}
        </p>
      )}
      {detail.dataExpiresAt && ENDED.includes(detail.state) && (
        <p className="notice" data-testid="retention">
          <RetentionNote expiresAt={detail.dataExpiresAt} />
        </p>
      )}
      {reviewing && <p className="muted">{t('case.waiting')}</p>}
      {reviewing && detail.outbox?.lastError && (
        <p className="error" role="alert" data-testid="follow-error">
          {t('case.followError', { error: outboxProblem ?? '' })}
        </p>
      )}
      {detail.outbox?.state === 'failed' && detail.state === 'queued' && (
        <p className="error" data-testid="outbox">
          {t('case.outboxStopped', { problem: outboxProblem ?? '' })}
        </p>
      )}
      {detail.outbox?.state === 'pending' && (
        <p className="warn" data-testid="outbox">
          {t('case.outboxWaiting', {
            attempts: t('case.attempts', { n: detail.outbox.attempts }),
            time: dateTimeShort(detail.outbox.nextAttemptAt),
          })}
          {outboxProblem ? ` ${outboxProblem}` : ''}
        </p>
      )}
      {detail.outbox?.lastError && (
        <details className="small">
          <summary>{t('case.technicalDetail')}</summary>
          <code>{detail.outbox.lastError}</code>
        </details>
      )}
    </>
  );
}

const knownRejection = (code: string): code is keyof typeof JCIC_REJECTIONS => Object.hasOwn(JCIC_REJECTIONS, code);
