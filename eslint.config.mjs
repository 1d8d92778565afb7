import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Layers, enforced here rather than remembered (README, Layout). Core is pure: no editor, no
  // I/O, nothing from the layers above it. The command line never loads the editor or its
  // adapters. A feature never reaches into another feature: what two share lives in platform.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is editor-free: take what you need as a parameter.' }],
        patterns: [
          { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net'], message: 'src/core does no I/O: strings in, plain data out.' },
          { group: ['../platform/*', '../features/*', '../cli/*', '../cli', '../extension'], message: 'src/core imports only src/core and src/constants.' },
        ],
      }],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The command line runs without VS Code.' }],
        patterns: [
          { group: ['**/features/*', '**/extension'], message: 'The command line runs without VS Code.' },
          {
            // The platform modules that are VS Code adapters (the rest of platform is editor-free).
            group: ['**/platform/commands', '**/platform/git', '**/platform/githubAuth', '**/platform/githubClientFactory', '**/platform/githubItems',
              '**/platform/logger', '**/platform/pastIssuesIndex', '**/platform/settings', '**/platform/siteConfig', '**/platform/stampEditor', '**/platform/workspaceFiles'],
            message: 'That platform module is a VS Code adapter; the command line runs without VS Code.',
          },
        ],
      }],
    },
  },
  {
    files: ['src/features/**/*.ts'],
    ignores: ['src/features/onDemand.ts', 'src/features/onDemandCommands.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['./*', '../features/*'], message: 'Features do not import one another; move what they share to src/platform or src/core.' }],
      }],
    },
  },
  {
    // Test code and scripts may print; shipped code logs through the output channel.
    files: ['test/**', 'scripts/**', '*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
  },
);
