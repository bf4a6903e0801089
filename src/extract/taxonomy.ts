import type { Element } from 'domhandler';

const TAXONOMY_HREF = /\/(tags?|topics?|labels?|search\/label|categor(y|ies))\/[^/?#]+|[?&](tag|cat|category)=/i;

/** A link to a tag, label, topic or category page. */
export function isTaxonomyLink(a: Element): boolean {
  const rel = (a.attribs.rel ?? '').toLowerCase().split(/\s+/);
  return rel.includes('tag') || rel.includes('category') || TAXONOMY_HREF.test(a.attribs.href ?? '');
}
