// `desk import-check <file> [--id <subject ID>] [--out <file.pdf>]`: exactly the pipeline of an
// import on the case screen, for support staff looking at a file a branch sent in. Prints the
// verdict, the reason, the pages, each page's measurements, the quality gate's findings for the
// customer named by --id, and the size of what the desk would store; --out writes that, as one PDF.
// Exit 1 when the file is refused or the gate finds something. Opens no store.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkForm, fileRejected } from '../main/cases/form-intake';
import { idVerdict } from '../main/cases/quality-gate';
import { FORM_LIMITS } from '../../common/domain/form-limits';
import { taiwanDay } from '../../common/taiwan-day';
import { qualityFindings, qualityText } from '../../common/domain/quality-findings';
import { checkIdentifier, isPersonKind } from '../../common/identifiers';

const USAGE = 'Usage: npm run desk -- import-check <file> [--id <subject ID>] [--pages <n>] [--out <file.pdf>]';

function parse(args: string[]): { file: string; options: Record<string, string> } | null {
  const options: Record<string, string> = {};
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (['--id', '--out', '--pages'].includes(arg)) {
      const value = args[++i];
      if (value === undefined) return null;
      options[arg] = value;
    } else if (arg.startsWith('--') || file !== null) return null;
    else file = arg;
  }
  return file ? { file, options } : null;
}

export async function runImportCheck(args: string[]): Promise<number> {
  const parsed = parse(args);
  if (!parsed) {
    console.error(USAGE);
    return 2;
  }
  const { file, options } = parsed;
  const today = taiwanDay(new Date());
  const id = options['--id'];
  const idCheck = id === undefined ? null : checkIdentifier(id, today);
  if (idCheck && !(idCheck.valid && isPersonKind(idCheck.kind))) {
    console.error(`--id: not a valid ID number: ${id}\n${USAGE}`);
    return 2;
  }
  const expectedPages = Number(options['--pages'] ?? 1);
  if (!Number.isInteger(expectedPages) || expectedPages < 1) {
    console.error(`--pages: a page count: ${options['--pages']}\n${USAGE}`);
    return 2;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  const started = performance.now();
  const out = options['--out'];
  // Over the limit, the file is refused without reading it, as the case screen does.
  const check =
    size > FORM_LIMITS.maxFileBytes
      ? { accepted: false as const, error: fileRejected(basename(file), 'too-large') }
      : await checkForm({ kind: 'file', fileName: basename(file), bytes: readFileSync(file) }, 0, {
          asPdf: out !== undefined,
          today,
        });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`file:    ${file} (${size} bytes)`);
  if (!check.accepted) {
    const { message, code } = check.error.toPayload();
    console.log(`verdict: refused 不接受 (${code})`);
    console.log(`reason:  ${message['zh-TW']}`);
    console.log(`         ${message.en}`);
    console.log(`checked in ${seconds} s`);
    return 1;
  }
  const pages = check.pages.reduce((n, p) => n + p.pageCount, 0);
  const stored = check.pages.reduce((n, p) => n + p.data.length, 0);
  console.log('verdict: accepted 接受');
  console.log(`pages:   ${pages}`);
  check.pages.forEach((p, i) => {
    const q = p.quality;
    const ids = q && id !== undefined ? `, ID ${idVerdict(q.ids, id)}` : '';
    console.log(
      q
        ? `  ${i + 1}. ${Math.round(q.dpi)} dpi, sharpness ${Math.round(q.sharpness)}, ink ${(q.ink * 100).toFixed(1)} %${ids}, ${p.data.length} bytes`
        : `  ${i + 1}. PDF of ${p.pageCount} page(s) kept as drawn (not measured), ${p.data.length} bytes`,
    );
  });
  console.log(`output:  ${stored} bytes as stored (${check.pages.map((p) => p.mediaType).join(', ')}), re-encoded`);
  if (out && check.pdf) {
    writeFileSync(out, check.pdf);
    console.log(`wrote:   ${out} (${check.pdf.length} bytes, one PDF)`);
  }
  const findings = qualityFindings(
    check.pages.map((p, i) => ({
      id: i + 1,
      position: i + 1,
      pageCount: p.pageCount,
      quality: p.quality ? { ...p.quality, id: id === undefined ? 'match' : idVerdict(p.quality.ids, id) } : null,
    })),
    expectedPages,
  );
  if (id === undefined) console.log('ID:      not compared (no --id)');
  console.log(
    findings.length === 0 ? 'gate:    passed 品質檢查通過' : `gate:    ${findings.length} finding(s) 品質檢查未通過`,
  );
  for (const f of findings) console.log(`  - ${qualityText(f, 'zh-TW')}\n    ${qualityText(f, 'en')}`);
  console.log(`checked in ${seconds} s`);
  return findings.length === 0 ? 0 : 1;
}
