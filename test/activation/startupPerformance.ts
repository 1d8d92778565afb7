// Reads the Markdown document of Developer: Startup Performance (`perf:Startup Performance`),
// as VS Code 1.139 writes it. Kept apart from probe.ts (which needs the extension host) so a
// unit test can hold it to the table's shape.

/** One extension's `ExtensionActivationTimes`, in ms, and what activated it. */
export interface ActivationRow {
  readonly startup: boolean;
  readonly codeLoadingTime: number;
  readonly activateCallTime: number;
  readonly activateResolvedTime: number;
  readonly activationEvent: string;
}

/**
 * The extension's row of the Startup Performance "Extension Activation Stats" table:
 * `| Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |`.
 */
export function activationRow(markdown: string, id: string): ActivationRow | undefined {
  const table = markdown.split('## Extension Activation Stats')[1];
  for (const line of table?.split('\n') ?? []) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells[0]?.toLowerCase() === id.toLowerCase() && cells.length >= 6) {
      const [codeLoadingTime, activateCallTime, activateResolvedTime] = cells.slice(2, 5).map(Number);
      if ([codeLoadingTime, activateCallTime, activateResolvedTime].every((value) => Number.isFinite(value))) {
        return {
          startup: cells[1] === 'true',
          codeLoadingTime: codeLoadingTime!,
          activateCallTime: activateCallTime!,
          activateResolvedTime: activateResolvedTime!,
          activationEvent: cells[5]!,
        };
      }
    }
  }
  return undefined;
}
