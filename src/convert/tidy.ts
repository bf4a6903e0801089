import { CONTAINER_PREFIX, resolveLineStarts } from './escape.js';

function fenceOf(line: string): { run: string; info: string } | undefined {
  const m = /^(`{3,}|~{3,})(.*)$/.exec(line.replace(CONTAINER_PREFIX, ''));
  return m ? { run: m[1], info: m[2] } : undefined;
}

/**
 * Final clean-up of turndown's output: line-start escapes settled, no trailing spaces and at most one
 * blank line in a row outside fenced code (code lines are left exactly as they are), no leading blank
 * lines, one final newline.
 */
export function tidyMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let blank = 0;
  for (const raw of markdown.split('\n')) {
    if (fence !== undefined) {
      out.push(raw);
      const f = fenceOf(raw);
      if (f && f.run[0] === fence[0] && f.run.length >= fence.length && !f.info.trim()) fence = undefined;
      continue;
    }
    const line = resolveLineStarts(raw).replace(/\s+$/, '');
    if (!line) {
      if (out.length && ++blank === 1) out.push('');
      continue;
    }
    blank = 0;
    out.push(line);
    fence = fenceOf(line)?.run;
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.length ? `${out.join('\n')}\n` : '';
}
