// One lint config for the whole repository. The import zones (lint/import-zones.js, README § Architecture) keep
// shared/ pure, detectors and renderers behind their contracts and desktop/core free of Electron; shared/ may not
// use browser-extension, Electron or window globals either.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import zones from './lint/import-zones.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'dist/',
      'desktop/dist/',
      '.tmp/',
      'coverage/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'chrome', 'browser', 'document', 'localStorage'],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { trailnote: zones },
    rules: { 'trailnote/import-zones': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
