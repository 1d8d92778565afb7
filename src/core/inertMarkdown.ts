/**
 * Text from GitHub (titles, tags, release notes) made inert for every renderer an edition meets:
 * Liquid, which Jekyll runs over the whole post first; kramdown with GFM input, which GitHub
 * Pages uses; and CommonMark, which Buttondown reads when the edition is pasted there. The
 * output renders as the same characters the text had, as GitHub shows a title, apart from
 * kramdown's typographic quotes and ellipsis.
 *
 * Each character is handled on its own, in one pass, so the cost is linear and no pair of
 * characters can be split across an escape:
 * - `{` becomes `&#123;`: a backslash does not stop Liquid (it runs before Markdown and never
 *   sees escapes), and without a `{` there is no `{{`, `{%`, kramdown `{:` attribute list or
 *   `{::` extension. Wrapping the text in `{% raw %}` would not do: an `{% endraw %}` in the text
 *   would end it, and Buttondown would show the tags.
 * - `<` and `>` become `&lt;` and `&gt;`: no tag, comment, autolink or kramdown `<<`/`>>`
 *   guillemet. A backslash before `<` would still let some renderers see a tag.
 * - `&` becomes `&amp;` where it could start an entity, so `&lt;` in a title shows as typed;
 *   `AT&T` stays readable.
 * - `\` `` ` `` `*` `_` `[` `]` `|` `$` `~` get a backslash: escapes, code spans, emphasis,
 *   links, footnotes and abbreviations, table cells, kramdown math, strikethrough. Both kramdown
 *   and CommonMark take a backslash before each of them as the character itself.
 * - A `-` after a `-` gets a backslash, so `--dry-run` is not turned into an en dash.
 * - A `:` after a `]` gets a backslash: kramdown reads a line starting `[…]:` as a link
 *   definition even when that `]` is escaped, and the bullet `* [title](url)` would vanish.
 * - GFM's autolinks (Buttondown's renderer links bare addresses outside link text) are broken
 *   with an entity the reader sees as the character: the `:` of `http://` and `https://` becomes
 *   `&#58;`, the `.` of a `www.` that starts a word `&#46;`, and every `@` (an email address)
 *   `&#64;`. A renderer parses an entity apart from the text around it, so no link is found.
 * - Whitespace, line and paragraph separators included, becomes one space: no line can start
 *   with `#`, `>`, `-` or `1.`, and no line break ends the text early.
 */
export function inlineText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    switch (char) {
      case '{':
        out += '&#123;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '&':
        out += /^[#A-Za-z0-9]/.test(line[i + 1] ?? '') ? '&amp;' : '&';
        break;
      case '-':
        out += line[i - 1] === '-' ? '\\-' : '-';
        break;
      case ':':
        out +=
          line[i - 1] === ']'
            ? '\\:'
            : line.startsWith('//', i + 1) && /(?:^|[^A-Za-z0-9])(?:https?|ftp)$/i.test(line.slice(Math.max(0, i - 6), i))
              ? '&#58;'
              : ':';
        break;
      case '@':
        out += '&#64;';
        break;
      case '.':
        out += /(?:^|[^A-Za-z0-9.])www$/i.test(line.slice(Math.max(0, i - 4), i)) ? '&#46;' : '.';
        break;
      default:
        out += BACKSLASHED.has(char) ? `\\${char}` : char;
    }
  }
  return out;
}

const BACKSLASHED = new Set(['\\', '`', '*', '_', '[', ']', '|', '$', '~']);

/**
 * Text for inside `[…](url)`. Link text is inline text, and `inlineText` already escapes `[` and
 * `]` (in plain text they would start a link, a footnote or an abbreviation), so the two are
 * one escape; the name says where the result may go.
 */
export function linkText(text: string): string {
  return inlineText(text);
}

/**
 * One path segment of a link destination. `encodeURIComponent` leaves `(` `)` `'` `!` `*` `~`
 * alone, and a `)` would end a Markdown link's destination early.
 */
export function urlPathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
