import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectImageUrls, decodeDataImage, rewriteImageUrls } from '../../src/pipeline/images.js';

const md = [
  '![A diagram](https://blog.example.com/img/a.png "Figure 1")',
  '',
  'Text with [a link](https://blog.example.com/post/) and ![esc \\] alt](<https://cdn.example.com/b c.jpg>)',
  '',
  '<table><tr><td><img src="https://blog.example.com/img/t.png?w=1&amp;h=2" alt="t"></td></tr></table>',
  '',
  '![again](https://blog.example.com/img/a.png)',
  '![local](assets/x.png)',
].join('\n');

test('collects each absolute image URL once, Markdown and HTML images, in order', () => {
  assert.deepEqual(collectImageUrls(md), [
    'https://blog.example.com/img/a.png',
    'https://cdn.example.com/b c.jpg',
    'https://blog.example.com/img/t.png?w=1&h=2',
  ]);
});

test('links are not images', () => {
  assert.deepEqual(collectImageUrls('[x](https://a.example/y.png) and [![i](https://a.example/i.png)](https://a.example/big.png)'), [
    'https://a.example/i.png',
  ]);
});

test('rewrites archived images to local paths and leaves the others remote', () => {
  const local = new Map([
    ['https://blog.example.com/img/a.png', 'assets/a-1234abcd.png'],
    ['https://blog.example.com/img/t.png?w=1&h=2', 'assets/t (1)-5678.png'],
  ]);
  const out = rewriteImageUrls(md, local);
  assert.match(out, /^!\[A diagram\]\(assets\/a-1234abcd\.png "Figure 1"\)/);
  assert.match(out, /!\[again\]\(assets\/a-1234abcd\.png\)/);
  assert.match(out, /<img src="assets\/t%20%281%29-5678\.png"/);
  assert.match(out, /\[a link\]\(https:\/\/blog\.example\.com\/post\/\)/);
  assert.equal(collectImageUrls(out).length, 1, 'only the image that was not archived stays remote');
});

test('a link to an archived image file (a thumbnail linking its full size) points at the local copy too', () => {
  const local = new Map([['https://blog.example.com/static/1ddef/x.png', 'assets/x-1ddef.png']]);
  const out = rewriteImageUrls('[![x](https://blog.example.com/static/1ddef/x.png)](https://blog.example.com/static/1ddef/x.png) and [the post](https://blog.example.com/post/)', local);
  assert.equal(out, '[![x](assets/x-1ddef.png)](assets/x-1ddef.png) and [the post](https://blog.example.com/post/)');
});

test('an empty map changes nothing', () => {
  assert.equal(rewriteImageUrls(md, new Map()), md);
});

test('inline data: images are found, decoded and rewritten like the others', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  const doc = `![dot](${png}) and <img src="data:image/gif;base64,R0lGODlh" alt="g">`;
  assert.deepEqual(collectImageUrls(doc), [png, 'data:image/gif;base64,R0lGODlh']);
  assert.deepEqual(decodeDataImage(png), { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), contentType: 'image/png' });
  assert.equal(decodeDataImage('data:text/html;base64,PGI+'), undefined);
  assert.equal(rewriteImageUrls(doc, new Map([[png, 'assets/asset-1a2b3c4d.png']])), '![dot](assets/asset-1a2b3c4d.png) and <img src="data:image/gif;base64,R0lGODlh" alt="g">');
});
