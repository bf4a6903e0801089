/** Writes a layout's front matter as YAML every engine reads the same way. */
import YAML from 'yaml';
import type { FrontMatter } from './types.js';

/**
 * Values are quoted under YAML 1.1 rules (Jekyll's Psych, Hugo's and Hexo's readers all treat `yes`,
 * `on` or a bare date as non-strings); `raw` values (dates in the engine's own format) are written bare
 * so the engine reads them as timestamps.
 */
export function renderFrontMatter(entries: FrontMatter): string {
  let out = '---\n';
  for (const [key, value] of entries) {
    if (typeof value === 'object' && !Array.isArray(value)) out += `${key}: ${value.raw}\n`;
    else out += YAML.stringify({ [key]: value }, { version: '1.1', lineWidth: 0, indentSeq: true });
  }
  return `${out}---\n`;
}
