import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The Node modules that do I/O (and so cannot load in a browser or belong in pure code). */
const NODE_IO = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'zlib'];

const NODE_GLOBALS = ['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate'];

/** One `no-restricted-imports` block per room: what it may not import, and why. */
function rooms(spec) {
  return Object.entries(spec).map(([files, { editor, node, above }]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: editor ? [{ name: 'vscode', message: editor }] : [],
          patterns: [
            ...(node ? [{ group: NODE_IO, message: node }] : []),
            { group: above[0].flatMap((room) => [`**/${room}`, `**/${room}/*`]), message: above[1] },
          ],
        },
      ],
      // Node's globals are I/O too, and absent in a browser.
      ...(node ? { 'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({ name, message: node }))] } : {}),
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
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
      // A switch over a union names every case or says `default`; one that does neither misses a new case silently.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Off: an async function without await is how this code says "returns a promise", and it
      // turns a throw into a rejection, which callers that only catch rejections rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Rooms, enforced here rather than remembered (README, Layout). Each room says which host may
  // load it: core and services load anywhere (desktop, browser, command line), node only where
  // Node runs, vscode and features only in the editor. A feature never reaches into another
  // feature: what two share lives in vscode/, services/ or core/.
  ...rooms({
    'src/core/**/*.ts': {
      editor: 'src/core is editor-free: take what you need as a parameter.',
      node: 'src/core does no I/O: strings in, plain data out.',
      above: [['services', 'node', 'desktop', 'vscode', 'features', 'cli'], 'src/core imports only src/core and src/constants.'],
    },
    'src/services/**/*.ts': {
      editor: 'src/services is shared with the command line and the browser: no editor.',
      node: 'src/services runs in the browser too: take the file system, fetch or clock as a parameter (src/node has the Node implementations).',
      above: [['node', 'desktop', 'vscode', 'features', 'cli'], 'src/services imports only src/core, src/services and src/constants.'],
    },
    'src/node/**/*.ts': {
      editor: 'src/node is shared with the command line: no editor.',
      above: [['vscode', 'features', 'cli'], 'src/node imports only src/core, src/services and src/node.'],
    },
    'src/{cli.ts,cli/**/*.ts}': {
      editor: 'The command line runs without VS Code.',
      above: [['vscode', 'features', 'extension'], 'The command line runs without VS Code: it may use core, services and node.'],
    },
    'src/vscode/**/*.ts': {
      node: 'src/vscode loads in the browser too (github.dev): files through workspace.fs, the rest as a parameter (src/desktop has the Node side).',
      above: [
        ['features', 'cli', 'node', 'desktop', 'extension'],
        'src/vscode holds the host-neutral editor adapters features share; it imports no feature, command line or Node code.',
      ],
    },
    'src/desktop/**/*.ts': {
      above: [['features', 'cli'], 'src/desktop holds the Node side of the editor adapters; it imports no feature and no command line.'],
    },
    'src/{lwkdAuthor.ts,webExtension.ts}': {
      node: 'This composition loads in the browser too: Node code reaches it only through the desktop entry (src/extension.ts).',
      above: [
        ['cli', 'node', 'desktop', 'extension'],
        'This composition loads in the browser too: Node code reaches it only through the desktop entry (src/extension.ts).',
      ],
    },
  }),
  {
    // A path is a desktop idea: code that also runs in the browser works with Uris.
    files: ['src/{vscode,features}/**/*.ts', 'src/{lwkdAuthor.ts,webExtension.ts}'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'fsPath', message: 'This code runs in the browser too: work with the Uri (src/desktop may use paths).' },
      ],
    },
  },
  {
    files: ['src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['./*', '../features/*'], message: 'Features do not import one another; move what they share to src/vscode, src/services or src/core.' },
            { group: ['../cli', '../cli/*'], message: 'Features do not import the command line.' },
            {
              group: ['../node', '../node/*', '../desktop', '../desktop/*'],
              message: 'Features load in the browser too: the Node side comes in through deps, from src/extension.ts.',
            },
            { group: NODE_IO, message: 'Features load in the browser too: files through workspace.fs, the rest through deps.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...NODE_GLOBALS.map((name) => ({ name, message: 'Features load in the browser too, where Node globals are absent.' })),
      ],
    },
  },
  {
    // Test code and scripts may print; shipped code logs through the output channel.
    files: ['test/**', 'scripts/**', '*.mjs'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
  },
);
