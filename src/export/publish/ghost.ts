/**
 * `publish --to ghost`: creates the archive's posts on a Ghost site through its Admin API, with an
 * Admin API key (an integration's `id:secret`) as short-lived HS256 tokens. Images are uploaded once,
 * posts created first so every post has its URL, then written in full as HTML (Ghost converts it to
 * its editor's format); tags are created by name or reused.
 */
import { InputError } from '../../pipeline/errors.js';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ghostPostSlug, ghostTags } from '../platforms/ghost-json.js';
import { basename, instantOf, mimeOf, platformBody, type LoadedArchive } from '../platforms/shared.js';
import { ApiError, createApi } from './api.js';
import { payloadHash, saveState, type PublishState } from './state.js';
import type { PublishContext, PublishedPost } from './types.js';

interface GhostPost {
  id: string;
  url: string;
  slug: string;
  title: string;
  updated_at: string;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The Admin API's token: HS256 over the key's id (kid) and audience `/admin/`, valid five minutes. */
export function ghostToken(key: string, now = Date.now()): string {
  const [id, secret] = key.split(':');
  if (!id || !secret || !/^[0-9a-f]+$/i.test(secret)) throw new InputError('the Ghost Admin API key must read <id>:<secret> (Settings → Integrations → Admin API key)');
  const iat = Math.floor(now / 1000);
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: id }))}.${b64url(JSON.stringify({ iat, exp: iat + 300, aud: '/admin/' }))}`;
  return `${head}.${createHmac('sha256', Buffer.from(secret, 'hex')).update(head).digest('base64url')}`;
}

export async function publishGhost(ctx: PublishContext, archive: LoadedArchive, state: PublishState): Promise<PublishedPost[]> {
  ghostToken(ctx.secret);
  const api = createApi(() => ({ authorization: `Ghost ${ghostToken(ctx.secret)}`, 'accept-version': 'v5.0' }));
  const admin = (path: string) => new URL(`ghost/api/admin/${path}`, ctx.site).href;
  try {
    await api(admin('site/'));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      throw new ApiError('GET', admin('site/'), error.status, 'Ghost refused the Admin API key: copy it from Settings → Integrations → your custom integration');
    }
    throw error;
  }
  const users = (await api<{ users: { id: string; name: string }[] }>(admin('users/?limit=all'))).users;

  const bodies = new Map(archive.posts.map((post) => [post, platformBody(post, archive, { asset: () => '', post: () => '' }, 'html')]));
  for (const post of archive.posts) {
    const { assets, featureAsset } = bodies.get(post)!;
    for (const asset of featureAsset ? [...assets, featureAsset] : assets) {
      if (state.media[asset]) continue;
      const form = new FormData();
      form.append('file', new Blob([await readFile(join(archive.dir, asset))], { type: mimeOf(asset) }), basename(asset));
      form.append('ref', asset);
      const uploaded = await api<{ images: { url: string }[] }>(admin('images/upload/'), { body: form });
      state.media[asset] = { url: uploaded.images[0].url };
      await saveState(ctx.stateFile, state);
    }
  }

  for (const post of archive.posts) {
    if (state.posts[post.source]) continue;
    const slug = ghostPostSlug(post);
    let remote: GhostPost | undefined;
    try {
      remote = (await api<{ posts: GhostPost[] }>(admin(`posts/slug/${encodeURIComponent(slug)}/`))).posts[0];
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    // A post already there under this slug is this one only if it has its title too.
    if (remote?.title !== post.meta.title) {
      const published_at = instantOf(post.date).toISOString();
      remote = (await api<{ posts: GhostPost[] }>(admin('posts/'), { json: { posts: [{ title: post.meta.title, slug, status: 'published', published_at }] } })).posts[0];
    }
    state.posts[post.source] = { id: remote.id, url: remote.url };
    await saveState(ctx.stateFile, state);
  }

  const published: PublishedPost[] = [];
  for (const post of archive.posts) {
    const remote = state.posts[post.source];
    const body = platformBody(post, archive, {
      asset: (asset) => state.media[asset].url,
      // Site-relative: Ghost stores links to its own pages relative to its URL setting.
      post: (to, fragment) => `${new URL(state.posts[to.source].url).pathname}${fragment}`,
    }, 'html');
    const author = users.find((u) => u.name.toLowerCase() === post.meta.author?.trim().toLowerCase());
    const payload = {
      title: post.meta.title,
      slug: ghostPostSlug(post),
      html: body.html,
      status: 'published',
      published_at: instantOf(post.date).toISOString(),
      tags: ghostTags(post).map((name) => ({ name })),
      custom_excerpt: post.meta.description ? post.meta.description.slice(0, 300) : null,
      feature_image: body.featureAsset ? state.media[body.featureAsset].url : null,
      ...(author ? { authors: [{ id: author.id }] } : {}),
    };
    const hash = payloadHash(payload);
    const changed = remote.hash !== hash;
    if (changed) {
      // Ghost refuses an edit that does not name the version it replaces.
      const current = (await api<{ posts: GhostPost[] }>(admin(`posts/${remote.id}/`))).posts[0];
      const saved = (await api<{ posts: GhostPost[] }>(admin(`posts/${remote.id}/?source=html`), { method: 'PUT', json: { posts: [{ ...payload, updated_at: current.updated_at }] } })).posts[0];
      state.posts[post.source] = { id: saved.id, url: saved.url, hash };
      await saveState(ctx.stateFile, state);
    }
    published.push({ post, url: state.posts[post.source].url, changed, body });
  }
  return published;
}
