/**
 * Escapes Markdown syntax in a text node, only where the text could otherwise be read as markup by a
 * CommonMark/GFM renderer. Turndown's own escaping backslashes every `_`, `*`, `-` and `1.`; prose
 * such as `snake_case_names`, `5 > 3 and a < b & c` or `2 × 3 = 6` stays as written here.
 *
 * Text nodes are escaped one at a time, so a node's edges count as possible markup neighbours.
 */
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

const isWord = (c: string | undefined): boolean => c !== undefined && WORD.test(c);
const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.test(c);

/** `*` and `~` delimit emphasis/strikethrough unless surrounded by spaces (`2 * 3`). */
const spaced = (s: string, i: number): boolean => isSpace(s[i - 1]) && isSpace(s[i + 1]);

const INLINE: Array<[RegExp, (m: string, i: number, s: string) => string]> = [
  // A backslash only escapes ASCII punctuation; elsewhere it is literal already.
  [/\\(?=[!-/:-@[-`{-~]|$)/g, () => '\\\\'],
  [/\*/g, (m, i, s) => (spaced(s, i) ? m : '\\*')],
  // Intraword underscores never open emphasis in CommonMark.
  [/_/g, (m, i, s) => (isWord(s[i - 1]) && isWord(s[i + 1]) ? m : '\\_')],
  [/`/g, () => '\\`'],
  [/~/g, (m, i, s) => (spaced(s, i) || !/~[^~]*~/.test(s) ? m : '\\~')],
  // `]` closes a link text only when followed by `(`, `[` or `:`; a lone `[1]` stays readable.
  [/\](?=[([:])/g, () => '\\]'],
  [/\[(?=\^)/g, () => '\\['],
  [/<(?=[A-Za-z/!?])/g, () => '\\<'],
  [/&(?=#?[A-Za-z0-9]+;)/g, () => '\\&'],
];

const LINE_START: Array<[RegExp, string]> = [
  [/^(#{1,6})(?=\s|$)/, '\\$1'],
  [/^>/, '\\>'],
  [/^([-+])(?=\s|$)/, '\\$1'],
  [/^([-=])(?=\1*\s*$)/, '\\$1'],
  [/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2'],
  [/^\[([ xX])\]/, '\\[$1]'],
  [/^~~~/, '\\~~~'],
];

export function escapeMarkdownText(text: string): string {
  let out = text;
  for (const [re, fn] of INLINE) {
    out = out.replace(re, (m: string, ...rest: unknown[]) => fn(m, rest[rest.length - 2] as number, rest[rest.length - 1] as string));
  }
  for (const [re, to] of LINE_START) out = out.replace(re, to);
  return out;
}
