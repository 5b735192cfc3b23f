// Capturing the paper form: scanners and a scan into a case (each page through the same intake as
// a file), and the officer's answer to a quality-gate finding (common/domain/quality-findings.ts).
import * as z from '../zod';
import { call } from './call';
import { CaseDetail, CaseId } from './cases';

const Corner = z.tuple([z.number().int().min(0).max(20_000), z.number().int().min(0).max(20_000)]);
const Corners = z.tuple([Corner, Corner, Corner, Corner]);
const Rotate = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
const PageRef = { caseId: CaseId, pageId: z.number().int().positive() };

export const captureCalls = {
  // A document camera's shot (the renderer's full-resolution frame, JPEG or PNG), through the same
  // intake as a file; the desk cuts it to the sheet and straightens it (the page editor can correct).
  'cases.addPhoto': call(
    z
      .object({
        caseId: CaseId,
        dataBase64: z
          .string()
          .min(1)
          .max(30 * 1024 * 1024),
      })
      .strict(),
    CaseDetail,
    ['officer'],
  ),
  // The page editor: a page image's original (a preview to draw on, its size, the edits that made
  // the page and the corners and skew the desk found), and edits applied to that original by the
  // main side. Corners: top-left, top-right, bottom-right, bottom-left, in the original's pixels.
  'cases.pageOriginal': call(
    z.object(PageRef).strict(),
    z.object({
      width: z.number().int(),
      height: z.number().int(),
      edits: z.object({ rotate: Rotate, corners: Corners.nullable(), deskew: z.number() }),
      suggested: z.object({ corners: Corners.nullable(), deskew: z.number() }).nullable(),
      preview: z.object({ dataBase64: z.string(), width: z.number().int(), height: z.number().int() }),
    }),
    ['officer'],
  ),
  'cases.editPage': call(
    z.object({ ...PageRef, rotate: Rotate, corners: Corners.nullable(), deskew: z.number().min(-15).max(15) }).strict(),
    CaseDetail,
    ['officer'],
  ),
  // What a capture into the case is doing now (polled while the officer waits: the OCR takes about a
  // second a page), and cancelling a scan while the scanner runs.
  'cases.captureProgress': call(
    z.object({ caseId: CaseId }).strict(),
    z
      .object({
        what: z.enum(['file', 'camera', 'scanner']),
        step: z.enum(['scanning', 'checking', 'reading_id']),
        page: z.number().int(),
        of: z.number().int(),
        cancellable: z.boolean(),
      })
      .nullable(),
    ['officer'],
    { passive: true },
  ),
  'cases.cancelScan': call(z.object({ caseId: CaseId }).strict(), z.object({ cancelled: z.boolean() }), ['officer']),
  // The paper form the customer signed, from IT's form types (the gate counts its pages).
  'cases.chooseFormType': call(
    z.object({ caseId: CaseId, formType: z.string().min(1).max(100) }).strict(),
    CaseDetail,
    ['officer'],
  ),
  'cases.movePage': call(z.object({ ...PageRef, position: z.number().int().min(1).max(100) }).strict(), CaseDetail, [
    'officer',
  ]),
  // An officer answers a quality finding with a reason the supervisor reads (the finding's key from
  // the case detail); refused once the case has gone to a supervisor.
  'cases.overrideFinding': call(
    z
      .object({
        caseId: CaseId,
        finding: z.string().min(1).max(100),
        reason: z.string().trim().min(4, '請說明理由（至少 4 個字）').max(300),
      })
      .strict(),
    CaseDetail,
    ['officer'],
  ),
  // The scanners this desk can reach and what each can do; a scan of one or more pages into a case
  // (each page through the same intake as a file).
  'scanners.list': call(
    z.object({}).strict(),
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        driver: z.enum(['sane', 'wia', 'escl']),
        capabilities: z
          .object({
            resolutions: z.array(z.number().int()),
            modes: z.array(z.enum(['color', 'gray'])),
            sources: z.array(z.enum(['flatbed', 'feeder'])),
          })
          .nullable(),
      }),
    ),
    ['officer'],
  ),
  'cases.scan': call(
    z
      .object({
        caseId: CaseId,
        deviceId: z.string().min(1).max(200),
        resolution: z.number().int().min(150).max(600),
        mode: z.enum(['color', 'gray']),
        source: z.enum(['flatbed', 'feeder']),
      })
      .strict(),
    CaseDetail,
    ['officer'],
  ),
};
