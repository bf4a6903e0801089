/**
 * Image references in a converted post. Working on the Markdown keeps the hot path to one HTML parse
 * per post (in the converter); emoji images are already characters there, so they are never fetched.
 */

/** An image inlined in the page (Docusaurus does this for small ones); archived as a file like the others. */
const DATA_IMAGE = 'data:image\\/[\\w.+-]+;base64,[A-Za-z0-9+/=]+';
/** `![alt](url` and `![alt](<url>`; the URL is group 2 (bracketed, may hold spaces) or group 3. */
const MARKDOWN_IMAGE = new RegExp(`(!\\[(?:\\\\.|[^\\]\\\\])*\\]\\(\\s*)(?:<(https?:\\/\\/[^>\\n]+)>|(https?:\\/\\/[^\\s)]+|${DATA_IMAGE}))`, 'g');
/** A link's target, `](url` or `](<url>`: a link around an image often points at the same file, full size. */
const LINK_TARGET = /(\]\(\s*)(?:<(https?:\/\/[^>\n]+)>|(https?:\/\/[^\s)]+))/g;
/** `<img src="url">` left as HTML (inside tables or details the converter keeps as HTML). */
const HTML_IMAGE = new RegExp(`(<img\\b[^>]*?\\bsrc=["'])(https?:\\/\\/[^"']+|${DATA_IMAGE})`, 'gi');

/** The bytes and type of a `data:image/...;base64,` URI. */
export function decodeDataImage(uri: string): { bytes: Buffer; contentType: string } | undefined {
  const m = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/=]+)$/.exec(uri);
  return m ? { bytes: Buffer.from(m[2]!, 'base64'), contentType: m[1]! } : undefined;
}

function htmlDecode(url: string): string {
  return url.replace(/&amp;/g, '&');
}

/** Archive paths are safe file names, but a space or parenthesis would still end a Markdown link. */
function safeLink(path: string): string {
  return path.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Absolute http(s) image URLs and inline `data:` images the Markdown shows, in order of appearance, once each. */
export function collectImageUrls(markdown: string): string[] {
  const urls = new Set<string>();
  for (const m of markdown.matchAll(MARKDOWN_IMAGE)) urls.add(m[2] ?? m[3]);
  for (const m of markdown.matchAll(HTML_IMAGE)) urls.add(htmlDecode(m[2]));
  return [...urls];
}

/**
 * Point every image whose source was archived at its local copy, and every link to such a file (the
 * full-size image a thumbnail links to, when it was the one archived); the others stay remote.
 */
export function rewriteImageUrls(markdown: string, localPaths: ReadonlyMap<string, string>): string {
  if (localPaths.size === 0) return markdown;
  const local = (whole: string, prefix: string, bracketed: string | undefined, bare: string | undefined) => {
    const path = localPaths.get(bracketed ?? bare ?? '');
    return path === undefined ? whole : `${prefix}${safeLink(path)}`;
  };
  return markdown
    .replace(MARKDOWN_IMAGE, local)
    .replace(LINK_TARGET, local)
    .replace(HTML_IMAGE, (whole, prefix: string, url: string) => {
      const local = localPaths.get(htmlDecode(url));
      return local === undefined ? whole : `${prefix}${safeLink(local)}`;
    });
}
