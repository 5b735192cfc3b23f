// Where IT's machine-wide policy comes from, read raw: no validation here (that is domain code).
// Windows: HKLM\SOFTWARE\Policies\BranchDesk (Group Policy's place). Linux and others:
// /etc/branch-desk/policy.json. An environment variable names another JSON file (tests, support).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const POLICY_ENV = 'BRANCH_DESK_POLICY';
export const LINUX_POLICY_PATH = '/etc/branch-desk/policy.json';
export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\BranchDesk';

export type RawPolicy =
  | { origin: string; kind: 'none' }
  | { origin: string; kind: 'json'; text: string }
  | { origin: string; kind: 'registry'; values: Record<string, string | number> };

export function readRawPolicy(env: NodeJS.ProcessEnv = process.env, platform = process.platform): RawPolicy {
  const override = env[POLICY_ENV];
  if (override) return readJsonFile(override, true);
  if (platform === 'win32') return readRegistry();
  return readJsonFile(LINUX_POLICY_PATH, false);
}

function readJsonFile(path: string, required: boolean): RawPolicy {
  if (!existsSync(path)) {
    if (required) return { origin: path, kind: 'json', text: '' }; // an empty file fails validation with a clear message
    return { origin: path, kind: 'none' };
  }
  return { origin: path, kind: 'json', text: readFileSync(path, 'utf8') };
}

function readRegistry(): RawPolicy {
  let output: string;
  try {
    output = execFileSync('reg', ['query', WINDOWS_POLICY_KEY], { encoding: 'utf8', windowsHide: true });
  } catch {
    return { origin: WINDOWS_POLICY_KEY, kind: 'none' }; // key absent: nothing configured
  }
  return { origin: WINDOWS_POLICY_KEY, kind: 'registry', values: parseRegQuery(output) };
}

/** Parses `reg query` output lines: `    Name    REG_SZ    value` / `    Name    REG_DWORD    0x5`. */
export function parseRegQuery(output: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s{2,}(\S+)\s+(REG_SZ|REG_EXPAND_SZ|REG_DWORD|REG_QWORD)\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, name, type, data] = match as unknown as [string, string, string, string];
    values[name] = type === 'REG_DWORD' || type === 'REG_QWORD' ? Number.parseInt(data, 16) : data.trim();
  }
  return values;
}
