import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, paragraphs } from './html.ts';

test('html escapes interpolated text, including quotes in attributes', () => {
  const evil = '"><script>alert(1)</script>';
  assert.equal(
    html`<a title="${evil}">${evil}</a>`.text,
    '<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>',
  );
});

test('paragraphs makes paragraphs and safe links only from http(s) URLs', () => {
  const text = 'First line\nsecond line\n\nSee https://example.org/a?b=1&c=2. And javascript:alert(1) <b>x</b>';
  assert.equal(
    paragraphs(text).text,
    '<p>First line<br>second line</p>\n<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>. And javascript:alert(1) &lt;b&gt;x&lt;/b&gt;</p>',
  );
});

test('paragraphs does not let a URL break out of its attribute', () => {
  assert.ok(!paragraphs('https://x.org/"onmouseover="alert(1)').text.includes('"onmouseover'));
});
