import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// Long enough that the body chosen is the inner <div>, leaving the title heading outside it.
const body = [
  'Nullable value types let a struct hold no value at all, which the compiler checks at every use.',
  'The question mark after the type name is shorthand for the generic wrapper the runtime provides.',
  'Reading the value of an empty one throws, so code asks whether it has a value before reading it.',
  'The null-coalescing operator gives a default in one expression, which keeps the calling code short.',
  'Boxing an empty nullable gives a null reference, and boxing a full one gives the plain boxed value.',
  'Comparisons with an empty nullable are false, except for inequality, which surprises many readers.',
  'Database columns that allow nulls map naturally onto these types when a row is read into objects.',
  'Older code used magic values such as minus one instead, and every caller had to know the convention.',
].map((p) => `<p>${p}</p>`).join('\n');

test('a title ending in a language name with "#" (C#, F#) keeps its "#"', () => {
  const html = `<html><head><title>Nullable types in C# - Bench Blog</title><meta property="og:title" content="Nullable types in C#"></head><body>
<header><nav><a class="title" href="/">Bench Blog</a></nav></header>
<article><header><h1><a href="/2009/06/25/nullable-types/">Nullable types in C#</a></h1><p><span>2009-06-25</span></p></header>
<div>${body}</div></article></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/2009/06/25/nullable-types/').meta.title, 'Nullable types in C#');
});

test('a permalink "#" glued to the heading text, or after a space, is still left out', () => {
  for (const h1 of ['<h1 id="t">Nullable types<a href="#t">#</a></h1>', '<h1 id="t">Nullable types #</h1>']) {
    const html = `<html><head><title>Nullable types - Bench Blog</title></head><body><main><article>${h1}${body}</article></main></body></html>`;
    assert.equal(extractPost(html, 'http://blog.test/nullable-types/').meta.title, 'Nullable types', h1);
  }
});
