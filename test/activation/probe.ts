import { writeFileSync } from 'node:fs';
import { readActivation } from './probeCore';

/**
 * Runs inside the extension host as `extensionTestsPath` (test/runner/activation.ts starts it)
 * and reads VS Code's own activation figures for one extension: codeLoadingTime,
 * activateCallTime and activateResolvedTime, the `ExtensionActivationTimes` the extension host
 * measures around `require(main)`, the `activate()` call and the settling of what it returns, and
 * reports to the workbench. The API gives an extension no way to read them; the workbench shows
 * them in Developer: Show Running Extensions and in the "Extension Activation Stats" table of
 * Developer: Startup Performance (`perfview.show`), a read-only Markdown document at
 * `perf:Startup Performance`. That document is a text model the workbench owns, so the extension
 * host can open it like any other and read the table row.
 *
 * The same host also marks, with `code/extHost/willLoadExtensionCode/<id>` and
 * `didLoadExtensionCode/<id>`, the synchronous `require(main)` alone: codeLoadingTime also spans
 * an awaited localization step, during which the host's single thread serves other extensions.
 * Those marks live in the host's own performance-mark store (`globalThis.MonacoPerformanceMarks`,
 * VS Code's perf util, what it reports to Startup Performance as "Raw Perf Marks"); the probe
 * runs in that process and reads them there. All of these are `Date.now()` stamps, whole ms.
 *
 * Environment (set on the server, which passes it to the extension host):
 *   LWKD_ACTIVATION_EXTENSION_ID  the extension to read (it activates by itself, never here)
 *   LWKD_ACTIVATION_OUT           where to write the figures as JSON
 */
export async function run(): Promise<void> {
  const id = required('LWKD_ACTIVATION_EXTENSION_ID');
  const out = required('LWKD_ACTIVATION_OUT');
  writeFileSync(out, JSON.stringify(await readActivation(id)));
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}
