// The import-boundary rule in eslint.config.mjs must actually bite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: join(__dirname, '..', '..') });
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

test('the renderer may not import main-side, native or Node code at run time', async () => {
  assert.equal(
    (
      await problems(
        'renderer/x.ts',
        "import { openDatabase } from '../electron/main/store/database';\nexport const a = openDatabase;\n",
      )
    ).length,
    1,
  );
  assert.equal(
    (
      await problems(
        'renderer/x.ts',
        "import { readRawPolicy } from '../native/policy-source';\nexport const a = readRawPolicy;\n",
      )
    ).length,
    1,
  );
  assert.equal(
    (await problems('renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"))
      .length,
    1,
  );
  assert.equal(
    (await problems('renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"))
      .length,
    1,
  );
});

test('the renderer may import types from anywhere and runtime code from common/', async () => {
  assert.deepEqual(
    await problems('renderer/x.ts', "import type { Desk } from '../electron/main/desk';\nexport type A = Desk;\n"),
    [],
  );
  assert.deepEqual(
    await problems(
      'renderer/x.ts',
      "import { checkIdentifier } from '../common/identifiers';\nexport const a = checkIdentifier;\n",
    ),
    [],
  );
});

test('native/ imports no domain code; common/ imports no runtime layer; only the Electron host uses Electron', async () => {
  assert.equal(
    (
      await problems(
        'native/x.ts',
        "import { checkIdentifier } from '../common/identifiers';\nexport const a = checkIdentifier;\n",
      )
    ).length,
    1,
  );
  assert.equal(
    (
      await problems(
        'common/x.ts',
        "import { parseRegQuery } from '../native/policy-source';\nexport const a = parseRegQuery;\n",
      )
    ).length,
    1,
  );
  assert.equal(
    (await problems('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).length,
    1,
  );
  assert.deepEqual(
    await problems('electron/host-electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    [],
  );
  assert.equal(
    (
      await problems(
        'sandbox/jcic/x.ts',
        "import { HttpsJcicGateway } from '../../electron/main/jcic/jcic-gateway';\nexport const a = HttpsJcicGateway;\n",
      )
    ).length,
    1,
  );
  assert.deepEqual(
    await problems(
      'sandbox/jcic/x.ts',
      "import { checkEligibility } from '../../common/domain/eligibility';\nexport const a = checkEligibility;\n",
    ),
    [],
  );
});
