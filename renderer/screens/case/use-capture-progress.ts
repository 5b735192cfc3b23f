import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../common/contract';
import { call } from '../../api/desk-api';

type Progress = OutputOf<'cases.captureProgress'>;
const POLL_MS = 400;

/** While a capture into the case runs (`active`), what it is doing, in words: the scanner at work,
 * which page is being checked, whose ID is being read (the slow step). `source` names what arrives
 * before the pages are counted (a file, or the camera's photo). */
export function useCaptureProgress(
  caseId: number,
  active: boolean,
  source: 'file' | 'photo' = 'file',
): { text: string | null; progress: Progress } {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => {
    if (!active) return setProgress(null);
    let stopped = false;
    const poll = async () => {
      const r = await call('cases.captureProgress', { caseId });
      if (stopped) return;
      setProgress(r.ok ? r.value : null);
      timer = setTimeout(poll, POLL_MS);
    };
    let timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [caseId, active]);
  if (!active || !progress) return { text: null, progress };
  const { step, page, of } = progress;
  const text =
    step === 'scanning' || of === 0
      ? t(`capture.progress.${step === 'scanning' ? 'scanning' : source === 'photo' ? 'startingPhoto' : 'starting'}`)
      : t(`capture.progress.${step}`, { page, of });
  return { text, progress };
}
