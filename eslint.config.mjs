import officeAddins from 'eslint-plugin-office-addins';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default [
  {
    ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test/fixtures/generated/**', '**/*.d.ts'],
  },
  ...officeAddins.configs.react,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
      sourceType: 'module',
      ecmaVersion: 2022,
      globals: {
        ...globals.browser,
        ...globals.node,
        ...globals.jest,
        Office: 'readonly',
        Excel: 'readonly',
      },
    },
    rules: {
      'no-undef': 'off', // TypeScript checks names; the rule does not know TS types.
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'jsx-a11y': jsxA11y, 'react-hooks': reactHooks },
    rules: {
      ...jsxA11y.configs.recommended.rules,
      ...reactHooks.configs.recommended.rules,
      // The add-in plugin turns the base rule off for .ts but not .tsx, where it misreads the
      // parameter names of function types; tsc's noUnusedLocals/noUnusedParameters check them.
      'no-unused-vars': 'off',
    },
  },
  {
    // Adapters reach the engine through its one public module (test/core/imports.test.ts checks it too).
    files: ['src/{cli,xlsx,office,preview,ui,taskpane,commands}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*', '!**/core/index'],
              message: 'Import the core through src/core/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core is pure TypeScript on cell grids: no host, no files, no UI.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['exceljs', 'react', 'react-dom', '@fluentui/*', '@microsoft/office-js', 'office-*'],
              message: 'src/core stays pure.',
            },
            { group: ['fs', 'node:*', 'path', 'os', 'child_process'], message: 'src/core does no I/O.' },
            {
              group: ['../xlsx/*', '../office/*', '../cli/*', '../taskpane/*', '../commands/*'],
              message: 'src/core depends on no adapter.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'window', 'document', 'fetch'],
    },
  },
];
