import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRobotsCache, parseRobots, robotsUrlFor } from '../../src/fetch/robots.js';

const UA = 'blogvault/0.1.0 (+https://github.com/blogvault/blogvault)';
const ROBOTS = `
User-agent: *
Disallow: /private/
Crawl-delay: 5

User-agent: blogvault
Disallow: /drafts/
Allow: /drafts/public
Crawl-delay: 1.5
`;

test('the group naming our product token applies, with its Crawl-delay', () => {
  const rules = parseRobots('https://blog.test/robots.txt', ROBOTS, UA);
  assert.equal(rules.isAllowed('https://blog.test/drafts/secret'), false);
  assert.equal(rules.isAllowed('https://blog.test/drafts/public-post'), true);
  assert.equal(rules.isAllowed('https://blog.test/private/x'), true, 'the * group is not ours once a specific group exists');
  assert.equal(rules.crawlDelayMs, 1500);
});

test('the * group applies to us when no group names us', () => {
  const rules = parseRobots('https://blog.test/robots.txt', 'User-agent: *\nDisallow: /tag/\nDisallow: /*?replytocom=\n', UA);
  assert.equal(rules.isAllowed('https://blog.test/tag/js/'), false);
  assert.equal(rules.isAllowed('https://blog.test/post?replytocom=5'), false);
  assert.equal(rules.isAllowed('https://blog.test/2015/07/post/'), true);
  assert.equal(rules.crawlDelayMs, undefined);
});

test('robots.txt location and one load per origin, shared by concurrent callers', async () => {
  assert.equal(robotsUrlFor('https://blog.test:8443/a/b?c=1#d'), 'https://blog.test:8443/robots.txt');
  const loaded: string[] = [];
  const cache = createRobotsCache(async (url) => {
    loaded.push(url);
    await new Promise((r) => setTimeout(r, 10));
    return url.includes('one.test') ? 'User-agent: *\nDisallow: /no/' : undefined;
  }, UA);
  const results = await Promise.all([
    cache.rulesFor('http://one.test/no/1'),
    cache.rulesFor('http://one.test/yes'),
    cache.rulesFor('http://two.test/no/1'),
    cache.rulesFor('http://one.test/no/2'),
  ]);
  assert.deepEqual(loaded.sort(), ['http://one.test/robots.txt', 'http://two.test/robots.txt']);
  assert.equal(results[0].isAllowed('http://one.test/no/1'), false);
  assert.equal(results[2].isAllowed('http://two.test/no/1'), true, 'no robots.txt: everything allowed');
});

test('a loader that throws counts as "allow all"', async () => {
  const cache = createRobotsCache(async () => {
    throw new Error('unreachable');
  }, UA);
  assert.equal((await cache.rulesFor('http://x.test/a')).isAllowed('http://x.test/a'), true);
});
