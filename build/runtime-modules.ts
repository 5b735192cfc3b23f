// The packages the built main process loads at run time (native modules and the updater): the only
// `dependencies` in package.json, so the installer carries nothing else. Everything the bundles
// inline (React, zod, pdf.js, node-forge…) is a devDependency. A unit test keeps the two lists equal.
// tesseract.js starts its own worker script from its package, and reads the English model from
// @tesseract.js-data/eng, shipped inside the installed packages (no network at run time).
export const RUNTIME_MODULES = [
  '@tesseract.js-data/eng',
  'better-sqlite3',
  'electron-updater',
  'koffi',
  'pdf-lib',
  'pkcs11js',
  'sharp',
  'tesseract.js',
] as const;
