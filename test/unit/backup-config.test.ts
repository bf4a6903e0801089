import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultOutName, loadBackupConfig } from '../../src/backup/config.js';
import { overallExitCode } from '../../src/backup/run-backup.js';
import { commitMessage } from '../../src/backup/git.js';
import { emptySummary } from '../../src/pipeline/summary.js';
import { DEFAULT_SETTINGS } from '../../src/pipeline/options.js';
import { tempDir } from '../helpers/temp-dir.js';

function config(text: string, name = 'blogs.yaml'): string {
  const dir = tempDir('config');
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('a config: defaults, a profile, per-blog options, string entries; folders relative to the config', () => {
  const file = config(`
defaults:
  rate: 2
  max-pages: 50
blogs:
  - url: https://blog.example.com/
    out: archives/company
    profile: profiles/company.yaml
    render: never
  - https://example.org/team/blog/
  - url: http://example.net/
    out: /srv/other
    rate: 5
    since: 2024-01-01
    exclude: ["*/drafts/*"]
    warc: true
    warc-size: 10
`);
  const dir = join(file, '..');
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'company.yaml'), 'content: ".entry"\nrate: 1\n');
  const { blogs } = loadBackupConfig(file);
  assert.equal(blogs.length, 3);
  const [a, b, c] = blogs;
  assert.equal(a.url, 'https://blog.example.com/');
  assert.equal(a.out, join(dir, 'archives', 'company'));
  assert.equal(a.settings.render, 'never');
  assert.equal(a.settings.overrides.content, '.entry', 'from the profile');
  assert.equal(a.settings.rate, 1, 'the profile wins over the defaults');
  assert.equal(a.settings.maxPages, 50, 'from the defaults');
  assert.equal(a.settings.warc, undefined);
  assert.equal(b.out, join(dir, 'example.org-team-blog'), 'a blog without out gets a folder named after its URL');
  assert.equal(b.settings.rate, 2);
  assert.equal(b.settings.concurrency, DEFAULT_SETTINGS.concurrency);
  assert.equal(c.out, '/srv/other');
  assert.equal(c.settings.rate, 5, 'the blog\'s own option wins');
  assert.equal(c.since, '2024-01-01');
  assert.deepEqual(c.settings.overrides.exclude, ['*/drafts/*']);
  assert.deepEqual(c.settings.warc, { maxFileBytes: 10 * 1024 * 1024 });

  const forced = loadBackupConfig(file, { warc: true });
  assert.ok(forced.blogs.every((blog) => blog.settings.warc), '--warc on the command line applies to every blog');
});

test('a JSON config is read as well', () => {
  const { blogs } = loadBackupConfig(config(JSON.stringify({ blogs: [{ url: 'https://a.example/', out: 'a' }] }), 'blogs.json'));
  assert.equal(blogs[0].url, 'https://a.example/');
});

test('bad configs are refused with one line naming the file, the blog and the problem', () => {
  const cases: [string, RegExp][] = [
    ['blogs: [', /blogs\.yaml: not a readable YAML or JSON file/],
    ['- https://a.example/', /blogs\.yaml must be a mapping of options/],
    ['blogs: []', /`blogs` must list at least one blog/],
    ['blog: []', /unknown key "blog"/],
    ['blogs:\n  - out: x', /blog 1 has no url/],
    ['blogs:\n  - url: ftp://a.example/', /blog 1: ftp:\/\/a\.example\/: only http and https URLs can be archived/],
    ['blogs:\n  - url: https://a.example/\n    colour: red', /blog 1 \(https:\/\/a\.example\/\): Unknown argument: colour/],
    ['blogs:\n  - url: https://a.example/\n    render: sometimes', /blog 1 \(https:\/\/a\.example\/\): Invalid values: Argument: render, Given: "sometimes"/],
    ['blogs:\n  - url: https://a.example/\n    rate: fast', /blog 1 \(https:\/\/a\.example\/\): --rate fast: not a number/],
    ['blogs:\n  - url: https://a.example/\n    since: yesterday', /since yesterday: not a date/],
    ['blogs:\n  - url: https://a.example/\n    git: true', /git is an option of the whole run, not of one blog/],
    ['blogs:\n  - url: https://a.example/\n    profile: nope.yaml', /blog 1 \(https:\/\/a\.example\/\): profile nope\.yaml: .*no such file/i],
    ['blogs:\n  - url: https://a.example/\n    out: same\n  - url: https://b.example/\n    out: same', /blog 2 \(https:\/\/b\.example\/\): out .*same is already blog 1's/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => loadBackupConfig(config(text)), (err: Error) => {
      assert.equal(err.name, 'InputError', `${text}: ${err.stack}`);
      assert.match(err.message, message, text);
      assert.doesNotMatch(err.message, /\n/, `${text}: the message is one line`);
      return true;
    });
  }
  assert.throws(() => loadBackupConfig('/nonexistent/blogs.yaml'), /\/nonexistent\/blogs\.yaml: no such file/);
});

test('default folder names come from the host and path', () => {
  assert.equal(defaultOutName('https://blog.example.com/'), 'blog.example.com');
  assert.equal(defaultOutName('http://127.0.0.1:4000/b3/blog/'), '127.0.0.1_4000-b3-blog');
  assert.equal(defaultOutName('https://example.com/~me/blog%20x/'), 'example.com-_me-blog_20x');
});

test('the exit code of a backup is its blogs\' worst: interrupted, then unwritable archive, unusable input, partial', () => {
  assert.equal(overallExitCode([0, 0], false), 0);
  assert.equal(overallExitCode([2, 3, 1], false), 3);
  assert.equal(overallExitCode([0, 1, 0], false), 1);
  assert.equal(overallExitCode([1, 2, 0], false), 2);
  assert.equal(overallExitCode([0, 0], true), 130);
});

test('a commit message lists the new, changed and missing posts', () => {
  const s = { ...emptySummary('https://blog.example.com/', '/x'), new: ['https://blog.example.com/a/'], changed: ['https://blog.example.com/b/', 'https://blog.example.com/c/'], vanished: ['https://blog.example.com/d/'] };
  assert.equal(
    commitMessage(s),
    'blogvault: https://blog.example.com/ (1 new, 2 changed, 1 missing)\n\nnew:\n  https://blog.example.com/a/\n\nchanged:\n  https://blog.example.com/b/\n  https://blog.example.com/c/\n\nmissing:\n  https://blog.example.com/d/\n',
  );
  assert.equal(commitMessage(emptySummary('https://blog.example.com/', '/x')), 'blogvault: https://blog.example.com/ (0 new, 0 changed, 0 missing)\n');
});
