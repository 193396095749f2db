import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'bench/peers/**', '**/dist/**', '.weft/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'Never eval: use the QuickJS sandbox.' },
        { selector: "NewExpression[callee.name='Function']", message: 'Never new Function: use the QuickJS sandbox.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@weft/*/src/*', '**/packages/*/src/**'], message: "Import another package by its name, not its src/." },
          ],
          paths: [{ name: 'node:vm', message: 'Never run user code in node:vm: use the QuickJS sandbox.' }],
        },
      ],
    },
    settings: { 'import-x/extensions': ['.ts', '.tsx'], 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })] },
  },
  {
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@weft/*'], message: 'The engine imports no other Weft package.' },
            { group: ['ai', '@ai-sdk/*', 'pg', 'hono', 'node:sqlite', 'node:http', 'node:net'], message: 'The engine knows no SDK, SQL driver or HTTP framework: add a port.' },
          ],
        },
      ],
    },
  },
);
