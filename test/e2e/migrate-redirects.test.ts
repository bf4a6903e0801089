// Issue 22, redirects: the fixture blog archived and exported to Hugo, built with Hugo and served by
// nginx (Debian's, started by the test on 127.0.0.1) with the export's nginx map: every old post URL
// (and its variants without the trailing slash or with index.html) and every old image URL answers 301
// to a URL that answers 200 with that post or image.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { ROOT, readArchive, requireBuild, runCli, serveFixture, tempOut, type ArchivedPost } from './archive-harness.js';
import { buildSite, prepareSite, removeSite, requireEngine } from '../engines/engines.js';
import { answers, freePort, startService, waitFor, type Service } from '../platforms/processes.js';

const SITE = join(ROOT, 'fixtures', 'jekyll-blog', 'site');
const cleanup: string[] = [];
let first: string;
let original: ArchivedPost[];
let nginx: Service | undefined;
let origin: string;
let exportReport: string;

before(async () => {
  requireBuild();
  await requireEngine('hugo');
  assert.ok(existsSync('/usr/sbin/nginx'), 'nginx is missing: run scripts/install-platforms.sh');
  const served = await serveFixture(SITE);
  try {
    first = await tempOut();
    cleanup.push(first);
    const result = await runCli(['archive', `${served.url}/`, '--out', first]);
    assert.equal(result.code, 0, `archiving the fixture blog failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    await served.close();
  }
  original = await readArchive(first);

  const site = await prepareSite('hugo');
  cleanup.push(site);
  const exported = await runCli(['export', first, '--to', 'hugo', '--out', site]);
  assert.equal(exported.code, 0, exported.stderr);
  exportReport = exported.stdout;
  const built = await buildSite('hugo', site);

  const base = await mkdtemp(join(tmpdir(), 'bv-nginx-'));
  cleanup.push(base);
  await mkdir(join(base, 'temp'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // The map goes in `http`, the redirect in `server`, as the header of redirects/nginx.conf says.
  await writeFile(
    join(base, 'nginx.conf'),
    `daemon off;
user root;
worker_processes 1;
pid ${base}/nginx.pid;
error_log ${base}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${base}/temp/body;
  proxy_temp_path ${base}/temp/proxy;
  fastcgi_temp_path ${base}/temp/fastcgi;
  uwsgi_temp_path ${base}/temp/uwsgi;
  scgi_temp_path ${base}/temp/scgi;
  include ${site}/redirects/nginx.conf;
  server {
    listen 127.0.0.1:${port};
    root ${built};
    if ($blogvault_redirect) { return 301 $blogvault_redirect; }
    location / { try_files $uri $uri/ =404; }
  }
}
`,
  );
  nginx = startService('nginx', '/usr/sbin/nginx', ['-e', join(base, 'error.log'), '-p', base, '-c', join(base, 'nginx.conf')], { log: join(base, 'nginx.log') });
  await waitFor(nginx, () => answers(`${origin}/`), 30_000);
}, { timeout: 300_000 });

after(async () => {
  await nginx?.stop();
  for (const dir of cleanup) await (dir.includes('bv-hugo-') ? removeSite(dir) : rm(dir, { recursive: true, force: true }));
});

async function follow(path: string): Promise<{ location: string; response: Response }> {
  const first = await fetch(`${origin}${path}`, { redirect: 'manual' });
  await first.arrayBuffer();
  assert.equal(first.status, 301, `${path}: HTTP ${first.status}, not a 301`);
  const location = new URL(first.headers.get('location')!, origin).href;
  const response = await fetch(location, { redirect: 'manual' });
  assert.equal(response.status, 200, `${path} -> ${location}: HTTP ${response.status}`);
  return { location, response };
}

test('nginx with the exported map: every old post URL and its variants answer 301 to the post on the Hugo site', async () => {
  assert.match(exportReport, /Redirects: \d+ rules/);
  assert.doesNotMatch(exportReport, /old URLs have no target/);
  for (const post of original) {
    const oldPath = new URL(String(post.fm.url)).pathname;
    assert.match(oldPath, /\/$/);
    for (const variant of [oldPath, oldPath.slice(0, -1), `${oldPath}index.html`]) {
      const { location, response } = await follow(variant);
      const $ = cheerio.load(await response.text());
      assert.equal($('article.post .post-title').text().trim(), String(post.fm.title), `${variant} -> ${location} is not the post`);
    }
  }
});

test('nginx with the exported map: every old image URL of the blog answers 301 to the same image', async () => {
  const manifest = JSON.parse(await readFile(join(first, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, { assets?: Record<string, string> }> };
  const images = new Map<string, string>();
  for (const entry of Object.values(manifest.posts)) for (const [url, asset] of Object.entries(entry.assets ?? {})) images.set(url, asset);
  assert.equal(images.size, 3, `the fixture blog shows 3 images: ${[...images.keys()].join(', ')}`);
  for (const [url, asset] of images) {
    const { location, response } = await follow(new URL(url).pathname);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.ok(bytes.equals(await readFile(join(first, asset))), `${url} -> ${location} is not ${asset}`);
  }
});
