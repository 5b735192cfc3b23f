// The case lists, a page at a time, searched in SQL: a case number, a whole ID (its keyed hash) or
// business number, or the start of a name (keyed hashes of the customer's first one to four
// characters or whole name; the enterprise's name is not personal data and is matched by prefix).
// Never a fragment of a number, so the box can't be used to fish for IDs, and never beyond what
// the user may see.
import type { Db } from '../store/database';
import { fieldIssue } from '../../../common/contract/field-problems';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseSummary } from '../../../common/contract';
import type { CaseRow } from './case-rows';
import type { CaseState } from '../../../common/domain/case-states';
import type { CaseViews } from './case-views';
import type { SubjectSeal } from './subject-seal';

export type CaseScope = 'mine' | 'awaiting_approval' | 'all';

export interface CasePage {
  items: CaseSummary[];
  /** Where the next page starts; null when this was the last. */
  nextCursor: string | null;
}

const PERSON_ID = /^[A-Z][A-Z0-9]\d{8}$/;
const ENTERPRISE_PREFIX = '(enterprise_name >= @enterprisePrefix AND enterprise_name < @enterprisePrefixEnd)';
/** A customer's name (its keyed hash) or an enterprise's name: `query` may take it apart. */
const NAME_SEARCH = `(id IN (SELECT case_id FROM case_name_keys WHERE key = @nameKey) OR ${ENTERPRISE_PREFIX})`;

export class CaseList {
  constructor(
    private readonly db: Db,
    private readonly seal: SubjectSeal,
    private readonly views: CaseViews,
  ) {}

  list(
    scope: CaseScope,
    user: StaffRecord,
    options: { search?: string; limit: number; cursor?: string; states?: readonly CaseState[] },
  ): CasePage {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: options.limit + 1 };
    // Officers see only their own cases, whatever scope they ask for.
    if (user.role === 'officer' || scope === 'mine') {
      where.push('created_by = @user');
      params.user = user.id;
    }
    if (scope === 'awaiting_approval') where.push("state = 'awaiting_approval'");
    // The homes' queues: only cases in these states (each bound as a parameter).
    if (options.states?.length) {
      where.push(`state IN (${options.states.map((_, i) => `@state${i}`).join(', ')})`);
      options.states.forEach((state, i) => (params[`state${i}`] = state));
    }
    if (options.search) where.push(this.searchCondition(options.search, params));
    // The approval queue is oldest first (by when it was sent for approval); other lists newest first.
    const queue = scope === 'awaiting_approval';
    if (options.cursor) {
      const [at, id] = decodeCursor(options.cursor);
      where.push(queue ? '(updated_at, id) > (@cursorAt, @cursorId)' : 'id < @cursorId');
      Object.assign(params, { cursorAt: at, cursorId: id });
    }
    const order = queue ? 'updated_at, id' : 'id DESC';
    const rows = this.db.prepare(this.query(where, order)).all(params) as CaseRow[];
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page.at(-1);
    return { items: this.views.summaries(page), nextCursor: more && last ? encodeCursor(last) : null };
  }

  /** The page's SQL. A name search newest first walks each index in id order and stops at the
   * page (an OR of the two would gather every case of a common surname, then sort them). */
  private query(where: string[], order: string): string {
    const limit = 'LIMIT CAST(@limit AS INTEGER)';
    const nameSearch = where.indexOf(NAME_SEARCH);
    if (nameSearch >= 0 && order === 'id DESC') {
      const others = where.filter((_, i) => i !== nameSearch).map((w) => ` AND ${w}`);
      return `SELECT * FROM (
          SELECT c.* FROM case_name_keys k JOIN cases c ON c.id = k.case_id
          WHERE k.key = @nameKey${others.join('')} ORDER BY k.case_id DESC ${limit})
        UNION SELECT * FROM (
          SELECT * FROM cases WHERE ${ENTERPRISE_PREFIX}${others.join('')} ORDER BY id DESC ${limit})
        ORDER BY id DESC ${limit}`;
    }
    return `SELECT * FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} ${limit}`;
  }

  private searchCondition(search: string, params: Record<string, unknown>): string {
    const text = search.trim();
    const upper = text.toUpperCase();
    const any: string[] = [];
    const caseNumber = /^#?(\d{1,9})$/.exec(text);
    if (caseNumber) {
      any.push('id = @caseNumber');
      params.caseNumber = Number(caseNumber[1]);
    }
    if (PERSON_ID.test(upper)) {
      any.push('subject_id_hash = @idHash');
      params.idHash = this.seal.idHash(upper);
    }
    if (/^\d{8}$/.test(text)) {
      any.push('enterprise_number = @businessNumber');
      params.businessNumber = text;
    }
    // Names: anything that is not a number (a number's fragment finds nothing).
    if (!/\d/.test(text)) {
      // A prefix as a range, so the index on the name serves it (LIKE would scan).
      params.enterprisePrefix = text;
      params.enterprisePrefixEnd = `${text}\u{10FFFF}`;
      const key = this.seal.nameSearchKey(text);
      if (!key) return ENTERPRISE_PREFIX;
      params.nameKey = key;
      return NAME_SEARCH;
    }
    return any.length ? `(${any.join(' OR ')})` : '0';
  }
}

const encodeCursor = (row: CaseRow) => Buffer.from(JSON.stringify([row.updated_at, row.id])).toString('base64url');

function decodeCursor(cursor: string): [string, number] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'number' && Number.isInteger(id)) return [at, id];
  } catch {
    // reported below
  }
  throw DeskError.validation([fieldIssue('cursor', 'stale_cursor')]);
}
