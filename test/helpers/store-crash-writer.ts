/**
 * Child process for the crash tests: writes posts (and an asset each) through an ArchiveStore in a
 * loop, printing `wrote <i>` after each, until it is killed. Never closes the store on purpose.
 * Usage: node --import tsx store-crash-writer.ts <archiveDir> <count> [changedSuffix]
 */
import { ArchiveStore } from '../../src/store/archive-store.js';

const [dir, countText, suffix = ''] = process.argv.slice(2);
const count = Number(countText);
const store = await ArchiveStore.open(dir!);
for (let i = 0; i < count; i++) {
  const url = `https://crash.example/posts/${i % 7 === 0 ? 'same-slug' : `post-${i}`}/${i % 7 === 0 ? `?n=${i}` : ''}`;
  const asset = await store.saveAsset(Buffer.from(`image ${i % 5}`), `https://crash.example/img/${i % 5}.png`);
  await store.writePost({
    url,
    meta: { title: `Post ${i}`, date: '2020-01-02', tags: ['crash'], categories: [] },
    markdown: `Body of post ${i}${suffix}\n\n![](${asset})\n`,
    etag: `"${i}${suffix}"`,
    assets: { [`https://crash.example/img/${i % 5}.png`]: asset },
  });
  process.stdout.write(`wrote ${i}\n`);
}
process.stdout.write('done\n');
// Keep running (lock held, store open) until the test kills us.
setInterval(() => undefined, 1000);
