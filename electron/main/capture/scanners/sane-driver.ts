// Scanners through SANE's own command, scanimage (no native module): `-L` lists them, `-A` says
// what one can do, a scan writes PNG pages into a private directory (the feeder in batch mode, until
// it runs out). SANE's status words (on standard error) become the few fixed problems; the words
// themselves go to IT in the detail. Every call has a deadline; cancelling kills the scan.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_SCAN_PAGE_BYTES,
  pageLimit,
  pageTooLarge,
  ScannerError,
  tooManyPages,
  type ScanRequest,
  type ScannerCapabilities,
  type ScannerDevice,
  type ScannerDriver,
} from './scanner-driver';
import type { ScannerProblem } from '../../../../common/domain/scanner-problems';

const LIST_MS = 20_000;
const PAGE_MS = 120_000;

/** SANE's messages (sane_strstatus) for the problems an officer can fix. */
const STATUS: [RegExp, ScannerProblem][] = [
  [/feeder jammed/i, 'jammed'],
  [/out of documents/i, 'no_paper'],
  [/cover (is )?open/i, 'cover_open'],
  [/device busy/i, 'busy'],
  [/invalid argument|no such device|open of device .* failed/i, 'not_found'],
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `ms`: the longest scanimage may go without saying anything (it says "Scanning page n" and
 * "Scanned page n" for each page): silent longer, it has hung (seen with SANE's test backend), and is
 * killed; the scan then fails in words rather than holding the officer for the whole batch's time. */
function run(args: string[], env: NodeJS.ProcessEnv, ms: number, signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('scanimage', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer = setTimeout(() => child.kill('SIGKILL'), ms);
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => child.kill('SIGKILL'), ms);
    };
    child.stdout.on('data', (d: Buffer) => (alive(), (stdout = (stdout + d.toString('utf8')).slice(-1_000_000))));
    child.stderr.on('data', (d: Buffer) => (alive(), (stderr = (stderr + d.toString('utf8')).slice(-100_000))));
    const abort = () => child.kill('SIGTERM');
    // Cancelled before scanimage started (while the device was described): stopped at once.
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new ScannerError('unavailable', 'scanimage is not installed') : e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      resolve({ code, stdout, stderr });
    });
  });
}

function problemOf(stderr: string): ScannerProblem {
  return STATUS.find(([pattern]) => pattern.test(stderr))?.[1] ?? 'failed';
}

export function saneDriver(env: NodeJS.ProcessEnv = process.env): ScannerDriver {
  const describe = async (deviceId: string) => {
    const { code, stdout, stderr } = await run(['-d', deviceId, '-A'], env, LIST_MS);
    if (code !== 0) throw new ScannerError(problemOf(stderr), stderr.trim().slice(0, 300));
    return { capabilities: parseCapabilities(stdout), sourceOption: /^\s+--source /m.test(stdout) };
  };
  return {
    async list() {
      const { stdout } = await run(['-L'], env, LIST_MS);
      const devices: ScannerDevice[] = [];
      for (const m of stdout.matchAll(/^device `([^']+)' is an? (.+)$/gm))
        devices.push({ id: m[1]!, name: m[2]!.trim(), driver: 'sane' });
      return devices;
    },

    async capabilities(deviceId) {
      return (await describe(deviceId)).capabilities;
    },

    async scan(deviceId, request: ScanRequest, options = {}) {
      const dir = await mkdtemp(join(tmpdir(), 'branch-desk-scan-'));
      try {
        const feeder = request.source === 'feeder';
        const { sourceOption } = await describe(deviceId);
        const args = ['-d', deviceId, '--format=png', '--resolution', String(request.resolution)];
        args.push('--mode', request.mode === 'color' ? 'Color' : 'Gray');
        // A scanner without the option has one source; naming it would be refused.
        if (sourceOption) args.push('--source', feeder ? 'Automatic Document Feeder' : 'Flatbed');
        // One past the case's room: a feeder still giving pages then holds more than the case takes.
        const limit = pageLimit(options);
        const batch = feeder ? limit + 1 : 1;
        args.push(`--batch=${join(dir, 'page-%03d.png')}`, `--batch-count=${batch}`);
        const { code, stderr } = await run(args, env, PAGE_MS, options.signal);
        if (options.signal?.aborted) throw new ScannerError('cancelled', 'cancelled by the officer');
        // A page counts when scanimage finished it with SANE_STATUS_EOF (5): a page the feeder
        // jammed on, or an empty feeder's, ends with another status and is no page.
        const good = new Set(
          [...stderr.matchAll(/^Scanned page (\d+)\. \(scanner status = (\d+)\)/gm)]
            .filter((m) => m[2] === '5')
            .map((m) => Number(m[1])),
        );
        if (good.size > limit) throw tooManyPages(limit);
        const pages: Buffer[] = [];
        for (const name of (await readdir(dir)).filter((n) => /^page-\d{3}\.png$/.test(n)).sort()) {
          if (!good.has(Number(/\d{3}/.exec(name)![0]))) continue;
          const { size } = await stat(join(dir, name));
          if (size > MAX_SCAN_PAGE_BYTES) throw pageTooLarge(pages.length + 1, size);
          pages.push(await readFile(join(dir, name)));
          options.onPage?.(pages.length);
        }
        const problem = problemOf(stderr);
        const detail = `${pages.length} page(s) scanned; ${stderr.trim().split('\n').slice(-3).join(' / ')}`.slice(
          0,
          400,
        );
        // An empty feeder after some pages is how a batch ends; any other problem spoils the form.
        if (problem === 'no_paper' ? pages.length === 0 : problem !== 'failed') throw new ScannerError(problem, detail);
        if (pages.length === 0 || (code !== 0 && problem === 'failed')) throw new ScannerError('failed', detail);
        return pages;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The options scanimage -A prints: resolutions (a list or a range), modes, sources. */
export function parseCapabilities(text: string): ScannerCapabilities {
  const option = (name: string) => new RegExp(`^\\s+--${name} (.+?) \\[`, 'm').exec(text)?.[1] ?? '';
  const resolution = option('resolution');
  const range = /(\d+)\.\.(\d+)dpi/.exec(resolution);
  const wanted = [150, 200, 300, 400, 600];
  const resolutions = range
    ? wanted.filter((r) => r >= Number(range[1]) && r <= Number(range[2]))
    : (resolution.match(/\d+/g) ?? []).map(Number);
  const modes = option('mode')
    .split('|')
    .flatMap((m) => (/colou?r/i.test(m) ? ['color' as const] : /gr[ae]y/i.test(m) ? ['gray' as const] : []));
  const sources = option('source')
    .split('|')
    .flatMap((s) => (/feeder|adf/i.test(s) ? ['feeder' as const] : /flatbed/i.test(s) ? ['flatbed' as const] : []));
  return { resolutions, modes: [...new Set(modes)], sources: sources.length ? [...new Set(sources)] : ['flatbed'] };
}
