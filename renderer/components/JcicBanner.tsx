import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JcicStatus } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';

/** Says plainly when JCIC or the VPN can't be reached, and what the desk will do next. */
export function JcicBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<JcicStatus | null>(null);
  useEffect(() => {
    const load = async () => {
      const r = await call('jcic.status', {});
      if (r.ok) setStatus(r.value);
    };
    void load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, []);
  if (!status) return null;
  return (
    <>
      {status.reachable === false && (
        <div className="jcic-down" role="alert" data-testid="jcic-down">
          {status.nextAttemptAt
            ? t('jcic.down', { time: dateTimeShort(status.nextAttemptAt) })
            : t('jcic.downNoRetry', { error: status.lastError ?? '' })}
          {status.pending > 0 && <strong> · {t('jcic.pending', { n: status.pending })}</strong>}
        </div>
      )}
      {status.sandbox && status.operatorUrl && (
        <div className="operator-link">
          <a href={status.operatorUrl} target="_blank" rel="noreferrer">
            {t('jcic.operator')}
          </a>
        </div>
      )}
    </>
  );
}
