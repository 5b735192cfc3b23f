// Capturing the paper form: scanners and a scan into a case (each page through the same intake as
// a file), and the officer's answer to a quality-gate finding (common/domain/quality-findings.ts).
import * as z from '../zod';
import { call } from './call';
import { CaseDetail, CaseId } from './cases';

export const captureCalls = {
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
