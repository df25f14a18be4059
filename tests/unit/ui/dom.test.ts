import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announce, clearNotice, notify } from '../../../src/ui/dom.ts';
import { loadPage } from '../pages/helpers.ts';

// Vitest hands jsdom tests an empty string for CSS imports (even ?raw), and this project's browser
// tsconfig has no Node types: read the stylesheet through Node's fs, typed just for this.
declare const process: {
  cwd(): string;
  getBuiltinModule(id: 'node:fs'): { readFileSync(path: string, encoding: 'utf8'): string };
};
const css = process.getBuiltinModule('node:fs').readFileSync(`${process.cwd()}/src/styles.css`, 'utf8');
const pages = ['index', 'register', 'verify', 'signin'] as const;

describe('the message region (#form-message, role=status)', () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
  });
  afterEach(() => style.remove());

  const region = () => document.getElementById('form-message')!;
  const rendered = (el: HTMLElement) => !el.hidden && getComputedStyle(el).display !== 'none';

  it.each(pages)('is in the accessibility tree on %s.html before any text is written, and stays there', (page) => {
    loadPage(page);
    const el = region();
    expect(el.getAttribute('role')).toBe('status');
    expect(el.getAttribute('aria-live')).toBe('polite');
    // A live region that is un-hidden and filled at the same moment is often skipped by screen readers.
    expect(rendered(el)).toBe(true);
    notify(el, 'success', 'Done.');
    expect(rendered(el)).toBe(true);
    clearNotice(el);
    expect(rendered(el)).toBe(true);
    notify(el, 'info', 'Again.');
    expect(el.hasAttribute('hidden')).toBe(false);
  });

  it('takes no space while empty, and keeps its look when it has a message', () => {
    loadPage('signin');
    const el = region();
    expect(getComputedStyle(el).paddingTop).toBe('0px');
    expect(getComputedStyle(el).marginBottom).toBe('0px');
    expect(css).toMatch(/\.notice:empty \{[^}]*border: 0;/);
    expect(css).not.toMatch(/\.notice:empty \{[^}]*display:\s*none/);
    notify(el, 'success', 'Your password is changed.');
    expect(el.className).toBe('notice notice-success');
    expect(getComputedStyle(el).paddingTop).toBe('0.75rem');
    expect(getComputedStyle(el).marginBottom).toBe('1.25rem');
    clearNotice(el);
    expect(el.textContent).toBe('');
    expect(el.className).toBe('notice');
    expect(getComputedStyle(el).paddingTop).toBe('0px');
  });
});

describe('the assertive announcer (#announcer) and announce()', () => {
  // announce() fills the region on a timer: run on fake timers, not waited for in real time.
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(pages)('%s.html has exactly one, visually hidden but rendered, inside main', (page) => {
    loadPage(page);
    const regions = document.querySelectorAll('[aria-live="assertive"]');
    expect(regions).toHaveLength(1);
    const region = regions[0] as HTMLElement;
    expect(region.id).toBe('announcer');
    expect(region.className).toBe('visually-hidden');
    expect(region.hidden).toBe(false);
    expect(region.getAttribute('role')).toBeNull();
    expect(region.closest('main')).not.toBeNull();
    expect(region.textContent).toBe('');
  });

  it('empties the region, then fills it, so the same text is announced again', async () => {
    loadPage('signin');
    const region = document.getElementById('announcer')!;
    vi.useFakeTimers();
    announce(document, 'That code isn’t right.');
    expect(region.textContent).toBe('');
    vi.runAllTimers();
    expect(region.textContent).toBe('That code isn’t right.');
    announce(document, 'That code isn’t right.');
    expect(region.textContent).toBe('');
    vi.runAllTimers();
    expect(region.textContent).toBe('That code isn’t right.');
  });

  it('with empty text, clears the region and cancels an announcement not yet made', async () => {
    loadPage('signin');
    const region = document.getElementById('announcer')!;
    vi.useFakeTimers();
    announce(document, 'Old error.');
    announce(document, '');
    // Run to the end: the cancelled announcement would have been made at any later time.
    vi.runAllTimers();
    expect(region.textContent).toBe('');
  });
});
