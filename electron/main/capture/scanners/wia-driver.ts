// Scanners through Windows' WIA 2.0, driven by its scripting objects (WIA.DeviceManager) in
// PowerShell: no native module. The script is a fixed template given on standard input; what varies
// (the device, the settings, the page directory) goes in as one JSON literal, never pieced into the
// code. The script answers in JSON lines; a page is a PNG file in a fresh private directory that is
// read back and removed. WIA's error codes become the few fixed problems. The runner is injected:
// only Windows has the real one, and the tests answer as the script would.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from '../../../../common/zod';
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

export type PowerShellRunner = (
  script: string,
  signal?: AbortSignal,
) => Promise<{ stdout: string; stderr: string; code: number | null }>;

const LIST_MS = 30_000;
const PAGE_MS = 120_000;
const WANTED_RESOLUTIONS = [150, 200, 300, 400, 600];
/** WiaFormatPNG: pages come back as PNG (a driver that gives BMP is converted in the script). */
export const WIA_FORMAT_PNG = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}';
/** WIA property ids (wiadef.h): the item's intent and resolution, the device's feeder and pages. */
export const WIA_PROPERTY = {
  intent: 6146, // WIA_IPS_CUR_INTENT: 1 colour, 2 greyscale
  xResolution: 6147, // WIA_IPS_XRES
  yResolution: 6148, // WIA_IPS_YRES
  dataType: 4103, // WIA_IPA_DATATYPE: 2 greyscale, 3 colour
  handlingCapabilities: 3086, // WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES: 1 feeder, 2 flatbed
  handlingSelect: 3088, // WIA_DPS_DOCUMENT_HANDLING_SELECT: 1 feeder, 2 flatbed
  pages: 3096, // WIA_DPS_PAGES: pages per transfer
} as const;

/** WIA's HRESULTs (wiadef.h: MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIA = 33, n)) and COM's own. */
const PROBLEMS = new Map<number, ScannerProblem>([
  [0x80210002, 'jammed'], // WIA_ERROR_PAPER_JAM
  [0x80210003, 'no_paper'], // WIA_ERROR_PAPER_EMPTY
  [0x80210004, 'jammed'], // WIA_ERROR_PAPER_PROBLEM: the paper is to be put right
  [0x80210005, 'not_found'], // WIA_ERROR_OFFLINE
  [0x80210006, 'busy'], // WIA_ERROR_BUSY
  [0x80210007, 'busy'], // WIA_ERROR_WARMING_UP: ready in a moment
  [0x8021000a, 'not_found'], // WIA_ERROR_DEVICE_COMMUNICATION
  [0x8021000d, 'busy'], // WIA_ERROR_DEVICE_LOCKED
  [0x80210010, 'cover_open'], // WIA_ERROR_COVER_OPEN (16)
  [0x80210016, 'cover_open'], // the same as Microsoft's error table prints it (16 written as hex)
  [0x80210014, 'jammed'], // WIA_ERROR_MULTI_FEED (20)
  [0x80210020, 'jammed'], // the same as the table prints it
  [0x80210015, 'not_found'], // WIA_S_NO_DEVICE_AVAILABLE
  [0x80040154, 'unavailable'], // REGDB_E_CLASSNOTREG: WIA's scripting objects are not installed
]);
/** Said by the script itself: the feeder ran out (after pages: the batch's end), no such device. */
const PAPER_EMPTY = 0x80210003;
const NO_DEVICE = 0x80210015;

const Line = z.union([
  z.object({ kind: z.literal('device'), id: z.string().min(1).max(190), name: z.string().max(200) }),
  z.object({
    kind: z.literal('caps'),
    resolutions: z.array(z.number()).max(100),
    range: z.object({ min: z.number(), max: z.number() }).nullable(),
    dataTypes: z.array(z.number()).max(20),
    handling: z.number().nullable(),
  }),
  z.object({ kind: z.literal('page'), page: z.number().int().min(1) }),
  z.object({ kind: z.literal('error'), hresult: z.number().int(), message: z.string().max(2000) }),
  z.object({ kind: z.literal('done') }),
]);
type Line = z.infer<typeof Line>;

// The script: a block read from standard input, so it has no blank line inside (PowerShell runs
// piped input statement by statement, and a blank line ends an open block); one after it runs it.
const TEMPLATE = String.raw`& {
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$p = ConvertFrom-Json '__PARAMS__'
function Say($o) { [Console]::Out.WriteLine((ConvertTo-Json -Compress -Depth 5 $o)) }
function Inner($e) { $x = $e.Exception; while ($x.InnerException) { $x = $x.InnerException }; $x }
function Prop($props, $id) { foreach ($q in $props) { if ($q.PropertyID -eq $id) { return $q } }; $null }
function Named($props, $name) { foreach ($q in $props) { if ($q.Name -eq $name) { return [string]$q.Value } }; '' }
function Scanner { foreach ($d in (New-Object -ComObject WIA.DeviceManager).DeviceInfos) { if ($d.Type -eq 1 -and $d.DeviceID -eq $p.deviceId) { return $d.Connect() } }; $null }
try {
  if ($p.action -eq 'list') {
    foreach ($d in (New-Object -ComObject WIA.DeviceManager).DeviceInfos) {
      if ($d.Type -eq 1) { Say @{ kind = 'device'; id = [string]$d.DeviceID; name = (Named $d.Properties 'Name') } }
    }
    Say @{ kind = 'done' }
    return
  }
  $device = Scanner
  if (-not $device) { Say @{ kind = 'error'; hresult = __NO_DEVICE__; message = 'no such WIA scanner' }; return }
  $item = $device.Items.Item(1)
  if ($p.action -eq 'capabilities') {
    $res = Prop $item.Properties 6147
    $list = @(); $range = $null; $types = @()
    if ($res.SubType -eq 2) { foreach ($v in $res.SubTypeValues) { $list += [int]$v } }
    elseif ($res.SubType -eq 1) { $range = @{ min = [int]$res.SubTypeMin; max = [int]$res.SubTypeMax } }
    else { $list = @([int]$res.Value) }
    $dt = Prop $item.Properties 4103
    if ($dt -and $dt.SubType -eq 2) { foreach ($v in $dt.SubTypeValues) { $types += [int]$v } }
    $caps = Prop $device.Properties 3086
    $handling = $null; if ($caps) { $handling = [int]$caps.Value }
    Say @{ kind = 'caps'; resolutions = $list; range = $range; dataTypes = $types; handling = $handling }
    Say @{ kind = 'done' }
    return
  }
  $select = Prop $device.Properties 3088
  if ($select) { $select.Value = [int]$p.handling }
  elseif ($p.feeder) { Say @{ kind = 'error'; hresult = 0; message = 'this scanner has no document feeder' }; return }
  $pages = Prop $device.Properties 3096
  if ($pages) { $pages.Value = 1 }
  (Prop $item.Properties 6146).Value = [int]$p.intent
  (Prop $item.Properties 6147).Value = [int]$p.resolution
  (Prop $item.Properties 6148).Value = [int]$p.resolution
  $n = 0
  while ($n -lt $p.maxPages) {
    try { $image = $item.Transfer($p.format) }
    catch { $x = Inner $_; if ($p.feeder -and $n -gt 0 -and $x.HResult -eq __PAPER_EMPTY__) { break }; throw }
    if ($image.FormatID -ne $p.format) {
      $convert = New-Object -ComObject WIA.ImageProcess
      $convert.Filters.Add($convert.FilterInfos.Item('Convert').FilterID)
      $convert.Filters.Item(1).Properties.Item('FormatID').Value = $p.format
      $image = $convert.Apply($image)
    }
    $n++
    $image.SaveFile((Join-Path $p.dir ('page-{0:D3}.png' -f $n)))
    Say @{ kind = 'page'; page = $n }
    if (-not $p.feeder) { break }
  }
  Say @{ kind = 'done' }
} catch {
  $x = Inner $_
  Say @{ kind = 'error'; hresult = [int]$x.HResult; message = [string]$x.Message }
}
}

`;

/** The script with its parameters as one single-quoted JSON literal: ASCII only (PowerShell also
 * takes typographic quotes as quotes), its own quotes doubled, so no value can end the string. */
export function wiaScript(params: Record<string, unknown>): string {
  const json = JSON.stringify(params).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return TEMPLATE.replace('__NO_DEVICE__', String(NO_DEVICE | 0))
    .replace('__PAPER_EMPTY__', String(PAPER_EMPTY | 0))
    .replace('__PARAMS__', () => json.replace(/'/g, "''"));
}

/** Windows PowerShell with the script on standard input; the signal kills it. */
export const powershell: PowerShellRunner = (script, signal) =>
  new Promise((resolve, reject) => {
    const child = spawn('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString('utf8')).slice(-1_000_000)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-100_000)));
    const kill = () => child.kill();
    signal?.addEventListener('abort', kill, { once: true });
    child.once('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', kill);
      reject(e.code === 'ENOENT' ? new ScannerError('unavailable', 'powershell.exe was not found') : e);
    });
    child.once('close', (code) => {
      signal?.removeEventListener('abort', kill);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a child that died early: its exit says why
    child.stdin.end(script);
  });

export function problemOfHresult(hresult: number): ScannerProblem {
  return PROBLEMS.get(hresult >>> 0) ?? 'failed';
}

export function wiaDriver(
  run: PowerShellRunner = powershell,
  limits = { listMs: LIST_MS, pageMs: PAGE_MS },
): ScannerDriver {
  /** Runs one action; the lines it said, or its error as the problem it is. */
  const ask = async (params: Record<string, unknown>, ms: number, cancel?: AbortSignal): Promise<Line[]> => {
    const deadline = AbortSignal.timeout(ms);
    const signal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
    const { stdout, stderr, code } = await run(wiaScript(params), signal).catch((e: unknown) => {
      if (e instanceof ScannerError) throw e;
      throw new ScannerError('failed', `PowerShell could not be run: ${e instanceof Error ? e.message : String(e)}`);
    });
    if (cancel?.aborted) throw new ScannerError('cancelled', 'cancelled by the officer');
    if (deadline.aborted) throw new ScannerError('failed', `WIA did not finish within ${ms / 1000} s`);
    const lines = stdout.split(/\r?\n/).flatMap((text) => {
      if (!text.startsWith('{')) return [];
      try {
        const parsed = Line.safeParse(JSON.parse(text));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
    const error = lines.find((l) => l.kind === 'error');
    if (error?.kind === 'error') {
      const hex = `0x${(error.hresult >>> 0).toString(16).padStart(8, '0')}`;
      throw new ScannerError(problemOfHresult(error.hresult), `${hex} ${error.message}`.trim().slice(0, 400));
    }
    if (!lines.some((l) => l.kind === 'done'))
      throw new ScannerError('failed', `WIA script ended (${code}) without an answer: ${stderr.trim().slice(-300)}`);
    return lines;
  };

  return {
    async list() {
      const lines = await ask({ action: 'list' }, limits.listMs);
      return lines.flatMap((l): ScannerDevice[] =>
        l.kind === 'device' ? [{ id: `wia:${l.id}`, name: l.name || l.id, driver: 'wia' }] : [],
      );
    },

    async capabilities(deviceId) {
      const lines = await ask({ action: 'capabilities', deviceId: wiaId(deviceId) }, limits.listMs);
      const caps = lines.find((l) => l.kind === 'caps');
      if (caps?.kind !== 'caps') throw new ScannerError('failed', 'WIA gave no capabilities');
      return capabilitiesOf(caps);
    },

    async scan(deviceId, request: ScanRequest, options = {}) {
      // A fresh directory only this user can enter (mkdtemp: 0700; on Windows inside the user's own
      // TEMP), removed whatever happens.
      const dir = await mkdtemp(join(tmpdir(), 'branch-desk-wia-'));
      try {
        const feeder = request.source === 'feeder';
        const limit = pageLimit(options);
        const params = {
          action: 'scan',
          deviceId: wiaId(deviceId),
          feeder,
          handling: feeder ? 1 : 2,
          intent: request.mode === 'color' ? 1 : 2,
          resolution: request.resolution,
          format: WIA_FORMAT_PNG,
          // One past the case's room: a feeder still giving pages then holds more than it takes.
          maxPages: feeder ? limit + 1 : 1,
          dir,
        };
        const lines = await ask(params, limits.pageMs * params.maxPages, options.signal);
        const count = lines.filter((l) => l.kind === 'page').length;
        if (count > limit) throw tooManyPages(limit);
        if (count === 0) throw new ScannerError(feeder ? 'no_paper' : 'failed', 'WIA gave no page');
        const pages: Buffer[] = [];
        for (let n = 1; n <= count; n++) {
          const file = join(dir, `page-${String(n).padStart(3, '0')}.png`);
          const { size } = await stat(file);
          if (size > MAX_SCAN_PAGE_BYTES) throw pageTooLarge(n, size);
          pages.push(await readFile(file));
          options.onPage?.(n);
        }
        return pages;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function wiaId(deviceId: string): string {
  if (!deviceId.startsWith('wia:')) throw new ScannerError('not_found', `${deviceId} is not a WIA scanner`);
  return deviceId.slice('wia:'.length);
}

function capabilitiesOf(caps: Extract<Line, { kind: 'caps' }>): ScannerCapabilities {
  const range = caps.range;
  const resolutions = range
    ? WANTED_RESOLUTIONS.filter((r) => r >= range.min && r <= range.max)
    : caps.resolutions.filter((r) => Number.isInteger(r) && r >= 75 && r <= 1200);
  const modes = caps.dataTypes.length
    ? (['color', 'gray'] as const).filter((m) => caps.dataTypes.includes(m === 'color' ? 3 : 2))
    : (['color', 'gray'] as const);
  // No handling property: a flatbed-only scanner (WIA says nothing of a feeder it lacks).
  const handling = caps.handling ?? 2;
  const sources = (['flatbed', 'feeder'] as const).filter((s) => (handling & (s === 'feeder' ? 1 : 2)) !== 0);
  return { resolutions: [...new Set(resolutions)].sort((a, b) => a - b), modes: [...modes], sources };
}
