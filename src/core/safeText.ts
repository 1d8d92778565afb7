/**
 * Text from elsewhere (GitHub's answers, a post's titles) made safe to show in a terminal, a
 * hover or a log line. Two treatments, chosen by what a character does:
 *
 * - Characters that break or steer the output become a space: C0 controls (ESC starts terminal
 *   escape sequences), DEL, C1 controls (U+009B is a one-byte CSI in some terminals) and the
 *   line and paragraph separators. A space keeps the words apart and one line one line.
 * - Invisible formatting characters are removed: bidi embeddings, overrides, isolates and marks
 *   (they reorder what is shown, "Trojan Source"), zero-width spaces, joiners and word joiners,
 *   invisible operators and the BOM. They have no visible form, so removing them leaves what a
 *   reader sees and takes away the trick; a replacement mark would clutter ordinary titles
 *   (names written with a direction mark, Persian with a zero-width non-joiner).
 *
 * Emoji stay readable: a zero-width joiner between two pictographs (👩‍💻, 🏳️‍🌈) is kept, and so
 * are the tag characters of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿). Anywhere else a joiner is
 * removed and tag characters (which can carry hidden ASCII) are too.
 *
 * Every pattern here is linear: no pattern can backtrack over a run.
 */

// eslint-disable-next-line no-control-regex
const BREAKING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const INVISIBLE = /[\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]/g;
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}(?:\u{fe0f}|\p{Emoji_Modifier})?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
const TAGS = /(\u{1f3f4}[\u{e0020}-\u{e007e}]{1,8}\u{e007f})|[\u{e0000}-\u{e007f}]/gu;

/** One line of shown text: tabs and line breaks become spaces too. Not trimmed. */
export function safeLine(text: string): string {
  return safeText(text).replace(/[\t\n]/g, ' ');
}

/**
 * Text for a terminal or a log, keeping its line breaks and tabs (a CR becomes a space: alone it
 * would move the cursor back over what was printed).
 */
export function safeText(text: string): string {
  return text
    .replace(BREAKING, ' ')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .replace(TAGS, (_match, flag: string | undefined) => flag ?? '');
}

/** A one-line message quoting remote text: safe, runs of white space as one space, trimmed. */
export function plainLine(text: string): string {
  return safeLine(text).replace(/\s+/g, ' ').trim();
}

/**
 * Text shown where VS Code turns `$(name)` into an icon (quick pick labels, descriptions and
 * details; status bar text): each such pattern escaped as `\$(name)`, which VS Code shows as
 * the literal text. A PR titled "Fix $(alert) in logs" must not grow a warning sign. The
 * pattern is VS Code's own (`ThemeIcon` names with an optional `~modifier`); an already escaped
 * one is left alone.
 */
export function literalIcons(text: string): string {
  return text.replace(/(\\)?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, (match, escaped: string | undefined) => (escaped ? match : `\\${match}`));
}
