// A form whose request succeeded and sent the rider to the next page must stay busy while that
// page loads: re-enabled, a second Enter would repeat the request (a second sign-up would even
// flash "an account with this email already exists"). If the rider comes Back and the browser
// restores this page from its back/forward cache, the buttons are made usable again.

/** Goes to `url`, marking the page as being left so busy buttons stay busy. */
export function leaveTo(win: Window, url: string): void {
  win.document.documentElement.dataset.leaving = 'true';
  win.location.assign(url);
}

export const isLeaving = (doc: Document): boolean => doc.documentElement.dataset.leaving === 'true';

/** On a back/forward-cache restore: no longer leaving, and every button left busy is restored. */
export function restoreOnReturn(win: Window): void {
  win.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    const doc = win.document;
    delete doc.documentElement.dataset.leaving;
    doc.querySelectorAll<HTMLButtonElement>('button[aria-busy="true"]').forEach((button) => {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      if (button.dataset.idleLabel !== undefined) button.textContent = button.dataset.idleLabel;
    });
  });
}
