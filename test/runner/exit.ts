/**
 * Runs a test runner's `main` and makes its result the process's exit code: the code it returns,
 * or 1 with the stack when it throws. The exit code is set, not forced, so output still flushes.
 */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
