import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPostLinks } from '../../src/discover/post-links.js';

// chronicle's "simple" theme: the home page shows whole posts in class-less <div>s; bodies link to other posts.
const entry = (slug: string, title: string, body: string) => `<div>
  <h3 class="entry-title"><a href="http://blog.test/${slug}.html">${title}</a></h3>
  <div class="entry-date"> 20th October 2015</div>
  <div class="entry-content">${body}</div>
  <div class="entry-meta">Tags: <a href="http://blog.test/tags/qemu">qemu</a>.</div>
</div>`;
const prose = (slug: string) =>
  `<p>An earlier post, <a href="/${slug}.html">${slug}</a>, covers the basics. The ring buffer polls the MSI-X vector under heavy load.</p>`;

test('links inside sentences of a whole-post index are no entries: every post keeps its title link', () => {
  const html = `<html><body><div id="wrapper"><div id="container"><div id="content" class="hfeed">
${entry('Notes_on_Vhost_Net', 'Notes on Vhost Net', prose('Tracing_Live_Migration') + '<p>Some words.</p>' + prose('Tuning_Live_Migration'))}
${entry('Benchmarking_Virtio_Ring', 'Benchmarking Virtio Ring', prose('Notes_on_Vhost_Net'))}
${entry('Tracing_Live_Migration', 'Tracing Live Migration', '<p>Plain text only, with no link at all in it.</p>')}
</div></div></div></body></html>`;
  const links = findPostLinks(html, 'http://blog.test/');
  assert.deepEqual(links.map((l) => [new URL(l.url).pathname, l.title]), [
    ['/Notes_on_Vhost_Net.html', 'Notes on Vhost Net'],
    ['/Benchmarking_Virtio_Ring.html', 'Benchmarking Virtio Ring'],
    ['/Tracing_Live_Migration.html', 'Tracing Live Migration'],
  ]);
});

test('a title-only list of paragraphs is still a listing', () => {
  const html = `<html><body><main>
<p><a href="/2015/10/20/vhost/">Notes on Vhost Net</a></p><p><a href="/2015/10/02/virtio/">Benchmarking Virtio Ring</a></p>
<p><a href="/2015/08/23/neutron/">Debugging Neutron L3 Agent</a></p></main></body></html>`;
  assert.equal(findPostLinks(html, 'http://blog.test/').length, 3);
});

test('two links to one post inside one sentence do not make an entry of their own', () => {
  const twice = `<p>An earlier post, <a href="/Tracing.html">Tracing</a>, covers the basics; <a href="/Tracing.html">Tracing</a> again, as said before.</p>`;
  const html = `<html><body><div id="content" class="hfeed">
${entry('Deploying', 'Deploying Linux Interrupt', prose('A_Tour'))}
${entry('A_Tour', 'A Tour of PCI Enumeration', twice)}
</div></body></html>`;
  assert.deepEqual(findPostLinks(html, 'http://blog.test/').map((l) => new URL(l.url).pathname), ['/Deploying.html', '/A_Tour.html']);
});

test('blosxom-style entries: the title is plain text and "Permalink" is the post link, not a link in the body', () => {
  const story = (slug: string, title: string, other: string) => `<div class="blosxomFirstDayDiv">
<span class="blosxomDate"> 2nd March 2015</span><div class="storybox"><span class="blosxomTitle">${title}</span>
<div class="story"><ul><li>See <a href="/${other}.html">${other}</a></li><li>Another item.</li></ul><p>Body text of the post.</p></div>
<a href="http://blog.test/${slug}.html">Permalink</a></div></div>`;
  const html = `<html><body><div id="content">${story('Tracing_PCI', 'Tracing PCI Enumeration', 'Debugging_OVS')}${story('Notes_OVS', 'Notes on OVS', 'Tracing_PCI')}</div></body></html>`;
  assert.deepEqual(findPostLinks(html, 'http://blog.test/').map((l) => new URL(l.url).pathname), ['/Tracing_PCI.html', '/Notes_OVS.html']);
});

test('blosxom-style entries whose bodies hold no post link are found by their Permalink too', () => {
  const story = (slug: string, body: string) => `<div class="blosxomFirstDayDiv"><span class="blosxomDate">2nd May 2014</span>
<div class="storybox"><span class="blosxomTitle">${slug}</span><div class="story">${body}</div>
<a href="http://blog.test/${slug}.html">Permalink</a></div></div>`;
  const html = `<html><body><div id="content">${story('Understanding_Netlink', '<p>No links here at all.</p>')}${story('Post_29', '<ul><li>An earlier post, <a href="/Packstack.html">Packstack</a>, covers the basics.</li><li>Two.</li></ul>')}</div></body></html>`;
  assert.deepEqual(findPostLinks(html, 'http://blog.test/').map((l) => new URL(l.url).pathname), ['/Understanding_Netlink.html', '/Post_29.html']);
});
