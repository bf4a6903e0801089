import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../store/atomic-write.js';

const FILE = join('.blogvault', 'update-state.json');

/**
 * What the next run needs to check only what changed (README "Scheduled runs"): each archived post's
 * sitemap `<lastmod>` when it was archived, the pages the sitemap lists that are not posts, whether the
 * sitemap's dates proved true, and how many runs have checked samples. Kept apart from the manifest:
 * when it is lost or stale (a killed run), the next run only checks more.
 */
export interface UpdateState {
  /** Sitemap `<lastmod>` of each archived post (normalised URL) when it was last archived or found unchanged. */
  lastmod: Record<string, string>;
  /** Sitemap URLs judged not to be posts (normalised URL -> their `<lastmod>`, or '' without one). */
  notPosts: Record<string, string>;
  /** false once the sitemap said a post had not changed and it had: from then on every run checks all posts. */
  sitemapDatesTrusted: boolean;
  /** Runs that checked samples, to move the sample along the posts. */
  samplesChecked: number;
}

export const emptyUpdateState = (): UpdateState => ({ lastmod: {}, notPosts: {}, sitemapDatesTrusted: true, samplesChecked: 0 });

export async function loadUpdateState(archiveDir: string): Promise<{ state: UpdateState; text: string }> {
  try {
    const text = await readFile(join(archiveDir, FILE), 'utf8');
    const data = JSON.parse(text) as Partial<UpdateState> | null;
    if (!data || typeof data !== 'object') return { state: emptyUpdateState(), text };
    return {
      state: {
        lastmod: data.lastmod && typeof data.lastmod === 'object' ? data.lastmod : {},
        notPosts: data.notPosts && typeof data.notPosts === 'object' ? data.notPosts : {},
        sitemapDatesTrusted: data.sitemapDatesTrusted !== false,
        samplesChecked: typeof data.samplesChecked === 'number' ? data.samplesChecked : 0,
      },
      text,
    };
  } catch {
    // None yet, or unreadable: everything is checked.
    return { state: emptyUpdateState(), text: '' };
  }
}

/** Writes the state when it changed (an unchanged blog leaves the archive untouched). */
export async function saveUpdateState(archiveDir: string, state: UpdateState, previousText: string): Promise<void> {
  const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = `${JSON.stringify({ sitemapDatesTrusted: state.sitemapDatesTrusted, samplesChecked: state.samplesChecked, lastmod: sorted(state.lastmod), notPosts: sorted(state.notPosts) })}\n`;
  if (text !== previousText) await atomicWrite(join(archiveDir, FILE), text, { root: archiveDir });
}
