// The desk's environment for a command-line tool: the policy, data directory and clock every entry
// point uses, or, when the policy is invalid, its banner printed and null (the tool exits 1).
import { loadDeskEnvironment, type DeskEnvironment } from '../main/bootstrap';
import { StartupError } from '../main/errors';

export function environmentOrBanner(): DeskEnvironment | null {
  try {
    return loadDeskEnvironment();
  } catch (e) {
    if (e instanceof StartupError) {
      console.log(e.banner());
      return null;
    }
    throw e;
  }
}
