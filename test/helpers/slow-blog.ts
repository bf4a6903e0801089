// A blog whose pages answer slowly, for watching a run's progress on a terminal: `pages` index pages of
// `perPage` posts each, the first index page at once, the others after `indexDelayMs`, every post after
// `postDelayMs`; `/page/N/` pages, `/posts/pN/` posts. `onRequest` sees each path as it arrives.
import { tmpdir } from 'node:os';
import { startStaticServer, type TestServer } from './static-server.js';
import { indexPage, postPage, sendHtml } from '../e2e/faults-harness.js';

export interface SlowBlogOptions {
  pages: number;
  perPage: number;
  indexDelayMs: number;
  postDelayMs: number;
  onRequest?: (path: string) => void;
}

export function startSlowBlog(o: SlowBlogOptions): Promise<TestServer> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return startStaticServer(tmpdir(), async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    o.onRequest?.(path);
    const page = path === '/' ? 1 : Number(/^\/page\/(\d+)\/$/.exec(path)?.[1] ?? 0);
    if (page >= 1 && page <= o.pages) {
      if (page > 1) await sleep(o.indexDelayMs);
      const items = Array.from({ length: o.perPage }, (_, i) => {
        const n = (page - 1) * o.perPage + i;
        return { href: `/posts/p${n}/`, title: `Post ${n}`, date: '2024-01-01' };
      });
      return sendHtml(res, indexPage('Slow blog', items, page < o.pages ? `/page/${page + 1}/` : undefined));
    }
    const n = /^\/posts\/p(\d+)\/$/.exec(path)?.[1];
    if (n !== undefined) {
      await sleep(o.postDelayMs);
      return sendHtml(res, postPage(`Post ${n}`, '2024-01-01', `<p>Post ${n}: ${'a sentence of the article. '.repeat(20)}</p>`));
    }
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
}
