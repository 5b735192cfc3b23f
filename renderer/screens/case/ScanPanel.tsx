import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, OutputOf } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';
import { useCaptureProgress } from './use-capture-progress';

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
  const { text: progress, progress: state } = useCaptureProgress(caseId, busy);

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
          <Choice
            label={t('quality.scan.resolution')}
            value={resolution}
            options={(caps?.resolutions ?? [200]).map((n) => [n, t('quality.scan.dpi', { n })])}
            onChange={setResolution}
          />
          <Choice
            label={t('quality.scan.mode')}
            value={mode}
            options={(caps?.modes ?? ['color']).map((m) => [m, t(`quality.scan.${m}`)])}
            onChange={setMode}
          />
          <Choice
            label={t('quality.scan.source')}
            value={source}
            options={(caps?.sources ?? ['flatbed']).map((x) => [x, t(`quality.scan.${x}`)])}
            onChange={setSource}
          />
        </div>
      )}
      {scanners.length > 0 && (
        <button type="button" onClick={scan} disabled={busy || !deviceId} aria-describedby="scan-status">
          {busy ? t('quality.scan.busy') : t('quality.scan.start')}
        </button>
      )}
      {busy && state?.cancellable && state.step === 'scanning' && (
        <button type="button" className="secondary" onClick={() => void call('cases.cancelScan', { caseId })}>
          {t('capture.progress.cancel')}
        </button>
      )}
      <span id="scan-status" role="status" className="muted">
        {busy ? (progress ?? t('quality.scan.busy')) : ''}
      </span>
      <ErrorBox error={error} />
    </section>
  );
}

/** A labelled select of a few values, each with its words. */
function Choice<T extends string | number>(props: {
  label: string;
  value: T;
  options: [T, string][];
  onChange: (value: T) => void;
}) {
  const { label, value, options, onChange } = props;
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(options.find(([v]) => String(v) === e.target.value)![0])}>
        {options.map(([v, words]) => (
          <option key={v} value={v}>
            {words}
          </option>
        ))}
      </select>
    </label>
  );
}
