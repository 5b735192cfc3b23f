// Lint, including the layer rule (see ARCHITECTURE.md): renderer → common ← electron → native.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = {
  regex: '^(node:.*|fs|path|os|child_process|crypto|http|https|net|tls|url|util|stream|worker_threads)$',
  message: 'Node built-ins do not exist in this layer.',
};
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.cache/**',
      '.scratch/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The renderer runs in a sandboxed page: no Node, no Electron, no main-side code. It may use
    // type-only imports from anywhere (the contract's types) and runtime code only from common/.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          regex: '^electron$',
          message: 'The renderer reaches Electron only through window.desk (the contract).',
          allowTypeImports: true,
        },
        {
          regex: '(^|/)(electron|native)/',
          message:
            'The renderer may import only type-only from electron/ or native/; use common/ for shared runtime code.',
          allowTypeImports: true,
        },
        NODE_BUILTINS,
      ),
    },
  },
  {
    // common/ is pure: it runs in the renderer and in main alike.
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        { regex: '(^|/)(electron|native|renderer)/|^electron$', message: 'common/ imports no runtime layer.' },
        NODE_BUILTINS,
      ),
    },
  },
  {
    // native/ adapts hardware and the OS; it knows nothing of the domain.
    files: ['native/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        regex: '(^|/)(common|electron|renderer)/',
        message: 'native/ imports no domain code.',
      }),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/host-electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        { regex: '(^|/)renderer/', message: 'The main side never imports the renderer.' },
        {
          regex: '^electron$',
          message: 'Only electron/host-electron/ may use the Electron API.',
          allowTypeImports: true,
        },
      ),
    },
  },
  {
    // The sandbox JCIC stands in for an outside party: it may share the published rules (common/),
    // never the desk's own code.
    files: ['sandbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        regex: '(^|/)(electron|native|renderer)/|^electron$',
        message: 'The sandbox JCIC knows nothing of the desk; share only common/.',
      }),
    },
  },
  {
    files: ['electron/host-electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        regex: '(^|/)renderer/',
        message: 'The main side never imports the renderer.',
      }),
    },
  },
);
