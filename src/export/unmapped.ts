/**
 * Detects what an export keeps verbatim but no target engine renders as the old blog did: another
 * engine's shortcodes, embedded players and frames, raw HTML blocks. Rules are data: add a row to
 * recognise a new construct.
 */
import { maskCode } from './markdown-scan.js';
import type { UnmappedItem } from './types.js';

interface DetectionRule {
  kind: UnmappedItem['kind'];
  name: string;
  pattern: RegExp;
  describe(match: RegExpMatchArray): string;
}

const EMBED_TAGS = 'iframe|embed|object|video|audio|script|canvas';
const BLOCK_TAGS =
  'address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figure|footer|form|header|hr|nav|ol|p|pre|section|style|table|ul';

const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
};
const attribute = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)`, 'i').exec(tag)?.[1];

export const DETECTION_RULES: DetectionRule[] = [
  { kind: 'shortcode', name: 'hugo', pattern: /\{\{[<%][\s\S]*?[>%]\}\}/g, describe: (m) => short(m[0]) },
  { kind: 'shortcode', name: 'liquid/nunjucks tag', pattern: /(?<!\{)\{%[\s\S]*?%\}(?!\})/g, describe: (m) => short(m[0]) },
  { kind: 'shortcode', name: 'template variable', pattern: /\{\{(?![<%])[\s\S]*?\}\}/g, describe: (m) => short(m[0]) },
  {
    kind: 'shortcode',
    name: 'wordpress',
    pattern: /\[\/?(?:caption|gallery|embed|video|audio|playlist|sourcecode|code|youtube|vimeo|tweet|contact-form(?:-7)?)\b[^\]\n]*\]/g,
    describe: (m) => short(m[0]),
  },
  {
    kind: 'embed',
    name: 'embedded element',
    pattern: new RegExp(`<(${EMBED_TAGS})\\b[^>]*>`, 'gi'),
    describe: (m) => {
      const source = attribute(m[0], 'src') ?? attribute(m[0], 'data');
      return `<${m[1].toLowerCase()}>${source ? ` ${source}` : ''}`;
    },
  },
  {
    kind: 'embed',
    name: 'social embed',
    pattern: /<blockquote\b[^>]*class\s*=\s*["'][^"']*\b(twitter-tweet|instagram-media|tiktok-embed|reddit-card)\b[^>]*>/gi,
    describe: (m) => m[1],
  },
  {
    kind: 'raw-html',
    name: 'HTML block',
    // An HTML block starts a line after a blank line (or the start of the body).
    pattern: new RegExp(`(?:^|\\n[ \\t]*\\n)[ ]{0,3}<(${BLOCK_TAGS})\\b[^>]*>`, 'gi'),
    describe: (m) => `<${m[1].toLowerCase()}>`,
  },
];

/** Items the body keeps verbatim, with their line numbers; code blocks and spans are ignored. */
export function detectUnmapped(markdown: string, rules: DetectionRule[] = DETECTION_RULES): UnmappedItem[] {
  const masked = maskCode(markdown);
  const found: (UnmappedItem & { offset: number })[] = [];
  for (const rule of rules) {
    for (const m of masked.matchAll(rule.pattern)) {
      const offset = m.index + m[0].search(/\S|$/);
      const line = masked.slice(0, offset).split('\n').length;
      found.push({ kind: rule.kind, line, detail: rule.describe(m), offset });
    }
  }
  return found.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...item }) => item);
}
