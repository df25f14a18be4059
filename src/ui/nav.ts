// The header's account links (vite-plugins/page-shell-html.ts): "Sign in" / "Register" for a
// signed-out rider, "Your account" for a signed-in one, none while it is not known.

export type RiderState = 'signed-in' | 'signed-out' | 'unknown';

export function showAccountLinks(root: Document, state: RiderState): void {
  for (const link of root.querySelectorAll<HTMLElement>('.site-nav [data-when]')) {
    link.hidden = link.dataset.when !== state;
  }
}
