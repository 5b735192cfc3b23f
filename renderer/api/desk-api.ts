// The renderer's only way to the main side. In Electron the preload's `window.desk` carries the
// call over IPC; in browser mode the same call goes to the loopback web host. Same contract either way.
import type { CallName, DeskBridge, InputOf, OutputOf, Result } from '../../common/contract';
import { renderMessage } from '../../common/contract/errors';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

export async function call<N extends CallName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
  const bridge = window.desk;
  if (bridge) return bridge[name](input);
  try {
    const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
    // The web host refuses an oversized body before reading it: say so, not "desk unreachable".
    if (response.status === 413)
      return { ok: false, error: { code: 'REQUEST_TOO_LARGE', message: renderMessage('REQUEST_TOO_LARGE') } };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as Result<OutputOf<N>>;
  } catch {
    return { ok: false, error: { code: 'HOST_UNREACHABLE', message: renderMessage('HOST_UNREACHABLE') } };
  }
}
