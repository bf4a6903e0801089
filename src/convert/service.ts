import { createRequire } from 'node:module';
import type TurndownServiceType from 'turndown';
import type * as Gfm from '@joplin/turndown-plugin-gfm';
import { escapeTextNode } from './escape.js';
import { markdownRules } from './rules/index.js';

// Both ship CommonJS only: importing them from ESM has Node lex their source for export names first,
// work (and a compiled lexer) that every worker thread paid at start for nothing.
const require = createRequire(import.meta.url);
const TurndownService = require('turndown') as typeof TurndownServiceType;
const { tables } = require('@joplin/turndown-plugin-gfm') as typeof Gfm;

let service: TurndownServiceType | undefined;

/** One TurndownService per process: building it (rule table, plugin) costs more than a small post. */
export function turndownService(): TurndownServiceType {
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
