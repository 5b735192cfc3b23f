// The case tables as the main side reads them (schema: store/migrations.ts).
import type { CaseState } from '../../../common/domain/case-states';
import type { Purpose, SubjectRole } from '../../../common/domain/eligibility';

export interface CaseRow {
  id: number;
  state: CaseState;
  /** Empty since schema 6: the identity is in subject_sealed (see subject-seal.ts). */
  subject_id: string;
  subject_name: string;
  subject_kind: string;
  subject_sealed: Buffer | null;
  subject_id_hash: string | null;
  subject_id_masked: string | null;
  subject_name_masked: string | null;
  enterprise_number: string | null;
  enterprise_name: string | null;
  role: SubjectRole;
  purpose: Purpose;
  products: string;
  signed_on: string | null;
  valid_until: string | null;
  created_by: number;
  approved_by: number | null;
  created_at: string;
  updated_at: string;
  jcic_status: string | null;
  rejection_code: string | null;
  rejection_text: string | null;
  data_expires_at: string | null;
  sent_back_reason: string | null;
  authorization_method: 'paper' | 'moica';
  /** The paper form's type (policy formTypes id); null: the policy's first. */
  form_type: string | null;
  esign_sealed: Buffer | null;
  /** The form's pages as confirmed with the authorization (null while they may change). */
  pages_digest: string | null;
  /** The pages the supervisor approved: the outbox sends exactly these. */
  approved_digest: string | null;
}

export interface PageRow {
  id: number;
  case_id: number;
  position: number;
  file_name: string;
  media_type: string;
  sha256: string;
  bytes: number;
  width: number | null;
  height: number | null;
  page_count: number;
  stored_as: string;
  /** StoredQuality as JSON (page images), else null. */
  quality: string | null;
  /** The page image as captured (sealed, for the page editor), and KeptEdits as JSON; null for a PDF. */
  original_as: string | null;
  edits: string | null;
}

/** Cases that ended without data to read, from which a new one may start. */
export const RECREATABLE: readonly CaseState[] = ['rejected', 'authorization_expired', 'purged'];
