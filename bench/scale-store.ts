// Five years of a busy branch, made through the desk's own services: 51,720 cases (about 40 a
// business day over 1,304 days), each created, given a sealed form page, confirmed, approved,
// submitted, answered with data, looked at, and — while retention ran — purged; every step its
// case events and audit entries, the customer sealed with search keys. Two documented fast paths:
// the form page is written as the intake would store it (the intake worker costs 30 ms a file:
// 25 minutes here), and JCIC's answers are recorded as the outbox records them (no network).
// For the purge benchmark, retention "stopped" 33,381 cases before the end: those are past their
// window and still held — the backlog the issue measured. Built once per schema version, cached.
import { checkIdentifier } from '../common/identifiers';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { FormStore } from '../electron/main/cases/form-store';
import { createDesk } from '../electron/main/desk';
import { adjustableClock } from '../electron/main/clock';
import { parsePolicy } from '../electron/main/policy/policy';
import { SCHEMA_VERSION } from '../electron/main/store/migrations';
import type { StaffRecord } from '../electron/main/staff/staff-directory';
import { sampleT50 } from '../sandbox/jcic/sample-data';
import { formPage } from '../test/support/forms';

// BENCH_SCALE_CASES builds a smaller store with the same shape (for trying the benchmark out).
const CASES = Number(process.env.BENCH_SCALE_CASES ?? 51_720);
export const SCALE = {
  cases: CASES,
  businessDays: Math.max(10, Math.round((1_304 * CASES) / 51_720)),
  backlog: Math.round((33_381 * CASES) / 51_720),
  officers: 20,
  supervisors: 3,
} as const;
/** The store's "now": a Friday evening in Taipei. */
export const STORE_NOW = new Date('2026-11-27T10:00:00Z');
export const POLICY_TEXT = '{"bankCode":"004","branchCode":"0123"}';

const LETTERS = 'ABCDEFGHJKLMNPQRSUVWXYZ';
const SURNAMES =
  '陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴范方宋鄧杜傅侯曹薛丁卓馬阮董唐藍石蔣古紀姚連馮歐程湯黃田康姜白汪鄒尤巫鐘黎涂龔嚴韓袁金童陸夏柳凃邵'.split(
    '',
  );
const GIVEN =
  '志明美玲家豪淑芬俊傑怡君建宏雅婷冠宇佳穎宗翰惠雯承恩詩涵柏翰欣怡彥廷宜蓁哲瑋筱涵文雄秀英國華麗珠正義玉蘭'.split('');

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** A valid national ID (the checksum of domain.md). */
function nationalId(r: () => number): string {
  const letter = LETTERS[Math.floor(r() * LETTERS.length)]!;
  const digits = [1 + Math.floor(r() * 2), ...Array.from({ length: 7 }, () => Math.floor(r() * 10))];
  // The one check digit the desk's own validator accepts (the same draws as before: same store).
  const prefix = `${letter}${digits.join('')}`;
  const check = [...'0123456789'].find((d) => checkIdentifier(prefix + d, STORE_NOW.toISOString().slice(0, 10)).valid);
  return prefix + check!;
}

const personName = (r: () => number) =>
  SURNAMES[Math.floor(r() * SURNAMES.length)]! +
  GIVEN[Math.floor(r() * GIVEN.length)]! +
  GIVEN[Math.floor(r() * GIVEN.length)]!;

/** Business days (Mon–Fri) ending on STORE_NOW's day, oldest first, as 09:00 Taipei instants. */
function businessDays(n: number): Date[] {
  const days: Date[] = [];
  for (let d = new Date(STORE_NOW.getTime() - 9 * 3600_000); days.length < n; d = new Date(d.getTime() - 86_400_000)) {
    const local = new Date(d.getTime() + 8 * 3600_000);
    if (local.getUTCDay() !== 0 && local.getUTCDay() !== 6)
      days.push(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 1)));
  }
  return days.reverse();
}

export interface ScaleFacts {
  /** A customer the store holds (synthetic), for the search figures: searched by ID and surname. */
  sample: { idNumber: string; name: string };
  schema: number;
  cases: number;
  audit: number;
  events: number;
  backlog: number;
  bytes: number;
  builtInSeconds: number;
}

/** A copy of the cached backlog store in `workDir`, built first when there is none. */
export async function scaleStore(cacheRoot: string, workDir: string): Promise<{ dataDir: string; facts: ScaleFacts }> {
  const cache = join(cacheRoot, `bench-scale-v${SCHEMA_VERSION}-${SCALE.cases}`);
  if (!existsSync(join(cache, 'facts.json'))) {
    rmSync(cache, { recursive: true, force: true });
    await build(join(cache, 'data'));
    writeFileSync(join(cache, 'facts.json'), JSON.stringify(factsOf(join(cache, 'data'), lastBuildSeconds)));
  }
  const dataDir = join(workDir, 'data');
  cpSync(join(cache, 'data'), dataDir, { recursive: true });
  return { dataDir, facts: JSON.parse(readFileSync(join(cache, 'facts.json'), 'utf8')) as ScaleFacts };
}

let lastBuildSeconds = 0;
let lastSample: ScaleFacts['sample'] = { idNumber: '', name: '' };

async function build(dataDir: string): Promise<void> {
  const started = performance.now();
  mkdirSync(dataDir, { recursive: true });
  const days = businessDays(SCALE.businessDays);
  const clock = adjustableClock(new Date(days[0]!.getTime() - 86_400_000));
  const desk = createDesk({
    dataDir,
    clock,
    version: 'bench',
    background: false,
    loadedPolicy: parsePolicy({ origin: 'bench', kind: 'json', text: POLICY_TEXT }),
  });
  const s = desk.services;
  const admin = await s.staff.create({
    employeeId: 'IT001',
    name: '林資訊',
    branchCode: '0123',
    role: 'it_admin',
    password: 'Bench-admin-2026',
  });
  const officers: StaffRecord[] = [];
  const supervisors: StaffRecord[] = [];
  for (let i = 1; i <= SCALE.officers; i++)
    officers.push(
      await s.staff.create({
        employeeId: `E${1000 + i}`,
        name: `經辦${i}`,
        branchCode: '0123',
        role: 'officer',
        password: `Bench-officer-${i}`,
      }),
    );
  for (let i = 1; i <= SCALE.supervisors; i++)
    supervisors.push(
      await s.staff.create({
        employeeId: `S${2000 + i}`,
        name: `主管${i}`,
        branchCode: '0123',
        role: 'supervisor',
        password: `Bench-super-${i}`,
      }),
    );
  void admin;
  // A small page: 33,000 of them stay on disk for the purge; their size is not what is measured.
  const page = await formPage('SCALE', 620, 877);
  const pageSha = createHash('sha256').update(page).digest('hex');
  const forms = new FormStore(join(dataDir, 'forms'), s.vault);
  const r = rng(20261127);
  const retentionStopsAfter = SCALE.cases - SCALE.backlog; // cases created before retention "stopped"
  let made = 0;
  let sample: { idNumber: string; name: string } | null = null;
  const minute = () => clock.advance(60_000);
  process.stderr.write(`building a five-year store (${SCALE.cases} cases) … `);
  for (const [d, day] of days.entries()) {
    clock.advance(day.getTime() - clock.now().getTime());
    const today = Math.round(((d + 1) * SCALE.cases) / SCALE.businessDays) - made;
    s.db.transaction(() => {
      for (const officer of officers) s.audit.record({ actor: officer, action: 'auth.login' });
      for (let k = 0; k < today; k++, made++) {
        const officer = officers[Math.floor(r() * officers.length)]!;
        const supervisor = supervisors[Math.floor(r() * supervisors.length)]!;
        const customer = { idNumber: nationalId(r), name: personName(r) };
        if (made === Math.floor(SCALE.cases / 2)) sample = customer;
        const detail = s.cases.create(
          {
            subject: customer,
            enterprise: null,
            role: 'borrower',
            purpose: 'credit',
            products: ['T50', 'T51', 'T52'],
          },
          officer,
        );
        // Fast path 1: the page as the intake stores it (sealed file and row), and its audit entry.
        const stored = forms.write(detail.id, randomUUID(), 'image/png', page);
        s.db
          .prepare(
            `INSERT INTO case_pages (case_id, position, file_name, media_type, sha256, bytes, width, height, page_count, stored_as, added_at) VALUES (?, 1, 'form.png', 'image/png', ?, ?, 620, 877, 1, ?, ?)`,
          )
          .run(detail.id, pageSha, page.length, stored, clock.now().toISOString());
        s.audit.record({
          actor: officer,
          action: 'form.imported',
          caseId: detail.id,
          detail: { file: 'form.png', via: 'file', pages: 1 },
        });
        minute();
        const signedOn = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
        const until = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
        const captured = s.caseApproval.capture(detail.id, signedOn, until, officer);
        s.caseApproval.requestApproval(detail.id, officer);
        s.audit.record({ actor: supervisor, action: 'form.viewed', caseId: detail.id, detail: { position: 1 } });
        s.caseApproval.approve(detail.id, supervisor, 'own-session', captured.pagesDigest!);
        minute();
        // Fast path 2: JCIC's answers recorded as the outbox and the follower record them.
        const rejected = r() < 0.06;
        const outbox = s.db.prepare('SELECT submission_id FROM outbox WHERE case_id = ?').get(detail.id) as {
          submission_id: string;
        };
        s.db
          .prepare("UPDATE outbox SET state = 'sent', sent_at = ?, attempts = 1 WHERE case_id = ?")
          .run(clock.now().toISOString(), detail.id);
        s.audit.record({
          actor: null,
          action: 'jcic.submitted',
          caseId: detail.id,
          detail: { submissionId: outbox.submission_id, attempt: 1, duplicate: false },
        });
        s.cases.transition(detail.id, 'submitted', null, {}, { jcic_status: 'under_review' });
        s.cases.transition(detail.id, 'under_review', null);
        minute();
        const now = s.retentionClock.now();
        const expires = new Date(now.getTime() + 3 * 86_400_000).toISOString();
        if (rejected) {
          s.cases.transition(
            detail.id,
            'rejected',
            null,
            { note: { code: 'jcic_rejected', params: { code: 'form-unreadable' } }, reason: '授權書影像無法辨識' },
            {
              jcic_status: 'rejected',
              rejection_code: 'form-unreadable',
              rejection_text: '授權書影像無法辨識',
              data_expires_at: expires,
            },
          );
        } else {
          s.results.put(detail.id, 'T50', sampleT50(`A${detail.id}`, now), now.toISOString(), expires);
          s.audit.record({
            actor: null,
            action: 'jcic.results_received',
            caseId: detail.id,
            detail: { products: ['T50'] },
          });
          s.cases.transition(
            detail.id,
            'data_received',
            null,
            {},
            {
              jcic_status: 'approved',
              data_expires_at: expires,
            },
          );
          s.audit.record({
            actor: null,
            action: 'jcic.acknowledged',
            caseId: detail.id,
            detail: { submissionId: outbox.submission_id },
          });
          s.audit.record({
            actor: officer,
            action: 'results.viewed',
            caseId: detail.id,
            detail: { products: ['T50'] },
          });
        }
      }
      for (const officer of officers) s.audit.record({ actor: officer, action: 'auth.logout' });
    })();
    // Retention ran every day until it "stopped": the rest is the backlog.
    if (made <= retentionStopsAfter + 40) await s.retention.sweep();
    // From here on the desk is "off": its retention timer (set by each sweep) must not clear the
    // backlog while the rest of the store is built.
    else s.retention.stop();
    await new Promise((resolve) => setImmediate(resolve));
    if (d % 100 === 0) process.stderr.write(`${made} `);
  }
  desk.close();
  lastSample = sample!;
  lastBuildSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`done in ${lastBuildSeconds.toFixed(0)} s\n`);
}

function factsOf(dataDir: string, builtInSeconds: number): ScaleFacts {
  const desk = createDesk({
    dataDir,
    clock: adjustableClock(STORE_NOW),
    version: 'bench',
    background: false,
    loadedPolicy: parsePolicy({ origin: 'bench', kind: 'json', text: POLICY_TEXT }),
  });
  try {
    const n = (sql: string) => (desk.services.db.prepare(sql).get() as { n: number }).n;
    return {
      sample: lastSample,
      schema: SCHEMA_VERSION,
      cases: n('SELECT COUNT(*) AS n FROM cases'),
      audit: n('SELECT COUNT(*) AS n FROM audit'),
      events: n('SELECT COUNT(*) AS n FROM case_events'),
      backlog: n(
        "SELECT COUNT(*) AS n FROM cases WHERE state IN ('data_received', 'rejected', 'authorization_expired')",
      ),
      bytes: statSync(join(dataDir, 'desk.sqlite')).size,
      builtInSeconds,
    };
  } finally {
    desk.close();
  }
}
