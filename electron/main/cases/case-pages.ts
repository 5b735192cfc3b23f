// The form's pages on a case: import (through the intake worker), removal, viewing. Pages change
// only while the case is a draft or its authorization is confirmed but not yet sent for approval;
// a change after confirmation takes the case back to draft, so the pages are confirmed again.
// Every change checks state, ownership and the page limit again inside its write transaction,
// because the file was checked while other calls ran.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseDetail } from '../../../common/contract';
import { STATE_LABELS } from '../../../common/domain/case-states';
import { FORM_LIMITS } from '../../../common/domain/form-limits';
import { acceptForm, fileRejected, type AcceptedPage, type FormSource } from './form-intake';
import type { FormStore } from './form-store';
import type { CaseRow } from './case-rows';
import type { CaseService } from './case-service';
import type { CaseViews } from './case-views';
import { subjectOf, type SubjectSeal } from './subject-seal';
import { dropAnswers, storedQuality, type QualityGate } from './quality-gate';
import { keptEdits } from './page-edits';
import type { StepReport } from '../capture/capture-progress';

export class CasePages {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly cases: CaseService,
    private readonly forms: FormStore,
    private readonly views: CaseViews,
    private readonly seal: SubjectSeal,
    private readonly gate: QualityGate,
  ) {}

  async add(caseId: number, source: FormSource, user: StaffRecord, onStep?: StepReport): Promise<CaseDetail> {
    return this.addAll(caseId, [source], user, onStep && (() => onStep));
  }

  /** Several files at once (a scanner's pages): each through the intake, then all of them in one
   * transaction, so they go in together or not at all (another import filling the case meanwhile
   * refuses the whole scan, never half of it). */
  async addAll(
    caseId: number,
    sources: FormSource[],
    user: StaffRecord,
    stepOf?: (index: number) => StepReport | undefined,
  ): Promise<CaseDetail> {
    const before = this.cases.visibleRow(caseId, user);
    assertChangeable(before);
    const accepted: { source: FormSource; pages: AcceptedPage[] }[] = [];
    let counted = this.cases.pageTotal(caseId);
    for (const [i, source] of sources.entries()) {
      const onStep = stepOf?.(i);
      const pages = await acceptForm(source, counted, { today: this.cases.today(), ...(onStep ? { onStep } : {}) });
      counted += pages.reduce((n, p) => n + p.pageCount, 0);
      accepted.push({ source, pages });
    }
    const all = accepted.flatMap(({ source, pages }) => pages.map((page) => ({ source, page })));
    // What is kept of the IDs read off each page: whether one was the customer's (never the IDs).
    const subjectId = subjectOf(this.seal, before)?.idNumber ?? '';
    // Files first (sealed), rows in one transaction that checks everything again; if it refuses,
    // the files go.
    const stored = all.map(({ page }) => this.forms.write(caseId, randomUUID(), page.mediaType, page.data));
    const originals = all.map(({ page }) =>
      page.original ? this.forms.write(caseId, randomUUID(), 'image/jpeg', page.original.data) : null,
    );
    const now = this.clock.now().toISOString();
    try {
      this.db.transaction(() => {
        const row = this.cases.visibleRow(caseId, user);
        assertChangeable(row);
        const adding = all.reduce((n, { page }) => n + page.pageCount, 0);
        const room = FORM_LIMITS.maxPagesPerCase - this.cases.pageTotal(caseId);
        if (adding > room)
          throw fileRejected(sources[0]!.fileName, 'too-many-pages', { pages: adding, room: Math.max(0, room) });
        const existing = this.cases.pages(caseId).length;
        const insert = this.db.prepare(
          `INSERT INTO case_pages (case_id, position, file_name, media_type, sha256, bytes, width, height, page_count, stored_as, added_at, quality, original_as, edits)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        all.forEach(({ source, page: p }, i) =>
          insert.run(
            caseId,
            existing + i + 1,
            source.fileName,
            p.mediaType,
            p.sha256,
            p.data.length,
            p.width,
            p.height,
            p.pageCount,
            stored[i],
            now,
            storedQuality(p.quality, subjectId),
            originals[i],
            keptEdits(p),
          ),
        );
        for (const { source, pages } of accepted)
          this.audit.record({
            actor: user,
            action: 'form.imported',
            caseId,
            target: `case:${caseId}`,
            detail: { file: source.fileName, via: source.kind, pages: pages.reduce((n, p) => n + p.pageCount, 0) },
          });
        this.unconfirmIfCaptured(row, user);
      })();
    } catch (e) {
      for (const name of [...stored, ...originals]) if (name) this.forms.remove(caseId, name);
      throw e;
    }
    return this.views.detail(caseId);
  }

  remove(caseId: number, pageId: number, user: StaffRecord): CaseDetail {
    let storedAs: string[] = [];
    this.db.transaction(() => {
      const row = this.cases.visibleRow(caseId, user);
      assertChangeable(row);
      const page = this.cases.pages(caseId).find((p) => p.id === pageId);
      if (!page) throw new DeskError('CASE_NOT_FOUND');
      storedAs = [page.stored_as, ...(page.original_as ? [page.original_as] : [])];
      this.db.prepare('DELETE FROM case_pages WHERE id = ?').run(pageId);
      dropAnswers(this.db, caseId, pageId, true);
      this.db
        .prepare('UPDATE case_pages SET position = position - 1 WHERE case_id = ? AND position > ?')
        .run(caseId, page.position);
      this.audit.record({ actor: user, action: 'form.page_removed', caseId, detail: { position: page.position } });
      // A card signature removed takes what its checks found with it: the case is a paper draft again.
      const signature = page.media_type === 'application/pkcs7-signature';
      this.unconfirmIfCaptured(row, user, signature ? { authorization_method: 'paper', esign_sealed: null } : {});
    })();
    for (const name of storedAs) this.forms.remove(caseId, name);
    return this.views.detail(caseId);
  }

  /** Whether pages may be added now (before a slow capture; add() checks again in its transaction). */
  /** The pages the case can still take; refuses a case that can take none (or cannot change). */
  assertAddable(caseId: number, user: StaffRecord): number {
    assertChangeable(this.cases.visibleRow(caseId, user));
    const room = FORM_LIMITS.maxPagesPerCase - this.cases.pageTotal(caseId);
    if (room <= 0) throw new DeskError('TOO_MANY_PAGES', { max: FORM_LIMITS.maxPagesPerCase });
    return room;
  }

  /** An officer's answer to a quality finding, while the pages may still change. */
  overrideFinding(caseId: number, finding: string, reason: string, user: StaffRecord): CaseDetail {
    this.db.transaction(() => {
      const row = this.cases.visibleRow(caseId, user);
      assertChangeable(row);
      this.gate.override(row, finding, reason, this.cases.pages(caseId), user);
    })();
    return this.views.detail(caseId);
  }

  /** The paper form the customer signed (policy formTypes), while the pages may still change. */
  chooseFormType(caseId: number, formType: string, user: StaffRecord): CaseDetail {
    this.db.transaction(() => {
      const row = this.cases.visibleRow(caseId, user);
      assertChangeable(row);
      this.gate.chooseFormType(row, formType, user);
    })();
    return this.views.detail(caseId);
  }

  view(caseId: number, pageId: number, user: StaffRecord): { mediaType: string; dataBase64: string } {
    this.cases.visibleRow(caseId, user);
    const page = this.cases.pages(caseId).find((p) => p.id === pageId);
    if (!page) throw new DeskError('CASE_NOT_FOUND');
    this.audit.record({ actor: user, action: 'form.viewed', caseId, detail: { position: page.position } });
    return { mediaType: page.media_type, dataBase64: this.forms.read(caseId, page.stored_as).toString('base64') };
  }

  /** Changed pages after confirmation: the authorization must be confirmed again on these pages. */
  unconfirmIfCaptured(
    row: CaseRow,
    user: StaffRecord,
    also: { authorization_method?: 'paper'; esign_sealed?: null } = {},
  ): void {
    if (row.state === 'authorization_captured' || row.state === 'sent_back')
      this.cases.transition(
        row.id,
        'draft',
        user,
        { note: { code: 'pages_changed', params: {} } },
        {
          pages_digest: null,
          sent_back_reason: null,
          ...also,
        },
      );
  }
}

export function assertChangeable(row: CaseRow): void {
  if (row.state !== 'draft' && row.state !== 'authorization_captured' && row.state !== 'sent_back') {
    throw new DeskError('ILLEGAL_TRANSITION', { from: STATE_LABELS[row.state], to: STATE_LABELS.draft });
  }
}
