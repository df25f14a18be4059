// Small DOM helpers shared by the pages. Text only goes in through textContent.

export function byId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const el = root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`Missing #${id}`);
  return el;
}

export const show = (el: HTMLElement, visible = true): void => {
  el.hidden = !visible;
};

/** A link built safely from text (never innerHTML). */
export function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

export type NoticeKind = 'error' | 'success' | 'info';

/**
 * Writes into a page's message region (role=status, aria-live=polite, tabindex=-1).
 * The region is never hidden: a live region that appears and gets its text at the same moment is
 * often not announced, so it stays in the accessibility tree and collapses with CSS while empty
 * (.notice:empty). Errors also move focus there so keyboard and screen-reader users land on them.
 */
export function notify(region: HTMLElement, kind: NoticeKind, text: string, ...extra: Node[]): void {
  region.className = `notice notice-${kind}`;
  region.replaceChildren(text, ...extra.flatMap((node) => [' ', node]));
  if (kind === 'error') region.focus();
}

export function clearNotice(region: HTMLElement): void {
  region.replaceChildren();
  region.className = 'notice';
}

const pendingAnnouncements = new WeakMap<HTMLElement, number>();

/**
 * Says `text` through the page's visually hidden assertive live region (#announcer), whatever has
 * focus. The region is emptied first and filled a moment later, so the same text is announced
 * again; an empty `text` just clears it (and cancels an announcement not yet made).
 */
export function announce(root: Document, text: string): void {
  const region = byId(root, 'announcer');
  const view = root.defaultView ?? window;
  view.clearTimeout(pendingAnnouncements.get(region));
  region.textContent = '';
  if (text)
    pendingAnnouncements.set(
      region,
      view.setTimeout(() => {
        region.textContent = text;
      }, 100),
    );
}

/** Shows (or clears, with null) the error under a field, wired through aria-describedby. */
export function fieldError(input: HTMLInputElement, message: string | null): void {
  const error = byId(input.ownerDocument, `${input.id}-error`);
  error.textContent = message ?? '';
  show(error, !!message);
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** Clears every field error in a form (and an announced error, which no longer applies). */
export function clearFieldErrors(form: HTMLFormElement): void {
  announce(form.ownerDocument, '');
  form.querySelectorAll<HTMLInputElement>('input[id]').forEach((input) => {
    if (input.ownerDocument.getElementById(`${input.id}-error`)) fieldError(input, null);
  });
}
