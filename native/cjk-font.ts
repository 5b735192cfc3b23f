// Whether this machine can draw Chinese: on Linux, browser mode uses the system's fonts, and a
// machine without a CJK font shows every Chinese character as a box. fontconfig knows.
import { spawnSync } from 'node:child_process';

export type FontCheck = { ok: true } | { ok: false; advice: string };

const ADVICE =
  'no Chinese (CJK) font found: Chinese text will show as boxes. On Debian or Ubuntu: sudo apt-get install fonts-noto-cjk';

/** `list` runs fontconfig's query (a parameter so tests can say what fontconfig answers). */
export function checkCjkFont(
  platform: NodeJS.Platform = process.platform,
  list: () => { status: number | null; stdout: string } = () =>
    spawnSync('fc-list', [':lang=zh-tw', 'family'], { encoding: 'utf8', timeout: 5000 }),
): FontCheck {
  // Windows and macOS ship Chinese fonts (Microsoft JhengHei, PingFang TC).
  if (platform !== 'linux') return { ok: true };
  const answer = list();
  return answer.status === 0 && answer.stdout.trim() !== '' ? { ok: true } : { ok: false, advice: ADVICE };
}
