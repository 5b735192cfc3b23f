import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';
import { deskHandlers } from './desk-handlers';
import { authHandlers } from './auth-handlers';
import { staffHandlers } from './staff-handlers';
import { caseHandlers } from './case-handlers';
import { captureHandlers } from './capture-handlers';
import { esignHandlers } from './esign-handlers';
import { updateHandlers } from './update-handlers';
import { statsHandlers } from './stats-handlers';

/** Every contract call's handler; the type makes a missing one a compile error. */
export function createHandlers(services: DeskServices): Handlers {
  return {
    ...deskHandlers(services),
    ...authHandlers(services),
    ...staffHandlers(services),
    ...caseHandlers(services),
    ...captureHandlers(services),
    ...esignHandlers(services),
    ...updateHandlers(services),
    ...statsHandlers(services),
  };
}
