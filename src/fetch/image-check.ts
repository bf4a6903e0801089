/**
 * A response stored as an image must be one: an image content type and the bytes of an image format.
 * Otherwise a server (or a redirect to an internal service) could have any document saved as
 * `assets/x.png` and linked from a post.
 */

/**
 * image-type, loaded with the first image checked: it brings file-type's format tables and stream
 * readers (9 ms of CPU to load), which a run that downloads no image (an unchanged rerun) never uses.
 */
async function imageType(bytes: Uint8Array) {
  return (await import('image-type')).default(bytes);
}

/** An SVG document: optional BOM, XML declaration, comments and doctype, then the <svg> element. */
const SVG_START = /^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/**
 * Types a server gives a file whose extension it does not know: nginx and Apache configurations older
 * than AVIF serve `.avif` images as application/octet-stream. Such a body is an image when its bytes are.
 */
const UNKNOWN_BINARY = new Set(['application/octet-stream', 'binary/octet-stream']);

/** Why `bytes` served as `contentType` is not an image, or undefined when it is one. */
export async function notAnImage(bytes: Uint8Array, contentType: string): Promise<string | undefined> {
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (UNKNOWN_BINARY.has(mime)) return (await imageType(bytes)) ? undefined : `not an image (the bytes of no image format, served as ${mime})`;
  if (!contentType.startsWith('image/')) return `not an image (content-type ${contentType || 'none'})`;
  if (contentType === 'image/svg+xml') return SVG_START.test(Buffer.from(bytes.subarray(0, 4096)).toString('utf8')) ? undefined : 'not an image (not an SVG document)';
  return (await imageType(bytes)) ? undefined : `not an image (the bytes of no image format, served as ${contentType})`;
}
