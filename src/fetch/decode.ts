import iconv from 'iconv-lite';

/**
 * Turning response bytes into a string. The order follows the HTML standard (BOM, then the HTTP header,
 * then <meta> / the XML declaration) with two corrections for how the web really is: a body that is
 * valid UTF-8 with non-ASCII bytes is UTF-8 whatever was declared (legacy text is practically never
 * valid UTF-8 by accident), and a Latin-1 header (a server default) yields to a document's own
 * declaration of something more specific.
 */

export type CharsetSource = 'bom' | 'utf8-valid' | 'header' | 'meta' | 'xml' | 'default';

export interface CharsetChoice {
  /** A name iconv-lite understands, e.g. "utf-8", "gb18030", "cp932". */
  charset: string;
  source: CharsetSource;
}

/**
 * Labels as the web uses them, mapped to the decoder browsers actually apply (the WHATWG Encoding
 * standard): each legacy label means its Microsoft superset.
 */
const LABEL_ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^(utf-?8|unicode-1-1-utf-8)$/, 'utf-8'],
  [/^(us-?ascii|ascii|iso-?8859-?1|latin-?1|l1|iso_8859-1|cp819|ibm819|windows-1252|cp1252|x-cp1252)$/, 'windows-1252'],
  [/^(gb2312|gbk|x-gbk|cp936|ms936|windows-936|gb_2312-80|csgb2312|chinese|iso-ir-58|gb18030)$/, 'gb18030'],
  [/^(big5|big5-hkscs|cn-big5|x-x-big5|csbig5|cp950)$/, 'big5hkscs'],
  [/^(shift[_-]?jis|sjis|x-sjis|ms_kanji|csshiftjis|windows-31j|ms932|cp932)$/, 'cp932'],
  [/^(euc-?kr|ks_c_5601-1987|ks_c_5601-1989|ksc5601|ksc_5601|windows-949|cp949|korean|csksc56011987)$/, 'cp949'],
  [/^(iso-?8859-?9|latin-?5|windows-1254|cp1254)$/, 'windows-1254'],
  [/^(iso-?8859-?11|tis-620|windows-874|cp874)$/, 'windows-874'],
];

/** The decoder for a charset label, or undefined when the label names nothing iconv-lite can decode. */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return undefined;
  for (const [pattern, name] of LABEL_ALIASES) if (pattern.test(l)) return name;
  // A document that says UTF-16 in its own ASCII text cannot be UTF-16; browsers read it as UTF-8.
  if (/^utf-?16/.test(l)) return 'utf-8';
  return iconv.encodingExists(l) ? l : undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*["']?([^"';,\s]+)/i);
  return m?.[1];
}

const BOMS: ReadonlyArray<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomOf(body: Buffer): { charset: string; length: number } | undefined {
  for (const [bytes, charset] of BOMS) {
    if (bytes.every((b, i) => body[i] === b)) return { charset, length: bytes.length };
  }
  return undefined;
}

/** The charset a document names for itself in its first bytes: <meta charset>, http-equiv, or <?xml encoding?>. */
export function charsetFromMarkup(body: Buffer): { label: string; source: 'meta' | 'xml' } | undefined {
  const head = body.subarray(0, 8192).toString('latin1');
  const xml = head.match(/^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i);
  if (xml) return { label: xml[1], source: 'xml' };
  const meta = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i);
  if (meta) return { label: meta[1], source: 'meta' };
  return undefined;
}

function isAscii(body: Buffer): boolean {
  for (const byte of body) if (byte > 0x7f) return false;
  return true;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(body: Buffer): boolean {
  try {
    utf8Decoder.decode(body);
    return true;
  } catch {
    return false;
  }
}

const LATIN_DEFAULTS = new Set(['windows-1252']);

/** Picks the charset for a body; `contentType` is the raw Content-Type header, if any. */
export function detectCharset(body: Buffer, contentType?: string): CharsetChoice {
  const bom = bomOf(body);
  if (bom) return { charset: bom.charset, source: 'bom' };
  if (!isAscii(body) && isValidUtf8(body)) return { charset: 'utf-8', source: 'utf8-valid' };

  const header = normalizeCharset(charsetFromContentType(contentType));
  const markup = charsetFromMarkup(body);
  const declared = normalizeCharset(markup?.label);
  const candidates: CharsetChoice[] = [];
  if (header && !(LATIN_DEFAULTS.has(header) && declared && declared !== header)) candidates.push({ charset: header, source: 'header' });
  if (declared && markup) candidates.push({ charset: declared, source: markup.source });
  if (header && !candidates.some((c) => c.source === 'header')) candidates.push({ charset: header, source: 'header' });

  // The body is known not to be valid UTF-8 here, so a UTF-8 declaration is wrong unless nothing else fits.
  const usable = candidates.filter((c) => c.charset !== 'utf-8');
  const specific = usable.filter((c) => !LATIN_DEFAULTS.has(c.charset));
  if (specific.length > 1) return fewestErrors(body, specific);
  const chosen = specific[0] ?? usable[0] ?? candidates[0];
  if (chosen) return chosen;
  return { charset: 'windows-1252', source: 'default' };
}

/** Between conflicting multi-byte declarations, the one that decodes with the fewest replacement characters (ties: first). */
function fewestErrors(body: Buffer, candidates: CharsetChoice[]): CharsetChoice {
  let best = candidates[0];
  let bestErrors = Infinity;
  for (const candidate of candidates) {
    const errors = countReplacements(iconv.decode(body, candidate.charset));
    if (errors < bestErrors) [best, bestErrors] = [candidate, errors];
  }
  return best;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** The body as a string: charset detected, BOM stripped, never throws. */
export function decodeBody(body: Buffer, contentType?: string): { text: string; charset: CharsetChoice } {
  const choice = detectCharset(body, contentType);
  const bom = bomOf(body);
  const bytes = bom ? body.subarray(bom.length) : body;
  const text = choice.charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, choice.charset, { stripBOM: true });
  return { text, charset: choice };
}
