// What a VALIDATION error says about each field, in both languages, from zod's issues: one mapping,
// so no schema path or library sentence ever reaches a user. The contract's schemas name their
// problem by a key of FIELD_PROBLEMS (`.regex(re, 'employee_id')`); anything else is named by the
// kind of issue zod reports.
import { fillSlots, type Bilingual } from './errors';

export const FIELD_PROBLEMS = {
  required: { 'zh-TW': '請填寫', en: 'required' },
  too_long: { 'zh-TW': '最多 {{max}} 個字', en: 'at most {{max}} characters' },
  too_short: { 'zh-TW': '至少 {{min}} 個字', en: 'at least {{min}} characters' },
  too_small: { 'zh-TW': '不得小於 {{min}}', en: 'at least {{min}}' },
  too_big: { 'zh-TW': '不得大於 {{max}}', en: 'at most {{max}}' },
  choose_one: { 'zh-TW': '請至少選擇一項', en: 'choose at least one' },
  too_many: { 'zh-TW': '最多 {{max}} 項', en: 'at most {{max}} items' },
  choose_listed: { 'zh-TW': '請從清單中選擇', en: 'choose one from the list' },
  wrong_kind: { 'zh-TW': '格式不正確', en: 'not in the expected form' },
  unknown_field: { 'zh-TW': '不是此操作接受的欄位', en: 'not something this accepts' },
  date: { 'zh-TW': '請輸入完整日期（年-月-日）', en: 'enter a full date (YYYY-MM-DD)' },
  employee_id: { 'zh-TW': '須為 1 至 20 個英文字母或數字', en: '1 to 20 letters or digits' },
  branch_code: { 'zh-TW': '須為 4 位數字', en: '4 digits' },
  pages_digest: {
    'zh-TW': '授權書頁面的核對碼不正確，請重新開啟案件',
    en: 'the form pages check value is wrong; open the case again',
  },
  action_prefix: {
    'zh-TW': '只能包含英文小寫字母、點與底線',
    en: 'lower-case letters, dots and underscores only',
  },
  stale_cursor: {
    'zh-TW': '清單已變更，請重新整理',
    en: 'the list has changed; refresh it',
  },
  whole_number: { 'zh-TW': '須為正整數', en: 'a positive whole number' },
  date_order: { 'zh-TW': '起日不得晚於迄日', en: 'the first day must not be after the last' },
} as const satisfies Record<string, Bilingual>;
export type FieldProblem = keyof typeof FIELD_PROBLEMS;

/** What each input is called on screen, by its path in the call's input (array indexes left out). */
const FIELD_LABELS: Record<string, Bilingual> = {
  employeeId: { 'zh-TW': '員工編號', en: 'Employee ID' },
  name: { 'zh-TW': '姓名', en: 'Name' },
  branchCode: { 'zh-TW': '分行代號', en: 'Branch code' },
  role: { 'zh-TW': '角色', en: 'Role' },
  password: { 'zh-TW': '密碼', en: 'Password' },
  currentPassword: { 'zh-TW': '目前密碼', en: 'Current password' },
  newPassword: { 'zh-TW': '新密碼', en: 'New password' },
  'subject.idNumber': { 'zh-TW': '客戶身分證字號', en: "Customer's ID number" },
  'subject.name': { 'zh-TW': '客戶姓名', en: "Customer's name" },
  'enterprise.businessNumber': { 'zh-TW': '企業統一編號', en: "Enterprise's business number" },
  'enterprise.name': { 'zh-TW': '企業名稱', en: "Enterprise's name" },
  purpose: { 'zh-TW': '查詢目的', en: 'Purpose' },
  products: { 'zh-TW': '查詢項目', en: 'Products' },
  fileName: { 'zh-TW': '檔名', en: 'File name' },
  dataBase64: { 'zh-TW': '檔案', en: 'File' },
  signedOn: { 'zh-TW': '簽署日期', en: 'Signed on' },
  validUntil: { 'zh-TW': '授權有效期限', en: 'Valid until' },
  pagesDigest: { 'zh-TW': '授權書頁面', en: 'Form pages' },
  'supervisor.employeeId': { 'zh-TW': '主管員工編號', en: "Supervisor's employee ID" },
  'supervisor.password': { 'zh-TW': '主管密碼', en: "Supervisor's password" },
  reason: { 'zh-TW': '原因', en: 'Reason' },
  caseId: { 'zh-TW': '案件編號', en: 'Case number' },
  search: { 'zh-TW': '搜尋', en: 'Search' },
  cursor: { 'zh-TW': '清單', en: 'List' },
  action: { 'zh-TW': '動作', en: 'Action' },
  fromDay: { 'zh-TW': '起日', en: 'From' },
  toDay: { 'zh-TW': '迄日', en: 'To' },
};
const INPUT: Bilingual = { 'zh-TW': '輸入資料', en: 'Input' };

export interface FieldIssue {
  /** Where in the call's input, e.g. "supervisor.employeeId" (screens match their fields on it). */
  path: string;
  problem: FieldProblem;
  label: Bilingual;
  /** The problem in words, without the label (shown under the field). */
  message: Bilingual;
}

/** The shape of a zod issue this mapping reads (zod 4). */
export interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: readonly string[];
}

export function fieldIssue(path: string, problem: FieldProblem, params: Record<string, string | number> = {}) {
  const fill = (text: string) =>
    fillSlots(text, (key) => (params[key] === undefined ? undefined : String(params[key])));
  const template = FIELD_PROBLEMS[problem];
  const clean = path.replace(/\.\d+(?=\.|$)/g, '');
  return {
    path,
    problem,
    label: FIELD_LABELS[clean] ?? FIELD_LABELS[clean.split('.').at(-1) ?? ''] ?? INPUT,
    message: { 'zh-TW': fill(template['zh-TW']), en: fill(template.en) },
  } satisfies FieldIssue;
}

/** `input` is what the call was given: zod 4 leaves the value out of its issues, and a missing
 * value ("required") reads differently from one of the wrong kind. */
export function fromZodIssue(issue: ZodIssueLike, input?: unknown): FieldIssue {
  const path = issue.path.map(String).join('.');
  if (issue.message in FIELD_PROBLEMS) return fieldIssue(path, issue.message as FieldProblem, limits(issue));
  const [problem, params] = problemOf(issue, valueAt(input, issue.path));
  return fieldIssue(path, problem, params);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function limits(issue: ZodIssueLike): Record<string, number> {
  const out: Record<string, number> = {};
  if (issue.minimum !== undefined) out.min = Number(issue.minimum);
  if (issue.maximum !== undefined) out.max = Number(issue.maximum);
  return out;
}

function problemOf(issue: ZodIssueLike, value: unknown): [FieldProblem, Record<string, number>] {
  const bounds = limits(issue);
  switch (issue.code) {
    case 'invalid_type':
      return [value === undefined || value === null ? 'required' : 'wrong_kind', {}];
    case 'too_small':
      if (issue.origin === 'string') return [bounds.min === 1 ? 'required' : 'too_short', bounds];
      if (issue.origin === 'array') return ['choose_one', bounds];
      return ['too_small', bounds];
    case 'too_big':
      if (issue.origin === 'string') return ['too_long', bounds];
      if (issue.origin === 'array') return ['too_many', bounds];
      return ['too_big', bounds];
    case 'invalid_value':
      return [value === undefined ? 'required' : 'choose_listed', {}];
    case 'unrecognized_keys':
      return ['unknown_field', {}];
    default:
      return ['wrong_kind', {}];
  }
}

/** The error's one line: each field's label and problem, in each language's own punctuation. */
export function describeIssues(issues: readonly FieldIssue[]): Bilingual {
  return {
    'zh-TW': issues.map((i) => `${i.label['zh-TW']}：${i.message['zh-TW']}`).join('；'),
    en: issues.map((i) => `${i.label.en}: ${i.message.en}`).join('; '),
  };
}
