// Every action the desk writes to the audit trail has wording for the people who read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_LABELS } from '../../common/domain/audit-actions';

const root = join(__dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('each audit action recorded anywhere in the desk has zh-TW and English wording', () => {
  const recorded = new Set<string>();
  for (const file of [...sources(join(root, 'electron'))]) {
    // Lines that record: `action: 'x.y'` (or a ternary of literals) and `this.end('x.y')`.
    for (const line of readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /action: |this\.end\(/.test(l))) {
      for (const m of line.matchAll(/'([a-z]+\.[a-z_]+)'/g)) recorded.add(m[1]!);
    }
  }
  recorded.add('vault.key_created').add('vault.key_moved_to_os_keystore'); // built from a template
  assert.ok(recorded.size > 40, `found ${recorded.size} actions`);
  const missing = [...recorded].filter((a) => !AUDIT_ACTION_LABELS[a]);
  assert.deepEqual(missing, []);
  for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) assert.ok(label['zh-TW'] && label.en, action);
});
