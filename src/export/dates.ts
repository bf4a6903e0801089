/**
 * Archive dates (ISO 8601, offset kept as the blog gave it) in each engine's front matter format. The
 * wall-clock time is never shifted: readers saw it, and engines that take no offset (Hexo) read it in
 * the site's configured time zone.
 */
import type { WallDate } from './types.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseWallDate(text: string | undefined): WallDate | undefined {
  const m = text ? ISO.exec(text.trim()) : null;
  if (!m) return undefined;
  const [, year, month, day, hh, mm, ss, zone] = m;
  const date: WallDate = { year, month, day };
  if (hh !== undefined) date.time = `${hh}:${mm}:${ss ?? '00'}`;
  if (zone) date.offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return date;
}

/** The date of a JavaScript Date in UTC, for posts whose only date is a file time. */
export function wallDateFromInstant(instant: Date): WallDate {
  const iso = instant.toISOString();
  return { year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10), time: iso.slice(11, 19), offset: 'Z' };
}

export function dayOf(date: WallDate): string {
  return `${date.year}-${date.month}-${date.day}`;
}

/** Jekyll: `2015-07-26 10:30:00 +0000`. */
export function jekyllDate(date: WallDate): string {
  if (!date.time) return dayOf(date);
  const zone = date.offset === undefined ? '' : ` ${date.offset === 'Z' ? '+0000' : date.offset.replace(':', '')}`;
  return `${dayOf(date)} ${date.time}${zone}`;
}

/** Hugo and Astro: RFC 3339, `2015-07-26T10:30:00Z` or with its offset. */
export function rfc3339Date(date: WallDate): string {
  if (!date.time) return dayOf(date);
  return `${dayOf(date)}T${date.time}${date.offset ?? ''}`;
}

/** Hexo: `2015-07-26 10:30:00`, read in the site's `timezone`. */
export function hexoDate(date: WallDate): string {
  return `${dayOf(date)} ${date.time ?? '00:00:00'}`;
}
