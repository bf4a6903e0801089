/** Asset file names: `<name>-<hash8>.<ext>`, name from the source URL, extension from the URL or the MIME type. */
import { safeStem } from './filenames.js';

const EXT_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'text/css': 'css',
  'application/json': 'json',
};

/** Extensions a URL may name directly; anything else (php, aspx, cgi...) is a script, not the asset's type. */
const KNOWN_EXTENSIONS = new Set([...Object.values(EXT_BY_TYPE), 'jpeg', 'jpe', 'svgz', 'tif', 'jfif', 'apng', 'mov', 'wav', 'txt']);

const MAX_ASSET_NAME_BYTES = 80;

function lastSegment(sourceUrl: string): string {
  try {
    const segment = new URL(sourceUrl).pathname.split('/').filter(Boolean).at(-1) ?? '';
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  } catch {
    return '';
  }
}

/** Extension for an asset: the URL's when it is a known media type, else from the MIME type, else `bin`. */
export function assetExtension(sourceUrl: string, contentType?: string): string {
  const match = /\.([a-z0-9]{1,5})$/i.exec(lastSegment(sourceUrl));
  const fromUrl = match?.[1]?.toLowerCase();
  if (fromUrl && KNOWN_EXTENSIONS.has(fromUrl)) return fromUrl;
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return (mime && EXT_BY_TYPE[mime]) ?? 'bin';
}

/** Base name (before the hash) from the URL's file name, made safe; `asset` when nothing is usable. */
export function assetBaseName(sourceUrl: string): string {
  const stem = lastSegment(sourceUrl).replace(/\.[a-z0-9]{1,5}$/i, '');
  return safeStem(stem, MAX_ASSET_NAME_BYTES) || 'asset';
}

export function assetFileName(sourceUrl: string, hash: string, contentType?: string): string {
  return `${assetBaseName(sourceUrl)}-${hash.slice(0, 8)}.${assetExtension(sourceUrl, contentType)}`;
}

/** The hash8 inside an asset file name written by assetFileName, if it has one. */
export function hash8OfAssetName(name: string): string | undefined {
  return /-([0-9a-f]{8})\.[a-z0-9]+$/.exec(name)?.[1];
}
