import { safeText } from '../core/safeText';
import type { CliIo } from './args';

/**
 * The io the GitHub commands print through: what they print holds remote text (titles, labels,
 * release notes, server messages) and post titles, so nothing that steers a terminal or
 * reorders text reaches it, whichever path the text took.
 */
export function safeOutput(io: CliIo): CliIo {
  return { ...io, stdout: (text) => io.stdout(safeText(text)), stderr: (text) => io.stderr(safeText(text)) };
}
