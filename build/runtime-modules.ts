// The packages the built main process loads at run time (native modules and the updater): the only
// `dependencies` in package.json, so the installer carries nothing else. Everything the bundles
// inline (React, zod, pdf.js, node-forge…) is a devDependency. A unit test keeps the two lists equal.
export const RUNTIME_MODULES = ['better-sqlite3', 'electron-updater', 'koffi', 'pdf-lib', 'pkcs11js', 'sharp'] as const;
