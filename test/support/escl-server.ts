// An eSCL (AirScan) scanner's twin for the tests, on 127.0.0.1 only: capabilities (flatbed and
// feeder, colour and grey, four resolutions, JPEG and PDF), its status, jobs whose NextDocument
// serves the feeder's pages (authorization forms drawn by formPage, as JPEG at the resolution asked)
// and then 404. A fault can be set: a jam after the first page, an empty feeder, busy (503), the
// feeder's hatch open, a page that starts and never finishes, or one that never stops growing.
// Every request is logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sharp from 'sharp';
import { formPage } from './forms';

export type EsclFault =
  | 'none'
  | 'jam-after-first'
  | 'empty'
  | 'busy'
  | 'cover-open'
  | 'hang-second-page'
  /** The first page streams on past 20 MiB, with no length declared. */
  | 'huge-page';

export interface EsclJobSettings {
  /** The job's id, or null for a job the scanner refused. */
  id: string | null;
  inputSource: string;
  colorMode: string;
  resolution: number;
  format: string;
  width: number;
  height: number;
}

export interface EsclServer {
  /** The base URL IT would name in the policy. */
  base: string;
  /** Sheets in the feeder at the next job. */
  sheets: number;
  fault: EsclFault;
  /** "METHOD path" of every request, in order. */
  requests: string[];
  /** The settings of every job posted. */
  jobs: EsclJobSettings[];
  /** How many megabytes the last huge page got to send before the client stopped reading. */
  hugeChunksSent: number;
  close(): Promise<void>;
}

const NS =
  'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';

function inputCaps(tag: string): string {
  const resolutions = [150, 200, 300, 600]
    .map(
      (r) =>
        `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
    )
    .join('');
  return `<scan:${tag}><scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
    <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
        <scan:DocumentFormatExt>application/pdf</scan:DocumentFormatExt><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:DiscreteResolutions>${resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles></scan:${tag}>`;
}

const CAPABILITIES = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <pwg:MakeAndModel>not this</pwg:MakeAndModel> in it -->
<scan:ScannerCapabilities ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Branch &amp; Co AirScan 4000</pwg:MakeAndModel>
  <pwg:SerialNumber>TW-0001</pwg:SerialNumber>
  <scan:Platen>${inputCaps('PlatenInputCaps')}</scan:Platen>
  <scan:Adf>${inputCaps('AdfSimplexInputCaps')}<scan:FeederCapacity>50</scan:FeederCapacity></scan:Adf>
</scan:ScannerCapabilities>`;

const text = (xml: string, tag: string) => new RegExp(`<[\\w]+:${tag}>([^<]*)<`).exec(xml)?.[1] ?? '';

/** A JPEG header, then megabyte after megabyte (chunked: no length to refuse it by) until the
 * client stops reading. */
function streamHugePage(res: ServerResponse, onSent: (chunks: number) => void): void {
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  const chunk = Buffer.alloc(1024 * 1024, 0x55);
  let sent = 0;
  const more = () => {
    while (!res.destroyed && sent < 64 && res.write(sent++ === 0 ? Buffer.from([0xff, 0xd8, 0xff]) : chunk))
      onSent(sent);
    if (res.destroyed || sent >= 64) return void res.end();
    res.once('drain', more);
  };
  res.once('close', () => (sent = 64));
  more();
}

export async function startEsclServer(): Promise<EsclServer> {
  let jobSeq = 0;
  let jam = false;
  const open = new Map<string, { settings: EsclJobSettings; served: number; sheets: number }>();
  const sockets = new Set<Socket>();

  const status = () => {
    const adf =
      state.fault === 'cover-open'
        ? 'ScannerAdfHatchOpen'
        : state.fault === 'empty' || state.sheets === 0
          ? 'ScannerAdfEmpty'
          : jam
            ? 'ScannerAdfJam'
            : 'ScannerAdfLoaded';
    const scanner = state.fault === 'busy' ? 'Processing' : jam ? 'Stopped' : 'Idle';
    return `<?xml version="1.0" encoding="UTF-8"?><scan:ScannerStatus ${NS}><pwg:Version>2.63</pwg:Version><pwg:State>${scanner}</pwg:State><scan:AdfState>${adf}</scan:AdfState></scan:ScannerStatus>`;
  };

  async function page(settings: EsclJobSettings, n: number): Promise<Buffer> {
    const width = Math.round((settings.width / 300) * settings.resolution);
    const height = Math.round((settings.height / 300) * settings.resolution);
    const image = sharp(await formPage(`SCAN ${n}`, width, height));
    return (settings.colorMode === 'Grayscale8' ? image.grayscale() : image).jpeg({ quality: 90 }).toBuffer();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    state.requests.push(`${req.method} ${path}`);
    const xml = (code: number, doc: string) => void res.writeHead(code, { 'content-type': 'text/xml' }).end(doc);
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return xml(200, CAPABILITIES);
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return xml(200, status());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      if (state.fault === 'busy') return void res.writeHead(503, { 'retry-after': '1' }).end();
      const settings: EsclJobSettings = {
        id: null,
        inputSource: text(body, 'InputSource'),
        colorMode: text(body, 'ColorMode'),
        resolution: Number(text(body, 'XResolution')),
        format: text(body, 'DocumentFormatExt'),
        width: Number(text(body, 'Width')),
        height: Number(text(body, 'Height')),
      };
      state.jobs.push(settings);
      // As many devices do, an open hatch refuses the job (409); the status says why.
      if (state.fault === 'cover-open' && settings.inputSource === 'Feeder') return void res.writeHead(409).end();
      const id = (settings.id = `job-${++jobSeq}`);
      open.set(id, { settings, served: 0, sheets: state.fault === 'empty' ? 0 : state.sheets });
      return void res.writeHead(201, { location: `${state.base}/ScanJobs/${id}` }).end();
    }
    const next = /^\/eSCL\/ScanJobs\/(job-\d+)\/NextDocument$/.exec(path);
    const job = next && open.get(next[1]!);
    if (req.method === 'GET' && job) {
      const feeder = job.settings.inputSource === 'Feeder';
      if (jam || job.served >= (feeder ? job.sheets : 1)) {
        // An empty feeder's job has nothing to give (404), a jammed one stops with an error.
        return void res.writeHead(jam ? 409 : 404).end();
      }
      if (state.fault === 'jam-after-first' && job.served === 1) {
        jam = true;
        return void res.writeHead(409).end();
      }
      if (state.fault === 'huge-page') return void streamHugePage(res, (n) => (state.hugeChunksSent = n));
      const bytes = await page(job.settings, ++job.served);
      if (state.fault === 'hang-second-page' && job.served === 2) {
        // Half a page, then nothing: the scanner has stopped mid-page and the connection stays open.
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length });
        return void res.write(bytes.subarray(0, bytes.length >> 1));
      }
      if (feeder) state.sheets--;
      return void res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length }).end(bytes);
    }
    const del = /^\/eSCL\/ScanJobs\/(job-\d+)$/.exec(path);
    if (req.method === 'DELETE' && del && open.delete(del[1]!)) return void res.writeHead(200).end();
    res.writeHead(404).end();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let fault: EsclFault = 'none';
  const state: EsclServer = {
    base: `http://127.0.0.1:${port}/eSCL`,
    sheets: 2,
    get fault() {
      return fault;
    },
    set fault(next: EsclFault) {
      fault = next;
      jam = false; // a new fault, a new morning: yesterday's jam was cleared
    },
    requests: [],
    jobs: [],
    hugeChunksSent: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}
