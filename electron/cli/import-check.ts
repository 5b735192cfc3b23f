// `desk import-check <file> [--out <file.pdf>]`: exactly the pipeline of an import on the case
// screen, for support staff looking at a file a branch sent in. Prints the verdict, the reason, the
// pages and the size of what the desk would store; --out writes that, as one PDF. Opens no store.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkForm, fileRejected } from '../main/cases/form-intake';
import { FORM_LIMITS } from '../../common/domain/form-limits';

export async function runImportCheck(args: string[]): Promise<number> {
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
  if (!file || (outIndex >= 0 && !out)) {
    console.error('Usage: npm run desk -- import-check <file> [--out <file.pdf>]');
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
  // Over the limit, the file is refused without reading it, as the case screen does.
  const check =
    size > FORM_LIMITS.maxFileBytes
      ? { accepted: false as const, error: fileRejected(basename(file), 'too-large') }
      : await checkForm({ kind: 'file', fileName: basename(file), bytes: readFileSync(file) }, 0, {
          asPdf: out !== undefined,
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
  console.log(`output:  ${stored} bytes as stored (${check.pages.map((p) => p.mediaType).join(', ')}), re-encoded`);
  if (out && check.pdf) {
    writeFileSync(out, check.pdf);
    console.log(`wrote:   ${out} (${check.pdf.length} bytes, one PDF)`);
  }
  console.log(`checked in ${seconds} s`);
  return 0;
}
