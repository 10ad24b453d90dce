// ESLint for the TypeScript sources and tests. Type errors are the compiler's job
// (`npm run typecheck`); this catches what it does not: unused code, `any`, and the like.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'coverage/**', 'assets/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Only addin/office touches Office.js; everything else gets its functions as props or
    // from a context (DESIGN.md). dependency-cruiser checks the imports, this the global.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/addin/office/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Office', message: 'Only src/addin/office/ touches Office.js: take the function as a prop or from a context.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
