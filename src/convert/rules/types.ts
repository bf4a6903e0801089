import type TurndownService from 'turndown';

export interface ConvertContext {
  /** Absolute URL of the page the HTML came from; relative links are resolved against it. */
  baseUrl: string;
}

/**
 * A rewrite of the parsed article before turndown sees it: it turns one markup convention (a
 * highlighter's line-number table, a KaTeX span, a footnote section...) into plain, canonical HTML
 * or into an element marked `data-bv-md` that a Markdown rule prints.
 */
export interface DomRule {
  name: string;
  /** A cheap test on the HTML source: when it fails, the markup the rule handles is absent and the tree walk is skipped. */
  when?: RegExp;
  apply(root: Element, ctx: ConvertContext): void;
}

/** A turndown rule with its name. The rules of the table have disjoint filters and take precedence over turndown's own. */
export interface MarkdownRule extends TurndownService.Rule {
  name: string;
}

/** The `data-bv-md` marker the DOM rules put on elements that a Markdown rule of the same concern prints. */
export function marked(node: HTMLElement, kind: string): boolean {
  return node.getAttribute('data-bv-md') === kind;
}
