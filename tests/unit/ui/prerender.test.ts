// src/ui/prerender.ts and src/ui/paint-mark.ts: the sign-in page asks the browser to prerender the
// home page once the rider types; a prerendered page waits until it is shown; the paint mark.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markWhenPainted } from '../../../src/ui/paint-mark.ts';
import { prerenderOnInput, whenShown } from '../../../src/ui/prerender.ts';

const rules = () => Array.from(document.head.querySelectorAll<HTMLScriptElement>('script[type="speculationrules"]'));

const preloads = () =>
  Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')).map((l) =>
    l.getAttribute('href'),
  );

function form(): HTMLFormElement {
  document.head.innerHTML = '<meta name="wildrydes-next-modules" content="/assets/index-a1.js /assets/nav-b2.js">';
  document.body.innerHTML = '<form id="f"><input id="password"></form>';
  return document.getElementById('f') as HTMLFormElement;
}

/** HTMLScriptElement.supports as a browser has it (jsdom has none). */
function supports(answer: (type: string) => boolean): void {
  Object.defineProperty(HTMLScriptElement, 'supports', { configurable: true, value: answer });
}

function setPrerendering(value: boolean | undefined): void {
  Object.defineProperty(document, 'prerendering', { configurable: true, get: () => value });
}

afterEach(() => {
  for (const r of rules()) r.remove();
  delete (document as { prerendering?: boolean }).prerendering;
  delete (HTMLScriptElement as { supports?: unknown }).supports;
  vi.useRealTimers();
});

describe('prerenderOnInput', () => {
  it('adds one prerender rule for the path when the rider first types, not before', () => {
    supports((type) => type === 'speculationrules');
    const f = form();
    prerenderOnInput(document, f, '/');
    expect(rules()).toEqual([]);
    f.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    f.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(rules().map((r) => JSON.parse(r.textContent!))).toEqual([{ prerender: [{ source: 'list', urls: ['/'] }] }]);
  });

  it('preloads the next page’s modules once, when the rider first types, not before', () => {
    supports((type) => type === 'speculationrules');
    const f = form();
    prerenderOnInput(document, f, '/');
    expect(preloads()).toEqual([]);
    f.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    f.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(preloads()).toEqual(['/assets/index-a1.js', '/assets/nav-b2.js']);
  });

  it('only preloads the modules in a browser without Speculation Rules', () => {
    supports(() => false);
    const f = form();
    prerenderOnInput(document, f, '/');
    f.querySelector('input')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(rules()).toEqual([]);
    expect(preloads()).toEqual(['/assets/index-a1.js', '/assets/nav-b2.js']);
  });
});

describe('whenShown', () => {
  it('resolves at once for a page that is not prerendering', async () => {
    setPrerendering(undefined);
    await expect(whenShown(document)).resolves.toBe(false);
  });

  it('waits for a prerendered page to be shown (prerenderingchange)', async () => {
    setPrerendering(true);
    let shown = false;
    const waiting = whenShown(document).then(() => {
      shown = true;
    });
    await Promise.resolve();
    expect(shown).toBe(false);
    setPrerendering(false);
    document.dispatchEvent(new Event('prerenderingchange'));
    await waiting;
    expect(shown).toBe(true);
  });
});

describe('markWhenPainted', () => {
  it('marks once, after the next frame (requestAnimationFrame, then a task)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    performance.clearMarks('test:painted');
    markWhenPainted('test:painted');
    markWhenPainted('test:painted');
    expect(performance.getEntriesByName('test:painted')).toHaveLength(0);
    for (const frame of frames.splice(0)) frame(0);
    expect(performance.getEntriesByName('test:painted')).toHaveLength(0);
    vi.runAllTimers();
    expect(performance.getEntriesByName('test:painted')).toHaveLength(1);
    markWhenPainted('test:painted');
    expect(frames).toEqual([]);
    vi.unstubAllGlobals();
  });
});
