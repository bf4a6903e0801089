import type { ExportTarget, Layout } from '../types.js';
import { astroLayout } from './astro.js';
import { hexoLayout } from './hexo.js';
import { hugoLayout } from './hugo.js';
import { jekyllLayout } from './jekyll.js';

export const LAYOUTS: Record<Exclude<ExportTarget, 'plain'>, Layout> = {
  jekyll: jekyllLayout,
  hugo: hugoLayout,
  hexo: hexoLayout,
  astro: astroLayout,
};
