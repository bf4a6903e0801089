/**
 * Finds the URLs a Markdown body points at (inline links and images, reference definitions, HTML
 * attributes) outside code, so they can be rewritten without touching code samples.
 */

/** Fenced code blocks and inline code spans replaced by spaces (newlines kept): offsets stay valid. */
export function maskCode(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const lines = markdown.split('\n');
  let fence: { char: string; length: number } | undefined;
  const masked = lines.map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence.char && open[1].length >= fence.length && line.trim() === open[1]) fence = undefined;
      return blank(line);
    }
    if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
      fence = { char: open[1][0], length: open[1].length };
      return blank(line);
    }
    return line;
  });
  // Code spans may wrap lines but never cross a blank line (a paragraph break).
  return masked.join('\n').replace(/(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?[^`])\1(?!`)/g, (span) => blank(span));
}

export interface UrlSpot {
  start: number;
  end: number;
  /** The URL with Markdown escapes or HTML entities undone. */
  url: string;
  syntax: 'markdown' | 'angle' | 'html';
}

const INLINE_DESTINATION = /\]\([ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))/g;
const REFERENCE_DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*(?:<([^<>\n]*)>|(\S+))/gm;
const HTML_ATTRIBUTE = /\b(src|href|poster|data-src|data-original|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

const unescapeMarkdown = (url: string) => url.replace(/\\([!-/:-@[-`{-~])/g, '$1');
const decodeEntities = (url: string) =>
  url.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, e: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[e] ?? _);

function destinationSpots(masked: string, pattern: RegExp): UrlSpot[] {
  const spots: UrlSpot[] = [];
  for (const m of masked.matchAll(pattern)) {
    const angle = m[1] !== undefined;
    const raw = angle ? m[1] : m[2];
    const end = m.index + m[0].length - (angle ? 1 : 0);
    spots.push({ start: end - raw.length, end, url: unescapeMarkdown(raw), syntax: angle ? 'angle' : 'markdown' });
  }
  return spots;
}

function attributeSpots(masked: string): UrlSpot[] {
  const spots: UrlSpot[] = [];
  for (const m of masked.matchAll(HTML_ATTRIBUTE)) {
    const value = m[2] ?? m[3];
    const valueStart = m.index + m[0].length - 1 - value.length;
    if (m[1].toLowerCase() !== 'srcset') {
      spots.push({ start: valueStart, end: valueStart + value.length, url: decodeEntities(value), syntax: 'html' });
      continue;
    }
    for (const candidate of value.matchAll(/(?:^|,)\s*([^\s,]+)/g)) {
      const start = valueStart + candidate.index + candidate[0].length - candidate[1].length;
      spots.push({ start, end: start + candidate[1].length, url: decodeEntities(candidate[1]), syntax: 'html' });
    }
  }
  return spots;
}

/** Every URL the body references outside code, in document order. */
export function findUrls(markdown: string): UrlSpot[] {
  const masked = maskCode(markdown);
  return [...destinationSpots(masked, INLINE_DESTINATION), ...destinationSpots(masked, REFERENCE_DEFINITION), ...attributeSpots(masked)]
    .filter((s) => s.url.trim() !== '')
    .sort((a, b) => a.start - b.start);
}

/** Percent-encodes each character (encodeURIComponent leaves parentheses alone). */
export const percent = (text: string) => [...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

function encodeFor(syntax: UrlSpot['syntax'], url: string): string {
  if (syntax === 'html') return url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  if (syntax === 'angle') return url.replace(/[<>\n]/g, percent);
  return url.replace(/[\s()<>]/g, percent);
}

/** Replaces each URL for which `rewrite` returns a value; the rest of the text is left byte for byte. */
export function replaceUrls(markdown: string, rewrite: (url: string, spot: UrlSpot) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const spot of findUrls(markdown)) {
    const next = rewrite(spot.url, spot);
    if (next === undefined) continue;
    out += markdown.slice(last, spot.start) + encodeFor(spot.syntax, next);
    last = spot.end;
  }
  return out + markdown.slice(last);
}
