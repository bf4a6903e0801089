/**
 * What an engine needs besides the posts to build an exported folder as it is: its config with the
 * settings the export relies on, and minimal templates when the folder has no theme. A user's own
 * config or theme is never overwritten: a config that lacks a setting gets a warning saying what to add.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import YAML from 'yaml';
import type { ExportOptions } from './types.js';

/** What the export knows of the blog, for the config it writes. */
export interface SiteInfo {
  title: string;
  /** The archived blog's address, for engines that want a site URL. */
  url?: string;
}

/** A setting the export relies on, checked in a user's config. */
export interface Requirement {
  /** Keys from the config's root: `['markup', 'goldmark', 'renderer', 'unsafe']`. */
  path: string[];
  value: unknown;
  /** What to add, in the config's own syntax, for the warning. */
  add: string;
}

export interface SiteFiles {
  /** Config files the engine reads, in its order; the first is written when the folder has none. */
  configNames: string[];
  /** `theme`: the export writes its minimal templates too (the config names them where the engine needs it). */
  config(info: SiteInfo, options: ExportOptions, theme: boolean): string;
  requires(options: ExportOptions): Requirement[];
  /** Whether the folder has templates of its own (a theme named in its config, a layouts folder...). */
  hasTheme(dir: string, config: Record<string, unknown> | undefined): boolean;
  /** Minimal templates, by path, written when the folder has no theme. */
  theme(info: SiteInfo): Record<string, string>;
  /** Other files the build needs, by path, written when absent (Hexo's package.json lists its plugins). */
  extra?(info: SiteInfo): Record<string, string>;
  /** Said when the folder has a config of its own that cannot be checked (Astro's is code). */
  ownConfigNote?: string;
}

/** Configs in data formats are read; code (Astro's TypeScript) is not. */
const READABLE = /\.(toml|ya?ml|json)$/;

function parseConfig(file: string): Record<string, unknown> | undefined {
  const text = readFileSync(file, 'utf8');
  const data: unknown = file.endsWith('.toml') ? parseToml(text) : file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
}

function valueAt(config: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = config;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A folder with anything in it but dot files. */
export function hasEntries(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => !name.startsWith('.'));
}

/**
 * Writes the config, templates and other files `files` declares that `out` lacks. Returns warnings
 * for a config of the user's that misses a setting the export relies on, or that cannot be read.
 */
export async function writeSiteFiles(out: string, files: SiteFiles, info: SiteInfo, options: ExportOptions): Promise<string[]> {
  const warnings: string[] = [];
  const written: Record<string, string> = {};
  const existing = files.configNames.find((name) => existsSync(join(out, name)));
  let config: Record<string, unknown> | undefined;
  if (existing && !READABLE.test(existing)) {
    if (files.ownConfigNote) warnings.push(`${existing} is yours and was left as it is; ${files.ownConfigNote}`);
  } else if (existing) {
    try {
      config = parseConfig(join(out, existing));
    } catch (error) {
      warnings.push(`${existing} could not be read (${(error as Error).message.split('\n')[0]}); check that it sets what the export relies on`);
    }
    if (config) {
      const missing = files.requires(options).filter((r) => valueAt(config!, r.path) !== r.value);
      if (missing.length) warnings.push(`${existing} is yours and was left as it is; the export relies on: ${missing.map((r) => r.add).join('; ')}`);
    }
  }
  const theme = !files.hasTheme(out, config);
  if (!existing) written[files.configNames[0]] = files.config(info, options, theme);
  if (theme) Object.assign(written, files.theme(info));
  Object.assign(written, files.extra?.(info) ?? {});
  for (const [path, content] of Object.entries(written)) {
    const target = join(out, path);
    if (existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return warnings;
}

/** A YAML or TOML string value. */
export const quoted = (text: string) => JSON.stringify(text);
