// ESLint flat config: typescript-eslint's recommended rules for the server, tests, benchmarks and the console.
// Formatting is Prettier's job (.prettierrc.json); nothing here argues about layout.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-bench/',
      'data/',
      'coverage/',
      'console/dist/',
      'vendor/',
      'test/artifacts/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-undef': 'off', // TypeScript checks this better, with the real lib and @types.
      // Identifier and input checks match NUL and other control characters on purpose.
      'no-control-regex': 'off',
      // Repositories and managers come from TransactionContext, so a call inside a transaction always
      // joins it (an injected repository reads on a second pool connection: the old deadlock).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectRepository', 'InjectDataSource', 'InjectEntityManager'],
              message: 'Use TransactionContext (src/common/database/transaction-context.ts).',
            },
          ],
        },
      ],
    },
  },
);
