// What the accessibility walk checks on every screen it visits, in both languages: axe (a serious or
// critical violation fails), a visible focus ring on each control the keyboard reaches, and that each
// language shows only itself (English: no Chinese but the customer's and the demo's own data;
// zh-TW: no schema path or library English such as "Too small", "expected", "required").
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { test, expect, startDesk, openDesk, helpAlreadySeen, type RunningDesk } from './desk-host';

type Lang = 'zh-TW' | 'en';

const CJK = /[\u3400-\u9fff\uff00-\uffef]/g;
/** Raw text a zh-TW screen must never show (a path in the call's input, zod's own words). */
const RAW_SCHEMA: RegExp[] = [
  /\b[a-z]\w*(\.\w+)+\s*:/, // subject.idNumber:
  /\b[a-z]+[A-Z]\w*\s*:/, // branchCode:
  /\btoo (small|big|long|short)\b/i,
  /\bexpected\b/i,
  /\brequired\b/i,
  /\binvalid\b/i,
];
/** The sandbox banner is one text in both languages (訓練環境 / SANDBOX). */
const BILINGUAL = ['訓練環境'];
/** What a screen shows as identifiers or raw records (IDs, passwords, audit actions and details):
 * left out of the language checks. The language toggle names the other language in that language. */
const NOT_PROSE = 'code, [lang]:not(html)';
/** Keys in a desk answer whose strings are people's, files' and companies' own names: data, not UI. */
const DATA_KEYS = new Set(['name', 'subjectNameMasked', 'fileName', 'signerName']);
/** Calls whose whole answer is the customer's returned data (JCIC's own Chinese records). */
const DATA_CALLS = new Set(['cases.results']);

/** axe impacts that fail the walk; and 'region' (content outside every landmark, as the sandbox
 * banner was), moderate but fixed once and kept so. The rest is printed. */
const FAILING = new Set(['serious', 'critical']);

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]';

function strings(value: unknown, all: boolean, out: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if ((all || DATA_KEYS.has(key)) && value.trim()) out.add(value.trim());
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, all, out, key));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, all, out, k);
}

export class ScreenAudit {
  /** Serious or critical axe violations, and controls without a visible focus ring. */
  readonly failures: string[] = [];
  /** Text in the wrong language, or raw schema text. */
  readonly language: string[] = [];
  /** Moderate and minor axe findings: printed, not failed. */
  readonly notes: string[] = [];
  readonly visited: string[] = [];
  private readonly data = new Set<string>(DEMO_CUSTOMERS.map((c) => c.name));
  private readonly reading: Promise<void>[] = [];

  constructor(private readonly page: Page) {
    page.on('response', (response) => {
      const name = /\/api\/call\/([\w.]+)$/.exec(response.url())?.[1];
      if (!name) return;
      this.reading.push(
        response.json().then(
          (body: { ok?: boolean; value?: unknown }) => {
            if (body.ok) strings(body.value, DATA_CALLS.has(name), this.data);
          },
          () => undefined,
        ),
      );
    });
  }

  /** Data the test itself brought (file names, typed customers). */
  allow(...texts: string[]): void {
    for (const t of texts) this.data.add(t);
  }

  /** Checks the screen as it is, then in the other language, and switches back. */
  async check(screen: string, options: { focus?: boolean } = {}): Promise<void> {
    this.visited.push(screen);
    if (process.env.A11Y_TRACE) console.log(new Date().toISOString(), screen); // where a slow walk is
    const first = await this.lang();
    if (options.focus !== false) await this.focusRings(screen);
    await this.inspect(screen, first);
    await this.switchLanguage(first === 'en' ? 'zh-TW' : 'en');
    await this.inspect(screen, await this.lang());
    await this.switchLanguage(first);
  }

  /** The summary a failing expectation prints, one finding a line. */
  static report(title: string, lines: string[]): string {
    return `${title}: ${lines.length}\n${lines.join('\n')}`;
  }

  private async lang(): Promise<Lang> {
    return (await this.page.evaluate(() => document.documentElement.lang)) === 'en' ? 'en' : 'zh-TW';
  }

  async switchLanguage(to: Lang): Promise<void> {
    if ((await this.lang()) === to) return;
    // Dispatched, not clicked: a dialog open over the screen (the page viewer) covers the toggle.
    await this.page.getByRole('button', { name: to === 'en' ? 'English' : '中文', exact: true }).dispatchEvent('click');
    await expect(this.page.locator('html')).toHaveAttribute('lang', to);
  }

  private async inspect(screen: string, lang: Lang): Promise<void> {
    const where = `[${screen} · ${lang}]`;
    const result = await new AxeBuilder({ page: this.page }).analyze();
    for (const v of result.violations) {
      const nodes = v.nodes.map(
        (n) => `      ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`,
      );
      const line = `${where} ${v.id} (${v.impact}): ${v.help}\n${nodes.join('\n')}`;
      (FAILING.has(v.impact ?? '') || v.id === 'region' ? this.failures : this.notes).push(line);
    }
    await Promise.all(this.reading.splice(0));
    // What the screen shows, and what it says to a screen reader only (names, titles, alt texts).
    const { text, names } = await this.page.evaluate((skip) => {
      let all = document.body.innerText;
      for (const el of document.querySelectorAll<HTMLElement>(skip))
        if (el.innerText.trim()) all = all.split(el.innerText).join('\n');
      const named = [...document.querySelectorAll('[aria-label], [title], img[alt]')].filter((el) => !el.closest(skip));
      return {
        text: all.split('\n'),
        names: named.flatMap((el) => ['aria-label', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '')),
      };
    }, NOT_PROSE);
    const allowed = [...BILINGUAL, ...this.data].sort((a, b) => b.length - a.length);
    const lines = [...text.map((t) => ['', t]), ...names.map((n) => ['(accessible name) ', n])];
    for (const [kind, raw] of lines) {
      const line = raw!.trim();
      if (!line) continue;
      if (lang === 'en') {
        let rest = line;
        for (const a of allowed) rest = rest.split(a).join(' ');
        const found = rest.match(CJK);
        if (found)
          this.language.push(`${where} ${kind}Chinese in English: ${[...new Set(found)].join('')} in "${line}"`);
      } else {
        const raws = RAW_SCHEMA.filter((re) => re.test(line));
        if (raws.length) this.language.push(`${where} ${kind}raw schema text (${raws.join(' ')}) in "${line}"`);
      }
    }
  }

  /** Tabs through the screen: every control the keyboard reaches shows an outline of at least 2 px
   * whose colour has 3:1 against what it is drawn on (the first opaque background around it). */
  private async focusRings(screen: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await this.page.keyboard.press('Tab');
      let ring = await this.page.evaluate(measureRing, FOCUSABLE);
      if (!ring || seen.has(ring.key)) break;
      seen.add(ring.key);
      if (ring.visible) continue;
      // Once more, by the keyboard again: a control busy for a moment (an import) is not a miss.
      await this.page.keyboard.press('Shift+Tab');
      await this.page.keyboard.press('Tab');
      ring = (await this.page.evaluate(measureRing, FOCUSABLE)) ?? ring;
      if (!ring.visible) this.failures.push(`[${screen}] focus ring on ${ring.name}: ${ring.detail}`);
    }
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
}

/** The focused control's outline, in the page: style, width and contrast with what is around it. */
function measureRing(focusable: string) {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body || !el.matches(focusable)) return null;
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r = 0, g = 0, b = 0]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = [255, 255, 255];
  for (let around = el.parentElement; around; around = around.parentElement) {
    const c = rgb(getComputedStyle(around).backgroundColor);
    if (c.length === 3 || (c[3] ?? 0) > 0.5) {
      bg = c.slice(0, 3);
      break;
    }
  }
  const style = getComputedStyle(el);
  const [hi, lo] = [lum(rgb(style.outlineColor)), lum(bg)].sort((a, b) => b - a);
  const ratio = (hi! + 0.05) / (lo! + 0.05);
  const width = parseFloat(style.outlineWidth);
  const label = (el as HTMLInputElement).labels?.[0]?.innerText ?? el.innerText?.slice(0, 30);
  const name = `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? label ?? ''}"`;
  const focusVisible = el.matches(':focus-visible') ? '' : ' (not :focus-visible)';
  return {
    key: `${name}#${[...document.querySelectorAll(focusable)].indexOf(el)}`,
    name,
    visible: style.outlineStyle !== 'none' && width >= 2 && ratio >= 3,
    detail: `${style.outlineStyle}${focusVisible} ${width}px, ${ratio.toFixed(2)}:1 against its background`,
  };
}

/** One walk through the screens in a desk of its own, then its verdicts as separate tests: axe and
 * focus rings (these must pass), and the language checks, each failure naming its screen and text. */
export function auditWalk(
  title: string,
  walk: (page: Page, audit: ScreenAudit, desk: RunningDesk) => Promise<void>,
): void {
  test.describe(title, () => {
    test.describe.configure({ mode: 'serial' });
    let audit: ScreenAudit | undefined;
    let desk: RunningDesk | undefined;
    let context: BrowserContext | undefined;
    test.beforeAll(async ({ browser }) => {
      test.setTimeout(300_000);
      desk = await startDesk();
      context = await browser.newContext({ locale: 'zh-TW' });
      await helpAlreadySeen(context);
      context.setDefaultTimeout(20_000); // a step that cannot happen fails there, naming it
      const page = await context.newPage();
      audit = new ScreenAudit(page);
      await openDesk(page, desk);
      await walk(page, audit, desk);
    });
    // Also after a walk that failed or ran out of time: no desk is left running.
    test.afterAll(async () => {
      await context?.close();
      await desk?.stop();
    });
    test('axe finds nothing serious or critical, and every control shows where the focus is', () => {
      const { failures, notes, visited } = audit!;
      console.log(`${visited.length} screens, each in zh-TW and English: ${visited.join('; ')}`);
      if (notes.length) console.log(ScreenAudit.report('axe findings of moderate or minor impact (not failed)', notes));
      expect(
        failures.length,
        ScreenAudit.report('serious or critical axe violations and missing focus rings', failures),
      ).toBe(0);
    });
    test('English shows no Chinese but the data; zh-TW shows no schema text', () => {
      const { language } = audit!;
      expect(language.length, ScreenAudit.report('text in the wrong language', language)).toBe(0);
    });
  });
}
