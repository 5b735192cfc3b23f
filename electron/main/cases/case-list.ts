// The case lists, a page at a time, searched in SQL: a case number, a whole ID (its keyed hash) or
// business number, or the start of a name (keyed hashes of the customer's first one to four
// characters or whole name; the enterprise's name is not personal data and is matched by prefix).
// Never a fragment of a number, so the box can't be used to fish for IDs, and never beyond what
// the user may see.
import type { Db } from '../store/database';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseSummary } from '../../../common/contract';
import type { CaseRow } from './case-rows';
import type { CaseViews } from './case-views';
import type { SubjectSeal } from './subject-seal';

export type CaseScope = 'mine' | 'awaiting_approval' | 'all';

export interface CasePage {
  items: CaseSummary[];
  /** Where the next page starts; null when this was the last. */
  nextCursor: string | null;
}

const PERSON_ID = /^[A-Z][A-Z0-9]\d{8}$/;

export class CaseList {
  constructor(
    private readonly db: Db,
    private readonly seal: SubjectSeal,
    private readonly views: CaseViews,
  ) {}

  list(scope: CaseScope, user: StaffRecord, options: { search?: string; limit: number; cursor?: string }): CasePage {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: options.limit + 1 };
    // Officers see only their own cases, whatever scope they ask for.
    if (user.role === 'officer' || scope === 'mine') {
      where.push('created_by = @user');
      params.user = user.id;
    }
    if (scope === 'awaiting_approval') where.push("state = 'awaiting_approval'");
    if (options.search) where.push(this.searchCondition(options.search, params));
    // The approval queue is oldest first (by when it was sent for approval); other lists newest first.
    const queue = scope === 'awaiting_approval';
    if (options.cursor) {
      const [at, id] = decodeCursor(options.cursor);
      where.push(queue ? '(updated_at, id) > (@cursorAt, @cursorId)' : 'id < @cursorId');
      Object.assign(params, { cursorAt: at, cursorId: id });
    }
    const order = queue ? 'updated_at, id' : 'id DESC';
    const rows = this.db
      .prepare(
        `SELECT * FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT CAST(@limit AS INTEGER)`,
      )
      .all(params) as CaseRow[];
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page.at(-1);
    return { items: page.map((r) => this.views.summary(r)), nextCursor: more && last ? encodeCursor(last) : null };
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
      const key = this.seal.nameSearchKey(text);
      if (key) {
        any.push('id IN (SELECT case_id FROM case_name_keys WHERE key = @nameKey)');
        params.nameKey = key;
      }
      // A prefix as a range, so the index on the name serves it (LIKE would scan).
      any.push('(enterprise_name >= @enterprisePrefix AND enterprise_name < @enterprisePrefixEnd)');
      params.enterprisePrefix = text;
      params.enterprisePrefixEnd = `${text}\u{10FFFF}`;
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
  throw new DeskError('VALIDATION', { detail: 'cursor: not one this desk handed out' }, [
    { path: 'cursor', problem: 'unknown' },
  ]);
}
