// Network scanners speaking eSCL (AirScan, Mopria) over HTTP(S), named by IT in the policy (base URLs
// such as http://192.168.1.50/eSCL: there is no mDNS discovery here). A scan is a job: POST ScanJobs
// with the settings, then GET <job>/NextDocument page by page until 404. The device's own state
// (ScannerStatus) says why a job stopped, in one of the few fixed problems. Every request has a
// deadline, every body a byte cap (a page: what the intake takes; the count: the case's room), and a
// job the scanner did not end itself (a flatbed's after its page, a cancel, a failure) is DELETEd.
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
import { all, first, MAX_XML_BYTES, numbersOf, readXml, textOf, type XmlNode } from './escl-xml';

export { MAX_XML_BYTES, readXml } from './escl-xml';

export interface EsclTimings {
  /** Capabilities, status, the job's creation and its deletion. */
  requestMs: number;
  /** One page: a feeder's page at 600 dpi over Wi-Fi takes a while. */
  pageMs: number;
  /** 503 (busy) is retried this many times, this long apart, before the officer hears "busy". */
  busyRetries: number;
  busyPauseMs: number;
}

const DEFAULT_TIMINGS: EsclTimings = { requestMs: 10_000, pageMs: 120_000, busyRetries: 5, busyPauseMs: 1_000 };
/** Capabilities read by list() serve the capabilities() call that follows it. */
const CAPS_FRESH_MS = 30_000;
/** A4 in eSCL's units (1/300 inch), clamped to what the source can take. */
const A4 = { width: 2480, height: 3508 };
const WANTED_RESOLUTIONS = [150, 200, 300, 400, 600];
const NS =
  'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';

type Source = 'flatbed' | 'feeder';
interface SourceCaps {
  resolutions: number[];
  modes: ('color' | 'gray')[];
  formats: string[];
  maxWidth: number | null;
  maxHeight: number | null;
}
export interface EsclCapabilities {
  name: string;
  sources: Partial<Record<Source, SourceCaps>>;
}

/** The id a policy URL's scanner has on the desk (the prefix says the driver). */
export function esclDeviceId(baseUrl: string): string {
  return `escl:${baseUrl.trim().replace(/\/+$/, '')}`;
}

export function esclDriver(baseUrls: string[], timings: Partial<EsclTimings> = {}): ScannerDriver {
  const t = { ...DEFAULT_TIMINGS, ...timings };
  const bases = new Map(baseUrls.map((url) => [esclDeviceId(url), url.trim().replace(/\/+$/, '')]));
  const known = new Map<string, { caps: EsclCapabilities; at: number }>();

  const baseOf = (deviceId: string) => {
    const base = bases.get(deviceId);
    if (!base) throw new ScannerError('not_found', `${deviceId} is not an eSCL scanner named in the policy`);
    return base;
  };
  const readCapabilities = async (base: string) => {
    const caps = parseEsclCapabilities(await getXml(`${base}/ScannerCapabilities`, t.requestMs), base);
    known.set(base, { caps, at: performance.now() });
    return caps;
  };
  const problemNow = async (base: string, source: Source): Promise<ScannerProblem | null> => {
    const status = await getXml(`${base}/ScannerStatus`, t.requestMs).catch(() => null);
    return status === null ? null : problemOfStatus(status, source);
  };

  return {
    async list() {
      const found = await Promise.all(
        [...bases].map(async ([id, base]): Promise<ScannerDevice | null> => {
          // A scanner that is off or unreachable is not offered (as SANE lists only what answers).
          const caps = await readCapabilities(base).catch(() => null);
          return caps && { id, name: caps.name, driver: 'escl' };
        }),
      );
      return found.filter((d): d is ScannerDevice => d !== null);
    },

    async capabilities(deviceId) {
      const base = baseOf(deviceId);
      const cached = known.get(base);
      const caps = cached && performance.now() - cached.at < CAPS_FRESH_MS ? cached.caps : await readCapabilities(base);
      return summarise(caps);
    },

    async scan(deviceId, request: ScanRequest, options = {}) {
      const base = baseOf(deviceId);
      const { signal } = options;
      const source = (await readCapabilities(base).catch((e: unknown) => fail(e, signal, deviceId))).sources[
        request.source
      ];
      if (!source) throw new ScannerError('failed', `${deviceId} has no ${request.source}`);
      if (source.resolutions.length && !source.resolutions.includes(request.resolution))
        throw new ScannerError('failed', `${request.resolution} dpi is not offered by the ${request.source}`);
      const format = ['image/jpeg', 'image/png', 'application/pdf'].find((f) => source.formats.includes(f));
      if (!format) throw new ScannerError('failed', `no JPEG, PNG or PDF from ${deviceId}`);

      const created = await withBusyRetries(t, signal, () =>
        call(`${base}/ScanJobs`, t.requestMs, signal, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: scanSettingsXml(request, format, source),
        }),
      ).catch((e: unknown) => fail(e, signal, `${deviceId} ScanJobs`));
      await created.body?.cancel();
      const location = created.headers.get('location');
      if (created.status === 503) throw new ScannerError('busy', `ScanJobs: 503 after ${t.busyRetries} tries`);
      // A refused job (409 and the like) is explained by the device's state: an empty feeder, a jam.
      if (created.status !== 201 || !location)
        throw new ScannerError((await problemNow(base, request.source)) ?? 'failed', `ScanJobs: ${created.status}`);
      const job = jobUrl(base, location);

      const pages: Buffer[] = [];
      const limit = pageLimit(options);
      let ended = false; // the feeder's batch ended itself (404 after its pages): nothing to delete
      let failed = true;
      try {
        for (;;) {
          const what = `page ${pages.length + 1}`;
          const res = await withBusyRetries(t, signal, () => call(`${job}/NextDocument`, t.pageMs, signal));
          if (res.status === 200) {
            if (pages.length === limit) {
              await res.body?.cancel();
              throw tooManyPages(limit);
            }
            const tooBig = (bytes?: number) => pageTooLarge(pages.length + 1, bytes);
            pages.push(await readCapped(res, MAX_SCAN_PAGE_BYTES, what, t.pageMs, signal, tooBig));
            options.onPage?.(pages.length);
            if (request.source === 'flatbed') return ((failed = false), pages);
            continue;
          }
          await res.body?.cancel();
          if (res.status === 503) throw new ScannerError('busy', `${what}: still busy after ${t.busyRetries} tries`);
          // 404 ends a job; an empty feeder after some pages ends a batch. Anything else (a jam
          // mid-feed, an open hatch) spoils the form: none of its pages is kept.
          ended = res.status === 404 && pages.length > 0;
          if (ended) return ((failed = false), pages);
          const problem = await problemNow(base, request.source);
          if (problem === 'no_paper' && pages.length > 0) return ((failed = false), pages);
          throw new ScannerError(problem ?? 'failed', `${what}: NextDocument ${res.status}`);
        }
      } catch (e) {
        return fail(e, signal, `${deviceId} page ${pages.length + 1}`, t.pageMs);
      } finally {
        // Deleted so the scanner is free for the next scan at once (a flatbed keeps its job open
        // after the page; a cancelled or failed one would wait for its own timeout). A DELETE that
        // fails changes nothing here; after good pages it is given little time (the pages are here).
        if (!ended)
          await call(job, failed ? t.requestMs : Math.min(t.requestMs, 2000), undefined, { method: 'DELETE' })
            .then((r) => r.body?.cancel())
            .catch(() => undefined);
      }
    },
  };
}

/** Any failure as the officer's problem: a cancel, a deadline passed, a device that is not there. */
function fail(e: unknown, signal: AbortSignal | undefined, what: string, ms?: number): never {
  if (e instanceof ScannerError) throw e;
  if (signal?.aborted) throw new ScannerError('cancelled', 'cancelled by the officer');
  if (isTimeout(e))
    throw new ScannerError('failed', `${what}: no answer within ${ms ? `${ms / 1000} s` : 'the deadline'}`);
  throw new ScannerError('not_found', `${what}: ${errorText(e)}`);
}

/** One request with its own deadline (and the caller's cancel); redirects would leave the device. */
function call(url: string, ms: number, signal: AbortSignal | undefined, init: RequestInit = {}): Promise<Response> {
  const deadline = AbortSignal.timeout(ms);
  return fetch(url, { ...init, redirect: 'error', signal: signal ? AbortSignal.any([deadline, signal]) : deadline });
}

/** 503 is "busy": asked again after a pause (Retry-After, if shorter), a few times. */
async function withBusyRetries(
  t: EsclTimings,
  signal: AbortSignal | undefined,
  send: () => Promise<Response>,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await send();
    if (res.status !== 503 || attempt >= t.busyRetries) return res;
    await res.body?.cancel();
    const retryAfter = Number(res.headers.get('retry-after')) * 1000;
    const pause = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, t.busyPauseMs) : t.busyPauseMs;
    await new Promise((resolve) => setTimeout(resolve, pause));
    if (signal?.aborted) throw new ScannerError('cancelled', 'cancelled by the officer');
  }
}

async function getXml(url: string, ms: number): Promise<string> {
  const res = await call(url, ms, undefined).catch((e: unknown) => fail(e, undefined, url, ms));
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new ScannerError('failed', `${url}: ${res.status}`);
  }
  return (await readCapped(res, MAX_XML_BYTES, url, ms)).toString('utf8');
}

/** The body, refused past `cap` bytes (declared or received); the request's deadline still runs. */
async function readCapped(
  res: Response,
  cap: number,
  what: string,
  ms: number,
  signal?: AbortSignal,
  tooBig = (bytes?: number) =>
    new ScannerError('failed', `${what}: over the ${cap}-byte limit${bytes ? ` (${bytes} declared)` : ''}`),
): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body?.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (declared > cap) throw tooBig(declared);
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
      size += part.value.byteLength;
      if (size > cap) throw tooBig();
      chunks.push(Buffer.from(part.value));
    }
  } catch (e) {
    await reader?.cancel().catch(() => undefined);
    fail(e, signal, what, ms);
  }
  return Buffer.concat(chunks);
}

/** The job's address from Location (absolute or a path), on the device's own origin only. */
function jobUrl(base: string, location: string): string {
  const url = new URL(location, `${base}/`);
  if (url.origin !== new URL(base).origin)
    throw new ScannerError('failed', `job location on another host: ${location}`);
  return url.href.replace(/\/+$/, '');
}

function isTimeout(e: unknown): boolean {
  const name = (x: unknown) => (typeof x === 'object' && x !== null ? (x as { name?: unknown }).name : undefined);
  return name(e) === 'TimeoutError' || name((e as { cause?: unknown } | null)?.cause) === 'TimeoutError';
}

function errorText(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e instanceof Error ? e.message : String(e)}${cause}`.slice(0, 300);
}

function scanSettingsXml(request: ScanRequest, format: string, source: SourceCaps): string {
  const width = Math.min(A4.width, source.maxWidth ?? A4.width);
  const height = Math.min(A4.height, source.maxHeight ?? A4.height);
  const feeder = request.source === 'feeder';
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<scan:ScanSettings ${NS}>`,
    `<pwg:Version>2.0</pwg:Version>`,
    `<pwg:ScanRegions><pwg:ScanRegion>`,
    `<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>`,
    `<pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset>`,
    `<pwg:Width>${width}</pwg:Width><pwg:Height>${height}</pwg:Height>`,
    `</pwg:ScanRegion></pwg:ScanRegions>`,
    `<pwg:InputSource>${feeder ? 'Feeder' : 'Platen'}</pwg:InputSource>`,
    feeder ? `<scan:Duplex>false</scan:Duplex>` : '',
    `<scan:ColorMode>${request.mode === 'color' ? 'RGB24' : 'Grayscale8'}</scan:ColorMode>`,
    `<pwg:DocumentFormat>${format}</pwg:DocumentFormat>`,
    `<scan:DocumentFormatExt>${format}</scan:DocumentFormatExt>`,
    `<scan:XResolution>${request.resolution}</scan:XResolution>`,
    `<scan:YResolution>${request.resolution}</scan:YResolution>`,
    `</scan:ScanSettings>`,
  ].join('');
}

function sourceCaps(input: XmlNode): SourceCaps {
  const discrete = all(input, 'DiscreteResolution').flatMap((r) => {
    const [x] = numbersOf(r, 'XResolution');
    const [y] = numbersOf(r, 'YResolution');
    return x !== undefined && (y === undefined || y === x) ? [x] : [];
  });
  const rangeX = first(first(input, 'ResolutionRange'), 'XResolution');
  const range = rangeX && { min: numbersOf(rangeX, 'Min')[0] ?? 0, max: numbersOf(rangeX, 'Max')[0] ?? 0 };
  const ranged = range ? WANTED_RESOLUTIONS.filter((r) => r >= range.min && r <= range.max) : [];
  const modes = textOf(input, 'ColorMode').flatMap((m) =>
    m === 'RGB24' ? ['color' as const] : m === 'Grayscale8' ? ['gray' as const] : [],
  );
  const formats = [...textOf(input, 'DocumentFormatExt'), ...textOf(input, 'DocumentFormat')];
  return {
    resolutions: [...new Set(discrete.length ? discrete : ranged)].sort((a, b) => a - b),
    modes: [...new Set(modes)],
    formats: [...new Set(formats.map((f) => f.toLowerCase()))],
    maxWidth: numbersOf(input, 'MaxWidth')[0] ?? null,
    maxHeight: numbersOf(input, 'MaxHeight')[0] ?? null,
  };
}

export function parseEsclCapabilities(text: string, base: string): EsclCapabilities {
  const doc = all(readXml(text), 'ScannerCapabilities')[0];
  if (!doc) throw new ScannerError('failed', `${base}: not eSCL capabilities`);
  const platen = all(doc, 'PlatenInputCaps')[0];
  const adf = all(doc, 'AdfSimplexInputCaps')[0];
  const sources: EsclCapabilities['sources'] = {};
  if (platen) sources.flatbed = sourceCaps(platen);
  if (adf) sources.feeder = sourceCaps(adf);
  const name = textOf(doc, 'MakeAndModel')[0] || textOf(doc, 'ModelName')[0] || new URL(base).host;
  return { name: name.slice(0, 100), sources };
}

function summarise(caps: EsclCapabilities): ScannerCapabilities {
  const all = Object.values(caps.sources);
  const order = { color: 0, gray: 1 };
  return {
    resolutions: [...new Set(all.flatMap((s) => s.resolutions))].sort((a, b) => a - b),
    modes: [...new Set(all.flatMap((s) => s.modes))].sort((a, b) => order[a] - order[b]),
    sources: (['flatbed', 'feeder'] as const).filter((s) => caps.sources[s]),
  };
}

/** What the device's state says went wrong (the feeder's state counts only for a feeder scan). */
export function problemOfStatus(text: string, source: Source): ScannerProblem | null {
  const xml = readXml(text);
  const adf = textOf(xml, 'AdfState')[0] ?? '';
  if (source === 'feeder') {
    if (/^ScannerAdf(Jam|Mispick|MultipickDetected)$/.test(adf)) return 'jammed';
    if (/^ScannerAdf(HatchOpen|DoorOpen)$/.test(adf)) return 'cover_open';
    if (adf === 'ScannerAdfEmpty') return 'no_paper';
  }
  const state = textOf(xml, 'State')[0] ?? '';
  if (state === 'Processing' || state === 'Testing') return 'busy';
  if (state === 'Down' || state === 'Stopped') return 'failed';
  return null;
}
