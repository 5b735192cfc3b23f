import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, OutputOf } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';

type Scanner = OutputOf<'scanners.list'>[number];

/** Scanning the form into the case: the scanners this PC reaches, what each can do, and a scan
 * (its pages go through the same checks as an imported file); a scanner problem is said here. */
export function ScanPanel({ caseId, act }: { caseId: number; act: CaseAct }) {
  const { t } = useTranslation();
  const [scanners, setScanners] = useState<Scanner[] | null>(null);
  const [deviceId, setDeviceId] = useState('');
  const [resolution, setResolution] = useState(200);
  const [mode, setMode] = useState<'color' | 'gray'>('color');
  const [source, setSource] = useState<'flatbed' | 'feeder'>('flatbed');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);

  useEffect(() => {
    void call('scanners.list', {}).then((r) => {
      const list = r.ok ? r.value : [];
      setScanners(list);
      const first = list[0];
      if (first) {
        setDeviceId(first.id);
        const caps = first.capabilities;
        setResolution(caps?.resolutions.find((n) => n >= 200) ?? caps?.resolutions.at(-1) ?? 200);
        if (caps?.sources.includes('feeder')) setSource('feeder');
      }
    });
  }, []);

  if (scanners === null) return null;
  const scanner = scanners.find((s) => s.id === deviceId);
  const caps = scanner?.capabilities;
  async function scan() {
    setBusy(true);
    setError(await act(() => call('cases.scan', { caseId, deviceId, resolution, mode, source })));
    setBusy(false);
  }
  return (
    <section className="card" aria-labelledby="scan-title">
      <h2 id="scan-title">{t('quality.scan.title')}</h2>
      {scanners.length === 0 ? (
        <p className="muted">{t('quality.scan.none')}</p>
      ) : (
        <div className="grid">
          <label className="field">
            <span>{t('quality.scan.device')}</span>
            <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
              {scanners.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.id})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('quality.scan.resolution')}</span>
            <select value={resolution} onChange={(e) => setResolution(Number(e.target.value))}>
              {(caps?.resolutions ?? [200]).map((n) => (
                <option key={n} value={n}>
                  {t('quality.scan.dpi', { n })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('quality.scan.mode')}</span>
            <select value={mode} onChange={(e) => setMode(e.target.value as 'color' | 'gray')}>
              {(caps?.modes ?? ['color']).map((m) => (
                <option key={m} value={m}>
                  {t(`quality.scan.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('quality.scan.source')}</span>
            <select value={source} onChange={(e) => setSource(e.target.value as 'flatbed' | 'feeder')}>
              {(caps?.sources ?? ['flatbed']).map((s) => (
                <option key={s} value={s}>
                  {t(`quality.scan.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {scanners.length > 0 && (
        <button type="button" onClick={scan} disabled={busy || !deviceId} aria-describedby="scan-status">
          {busy ? t('quality.scan.busy') : t('quality.scan.start')}
        </button>
      )}
      <span id="scan-status" role="status" className="muted">
        {busy ? t('quality.scan.busy') : ''}
      </span>
      <ErrorBox error={error} />
    </section>
  );
}
