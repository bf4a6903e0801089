/**
 * What counts as the blog's own site, for every fetch and every renderer: the same origin, give or take
 * an upgrade from http to https and a leading "www." (both are one site to its owner; anything else is
 * another site).
 */
export function staysOnSite(from: string, to: string): boolean {
  const a = new URL(from);
  const b = new URL(to);
  if (a.origin === b.origin) return true;
  const bareHost = (u: URL) => u.hostname.replace(/^www\./, '');
  const schemeOk = a.protocol === b.protocol || (a.protocol === 'http:' && b.protocol === 'https:');
  return schemeOk && a.port === b.port && bareHost(a) === bareHost(b);
}
