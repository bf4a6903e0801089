import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('YouTube and Vimeo iframes become links to the watch page, titled', () => {
  const html =
    '<p>Watch:</p><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=5" title="YouTube video player" allowfullscreen></iframe>' +
    '<p><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" title="Vimeo clip"></iframe></p>';
  assert.equal(md(html), 'Watch:\n\n[Video: YouTube video player](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n[Video: Vimeo clip](https://vimeo.com/76979871)\n');
});

test('other iframes, <video>, <audio> and lazy iframes become links', () => {
  const html =
    '<iframe src="https://codepen.io/x/embed/abc"></iframe><video controls src="/media/demo.mp4"></video><video controls><source src="/media/b.webm" type="video/webm">Your browser cannot play this.</video>' +
    '<audio src="/a.mp3"></audio><iframe data-src="https://www.youtube.com/embed/lazy1" class="lazyload"></iframe><iframe src="about:blank"></iframe>';
  assert.equal(
    md(html),
    '[Embedded page](https://codepen.io/x/embed/abc)\n\n[Video](https://blog.example.com/media/demo.mp4)\n\n[Video](https://blog.example.com/media/b.webm)\n\n[Audio](https://blog.example.com/a.mp3)\n\n[Video](https://www.youtube.com/watch?v=lazy1)\n',
  );
});

test('WordPress embed block keeps its caption', () => {
  const html = '<figure class="wp-block-embed is-type-video wp-block-embed-youtube"><div class="wp-block-embed__wrapper"><iframe title="Talk" src="https://www.youtube-nocookie.com/embed/abc123"></iframe></div><figcaption>My talk</figcaption></figure>';
  assert.equal(md(html), '[Video: Talk](https://www.youtube.com/watch?v=abc123)\n\nMy talk\n');
});

test('an unrendered gist script becomes a link to the gist', () => {
  assert.equal(md('<script src="https://gist.github.com/octocat/6cad326836d38bd3a7ae.js"></script>'), '[Gist: octocat/6cad326836d38bd3a7ae](https://gist.github.com/octocat/6cad326836d38bd3a7ae)\n');
});

test('a rendered gist becomes a link and its code, without line numbers or the footer', () => {
  const html =
    '<div id="gist123" class="gist"><div class="gist-file"><div class="gist-data"><div class="js-gist-file-only-soft-wrap blob-code-content"><div class="blob-wrapper data type-python">' +
    '<table class="highlight tab-size js-file-line-container" data-tab-size="8" data-tagsearch-lang="Python" data-tagsearch-path="hello.py">\n        <tbody><tr>\n' +
    '          <td id="file-hello-py-L1" class="blob-num js-line-number js-blob-rnum" data-line-number="1"></td>\n          <td id="file-hello-py-LC1" class="blob-code blob-code-inner js-file-line">def hi():</td>\n        </tr>\n        <tr>\n' +
    '          <td id="file-hello-py-L2" class="blob-num js-line-number js-blob-rnum" data-line-number="2"></td>\n          <td id="file-hello-py-LC2" class="blob-code blob-code-inner js-file-line">    print(&quot;hi&quot;)</td>\n        </tr>\n' +
    '  </tbody></table></div></div></div><div class="gist-meta"><a href="https://gist.github.com/octocat/6cad326836d38bd3a7ae/raw/abc/hello.py" style="float:right">view raw</a>' +
    '<a href="https://gist.github.com/octocat/6cad326836d38bd3a7ae#file-hello-py">hello.py</a> hosted with &#10084; by <a href="https://github.com">GitHub</a></div></div></div>';
  assert.equal(md(html), '[Gist: hello.py](https://gist.github.com/octocat/6cad326836d38bd3a7ae)\n\n```python\ndef hi():\n    print("hi")\n```\n');
});

test('scripts that write a code file where they stand become links to the file', () => {
  assert.equal(
    md('<script src="https://gist-it.appspot.com/github/octocat/hello/blob/main/src/app.py?footer=minimal"></script>'),
    '[Code: octocat/hello/blob/main/src/app.py](https://github.com/octocat/hello/blob/main/src/app.py)\n',
  );
  assert.equal(
    md('<script src="https://emgithub.com/embed.js?target=https%3A%2F%2Fgithub.com%2Focto%2Frepo%2Fblob%2Fmain%2Fa.c%23L1-L9&style=github"></script>'),
    '[Code: octo/repo/blob/main/a.c#L1-L9](https://github.com/octo/repo/blob/main/a.c#L1-L9)\n',
  );
  assert.equal(md('<script src="https://gitlab.com/-/snippets/12345.js"></script>'), '[Snippet: -/snippets/12345](https://gitlab.com/-/snippets/12345)\n');
});
