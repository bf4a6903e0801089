// node build.mjs --out <site dir> [--source <bench site>] [--work <dir with node_modules>]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../common/posts.mjs';
import { buildHexo } from '../common/hexo.mjs';

const args = parseArgs(process.argv.slice(2));
const workIdx = process.argv.indexOf('--work');
const work = workIdx > 0 ? resolve(process.argv[workIdx + 1]) : dirname(fileURLToPath(import.meta.url));
buildHexo({
  name: 'hexo-solitude', theme: 'solitude', themeVersion: '4.0.0', work, ...args,
  // The theme's own defaults.
  themeConfig: '',
});
