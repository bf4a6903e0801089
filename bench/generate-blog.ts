// Generates a large static blog in the markup of Hexo's landscape theme, for `npm run bench`:
// /YYYY/MM/DD/slug/ post pages, 10 posts per index page (/page/N/), code blocks as line-number tables,
// tables, lists, quotes and images (some shared between posts). Deterministic: the same seed gives the
// same bytes, so runs compare. Optionally with a sitemap and an Atom feed dating each post's last
// change, as hexo-generator-sitemap and hexo-generator-feed write them, and editPost() to change a post
// the way an author fixing a typo does (scheduled reruns are measured on it).
//
//   node --import tsx bench/generate-blog.ts [dir] [--posts N] [--sitemap ORIGIN]
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export const DEFAULT_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)), '.tmp', 'bench-blog');
const GENERATOR_VERSION = 1;
const PER_PAGE = 10;
const SITE = 'Bench Blog (generated)';

export interface GeneratedBlog {
  dir: string;
  posts: number;
  indexPages: number;
  images: number;
  /** The origin the sitemap and feed give absolute URLs on, when the blog has them. */
  sitemap?: string;
}

export interface GenerateOptions {
  /**
   * Also write /sitemap.xml (every post and the home, `<lastmod>` the post's last change) and /atom.xml
   * (the newest 20 posts) with absolute URLs on this origin: a sitemap's `<loc>` must be absolute, so
   * the blog is generated for the server that will serve it.
   */
  sitemapOrigin?: string;
}

/** mulberry32: a tiny seeded PRNG, so the blog is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function png(seed: number, width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const raw = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (1 + width * 3) + 1 + x * 3;
      raw[o] = (seed * 37 + x * 3) & 255;
      raw[o + 1] = (seed * 91 + y * 5) & 255;
      raw[o + 2] = (seed * 13 + x * y) & 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const SUBJECTS = ['the scheduler', 'the page cache', 'each vCPU', 'the ring buffer', 'the bridge', 'the guest kernel', 'the tap device', 'the control plane', 'the allocator', 'the interrupt controller'];
const VERBS = ['polls', 'pins', 'reclaims', 'maps', 'throttles', 'serializes', 'forwards', 'allocates', 'batches', 'notifies'];
const OBJECTS = ['the dirty bitmap', 'every descriptor', 'a single eventfd', 'the request queue', 'large pages', 'incoming packets', 'the flow table', 'pending work', 'the MSI-X vector', 'a memory region'];
const TAILS = ['under heavy load', 'before the next exit', 'when the ring is full', 'which keeps latency low', 'on every tick', 'without taking the lock'];
const TOPICS = ['Virtio Ring', 'Netlink Sockets', 'Huge Pages', 'Cgroup Memory', 'Live Migration', 'Open vSwitch Flows', 'PCI Enumeration', 'Ceph RBD Cache', 'KVM Dirty Logging', 'Nova Scheduler', 'Vhost Net', 'Linux Interrupts', 'Fedora Upgrades', 'Swarm Proxy', 'Packstack Deploys'];
const PREFIXES = ['Notes on', 'A Tour of', 'Debugging', 'Tuning', 'Inside', 'Benchmarking', 'Tracing', 'Deploying', 'Understanding', 'Hacking'];
const TAGS = ['linux', 'kvm', 'qemu', 'networking', 'performance', 'openstack', 'docker', 'ceph', 'kernel', 'virtio', 'fedora', 'magnum'];
const CATEGORIES = ['Kernel', 'Cloud', 'Virtualization', 'Tools', '随笔'];
const CN = ['宿主机内核通过设备模拟代码直接进入内核子系统，', '调度器会优先处理就绪队列中的任务，', '我们先看一下初始化流程，', '这样可以显著降低延迟。', '中断控制器会把请求转发给处理器，'];

const CODE: Record<string, string[]> = {
  python: ['def score(items, *, limit=20):', '    """Return the top <limit> items."""', '    ranked = sorted(items, key=lambda x: x["weight"], reverse=True)', "    return [i for i in ranked if i['weight'] > 0][:limit]"],
  bash: ['for vm in $(virsh list --name); do', '  virsh dommemstat "$vm" | grep -E "^(actual|rss)" >> /tmp/mem.log', 'done'],
  yaml: ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  labels: {app: "web", tier: \'*\'}', 'spec:', '  containers:', '    - image: nginx:1.25'],
  c: ['static int vring_poll(struct vring *vr)', '{', '\tif (vr->last_used == vr->used->idx)', '\t\treturn -EAGAIN;', '\treturn vr->used->ring[vr->last_used++ % vr->num].id;', '}'],
  javascript: ['export async function retry(fn, tries = 3) {', '  for (let i = 0; i < tries; i++) {', '    try { return await fn(); } catch (e) { if (i === tries - 1) throw e; }', '  }', '}'],
  go: ['func drain(ch <-chan int) (n int) {', '\tfor range ch {', '\t\tn++', '\t}', '\treturn n', '}'],
};
const KEYWORDS = /\b(def|return|for|in|if|do|done|static|int|struct|export|async|function|let|try|catch|await|throw|func|range|lambda|else)\b/g;

/** Hexo's highlight output: a table whose first cell numbers the lines. */
function hexoCode(lang: string, codeLines: string[]): string {
  const gutter = codeLines.map((_, i) => `<span class="line">${i + 1}</span><br>`).join('');
  const body = codeLines.map((l) => `<span class="line">${esc(l).replace(KEYWORDS, '<span class="keyword">$1</span>')}</span><br>`).join('');
  return `<figure class="highlight ${lang}"><table><tr><td class="gutter"><pre>${gutter}</pre></td><td class="code"><pre>${body}</pre></td></tr></table></figure>`;
}

interface Post {
  index: number;
  title: string;
  slug: string;
  date: Date;
  /** Last change: a few days after publication, so a sitemap dating changes reads as such, not as publication dates. */
  updated: Date;
  tags: string[];
  category: string;
  excerpt: string;
  body: string;
  image?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const pathOf = (p: Post) => `/${p.date.getUTCFullYear()}/${pad(p.date.getUTCMonth() + 1)}/${pad(p.date.getUTCDate())}/${p.slug}/`;
const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function makePosts(count: number, imageCount: number): Post[] {
  const rnd = prng(20240601);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const sentence = () => `${pick(SUBJECTS).replace(/^./, (c) => c.toUpperCase())} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
  const para = (n: number) => Array.from({ length: n }, sentence).join(' ');
  const seen = new Map<string, number>();
  const posts: Post[] = [];
  let time = Date.UTC(2020, 11, 31, 10, 30);
  for (let i = 0; i < count; i++) {
    time -= Math.floor(1 + rnd() * 8) * 86_400_000 + Math.floor(rnd() * 12) * 3_600_000;
    const chinese = rnd() < 0.1;
    let title = chinese ? `${pick(TOPICS)} 源码阅读` : `${pick(PREFIXES)} ${pick(TOPICS)}`;
    const n = (seen.get(title) ?? 0) + 1;
    seen.set(title, n);
    if (n > 1) title = `${title} (Part ${n})`;
    const slug = chinese ? `post-${i + 1}` : slugify(title);
    const excerpt = chinese ? Array.from({ length: 4 }, () => pick(CN)).join('') : para(2);
    const parts: string[] = [`<p>${esc(excerpt)}</p>`, '<span id="more"></span>'];
    const image = rnd() < 0.6 ? `/images/figure-${Math.floor(rnd() * imageCount) + 1}.png` : undefined;
    parts.push(`<p>${esc(para(3))} Call <code>vhost_dev_init</code> first; see <a target="_blank" rel="noopener" href="https://example.org/docs/${i}">the kernel docs</a> for <em>details</em>.</p>`);
    parts.push(`<h2 id="Setup"><a href="#Setup" class="headerlink" title="Setup"></a>Setup</h2>`);
    const langs = Object.keys(CODE);
    parts.push(hexoCode(langs[i % langs.length], CODE[langs[i % langs.length]]));
    if (image) parts.push(`<p><img src="${image}" alt="Figure for ${esc(title)}"></p>`);
    parts.push(`<ul>\n${Array.from({ length: 3 }, () => `<li>${esc(sentence())}</li>`).join('\n')}\n</ul>`);
    if (rnd() < 0.5) {
      const rows = Array.from({ length: 3 }, () => `<tr>\n<td align="left">${pick(['tap', 'vhost-net', 'virtio-fs'])}</td>\n<td align="right">${Math.floor(rnd() * 900)}</td>\n<td align="center">${pick(['yes', 'no', '部分'])}</td>\n</tr>`).join('\n');
      parts.push(`<table>\n<thead>\n<tr>\n<th align="left">Backend</th>\n<th align="right">Throughput (MB&#x2F;s)</th>\n<th align="center">Supported</th>\n</tr>\n</thead>\n<tbody>${rows}\n</tbody></table>`);
    }
    parts.push(`<blockquote>\n<p>${esc(sentence())}</p>\n</blockquote>`);
    parts.push(`<h2 id="Results"><a href="#Results" class="headerlink" title="Results"></a>Results</h2>`);
    parts.push(`<p>${esc(para(4))}</p>`);
    if (i % 3 === 0) parts.push(hexoCode(langs[(i + 2) % langs.length], CODE[langs[(i + 2) % langs.length]]));
    parts.push(`<ol>\n<li>${esc(sentence())}</li>\n<li>${esc(sentence())}</li>\n</ol>`);
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(TAGS)))];
    const updated = new Date(time + (1 + (i % 5)) * 86_400_000 + 7 * 3_600_000);
    posts.push({ index: i, title, slug, date: new Date(time), updated, tags, category: pick(CATEGORIES), excerpt, body: parts.join('\n'), image });
  }
  return posts;
}

function layout(title: string, description: string, main: string, sidebar: string, extraHead = ''): string {
  return `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>${esc(title)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
  <meta name="description" content="${esc(description)}">
${extraHead}  <link rel="alternate" href="/atom.xml" title="${SITE}" type="application/atom+xml">
  <link rel="shortcut icon" href="/favicon.png">
  <link rel="stylesheet" href="/css/style.css">
<meta name="generator" content="Hexo 8.1.2"></head>

<body>
  <div id="container">
    <div id="wrap">
      <header id="header">
  <div id="banner"></div>
  <div id="header-outer" class="outer">
    <div id="header-title" class="inner">
      <h1 id="logo-wrap"><a href="/" id="logo">${SITE}</a></h1>
    </div>
    <div id="header-inner" class="inner">
      <nav id="main-nav">
        <a id="main-nav-toggle" class="nav-icon"><span class="fa fa-bars"></span></a>
        <a class="main-nav-link" href="/">Home</a>
        <a class="main-nav-link" href="/archives">Archives</a>
      </nav>
      <nav id="sub-nav">
        <a class="nav-icon" href="/atom.xml" title="RSS Feed"><span class="fa fa-rss"></span></a>
        <a class="nav-icon nav-search-btn" title="Search"><span class="fa fa-search"></span></a>
      </nav>
      <div id="search-form-wrap">
        <form action="//google.com/search" method="get" accept-charset="UTF-8" class="search-form"><input type="search" name="q" class="search-form-input" placeholder="Search"><button type="submit" class="search-form-submit">&#xF002;</button><input type="hidden" name="sitesearch" value="http://example.com"></form>
      </div>
    </div>
  </div>
</header>
      <div class="outer">
        <section id="main">${main}</section>
        ${sidebar}
      </div>
      <footer id="footer">
  <div class="outer">
    <div id="footer-info" class="inner">&copy; 2026 John Doe<br>Powered by <a href="https://hexo.io/" target="_blank">Hexo</a></div>
  </div>
</footer>
    </div>
    <nav id="mobile-nav"><a href="/" class="mobile-nav-link">Home</a><a href="/archives" class="mobile-nav-link">Archives</a></nav>
    <script src="/js/jquery-3.6.4.min.js"></script>
    <script src="/js/script.js"></script>
  </div>
</body>
</html>
`;
}

function sidebarOf(posts: Post[]): string {
  const years = [...new Set(posts.map((p) => p.date.getUTCFullYear()))];
  const widget = (title: string, inner: string) => `<div class="widget-wrap"><h3 class="widget-title">${title}</h3><div class="widget">${inner}</div></div>`;
  return `<aside id="sidebar">
${widget('Categories', `<ul class="category-list">${CATEGORIES.map((c) => `<li class="category-list-item"><a class="category-list-link" href="/categories/${encodeURIComponent(c)}/">${c}</a></li>`).join('')}</ul>`)}
${widget('Tags', `<ul class="tag-list" itemprop="keywords">${TAGS.map((t) => `<li class="tag-list-item"><a class="tag-list-link" href="/tags/${t}/" rel="tag">${t}</a></li>`).join('')}</ul>`)}
${widget('Archives', `<ul class="archive-list">${years.map((y) => `<li class="archive-list-item"><a class="archive-list-link" href="/archives/${y}/">${y}</a></li>`).join('')}</ul>`)}
${widget('Recent Posts', `<ul>${posts.slice(0, 5).map((p) => `<li><a href="${pathOf(p)}">${esc(p.title)}</a></li>`).join('')}</ul>`)}
</aside>`;
}

function articleMeta(p: Post): string {
  return `<div class="article-meta">
    <a href="${pathOf(p)}" class="article-date"><time class="dt-published" datetime="${p.date.toISOString()}" itemprop="datePublished">${p.date.toISOString().slice(0, 10)}</time></a>
    <div class="article-category"><a class="article-category-link" href="/categories/${encodeURIComponent(p.category)}/">${p.category}</a></div>
  </div>`;
}

function articleFooter(p: Post): string {
  return `<footer class="article-footer">
      <a data-url="http://example.com${pathOf(p)}" data-id="post-${p.index}" data-title="${esc(p.title)}" class="article-share-link"><span class="fa fa-share">Share</span></a>
      <ul class="article-tag-list" itemprop="keywords">${p.tags.map((t) => `<li class="article-tag-list-item"><a class="article-tag-list-link" href="/tags/${t}/" rel="tag">${t}</a></li>`).join('')}</ul>
    </footer>`;
}

function postPage(p: Post, newer: Post | undefined, older: Post | undefined, sidebar: string): string {
  const head = `<meta property="og:type" content="article">
<meta property="og:title" content="${esc(p.title)}">
<meta property="og:url" content="http://example.com${pathOf(p)}index.html">
<meta property="article:published_time" content="${p.date.toISOString()}">
<meta property="article:author" content="John Doe">
${p.tags.map((t) => `<meta property="article:tag" content="${t}">`).join('\n')}
${p.image ? `<meta property="og:image" content="http://example.com${p.image}">\n` : ''}`;
  const nav = `<nav id="article-nav">
${newer ? `<a href="${pathOf(newer)}" id="article-nav-newer" class="article-nav-link-wrap"><strong class="article-nav-caption">Newer</strong><div class="article-nav-title">${esc(newer.title)}</div></a>` : ''}
${older ? `<a href="${pathOf(older)}" id="article-nav-older" class="article-nav-link-wrap"><strong class="article-nav-caption">Older</strong><div class="article-nav-title">${esc(older.title)}</div></a>` : ''}
</nav>`;
  const main = `<article id="post-${p.slug}" class="h-entry article article-type-post" itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
  ${articleMeta(p)}
  <div class="article-inner">
    <header class="article-header"><h1 class="p-name article-title" itemprop="headline name">${esc(p.title)}</h1></header>
    <div class="e-content article-entry" itemprop="articleBody">
${p.body}
    </div>
    ${articleFooter(p)}
  </div>
  ${nav}
</article>`;
  return layout(`${p.title} | ${SITE}`, p.excerpt.slice(0, 150), main, sidebar, head);
}

function indexPage(list: Post[], page: number, pages: number, sidebar: string): string {
  const url = (n: number) => (n === 1 ? '/' : `/page/${n}/`);
  const articles = list
    .map(
      (p) => `<article id="post-${p.slug}" class="h-entry article article-type-post" itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
  ${articleMeta(p)}
  <div class="article-inner">
    <header class="article-header"><h1 itemprop="name"><a class="p-name article-title" href="${pathOf(p)}">${esc(p.title)}</a></h1></header>
    <div class="e-content article-entry" itemprop="articleBody">
      <p>${esc(p.excerpt)}</p>
      <p class="article-more-link"><a href="${pathOf(p)}#more">Read More</a></p>
    </div>
    ${articleFooter(p)}
  </div>
</article>`,
    )
    .join('\n');
  const numbers = [1, page - 1, page, page + 1, pages].filter((n, i, a) => n >= 1 && n <= pages && a.indexOf(n) === i).sort((a, b) => a - b);
  const nav = `<nav id="page-nav">
${page > 1 ? `<a class="extend prev" rel="prev" href="${url(page - 1)}">&laquo; Prev</a>` : ''}${numbers.map((n) => (n === page ? `<span class="page-number current">${n}</span>` : `<a class="page-number" href="${url(n)}">${n}</a>`)).join('')}${page < pages ? `<a class="extend next" rel="next" href="${url(page + 1)}">Next &raquo;</a>` : ''}
</nav>`;
  return layout(SITE, 'A large generated blog for the blogvault benchmark.', `${articles}\n${nav}`, sidebar);
}

async function put(dir: string, rel: string, content: string | Buffer): Promise<void> {
  const file = join(dir, rel);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
}

/** hexo-generator-sitemap's sitemap.xml: the home dated by the newest change, then every post, latest change first. */
function sitemapXml(posts: Post[], origin: string): string {
  const byChange = [...posts].sort((a, b) => b.updated.getTime() - a.updated.getTime());
  const url = (loc: string, lastmod: Date) => `  <url>\n    <loc>${esc(loc)}</loc>\n    <lastmod>${lastmod.toISOString()}</lastmod>\n  </url>\n`;
  const home = byChange[0] ? url(`${origin}/`, byChange[0].updated) : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${home}${byChange.map((p) => url(origin + pathOf(p), p.updated)).join('')}</urlset>\n`;
}

/** hexo-generator-feed's atom.xml: the newest 20 posts by publication, each with its last change as `<updated>`. */
function atomXml(posts: Post[], origin: string): string {
  const newest = posts.slice(0, 20);
  const updated = newest.reduce((max, p) => (p.updated > max ? p.updated : max), new Date(0));
  const entry = (p: Post) => `  <entry>
    <title>${esc(p.title)}</title>
    <link href="${esc(origin + pathOf(p))}"/>
    <id>${esc(origin + pathOf(p))}</id>
    <published>${p.date.toISOString()}</published>
    <updated>${p.updated.toISOString()}</updated>
    <summary type="html">${esc(esc(p.excerpt))}</summary>
    <category term="${esc(p.category)}" scheme="${esc(`${origin}/categories/${encodeURIComponent(p.category)}/`)}"/>
${p.tags.map((t) => `    <category term="${t}" scheme="${esc(`${origin}/tags/${t}/`)}"/>`).join('\n')}
  </entry>
`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${esc(SITE)}</title>
  <link href="${esc(origin)}/atom.xml" rel="self"/>
  <link href="${esc(origin)}/"/>
  <updated>${updated.toISOString()}</updated>
  <id>${esc(origin)}/</id>
  <author><name>John Doe</name></author>
  <generator uri="https://hexo.io/">Hexo</generator>
${newest.map(entry).join('')}</feed>
`;
}

/** Writes the blog into `dir` (replacing what is there) and a `.complete` marker describing it. */
export async function generateBlog(dir = DEFAULT_DIR, count = 1000, options: GenerateOptions = {}): Promise<GeneratedBlog> {
  const imageCount = Math.max(1, Math.round(count / 5));
  const posts = makePosts(count, imageCount);
  const sidebar = sidebarOf(posts);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (let i = 1; i <= imageCount; i++) await put(dir, `images/figure-${i}.png`, png(i, 96, 64));
  await put(dir, 'css/style.css', 'body{margin:0;font:14px/1.6 sans-serif}\n');
  for (let i = 0; i < posts.length; i++) await put(dir, `${pathOf(posts[i]).slice(1)}index.html`, postPage(posts[i], posts[i - 1], posts[i + 1], sidebar));
  const pages = Math.ceil(posts.length / PER_PAGE);
  for (let n = 1; n <= pages; n++) {
    await put(dir, n === 1 ? 'index.html' : `page/${n}/index.html`, indexPage(posts.slice((n - 1) * PER_PAGE, n * PER_PAGE), n, pages, sidebar));
  }
  const origin = options.sitemapOrigin?.replace(/\/+$/, '');
  if (origin) {
    await put(dir, 'sitemap.xml', sitemapXml(posts, origin));
    await put(dir, 'atom.xml', atomXml(posts, origin));
  }
  const info: GeneratedBlog = { dir, posts: posts.length, indexPages: pages, images: imageCount, ...(origin ? { sitemap: origin } : {}) };
  await put(dir, '.complete', `${JSON.stringify({ version: GENERATOR_VERSION, ...info })}\n`);
  return info;
}

export interface PostEdit {
  /** The edited post's path (`/YYYY/MM/DD/slug/`). */
  path: string;
  /** The sentence added at the top of its body. */
  text: string;
}

/** Sets the date each pattern's two groups surround, where the pattern matches (a feed lists the newest posts only). */
async function redate(file: string, date: string, patterns: string[]): Promise<void> {
  const xml = await readFile(file, 'utf8');
  await writeFile(file, patterns.reduce((text, pattern) => text.replace(new RegExp(pattern), `$1${date}$2`), xml));
}

/**
 * Edits one post of a generated blog in place, as its author would: a sentence added at the top of its
 * body. `moveLastmod` also dates the change in the sitemap and feed, as a generator that tracks file
 * changes does; without it they keep the old date (a generator giving publication dates, or a sitemap
 * built before the fix). `index` 0 is the newest post.
 */
export async function editPost(blog: GeneratedBlog, index: number, text: string, moveLastmod: boolean): Promise<PostEdit> {
  const post = makePosts(blog.posts, blog.images)[index];
  if (!post) throw new Error(`${blog.dir}: no post ${index} (the blog has ${blog.posts})`);
  const file = join(blog.dir, pathOf(post).slice(1), 'index.html');
  const html = await readFile(file, 'utf8');
  const anchor = 'itemprop="articleBody">\n';
  if (!html.includes(anchor)) throw new Error(`${file}: no article body to edit`);
  await writeFile(file, html.replace(anchor, `${anchor}<p>${esc(text)}</p>\n`));
  if (moveLastmod && blog.sitemap) {
    const now = new Date().toISOString();
    const quoted = (url: string) => esc(url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const [postLoc, homeLoc] = [quoted(blog.sitemap + pathOf(post)), quoted(`${blog.sitemap}/`)];
    // The home's and the feed's own dates are those of the newest change, which this edit now is.
    await redate(join(blog.dir, 'sitemap.xml'), now, [`(<loc>${postLoc}</loc>\\s*<lastmod>)[^<]*(</lastmod>)`, `(<loc>${homeLoc}</loc>\\s*<lastmod>)[^<]*(</lastmod>)`]);
    await redate(join(blog.dir, 'atom.xml'), now, [`(<id>${postLoc}</id>[\\s\\S]*?<updated>)[^<]*(</updated>)`, `^([\\s\\S]*?<updated>)[^<]*(</updated>)`]);
  }
  return { path: pathOf(post), text };
}

/** The marker's description when `dir` holds a complete blog of `count` posts from this generator version. */
export async function existingBlog(dir = DEFAULT_DIR, count = 1000): Promise<GeneratedBlog | undefined> {
  try {
    const info = JSON.parse(await readFile(join(dir, '.complete'), 'utf8')) as GeneratedBlog & { version: number };
    return info.version === GENERATOR_VERSION && info.posts === count && !info.sitemap ? { ...info, dir } : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const valueOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const count = Number(valueOf('--posts') ?? 1000);
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? DEFAULT_DIR;
  const started = Date.now();
  const info = await generateBlog(resolve(dir), count, { sitemapOrigin: valueOf('--sitemap') });
  console.log(`generated ${info.posts} posts, ${info.indexPages} index pages, ${info.images} images in ${info.dir} (${Date.now() - started} ms)`);
}
