// Starts one of the desk's worker threads from where its caller runs: from the source tree (tests,
// `npm run web`, the command line) the worker is TypeScript, loaded through tsx; from the bundles it
// is `<name>.js` beside the main bundle (build/build.ts builds each one).
import { dirname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerFile`: the caller's __filename; `name`: the worker's file name without extension. */
export function startWorker(callerFile: string, name: string, options: WorkerOptions = {}): Worker {
  const dir = dirname(callerFile);
  if (callerFile.endsWith('.ts')) {
    const entry = JSON.stringify(join(dir, `${name}.ts`));
    return new Worker(`require('tsx/cjs'); require(${entry});`, { ...options, eval: true });
  }
  return new Worker(join(dir, `${name}.js`), options);
}
