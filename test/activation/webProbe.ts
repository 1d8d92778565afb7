import * as vscode from 'vscode';
import { WEB_ACTIVATION_MARKER } from './marker';
import { readActivation } from './probeCore';

/**
 * The activation probe for the browser's web worker extension host (test/runner/activation.ts,
 * `host: 'web'`): the same figures as probe.ts, for whichever of the two measured extensions is
 * loaded, printed on one console line that the runner reads from the workbench's forwarded
 * console. A worker has neither a file system to write to nor environment variables to read.
 */
const MEASURED = ['lwkd-author.lwkd-author', 'lwkd-bench.empty'];

export async function run(): Promise<void> {
  const id = MEASURED.find((candidate) => vscode.extensions.getExtension(candidate));
  if (!id) {
    throw new Error(`none of ${MEASURED.join(', ')} is loaded in this extension host`);
  }
  console.log(`${WEB_ACTIVATION_MARKER} ${JSON.stringify(await readActivation(id))}`);
}
