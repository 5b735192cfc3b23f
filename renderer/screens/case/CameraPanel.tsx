import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { readAsBase64 } from '../../api/read-file';
import { ErrorBox } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';
import { useCaptureProgress } from './use-capture-progress';

/** Asked of the camera: as many pixels as it has (a document camera's full resolution); the
 * browser settles on the nearest mode the camera offers. */
const FULL_RESOLUTION = { width: { ideal: 4096 }, height: { ideal: 4096 } };

/** Photographing the form with a document camera (高拍儀, an ordinary webcam to the PC): a live
 * view, then each shot at the camera's full resolution goes to the desk as a page, where it is cut
 * to the sheet, straightened and judged like any other capture. Video only: no microphone. */
export function CameraPanel({ caseId, act }: { caseId: number; act: CaseAct }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState('');
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState(0);
  const { text: progress } = useCaptureProgress(caseId, busy, 'photo');

  // The camera is let go when the panel goes (another screen, the case sent on).
  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  async function open(id = deviceId) {
    setProblem(null);
    stream?.getTracks().forEach((track) => track.stop());
    try {
      const opened = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { ...FULL_RESOLUTION, ...(id ? { deviceId: { exact: id } } : {}) },
      });
      setSize(null);
      setStream(opened);
      const settings = opened.getVideoTracks()[0]?.getSettings();
      // Labels are given once the camera is allowed: list them now.
      const devices = await navigator.mediaDevices.enumerateDevices();
      setCameras(devices.filter((d) => d.kind === 'videoinput'));
      setDeviceId(settings?.deviceId ?? id);
    } catch (e) {
      setStream(null);
      setProblem(cameraProblem(e, t));
    }
  }

  function close() {
    stream?.getTracks().forEach((track) => track.stop());
    setStream(null);
  }

  async function shoot() {
    const view = video.current;
    if (!view?.videoWidth) return;
    setBusy(true);
    // The frame as the camera gave it, not as the preview shows it (the preview is scaled down).
    const canvas = document.createElement('canvas');
    canvas.width = view.videoWidth;
    canvas.height = view.videoHeight;
    canvas.getContext('2d')!.drawImage(view, 0, 0);
    const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.92));
    const dataBase64 = blob ? await readAsBase64(blob) : '';
    const problem = await act(() => call('cases.addPhoto', { caseId, dataBase64 }));
    setError(problem);
    if (!problem) setTaken((n) => n + 1);
    setBusy(false);
  }

  return (
    <section className="card" aria-labelledby="camera-title">
      <h2 id="camera-title">{t('capture.camera.title')}</h2>
      <p className="muted">{t('capture.camera.hint')}</p>
      {cameras.length > 1 && (
        <label className="field">
          <span>{t('capture.camera.device')}</span>
          <select
            value={deviceId}
            onChange={(e) => {
              setDeviceId(e.target.value);
              void open(e.target.value);
            }}
          >
            {cameras.map((c, i) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || `${t('capture.camera.device')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {stream ? (
        <>
          <video
            ref={video}
            className="camera-preview"
            autoPlay
            playsInline
            muted
            aria-label={t('capture.camera.preview')}
            // Ready to take once the first frame is here: its size is the camera's, not the track's wish.
            onLoadedMetadata={(e) =>
              setSize({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight })
            }
          />
          {size && <p className="muted">{t('capture.camera.resolution', size)}</p>}
          <div className="row">
            <button type="button" onClick={shoot} disabled={busy || !size} aria-describedby="camera-status">
              {t('capture.camera.shoot')}
            </button>
            <button type="button" className="secondary" onClick={close} disabled={busy}>
              {t('capture.camera.close')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" onClick={() => open()}>
          {t('capture.camera.open')}
        </button>
      )}
      <span id="camera-status" role="status" className="muted">
        {busy ? (progress ?? t('capture.camera.busy')) : taken > 0 ? t('capture.camera.taken', { n: taken }) : ''}
      </span>
      {problem && (
        <p className="error" role="alert" data-camera-problem>
          {problem}
        </p>
      )}
      <ErrorBox error={error} />
    </section>
  );
}

function cameraProblem(e: unknown, t: (key: string, params?: Record<string, string>) => string): string {
  const name = (e as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('capture.camera.denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t('capture.camera.notFound');
  if (name === 'NotReadableError' || name === 'AbortError') return t('capture.camera.inUse');
  // Anything else: fixed words for the officer (the browser's own message is English and technical);
  // the error's name for IT, and the whole of it in the console.
  console.error('[camera] could not be opened:', e);
  return t('capture.camera.failed', { code: name ?? 'unknown' });
}
