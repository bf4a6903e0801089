/**
 * Scripts that write a file or snippet where they stand (`document.write` embeds): in an archive nothing
 * runs them, so each becomes a link to what it shows. The table is the vocabulary; extraction keeps these
 * scripts (cleaning drops every other one) and conversion turns them into links.
 */
interface EmbedScript {
  host: string;
  /** What a reader would call it, first in the link text. */
  kind: string;
  /** The page the embed shows, from the script's URL; undefined when the URL names none. */
  target(url: URL): string | undefined;
}

const withoutJs = (url: URL) => `${url.origin}${url.pathname.replace(/\.js$/, '')}`;

export const EMBED_SCRIPTS: readonly EmbedScript[] = [
  { host: 'gist.github.com', kind: 'Gist', target: withoutJs },
  // gist-it.appspot.com/github/<user>/<repo>/blob/<ref>/<path> shows that file of GitHub.
  { host: 'gist-it.appspot.com', kind: 'Code', target: (url) => (/^\/github\/./.test(url.pathname) ? `https://github.com${url.pathname.slice('/github'.length)}` : undefined) },
  { host: 'emgithub.com', kind: 'Code', target: (url) => url.searchParams.get('target') ?? undefined },
  { host: 'gitlab.com', kind: 'Snippet', target: (url) => (/\/snippets\/\d+\.js$/.test(url.pathname) ? withoutJs(url) : undefined) },
];

/** A CSS attribute test matching the `src` of every embed script, for selectors that keep or find them. */
export const EMBED_SCRIPT_SRC = EMBED_SCRIPTS.map((e) => `[src*="${e.host}"]`);

/** The link an embed script stands for: its target and a label naming it, or undefined for any other script. */
export function embedScriptLink(src: string): { href: string; text: string } | undefined {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  const embed = EMBED_SCRIPTS.find((e) => url.hostname === e.host || url.hostname === `www.${e.host}`);
  const href = embed?.target(url);
  if (!embed || !href) return undefined;
  const name = href.replace(/^https?:\/\/(?:www\.)?(?:gist\.)?(?:github|gitlab)\.com\//, '');
  return { href, text: `${embed.kind}: ${name}` };
}
