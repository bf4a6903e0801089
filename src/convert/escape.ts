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
  // GFM strikethrough pairs single tildes anywhere in the paragraph, across text nodes too.
  [/~/g, (m, i, s) => (spaced(s, i) ? m : '\\~')],
  // `!` right before a link's `[` would make it an image: settled on the final line (see `resolveLineStarts`).
  [/!$/g, () => '\0!'],
  // `[x](y)`, `[x][y]` and `[x]:` would be links; a bracket pair such as `[1]` alone stays readable.
  [/\](?=[([:])/g, () => '\\]'],
  [/\[(?=\^)/g, () => '\\['],
  [/<(?=[A-Za-z/!?])/g, () => '\\<'],
  [/&(?=#?[A-Za-z0-9]+;)/g, () => '\\&'],
];

/**
 * An unpaired bracket could pair with one in the neighbouring Markdown (a link text around this text,
 * the next text node), so it is escaped; brackets that pair up within the text are left alone.
 */
function escapeUnpairedBrackets(s: string): string {
  const open: number[] = [];
  const unpaired = new Set<number>();
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') open.push(i);
    else if (c === ']') {
      if (open.length) open.pop();
      else unpaired.add(i);
    }
  }
  for (const i of open) unpaired.add(i);
  if (!unpaired.size) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) out += unpaired.has(i) ? `\\${s[i]}` : s[i];
  return out;
}

/**
 * Where a backslash goes if the text starts a line (`- item`, `1. item`, `# title`, `> quote`...).
 * A text node does not know whether it starts a line (`<kbd>A</kbd>+<kbd>B</kbd>` has a `+` node
 * mid-line), so the escape is left as a sentinel that `resolveLineStarts` settles on the final
 * Markdown lines. NUL never occurs in parsed HTML text, so it cannot clash with content.
 */
export const LINE_START_MARK = '\0';

const LINE_START: Array<[RegExp, string]> = [
  [/^(#{1,6})(?=\s|$)/, '\0$1'],
  [/^>/, '\0>'],
  [/^([-+])(?=\s|$)/, '\0$1'],
  [/^([-=])(?=\1*\s*$)/, '\0$1'],
  [/^(\d{1,9})([.)])(?=\s|$)/, '$1\0$2'],
  [/^\[([ xX])\]/, '\0[$1]'],
  [/^~~~/, '\0~~~'],
];

const MAY_NEED_ESCAPE = /[\\*_`~[\]<&!\0]/;
const LINE_START_CHAR = /^[#>\-+=\d[~]/;

/** Escapes one text node for turndown; line-start escapes stay sentinels (see `LINE_START_MARK`). */
export function escapeTextNode(text: string): string {
  if (!MAY_NEED_ESCAPE.test(text) && !LINE_START_CHAR.test(text)) return text;
  let out = text.includes(LINE_START_MARK) ? text.replaceAll(LINE_START_MARK, '') : text;
  for (const [re, fn] of INLINE) {
    out = out.replace(re, (m: string, ...rest: unknown[]) => fn(m, rest[rest.length - 2] as number, rest[rest.length - 1] as string));
  }
  if (out.includes('[') || out.includes(']')) out = escapeUnpairedBrackets(out);
  for (const [re, to] of LINE_START) out = out.replace(re, to);
  return out;
}

/** Blockquote markers, list markers and indentation in front of a line's content. */
export const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
const MARK_AT_LINE_START = new RegExp(`^(${CONTAINER_PREFIX.source.slice(1)})(\\d{0,9})\0`);

/**
 * Turns a sentinel into a backslash where its text really starts a line (after any container markers)
 * or where a text's final `!` ended up before a link; drops the others.
 */
export function resolveLineStarts(line: string): string {
  if (!line.includes(LINE_START_MARK)) return line;
  const m = MARK_AT_LINE_START.exec(line);
  const head = m ? `${m[1]}${m[2]}\\${line.slice(m[0].length)}` : line;
  return head.replace(/\0!(?=\[)/g, '\\!').replaceAll(LINE_START_MARK, '');
}

/** Escapes text as the content of a line of its own. */
export function escapeMarkdownText(text: string): string {
  return resolveLineStarts(escapeTextNode(text));
}
