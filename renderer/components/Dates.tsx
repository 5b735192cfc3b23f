import { useTranslation } from 'react-i18next';
import { dateTimeShort, rocDate, rocDateShort } from '../../common/format';
import { useDesk } from '../state/desk-store';
import { DAY_MS } from '../../common/taiwan-day';

/** A date as staff expect it: ROC first, Gregorian beside it. */
export function DualDate({ iso }: { iso: string | null }) {
  const lang = useDesk((s) => s.lang);
  if (!iso) return <span>—</span>;
  const day = iso.slice(0, 10);
  // English: Gregorian first, the ROC date in figures (no Chinese characters in English text).
  return (
    <span className="date">{lang === 'en' ? `${day} (ROC ${rocDateShort(day)})` : `${rocDate(day)}（${day}）`}</span>
  );
}

/** Time left until `iso`, counted on the desk's clock. */
/** "2 天 23 小時": how long until `iso` by the desk's clock. */
export function useTimeLeft(iso: string): string {
  const { t } = useTranslation();
  const now = useDesk((s) => s.info?.now) ?? new Date().toISOString();
  const ms = Math.max(0, Date.parse(iso) - Date.parse(now));
  const d = Math.floor(ms / DAY_MS);
  const h = Math.floor((ms % DAY_MS) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return d > 0 ? t('time.days', { d, h }) : h > 0 ? t('time.hours', { h, m }) : t('time.minutes', { m });
}

export function TimeLeft({ iso }: { iso: string }) {
  return <span>{useTimeLeft(iso)}</span>;
}

/** "資料將於 … 刪除（剩餘 2 天 23 小時）" as one sentence in either language. */
export function RetentionNote({ expiresAt }: { expiresAt: string }) {
  const { t } = useTranslation();
  return <>{t('case.retention', { time: dateTimeShort(expiresAt), left: useTimeLeft(expiresAt) })}</>;
}
