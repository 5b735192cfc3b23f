// zod as the shared code uses it: the named parts only. `import { z } from 'zod'` brings zod's whole
// namespace, locales included (40 KiB gzipped the renderer never uses); named exports let the
// bundler leave the rest out. Add a part here when the contract needs it.
export { array, boolean, enum, literal, number, object, record, string, tuple, union } from 'zod';
export type { infer, input, output, ZodType } from 'zod';
