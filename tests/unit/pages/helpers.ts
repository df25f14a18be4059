// Loads a real page's markup into the jsdom document and offers small test utilities.
import account from '../../../account.html?raw';
import index from '../../../index.html?raw';
import register from '../../../register.html?raw';
import signin from '../../../signin.html?raw';
import verify from '../../../verify.html?raw';
import { expandPageShell } from '../../../vite-plugins/page-shell-html.ts';

// The markup the browser gets: the shared page shell expanded, as the Vite plugin does.
const pages = Object.fromEntries(
  Object.entries({ index, register, signin, verify, account }).map(([name, html]) => [name, expandPageShell(html)]),
) as Record<'index' | 'register' | 'signin' | 'verify' | 'account', string>;

/** Replaces document.body with the page's <body> (scripts are not run; the test mounts the page). */
export function loadPage(name: keyof typeof pages): Document {
  const parsed = new DOMParser().parseFromString(pages[name], 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
  return document;
}

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
};

export const input = (id: string) => $<HTMLInputElement>(id);

export function type(id: string, value: string): void {
  const el = input(id);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function submit(formId: string): void {
  $<HTMLFormElement>(formId).requestSubmit();
}

/** A promise the test resolves or rejects when it wants (to observe the busy state). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The visible error text under a field, or null when hidden. */
export function fieldErrorOf(inputId: string): string | null {
  const error = $(`${inputId}-error`);
  return error.hidden ? null : error.textContent;
}
