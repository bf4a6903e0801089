import TurndownService from 'turndown';
import { tables } from '@joplin/turndown-plugin-gfm';
import { escapeTextNode } from './escape.js';
import { markdownRules } from './rules/index.js';

let service: TurndownService | undefined;

/** One TurndownService per process: building it (rule table, plugin) costs more than a small post. */
export function turndownService(): TurndownService {
  if (service) return service;
  const td = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
    preformattedCode: true,
  });
  td.use(tables);
  for (const rule of markdownRules) td.addRule(rule.name, rule);
  td.escape = escapeTextNode;
  service = td;
  return td;
}
