/**
 * `publish --to wordpress`: creates the archive's posts on a WordPress site through its REST API,
 * authenticated with an application password. Posts are created first (so every post has its
 * permalink), then images uploaded once each and attached to the first post showing them, then each
 * post's full content written with its links pointing at the uploaded media and the new permalinks.
 * Terms and authors are looked up before they are created.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { authorLogin, wpText } from '../platforms/wordpress-wxr.js';
import { basename, instantOf, mimeOf, platformBody, platformSlug, sqlDate, uniqueNames, type LoadedArchive } from '../platforms/shared.js';
import type { PlannedPost } from '../types.js';
import { ApiError, createApi, type Api } from './api.js';
import { payloadHash, saveState, type PublishState } from './state.js';
import type { PublishContext, PublishedPost } from './types.js';

interface WpPost {
  id: number;
  link: string;
  slug: string;
  title: { raw?: string; rendered: string };
}
interface WpTerm {
  id: number;
  name: string;
  slug: string;
}
interface WpMedia {
  id: number;
  source_url: string;
}

/** Every REST route through `?rest_route=`: it works whatever the site's permalink setting. */
const route = (site: string, path: string, query: Record<string, string | number> = {}) => {
  const url = new URL(site.replace(/\/?$/, '/'));
  url.searchParams.set('rest_route', `/wp/v2/${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.href;
};

async function termIds(api: Api, site: string, taxonomy: 'categories' | 'tags', names: string[], cache: Map<string, number>): Promise<number[]> {
  const ids: number[] = [];
  for (const name of uniqueNames(names)) {
    const key = name.toLowerCase();
    let id = cache.get(key);
    if (id === undefined) {
      const found = await api<WpTerm[]>(route(site, taxonomy, { search: name, per_page: 100 }));
      id = found.find((t) => decodeHTML(t.name).toLowerCase() === key)?.id;
      if (id === undefined) {
        try {
          id = (await api<WpTerm>(route(site, taxonomy), { json: { name } })).id;
        } catch (error) {
          // A term whose name differs only in ways the search missed (entities, accents): WordPress names it.
          const existing = error instanceof ApiError && error.status === 400 ? /"term_id":(\d+)/.exec(error.message)?.[1] : undefined;
          if (!existing) throw error;
          id = Number(existing);
        }
      }
      cache.set(key, id);
    }
    ids.push(id);
  }
  return ids;
}

async function authorId(api: Api, site: string, name: string | undefined, cache: Map<string, number | undefined>): Promise<number | undefined> {
  const display = name?.trim();
  if (!display) return undefined;
  const key = display.toLowerCase();
  if (cache.has(key)) return cache.get(key);
  const login = authorLogin(display);
  const found = await api<{ id: number; name: string; slug: string }[]>(route(site, 'users', { search: display, per_page: 100, context: 'edit' }));
  let id = found.find((u) => decodeHTML(u.name).toLowerCase() === key || u.slug === login.replace(/\./g, '-'))?.id;
  if (id === undefined) {
    const password = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
    id = (await api<{ id: number }>(route(site, 'users'), { json: { username: login, name: display, email: `${login}@users.invalid`, password, roles: ['author'] } })).id;
  }
  cache.set(key, id);
  return id;
}

export async function publishWordpress(ctx: PublishContext, archive: LoadedArchive, state: PublishState): Promise<PublishedPost[]> {
  const { site, stateFile } = ctx;
  const basic = `Basic ${Buffer.from(`${ctx.user}:${ctx.secret}`).toString('base64')}`;
  const api = createApi(() => ({ authorization: basic }));
  try {
    await api(route(site, 'users/me', { context: 'edit' }));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      throw new ApiError('GET', route(site, 'users/me'), error.status, `WordPress refused user ${ctx.user}: check the user name and the application password (Users → Profile → Application Passwords)`);
    }
    throw error;
  }

  // 1. Every post exists, so every post has its permalink before any body links to it.
  for (const post of archive.posts) {
    if (state.posts[post.source]) continue;
    const slug = platformSlug(post);
    const title = wpText(post.meta.title);
    // A post already there under this slug is this one only if it has its title too: another post keeps its slug.
    const existing = await api<WpPost[]>(route(site, 'posts', { slug, status: 'publish,future,draft,pending,private', context: 'edit' }));
    const created = existing.find((p) => p.title.raw === title) ?? (await api<WpPost>(route(site, 'posts'), { json: { title, slug, status: 'publish', ...dates(post) } }));
    state.posts[post.source] = { id: created.id, url: created.link };
    await saveState(stateFile, state);
  }

  // 2. Images, uploaded once and attached to the first post that shows them.
  const bodies = new Map(archive.posts.map((post) => [post, platformBody(post, archive, { asset: () => '', post: () => '' }, 'blocks')]));
  for (const post of archive.posts) {
    const { assets, featureAsset } = bodies.get(post)!;
    for (const asset of featureAsset ? [...assets, featureAsset] : assets) {
      if (state.media[asset]) continue;
      const name = basename(asset);
      const existing = await api<WpMedia[]>(route(site, 'media', { slug: name.replace(/\.[^.]+$/, '').toLowerCase() }));
      const media =
        existing[0] ??
        (await api<WpMedia>(route(site, 'media', { post: state.posts[post.source].id }), {
          body: await readFile(join(archive.dir, asset)),
          headers: { 'content-type': mimeOf(asset), 'content-disposition': `attachment; filename="${encodeURIComponent(name)}"` },
        }));
      state.media[asset] = { id: media.id, url: media.source_url };
      await saveState(stateFile, state);
    }
  }

  // 3. Full posts, sent only when something differs from what was sent last time.
  const categories = new Map<string, number>();
  const tags = new Map<string, number>();
  const authors = new Map<string, number | undefined>();
  const published: PublishedPost[] = [];
  for (const post of archive.posts) {
    const remote = state.posts[post.source];
    const body = platformBody(post, archive, {
      asset: (asset) => state.media[asset].url,
      post: (to, fragment) => `${state.posts[to.source].url}${fragment}`,
    }, 'blocks');
    const author = await authorId(api, site, post.meta.author, authors);
    const payload = {
      title: wpText(post.meta.title),
      slug: platformSlug(post),
      status: 'publish',
      content: body.html,
      excerpt: wpText(post.meta.description ?? ''),
      ...dates(post),
      categories: await termIds(api, site, 'categories', post.meta.categories, categories),
      tags: await termIds(api, site, 'tags', post.meta.tags, tags),
      ...(author === undefined ? {} : { author }),
      ...(body.featureAsset ? { featured_media: state.media[body.featureAsset].id } : {}),
    };
    const hash = payloadHash(payload);
    const changed = remote.hash !== hash;
    if (changed) {
      const saved = await api<WpPost>(route(site, `posts/${remote.id}`), { json: payload });
      state.posts[post.source] = { id: saved.id, url: saved.link, hash };
      await saveState(stateFile, state);
    }
    published.push({ post, url: state.posts[post.source].url, changed, body });
  }
  return published;
}

/**
 * The instant when the archive knows the offset (WordPress shows it in the site's zone), else the
 * wall-clock time, read in the site's zone. WordPress ignores `date_gmt` whenever `date` is sent.
 */
function dates(post: PlannedPost): { date: string } | { date_gmt: string } {
  return post.date.offset ? { date_gmt: instantOf(post.date).toISOString().slice(0, 19) } : { date: sqlDate(post.date).replace(' ', 'T') };
}
