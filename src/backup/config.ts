/**
 * The backup config: the blogs `backup` and `enqueue` archive, each with its output folder and any option
 * `archive` takes (or a site profile), plus defaults for all of them. Every blog's options go through the
 * same yargs definitions as `archive`'s, so a config accepts exactly what the command line does.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import yargs from 'yargs';
import YAML from 'yaml';
import { crawlOptions, profileParser, warcOptions, withWarc, type CrawlArgs, type WarcArgs } from '../cli/options.js';
import { settingsFrom } from '../cli/settings.js';
import { validateStartUrl } from '../pipeline/archive.js';
import { InputError, reasonOf } from '../pipeline/errors.js';
import type { ArchiveSettings } from '../pipeline/options.js';

/** One blog to archive, with everything resolved: a worker on another machine needs nothing else. */
export interface BlogJob {
  url: string;
  /** Absolute output folder. */
  out: string;
  settings: ArchiveSettings;
  since?: string;
}

export interface BackupConfig {
  file: string;
  blogs: BlogJob[];
}

/** Options a blog entry or `defaults` may not hold: they belong to the run, not to one blog. */
const RUN_ONLY = new Set(['report', 'json', 'quiet', 'verbose', 'parallel', 'git']);

/** A folder name for a blog without `out`: its host and path, e.g. `blog.example.com` or `example.com-blog`. */
export function defaultOutName(url: string): string {
  const u = new URL(url);
  const parts = [u.host, ...u.pathname.split('/').filter(Boolean)];
  return parts.join('-').replace(/[^\w.-]+/g, '_').replace(/^[.-]+/, '') || 'blog';
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${where} must be a mapping of options`);
  return value as Record<string, unknown>;
}

/** A mapping's `profile` file (relative to the config's folder) under its own options. */
function withProfile(options: Record<string, unknown>, base: string, where: string): Record<string, unknown> {
  const { profile, ...rest } = options;
  if (profile === undefined) return rest;
  if (typeof profile !== 'string') throw new InputError(`${where}: profile must be a file name`);
  let loaded: Record<string, unknown>;
  try {
    loaded = profileParser(resolve(base, profile));
  } catch (err) {
    throw new InputError(`${where}: profile ${profile}: ${reasonOf(err)}`);
  }
  return { ...loaded, ...rest };
}

/** Parses one blog's options exactly as `archive` parses its command line. */
function parseOptions(options: Record<string, unknown>, where: string): CrawlArgs & WarcArgs & { since?: string } {
  for (const key of Object.keys(options)) {
    if (RUN_ONLY.has(key)) throw new InputError(`${where}: ${key} is an option of the whole run, not of one blog`);
  }
  try {
    return warcOptions(crawlOptions(yargs([])))
      .option('since', { type: 'string' })
      .config(options)
      .strict()
      .fail((message, err) => {
        throw err ?? new Error(message);
      })
      .parseSync() as unknown as CrawlArgs & WarcArgs & { since?: string };
  } catch (err) {
    throw new InputError(`${where}: ${reasonOf(err).replace(/\s*\n\s*/g, ' ')}`);
  }
}

/**
 * Reads a backup config (YAML or JSON). `overrides` are options given on the command line for every
 * blog (`--warc`); a blog's own entry wins over its profile, which wins over `defaults` and its profile.
 */
export function loadBackupConfig(file: string, overrides: Record<string, unknown> = {}): BackupConfig {
  let data: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    data = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : `not a readable YAML or JSON file (${reasonOf(err).split('\n')[0]})`}`);
  }
  const base = dirname(resolve(file));
  const top = asRecord(data, file);
  for (const key of Object.keys(top)) {
    if (key !== 'blogs' && key !== 'defaults') throw new InputError(`${file}: unknown key ${JSON.stringify(key)} (a config has \`blogs\` and, optionally, \`defaults\`)`);
  }
  if (!Array.isArray(top.blogs) || top.blogs.length === 0) throw new InputError(`${file}: \`blogs\` must list at least one blog`);
  const defaults = withProfile(asRecord(top.defaults, `${file}: defaults`), base, `${file}: defaults`);
  const seen = new Map<string, number>();
  const blogs = top.blogs.map((entry: unknown, i): BlogJob => {
    const n = i + 1;
    const raw = typeof entry === 'string' ? { url: entry } : asRecord(entry, `${file}: blog ${n}`);
    const { url, out, ...own } = raw;
    if (typeof url !== 'string' || !url) throw new InputError(`${file}: blog ${n} has no url`);
    const where = `${file}: blog ${n} (${url})`;
    let startUrl: string;
    try {
      startUrl = validateStartUrl(url);
    } catch (err) {
      throw new InputError(`${file}: blog ${n}: ${reasonOf(err)}`);
    }
    if (out !== undefined && (typeof out !== 'string' || !out)) throw new InputError(`${where}: out must be a folder name`);
    const folder = resolve(base, typeof out === 'string' ? out : defaultOutName(startUrl));
    const earlier = seen.get(folder);
    if (earlier !== undefined) throw new InputError(`${where}: out ${folder} is already blog ${earlier}'s`);
    seen.set(folder, n);
    const args = parseOptions({ ...defaults, ...withProfile(own, base, where), ...overrides }, where);
    if (args.since !== undefined && Number.isNaN(Date.parse(args.since))) throw new InputError(`${where}: since ${args.since}: not a date (use YYYY-MM-DD)`);
    let settings: ArchiveSettings;
    try {
      settings = withWarc(settingsFrom(startUrl, args), args);
    } catch (err) {
      throw new InputError(`${where}: ${reasonOf(err)}`);
    }
    return { url: startUrl, out: folder, settings, ...(args.since ? { since: args.since } : {}) };
  });
  return { file, blogs };
}
