// ESLint: the recommended JavaScript rules and typescript-eslint's recommended, type-checked rules
// for src/, __tests__/ and scripts/ (the files tsconfig.json covers); the plain JavaScript files
// (this one, jest.config.js, scripts/build.mjs) get the rules that need no types. Formatting is
// Prettier's job (.prettierrc); `npm run lint` runs both.
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'tools/', '__tests__/fixtures/', 'durations/', 'examples/']),
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Matching control characters is the point where it happens: names, args files and shell
      // words are checked for them, and JUnit text is cleaned of them.
      'no-control-regex': 'off',
      // A leading underscore marks a binding kept for its position (`it.each` parameters, an
      // element dropped from a destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read JSON that the CLI, the Action and fake servers wrote (`any` from JSON.parse) and
    // assert on its shape; a wrong shape fails the assertion, so `any` there is not a hole.
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
