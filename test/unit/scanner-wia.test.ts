// The WIA driver with a PowerShell that answers as the real script does on Windows (the JSON lines
// it prints, the PNG pages it saves): listing, capabilities, a feeder's pages until WIA says the
// feeder is empty, WIA's error codes as the fixed problems, the settings the script is given, and a
// device id that cannot break out of the script's one JSON literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  WIA_FORMAT_PNG,
  problemOfHresult,
  wiaDriver,
  wiaScript,
  type PowerShellRunner,
} from '../../electron/main/capture/scanners/wia-driver';
import type { ScannerError } from '../../electron/main/capture/scanners/scanner-driver';

const DEVICE = '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0003';
const say = (o: unknown) => JSON.stringify(o);

/** The JSON literal the script was given, read back as PowerShell would (quotes undoubled). */
function paramsOf(script: string): Record<string, unknown> {
  const literal = /^\$p = ConvertFrom-Json '((?:[^']|'')*)'$/m.exec(script);
  assert.ok(literal, 'the parameters are one single-quoted literal on their own line');
  return JSON.parse(literal[1]!.replace(/''/g, "'")) as Record<string, unknown>;
}

/** A fake PowerShell: `answer` sees the parameters and returns what the real script prints. */
function fakePowerShell(answer: (p: Record<string, unknown>) => string[] | Promise<string[]>) {
  const scripts: string[] = [];
  const run: PowerShellRunner = async (script) => {
    scripts.push(script);
    return { stdout: (await answer(paramsOf(script))).join('\r\n') + '\r\n', stderr: '', code: 0 };
  };
  return { run, scripts };
}

const png = (label: string) =>
  sharp({ create: { width: 40, height: 60, channels: 3, background: '#fff' } })
    .composite([{ input: Buffer.from(`<svg width="40" height="60"><text y="30">${label}</text></svg>`) }])
    .png()
    .toBuffer();

/** The real script's scan: pages saved as page-NNN.png in the directory given, then its lines. */
function scanner(sheets: number, failAt?: { page: number; hresult: number }) {
  return fakePowerShell(async (p) => {
    const lines: string[] = [];
    for (let n = 1; n <= Math.min(sheets, Number(p.maxPages)); n++) {
      if (failAt?.page === n) return [...lines, say({ kind: 'error', hresult: failAt.hresult, message: 'WIA error' })];
      writeFileSync(join(String(p.dir), `page-${String(n).padStart(3, '0')}.png`), await png(`p${n}`));
      lines.push(say({ kind: 'page', page: n }));
    }
    // The feeder ran out: after pages that is the batch's end, before any it is an error.
    if (sheets === 0) return [say({ kind: 'error', hresult: 0x80210003 | 0, message: 'The feeder is empty.' })];
    return [...lines, say({ kind: 'done' })];
  });
}

test('lists the WIA scanners (Type 1) with their ids marked as WIA, and reads what one can do', async () => {
  const { run, scripts } = fakePowerShell((p) =>
    p.action === 'list'
      ? [
          'WARNING: a line PowerShell printed that is not an answer',
          say({ kind: 'device', id: DEVICE, name: 'EPSON DS-530 分行掃描器' }),
          say({ kind: 'done' }),
        ]
      : [
          say({ kind: 'caps', resolutions: [], range: { min: 50, max: 600 }, dataTypes: [0, 2, 3], handling: 3 }),
        ].concat(say({ kind: 'done' })),
  );
  const driver = wiaDriver(run);
  assert.deepEqual(await driver.list(), [{ id: `wia:${DEVICE}`, name: 'EPSON DS-530 分行掃描器', driver: 'wia' }]);
  assert.deepEqual(await driver.capabilities(`wia:${DEVICE}`), {
    resolutions: [150, 200, 300, 400, 600],
    modes: ['color', 'gray'],
    sources: ['flatbed', 'feeder'],
  });
  assert.equal(paramsOf(scripts[1]!).deviceId, DEVICE);
  // Scanners are those of WIA device type 1; the resolution is read from property 6147.
  assert.match(scripts[0]!, /\$d\.Type -eq 1/);
  assert.match(scripts[1]!, /Prop \$item\.Properties 6147/);
});

test('a feeder scan sets the feeder, one page a transfer, the intent and both resolutions, asks for PNG, and returns each page saved; the directory is gone after', async () => {
  const { run, scripts } = scanner(3);
  const pages = await wiaDriver(run).scan(`wia:${DEVICE}`, { resolution: 300, mode: 'gray', source: 'feeder' });
  assert.equal(pages.length, 3);
  assert.ok(pages.every((b) => b.subarray(1, 4).toString() === 'PNG'));
  const script = scripts[0]!;
  const p = paramsOf(script);
  assert.deepEqual(
    { handling: p.handling, intent: p.intent, resolution: p.resolution, format: p.format, feeder: p.feeder },
    { handling: 1, intent: 2, resolution: 300, format: WIA_FORMAT_PNG, feeder: true },
  );
  assert.equal(p.maxPages, 21, "one past a form's 20 pages (a case with no page yet)");
  for (const setting of [
    '$select = Prop $device.Properties 3088',
    '$select.Value = [int]$p.handling',
    '$pages = Prop $device.Properties 3096',
    '$pages.Value = 1',
    '(Prop $item.Properties 6146).Value = [int]$p.intent',
    '(Prop $item.Properties 6147).Value = [int]$p.resolution',
    '(Prop $item.Properties 6148).Value = [int]$p.resolution',
    '$image = $item.Transfer($p.format)',
  ])
    assert.ok(script.includes(setting), setting);
  // The feeder's end (WIA_ERROR_PAPER_EMPTY after a page) ends the loop rather than failing it.
  assert.match(script, /\$x\.HResult -eq -2145320957\) \{ break \}/);
  assert.equal(existsSync(String(p.dir)), false, 'the page directory is removed');
  // Two pages of room and three sheets: the script is asked for three, and all are refused.
  const few = scanner(3);
  await assert.rejects(
    wiaDriver(few.run).scan(`wia:${DEVICE}`, { resolution: 300, mode: 'gray', source: 'feeder' }, { maxPages: 2 }),
    (e: Error & { problem?: string }) => e.problem === 'too_many_pages',
  );
  assert.equal(paramsOf(few.scripts[0]!).maxPages, 3);
});

test('the flatbed scans one page in colour', async () => {
  const { run, scripts } = scanner(1);
  const pages = await wiaDriver(run).scan(`wia:${DEVICE}`, { resolution: 200, mode: 'color', source: 'flatbed' });
  assert.equal(pages.length, 1);
  const p = paramsOf(scripts[0]!);
  assert.deepEqual([p.handling, p.intent, p.maxPages, p.feeder], [2, 1, 1, false]);
});

test("WIA's error codes are the officer's fixed problems; a jam mid-feed keeps no page", async () => {
  const problem = async (hresult: number, sheets = 2, page = 2) => {
    const { run } = scanner(sheets, { page, hresult: hresult | 0 });
    return wiaDriver(run)
      .scan(`wia:${DEVICE}`, { resolution: 200, mode: 'color', source: 'feeder' })
      .then(
        () => 'scanned',
        (e: ScannerError) => e.problem,
      );
  };
  assert.equal(await problem(0x80210002), 'jammed'); // WIA_ERROR_PAPER_JAM, on the second sheet
  assert.equal(await problem(0x80210006, 2, 1), 'busy'); // WIA_ERROR_BUSY
  assert.equal(await problem(0x80210010, 2, 1), 'cover_open'); // WIA_ERROR_COVER_OPEN
  assert.equal(await problem(0x80210005, 2, 1), 'not_found'); // WIA_ERROR_OFFLINE
  assert.equal(await problem(0x80210015, 2, 1), 'not_found'); // WIA_S_NO_DEVICE_AVAILABLE
  assert.equal(await problem(0x8021000e, 2, 1), 'failed'); // WIA_ERROR_EXCEPTION_IN_DRIVER
  assert.equal(await problem(0, 0), 'no_paper'); // an empty feeder before any page
  assert.equal(problemOfHresult(0x80210016 | 0), 'cover_open', "COVER_OPEN as Microsoft's table prints it");
  assert.equal(problemOfHresult(0x80040154 | 0), 'unavailable', 'WIA scripting not registered');
});

test('a device id with quotes and PowerShell in it stays inside the JSON literal', async () => {
  const hostile = `x' ; Remove-Item -Recurse C:\\ ; '‘ $(whoami) 分行`;
  const { run, scripts } = fakePowerShell(() => [
    say({ kind: 'caps', resolutions: [300], range: null, dataTypes: [], handling: null }),
    say({ kind: 'done' }),
  ]);
  const caps = await wiaDriver(run).capabilities(`wia:${hostile}`);
  assert.deepEqual(caps, { resolutions: [300], modes: ['color', 'gray'], sources: ['flatbed'] });
  const script = scripts[0]!;
  assert.equal(paramsOf(script).deviceId, hostile);
  assert.ok(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(script), 'the script is ASCII: no typographic quote can end the literal');
  // Outside the literal the script is the template itself.
  assert.equal(
    script.replace(/^\$p = ConvertFrom-Json '.*'$/m, ''),
    wiaScript({}).replace(/^\$p = ConvertFrom-Json '.*'$/m, ''),
  );
});

test('the script is one block with no blank line inside, run by the blank line after it (piped PowerShell)', () => {
  const script = wiaScript({ action: 'list' });
  assert.ok(script.startsWith('& {\n'));
  assert.ok(script.endsWith('\n}\n\n'));
  assert.ok(!script.slice(0, -2).includes('\n\n'), 'no blank line inside the block');
});

test('a script that dies without answering, or outlives its deadline, is a failure with its words for IT', async () => {
  const dead: PowerShellRunner = () =>
    Promise.resolve({ stdout: '', stderr: 'New-Object : Retrieving the COM class factory failed', code: 1 });
  await assert.rejects(
    wiaDriver(dead).list(),
    (e: ScannerError) => e.problem === 'failed' && /COM class factory/.test(e.detail),
  );
  // A PowerShell that never ends (its process keeps the event loop alive, as the timer does here).
  const hung: PowerShellRunner = (_script, signal) =>
    new Promise((resolve) => {
      const alive = setTimeout(() => resolve({ stdout: '', stderr: '', code: 0 }), 10_000);
      signal?.addEventListener('abort', () => {
        clearTimeout(alive);
        resolve({ stdout: '', stderr: '', code: null });
      });
    });
  await assert.rejects(
    wiaDriver(hung, { listMs: 50, pageMs: 50 }).list(),
    (e: ScannerError) => e.problem === 'failed' && /did not finish within 0.05 s/.test(e.detail),
  );
  // The real runner on a PC without PowerShell (as this Linux is): no scanning software, not a crash.
  await assert.rejects(wiaDriver().list(), (e: ScannerError) => e.problem === 'unavailable');
});
