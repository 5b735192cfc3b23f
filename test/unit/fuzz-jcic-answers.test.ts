// Ten thousand generated JCIC answers through the desk's JCIC adapter, over real mutual TLS, each
// signed as it is: truncated, oversized, malformed JSON, wrong types, missing or wrong envelope
// fields, deep nesting, script-bearing strings. Every one ends in a typed outcome — accepted with
// the declared shape, or refused as an answer, or a JCIC refusal — and nothing else is thrown.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startHostileJcic, type HostileJcic } from '../support/hostile-jcic';
import {
  HttpsJcicGateway,
  JcicAnswerRefused,
  JcicRefused,
  JcicUnreachable,
} from '../../electron/main/jcic/jcic-gateway';
import { systemClock } from '../../electron/main/clock';
import { ProductResults } from '../../common/domain/result-schemas';
import { sampleT50, sampleT51, sampleT52 } from '../../sandbox/jcic/sample-data';
import { runPool } from '../../electron/main/jcic/pool';

const ANSWERS = 10_000;
let jcic: HostileJcic;
after(() => jcic?.close());

const SCRIPTS = [
  '<script>window.__owned=1</script>',
  '<img src=x onerror="window.__owned=1">',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  '${alert(1)}',
  '\u202e\u0000',
];
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...SCRIPTS));
const { value: anyJson } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
}));

/** A real answer body, so that mutations of it reach the deeper checks. */
function honestResults(): Record<string, unknown> {
  const today = new Date();
  return {
    products: {
      T50: sampleT50('A123456789', today),
      T51: sampleT51('A123456789'),
      T52: sampleT52('A123456789', today),
    },
  };
}

/** Replaces a string anywhere in the value by a script-bearing one (data that passes the schema). */
function scriptify(value: unknown, script: string, chance: () => boolean): unknown {
  if (typeof value === 'string') return chance() ? script : value;
  if (Array.isArray(value)) return value.map((v) => scriptify(v, script, chance));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scriptify(v, script, chance)]));
  return value;
}

type Spec = {
  kind: 'status' | 'results';
  envelope: 'right' | 'no-request-id' | 'other-request-id' | 'no-time' | 'bad-time' | 'other-submission';
  body: 'honest' | 'scripted' | 'field-replaced' | 'anything';
  replaced: [string, unknown];
  script: string;
  encoding: 'json' | 'truncated' | 'garbage' | 'array' | 'deep';
  cut: number;
};

const spec: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom('status', 'results'),
  envelope: fc.constantFrom(
    'right',
    'right',
    'right',
    'no-request-id',
    'other-request-id',
    'no-time',
    'bad-time',
    'other-submission',
  ),
  body: fc.constantFrom('honest', 'scripted', 'scripted', 'field-replaced', 'field-replaced', 'anything'),
  replaced: fc.tuple(
    fc.constantFrom('status', 'reason', 'products', 'T50', 'records', 'formatCode', 'grossReceipts', 'taxYear'),
    anyJson,
  ),
  script: fc.constantFrom(...SCRIPTS),
  encoding: fc.constantFrom('json', 'json', 'json', 'json', 'truncated', 'garbage', 'array', 'deep'),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
});

function bodyFor(s: Spec, requestId: string, submissionId: string): Buffer {
  let fields: Record<string, unknown> =
    s.kind === 'status'
      ? { status: 'approved', reason: null }
      : s.body === 'scripted'
        ? (scriptify(honestResults(), s.script, () => Math.random() < 0.3) as Record<string, unknown>)
        : honestResults();
  if (s.body === 'field-replaced') {
    const [key, value] = s.replaced;
    if (key in fields) fields[key] = value;
    else if (fields.products && typeof fields.products === 'object') {
      const t50 = (fields.products as Record<string, Record<string, unknown>>).T50!;
      if (key in t50) t50[key] = value;
      else if (Array.isArray(t50.records) && t50.records[0]) (t50.records[0] as Record<string, unknown>)[key] = value;
    }
  }
  if (s.body === 'anything') fields = { value: s.replaced[1] };
  const envelope: Record<string, unknown> = {
    submissionId: s.envelope === 'other-submission' ? randomUUID() : submissionId,
    requestId:
      s.envelope === 'no-request-id' ? undefined : s.envelope === 'other-request-id' ? randomUUID() : requestId,
    respondedAt:
      s.envelope === 'no-time' ? undefined : s.envelope === 'bad-time' ? 'yesterday' : new Date().toISOString(),
  };
  const json = JSON.stringify({ ...fields, ...envelope });
  if (s.encoding === 'truncated') return Buffer.from(json.slice(0, Math.floor(json.length * s.cut)));
  if (s.encoding === 'garbage') return Buffer.from(`${json.slice(0, 20)}\u0000\u00ff{{{${json.slice(20)}`, 'latin1');
  if (s.encoding === 'array') return Buffer.from(`[${json}]`);
  if (s.encoding === 'deep') return Buffer.from(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
  return Buffer.from(json);
}

test(`${ANSWERS} generated JCIC answers through the adapter: every one accepted with its declared shape or refused with a typed error`, async () => {
  jcic = await startHostileJcic();
  const specs = fc.sample(spec, { numRuns: ANSWERS, seed: 1201 });
  const bySubmission = new Map<string, Spec>();
  const work = specs.map((s) => {
    const id = randomUUID();
    bySubmission.set(id, s);
    return { id, s };
  });
  // Three answers over the size limit, as they are: a flood of data.
  const huge = Buffer.alloc(9 * 1024 * 1024, 0x20);
  const hugeIds = new Set<string>([randomUUID(), randomUUID(), randomUUID()]);
  jcic.rawAnswer = (_kind, requestId, submissionId) => {
    if (hugeIds.has(submissionId)) return huge;
    const s = bySubmission.get(submissionId);
    return s ? bodyFor(s, requestId, submissionId) : null;
  };
  const gateway = new HttpsJcicGateway(jcic.endpoint, jcic.files, systemClock);
  const outcomes: Record<string, number> = {};
  const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  try {
    await runPool(
      [...work, ...[...hugeIds].map((id) => ({ id, s: { kind: 'results' } as Spec }))],
      8,
      async ({ id, s }) => {
        try {
          if (s.kind === 'status') {
            const review = await gateway.status(id);
            assert.ok(['under_review', 'approved', 'rejected'].includes(review.status));
            count('status accepted');
          } else {
            const products = await gateway.results(id);
            assert.ok(ProductResults.safeParse(products).success);
            count('results accepted');
          }
        } catch (e) {
          if (e instanceof JcicAnswerRefused) return void count(`refused: ${e.code}`);
          if (e instanceof JcicRefused) return void count(`jcic refused: ${e.code}`);
          if (e instanceof JcicUnreachable) return void count('unreachable');
          throw e; // anything else is a bug in the adapter
        }
      },
    );
  } finally {
    gateway.close();
  }
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
  console.log(`[figures] JCIC answers fuzzed: ${total}; outcomes ${JSON.stringify(outcomes)}`);
  assert.equal(total, ANSWERS + 3);
  assert.equal(outcomes['refused: oversized-answer'], 3);
  assert.ok(
    (outcomes['results accepted'] ?? 0) > 500,
    'script-bearing data that fits the schema is data: accepted, for the screen to show as text',
  );
  assert.equal(outcomes.unreachable ?? 0, 0);
});
