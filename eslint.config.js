// Lint runs inside `npm test`. Type-aware rules catch floating promises and unsafe anys.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', '.wrangler'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The domain core and the contracts must run anywhere (Workers, browsers): no Node built-ins.
    files: ['src/domain/**/*.ts', 'contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'net',
                'http',
                'crypto',
                'better-sqlite3',
                'pino',
                'hono',
                'hono/*',
                '@hono/*',
                'kafkajs',
                'ioredis',
                'undici',
              ],
              message: 'The domain core does no I/O and imports no Node built-in',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Configuration reaches the domain as arguments' },
        { name: 'Buffer', message: 'Use Uint8Array' },
      ],
    },
  },
);
