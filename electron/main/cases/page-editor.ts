// The page editor's main side: the original of a page image for the editor to draw (a preview and
// the edits that made the page), an officer's edits applied to that original in the intake worker
// (the stored page made anew, measured and judged again), and a page moved within the form. Like
// every change to the pages, each is checked again inside its write transaction.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../store/database';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseDetail } from '../../../common/contract';
import type { PageEdits } from '../capture/page-geometry';
import { acceptForm } from './form-intake';
import { runIntake } from '../intake/intake-runner';
import type { FormStore } from './form-store';
import type { CaseService } from './case-service';
import type { CaseViews } from './case-views';
import type { PageRow } from './case-rows';
import { assertChangeable, type CasePages } from './case-pages';
import { checkedEdits, keptEdits, readKeptEdits, type KeptEdits } from './page-edits';
import { dropAnswers, storedQuality } from './quality-gate';
import { subjectOf, type SubjectSeal } from './subject-seal';

/** The editor's preview: large enough to place corners within a few pixels of the original. */
const PREVIEW_SIDE = 1600;

export interface PageOriginal extends KeptEdits {
  preview: { dataBase64: string; width: number; height: number };
}

export class PageEditor {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly cases: CaseService,
    private readonly pages: CasePages,
    private readonly forms: FormStore,
    private readonly views: CaseViews,
    private readonly seal: SubjectSeal,
  ) {}

  /** The original as captured, for the officer to correct the page from (a form access: audited). */
  async original(caseId: number, pageId: number, user: StaffRecord): Promise<PageOriginal> {
    assertChangeable(this.cases.visibleRow(caseId, user));
    const { row, kept } = this.editable(caseId, pageId);
    const bytes = this.forms.read(caseId, row.original_as!);
    // Found once, off this thread, the first time the editor opens on a page (imports skip it).
    const suggesting = !kept.suggested;
    if (suggesting) {
      const found = await runIntake(bytes, 1, { today: this.cases.today(), suggest: true });
      kept.suggested = found.ok && found.suggested ? found.suggested : { corners: null, deskew: 0 };
    }
    const { data, info } = await sharp(bytes)
      .resize({ width: PREVIEW_SIDE, height: PREVIEW_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    this.db.transaction(() => {
      // Checked again after the awaits: the case may have gone to the supervisor meanwhile. The
      // suggestions are kept only on the page they were found for (not one edited since).
      assertChangeable(this.cases.visibleRow(caseId, user));
      // …and the page may have been edited or removed: the preview would be of a page that is gone.
      if (this.editable(caseId, pageId).row.stored_as !== row.stored_as) throw new DeskError('PAGE_CHANGED');
      if (suggesting)
        this.db
          .prepare('UPDATE case_pages SET edits = ? WHERE id = ? AND stored_as = ?')
          .run(JSON.stringify(kept), pageId, row.stored_as);
      this.audit.record({
        actor: user,
        action: 'form.viewed',
        caseId,
        detail: { position: row.position, original: true },
      });
    })();
    return { ...kept, preview: { dataBase64: data.toString('base64'), width: info.width, height: info.height } };
  }

  /** The page made anew from its original with the officer's edits. */
  async edit(caseId: number, pageId: number, edits: PageEdits, user: StaffRecord): Promise<CaseDetail> {
    const before = this.cases.visibleRow(caseId, user);
    assertChangeable(before);
    const { row, kept } = this.editable(caseId, pageId);
    const wanted = checkedEdits(edits, kept);
    const original = this.forms.read(caseId, row.original_as!);
    const others = this.cases.pageTotal(caseId) - row.page_count;
    const [page] = await acceptForm({ kind: 'file', fileName: row.file_name, bytes: original }, others, {
      today: this.cases.today(),
      edits: wanted,
    });
    if (!page?.original) throw new DeskError('PAGE_NOT_EDITABLE');
    const storedAs = this.forms.write(caseId, randomUUID(), page.mediaType, page.data);
    const subjectId = subjectOf(this.seal, before)?.idNumber ?? '';
    // The suggestions stay those found on the original when it was captured.
    const keep = JSON.stringify({ ...JSON.parse(keptEdits(page)!), suggested: kept.suggested });
    try {
      this.db.transaction(() => {
        const now = this.cases.visibleRow(caseId, user);
        assertChangeable(now);
        // Replaced or removed meanwhile: this edit was made on a page that is no longer there.
        const current = this.cases.pages(caseId).find((p) => p.id === pageId);
        if (!current || current.stored_as !== row.stored_as) throw new DeskError('CASE_NOT_FOUND');
        this.db
          .prepare(
            `UPDATE case_pages SET media_type = ?, sha256 = ?, bytes = ?, width = ?, height = ?, stored_as = ?,
              quality = ?, edits = ? WHERE id = ?`,
          )
          .run(
            page.mediaType,
            page.sha256,
            page.data.length,
            page.width,
            page.height,
            storedAs,
            storedQuality(page.quality, subjectId),
            keep,
            pageId,
          );
        // Answers were given for the old image: the new page is judged afresh.
        dropAnswers(this.db, caseId, pageId);
        this.audit.record({
          actor: user,
          action: 'form.page_edited',
          caseId,
          detail: {
            position: row.position,
            rotate: wanted.rotate,
            deskew: wanted.deskew,
            cropped: wanted.corners !== null,
          },
        });
        this.pages.unconfirmIfCaptured(now, user);
      })();
    } catch (e) {
      this.forms.remove(caseId, storedAs);
      throw e;
    }
    this.forms.remove(caseId, row.stored_as);
    return this.views.detail(caseId);
  }

  /** A page moved to another place in the form (1 is first). */
  move(caseId: number, pageId: number, position: number, user: StaffRecord): CaseDetail {
    this.db.transaction(() => {
      const row = this.cases.visibleRow(caseId, user);
      assertChangeable(row);
      const pages = this.cases.pages(caseId);
      const from = pages.findIndex((p) => p.id === pageId);
      if (from < 0) throw new DeskError('CASE_NOT_FOUND');
      const to = Math.max(0, Math.min(pages.length - 1, position - 1));
      if (from === to) return;
      const [moved] = pages.splice(from, 1);
      pages.splice(to, 0, moved!);
      // Positions are unique per case only in meaning: set them in order, moved out of the way first.
      const place = this.db.prepare('UPDATE case_pages SET position = ? WHERE id = ?');
      pages.forEach((p, i) => place.run(-(i + 1), p.id));
      pages.forEach((p, i) => place.run(i + 1, p.id));
      this.audit.record({
        actor: user,
        action: 'form.page_moved',
        caseId,
        detail: { from: from + 1, to: to + 1 },
      });
      this.pages.unconfirmIfCaptured(row, user);
    })();
    return this.views.detail(caseId);
  }

  private editable(caseId: number, pageId: number): { row: PageRow; kept: KeptEdits } {
    const row = this.cases.pages(caseId).find((p) => p.id === pageId);
    if (!row) throw new DeskError('CASE_NOT_FOUND');
    const kept = readKeptEdits(row);
    if (!kept) throw new DeskError('PAGE_NOT_EDITABLE');
    return { row, kept };
  }
}
