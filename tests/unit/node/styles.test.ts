// A Node-side unit test (tests/unit/node): Vitest hands jsdom tests an empty string for CSS imports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../src/styles.css', import.meta.url), 'utf8');

/** The stylesheet with every `@media (hover: hover) { … }` block (and comments) removed. */
function outsideHoverMedia(source: string): string {
  let rest = source.replace(/\/\*[\s\S]*?\*\//g, '');
  let out = '';
  for (
    let at = rest.search(/@media\s*\(hover:\s*hover\)\s*\{/);
    at >= 0;
    at = rest.search(/@media\s*\(hover:\s*hover\)\s*\{/)
  ) {
    out += rest.slice(0, at);
    let depth = 0;
    let end = rest.indexOf('{', at);
    do {
      if (rest[end] === '{') depth += 1;
      else if (rest[end] === '}') depth -= 1;
      end += 1;
    } while (depth > 0 && end < rest.length);
    rest = rest.slice(end);
  }
  return out + rest;
}

describe('styles.css', () => {
  it('has hover styles, but only under @media (hover: hover), so a tapped button on a phone does not stay in its hover colour', () => {
    expect(css).toMatch(/@media \(hover: hover\) \{ button:hover/);
    expect(outsideHoverMedia(css)).not.toContain(':hover');
  });

  it('the helper finds a stray :hover', () => {
    expect(outsideHoverMedia('@media (hover: hover) { a:hover { color: red; } }\nb:hover { color: blue; }')).toContain(
      'b:hover',
    );
    expect(outsideHoverMedia('@media (hover: hover) { a:hover { color: red; } }')).not.toContain(':hover');
  });
});
