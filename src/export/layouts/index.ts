import type { Layout, LayoutTarget } from '../types.js';
import { astroLayout } from './astro.js';
import { hexoLayout } from './hexo.js';
import { hugoLayout } from './hugo.js';
import { jekyllLayout } from './jekyll.js';

export const LAYOUTS: Record<LayoutTarget, Layout> = {
  jekyll: jekyllLayout,
  hugo: hugoLayout,
  hexo: hexoLayout,
  astro: astroLayout,
};
