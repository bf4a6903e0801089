import { element, replaceWith } from '../dom.js';
import { all, first } from '../select.js';
import { resolveUrl } from './links.js';
import type { DomRule } from './types.js';
import { EMBED_SCRIPTS, EMBED_SCRIPT_SRC, embedScriptLink } from '../../url/embed-scripts.js';

const VIDEO_HOST = /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|dailymotion\.com|bilibili\.com|loom\.com|wistia\.(?:com|net)|twitch\.tv|ted\.com|streamable\.com|tiktok\.com|v\.qq\.com|youku\.com)$/i;

/** The page a person would open for an embedded player (YouTube/Vimeo/Bilibili embed URLs have one). */
export function watchUrl(src: string): string {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return src;
  }
  const host = url.hostname.replace(/^www\./, '');
  const youtube = /^(?:youtube\.com|youtube-nocookie\.com)$/.test(host) && /^\/embed\/([\w-]+)/.exec(url.pathname);
  if (youtube && youtube[1] !== 'videoseries') return `https://www.youtube.com/watch?v=${youtube[1]}`;
  const vimeo = host === 'player.vimeo.com' && /^\/video\/(\d+)/.exec(url.pathname);
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  const bvid = host === 'player.bilibili.com' && url.searchParams.get('bvid');
  if (bvid) return `https://www.bilibili.com/video/${bvid}`;
  return src;
}

function isVideoHost(src: string): boolean {
  try {
    return VIDEO_HOST.test(new URL(src).hostname);
  } catch {
    return false;
  }
}

function label(kind: string, title: string | null): string {
  const t = (title ?? '').replace(/\s+/g, ' ').trim();
  return t ? `${kind}: ${t}` : kind;
}

function replaceWithLink(el: Element, href: string, text: string): void {
  const doc = el.ownerDocument;
  const p = element(doc, 'p');
  p.appendChild(element(doc, 'a', { href }, text));
  replaceWith(el, p);
}

function firstSource(el: Element): string {
  const own = el.getAttribute('src') ?? el.getAttribute('data-src') ?? el.getAttribute('data') ?? el.getAttribute('data-lazy-src');
  if (own) return own.trim();
  return first(el, 'source[src]')?.getAttribute('src')?.trim() ?? '';
}

/**
 * Embedded players and frames cannot live in Markdown: each becomes a link to what it shows,
 * `[Video: title](https://www.youtube.com/watch?v=…)`, `[Audio](…)`, `[Embedded page: title](…)`;
 * a script that would write a gist or a code file where it stands becomes a link to it (url/embed-scripts.ts).
 */
export const embeds: DomRule = {
  name: 'embeds',
  when: new RegExp(`<(?:iframe|video|audio|embed|object|lite-)|${EMBED_SCRIPTS.map((e) => e.host.replace(/\./g, '\\.')).join('|')}`, 'i'),
  apply(root, { baseUrl }) {
    for (const el of all(root, `iframe, video, audio, embed, object, lite-youtube, lite-vimeo, ${EMBED_SCRIPT_SRC.map((src) => `script${src}`).join(', ')}`)) {
      if (!root.contains(el)) continue;
      const name = el.nodeName.toLowerCase();
      if (name === 'script') {
        const link = embedScriptLink(resolveUrl(el.getAttribute('src') ?? '', baseUrl));
        if (link) replaceWithLink(el, link.href, link.text);
        else replaceWith(el);
        continue;
      }
      if (name === 'lite-youtube' || name === 'lite-vimeo') {
        const id = el.getAttribute('videoid');
        if (!id) continue;
        const href = name === 'lite-youtube' ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`;
        replaceWithLink(el, href, label('Video', el.getAttribute('videotitle') ?? el.getAttribute('title')));
        continue;
      }
      const raw = firstSource(el);
      if (!raw || raw.startsWith('about:') || raw.startsWith('javascript:')) {
        replaceWith(el);
        continue;
      }
      const src = resolveUrl(raw, baseUrl);
      const title = el.getAttribute('title') ?? el.getAttribute('aria-label');
      if (name === 'video' || isVideoHost(src)) replaceWithLink(el, watchUrl(src), label('Video', title));
      else if (name === 'audio') replaceWithLink(el, src, label('Audio', title));
      else replaceWithLink(el, src, label('Embedded page', title));
    }
  },
};
