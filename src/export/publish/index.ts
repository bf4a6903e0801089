/**
 * `blogvault publish`: sends an archive to a running WordPress or Ghost site through its API, remembers
 * what each post and image became (so running it again updates in place and sends nothing unchanged),
 * and writes the redirect map from the old blog's URLs to the new ones.
 */
import { InputError } from '../../pipeline/errors.js';
import { resolve } from 'node:path';
import { loadArchive } from '../platforms/shared.js';
import { buildRedirectMap, formatRedirects, writeRedirects, type RedirectMap } from '../redirects.js';
import { publishGhost } from './ghost.js';
import { loadState, stateFile } from './state.js';
import type { PublishContext, PublishedPost } from './types.js';
import { publishWordpress } from './wordpress.js';

export const PUBLISH_TARGETS = ['wordpress', 'ghost'] as const;
export type PublishTarget = (typeof PUBLISH_TARGETS)[number];

/** Where the secret comes from: never a command-line flag, which other users of the machine can read. */
export const SECRET_ENV: Record<PublishTarget, string> = {
  wordpress: 'BLOGVAULT_WP_APP_PASSWORD',
  ghost: 'BLOGVAULT_GHOST_ADMIN_KEY',
};

export interface PublishOptions {
  to: PublishTarget;
  site: string;
  user?: string;
  secret: string;
  /** Folder for the redirect files; default `.blogvault/publish/<target>-<host>-redirects/` in the archive. */
  redirects?: string;
}

export interface PublishReport {
  target: PublishTarget;
  site: string;
  posts: { source: string; url: string; changed: boolean }[];
  media: number;
  redirects: { dir: string; map: RedirectMap };
  summary: string;
}

export async function publishArchive(archiveDir: string, options: PublishOptions): Promise<PublishReport> {
  let site: URL;
  try {
    site = new URL(options.site);
  } catch {
    throw new InputError(`publish: --site ${options.site} is not a URL (e.g. https://blog.example.com/)`);
  }
  if (!/^https?:$/.test(site.protocol)) throw new InputError(`publish: --site ${options.site} must be an http(s) URL`);
  const home = site.href.replace(/\/?$/, '/');
  if (options.to === 'wordpress' && !options.user) throw new InputError('publish: --user is required for WordPress (the user the application password belongs to)');
  const dir = resolve(archiveDir);
  const archive = await loadArchive(dir);
  if (!archive.posts.length) throw new InputError(`publish: ${dir} holds no archived posts`);
  const file = stateFile(dir, options.to, home);
  const state = await loadState(file, home);
  const ctx: PublishContext = { site: home, user: options.user, secret: options.secret, stateFile: file };
  const published: PublishedPost[] = options.to === 'wordpress' ? await publishWordpress(ctx, archive, state) : await publishGhost(ctx, archive, state);

  const urls = new Map(published.map((p) => [p.post, p.url]));
  const map = buildRedirectMap(archive.posts, archive.history, (post) => urls.get(post), (asset) => state.media[asset]?.url);
  const redirectsDir = resolve(options.redirects ?? file.replace(/\.json$/, '-redirects'));
  await writeRedirects(redirectsDir, map.rules);
  const changed = published.filter((p) => p.changed).length;
  const flagged = published.filter((p) => p.body.unmapped.length);
  const lines = [
    `Published ${published.length} posts to ${home} (${options.to}): ${changed} created or updated, ${published.length - changed} unchanged; ${Object.keys(state.media).length} images.`,
  ];
  if (flagged.length) lines.push(`${flagged.length} posts keep content that could not be mapped:`);
  for (const p of flagged) {
    lines.push(`  ${p.post.source} -> ${p.url}`);
    for (const item of p.body.unmapped) lines.push(`    ${item.line ? `line ${item.line}: ` : ''}${item.kind}: ${item.detail}`);
  }
  lines.push(...formatRedirects(map, redirectsDir));
  return {
    target: options.to,
    site: home,
    posts: published.map((p) => ({ source: p.post.source, url: p.url, changed: p.changed })),
    media: Object.keys(state.media).length,
    redirects: { dir: redirectsDir, map },
    summary: lines.join('\n'),
  };
}

/** Reads a line from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  let answer = '';
  try {
    return await new Promise<string>((done, fail) => {
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            stdin.off('data', onData);
            return done(answer);
          }
          if (char === '\u0003') return fail(new Error('publish: interrupted'));
          answer = char === '\u007f' ? answer.slice(0, -1) : answer + char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stderr.write('\n');
  }
}

/** The secret from its environment variable, else asked on the terminal; an error when neither can be. */
export async function publishSecret(to: PublishTarget): Promise<string> {
  const name = SECRET_ENV[to];
  const value = process.env[name]?.trim();
  if (value) return value;
  if (!process.stdin.isTTY) throw new InputError(`publish: set ${name} to the ${to === 'wordpress' ? 'application password' : 'Admin API key'} (no terminal to ask on)`);
  const answer = (await promptHidden(`${to === 'wordpress' ? 'Application password' : 'Admin API key'}: `)).trim();
  if (!answer) throw new InputError(`publish: no ${to === 'wordpress' ? 'application password' : 'Admin API key'} given`);
  return answer;
}

