import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// markdown-it-anchor's headerLink style (Eleventy) and rehype-autolink-headings' "wrap" behaviour (Astro)
// link the heading's whole text to its own fragment with the same class the symbol styles put on a "#":
// the text is the author's heading and stays; a lone "#" goes.
const page = (generator: string, content: string, heading: (id: string, text: string) => string) =>
  `<!doctype html><html lang="en"><head><meta name="generator" content="${generator}"><title>Firing the kiln</title></head><body>` +
  `<main><article class="${content}"><h1>Firing the kiln</h1>` +
  heading('loading', 'Loading the shelves') +
  '<p>Bowls go at the bottom, where the heat is even, and the small cups along the edges of each shelf.</p>' +
  heading('cooling', 'Cooling down') +
  '<p>Opening the kiln before it is below a hundred degrees cracks the glaze, so the wait is a whole day.</p>' +
  '</article></main></body></html>';

for (const [engine, generator, content, cls] of [
  ['eleventy', 'Eleventy v2.0.1', 'post-content', 'header-anchor'],
  ['astro', 'Astro v4.16.0', 'prose', 'heading-anchor'],
] as const) {
  test(`${engine}: a heading whose whole text links to itself (class ${cls}) keeps its text`, () => {
    const post = extractPost(page(generator, content, (id, text) => `<h2 id="${id}" tabindex="-1"><a class="${cls}" href="#${id}">${text}</a></h2>`), 'https://kiln.example/posts/firing/');
    assert.equal(post.engine, engine);
    assert.match(post.contentHtml, /<h2[^>]*>Loading the shelves<\/h2>/);
    assert.match(post.contentHtml, /<h2[^>]*>Cooling down<\/h2>/);
  });

  test(`${engine}: a "#" permalink (class ${cls}) beside the heading's text goes`, () => {
    const post = extractPost(page(generator, content, (id, text) => `<h2 id="${id}">${text} <a class="${cls}" href="#${id}" aria-hidden="true">#</a></h2>`), 'https://kiln.example/posts/firing/');
    assert.match(post.contentHtml, /<h2[^>]*>Loading the shelves\s*<\/h2>/);
    assert.doesNotMatch(post.contentHtml, />#</);
  });
}
