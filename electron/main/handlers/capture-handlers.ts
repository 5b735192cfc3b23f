import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';
import type { captureCalls } from '../../../common/contract/capture';

/** Capturing the paper form: scanners, the document camera, the page editor, the quality gate. */
export function captureHandlers(s: DeskServices): Pick<Handlers, keyof typeof captureCalls> {
  return {
    'scanners.list': () => s.scanners.list(),
    'cases.scan': ({ caseId, deviceId, ...request }, ctx) =>
      s.captureProgress.track(
        caseId,
        'scanner',
        (report, signal) => s.scanners.scan(caseId, deviceId, request, ctx.user!, { report, signal }),
        true,
      ),
    'cases.addPhoto': ({ caseId, dataBase64 }, ctx) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      const fileName = `camera-${s.cases.pageTotal(caseId) + 1}.${bytes[0] === 0x89 ? 'png' : 'jpg'}`;
      return s.captureProgress.track(caseId, 'camera', (report) =>
        s.casePages.add(caseId, { kind: 'camera', fileName, bytes }, ctx.user!, report),
      );
    },
    'cases.captureProgress': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      return s.captureProgress.get(caseId);
    },
    'cases.cancelScan': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      return { cancelled: s.captureProgress.cancel(caseId) };
    },
    'cases.pageOriginal': ({ caseId, pageId }, ctx) => s.pageEditor.original(caseId, pageId, ctx.user!),
    'cases.editPage': ({ caseId, pageId, rotate, corners, deskew }, ctx) =>
      s.pageEditor.edit(caseId, pageId, { rotate, corners, deskew }, ctx.user!),
    'cases.movePage': ({ caseId, pageId, position }, ctx) => s.pageEditor.move(caseId, pageId, position, ctx.user!),
    'cases.chooseFormType': ({ caseId, formType }, ctx) => s.casePages.chooseFormType(caseId, formType, ctx.user!),
    'cases.overrideFinding': ({ caseId, finding, reason }, ctx) =>
      s.casePages.overrideFinding(caseId, finding, reason, ctx.user!),
  };
}
