/** The export report as the CLI prints it: a summary line, then only the posts that need a look. */
import { formatRedirects } from './redirects.js';
import type { ExportReport } from './types.js';

export function formatExportReport(report: Omit<ExportReport, 'summary'>): string {
  const lines = [`Exported ${report.posts.length} posts to ${report.out} (${report.target}), ${report.assetFiles} asset files.`];
  const flagged = report.posts.filter((p) => p.unmapped.length);
  if (flagged.length) lines.push(`${flagged.length} posts keep content that could not be mapped:`);
  for (const post of flagged) {
    lines.push(`  ${post.source} -> ${post.file}`);
    for (const item of post.unmapped) lines.push(`    ${item.line ? `line ${item.line}: ` : ''}${item.kind}: ${item.detail}`);
  }
  if (report.redirects) lines.push(...formatRedirects(report.redirects.map, report.redirects.dir));
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
