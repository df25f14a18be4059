// The QR code of the authenticator set-up, drawn in the page by lean-qr (nano build + its SVG
// extra): no image service, nothing sent anywhere. lean-qr builds the <svg> with createElementNS
// and presentation attributes (fill, shape-rendering), never a style attribute, so the strict CSP
// (style-src 'self') allows it; its size comes from the .qr rules in styles.css.
// Imported by the account page's entry; the sign-in page loads it only when a pool requires set-up.

import { toSvg } from 'lean-qr/extras/svg';
import { generate } from 'lean-qr/nano';

/** Draws `text` as a QR code into `container` (replacing what was there), labelled for screen readers. */
export function drawQr(container: HTMLElement, text: string, label: string): void {
  const svg = toSvg(generate(text), container.ownerDocument, { on: '#1c1530', off: '#ffffff', pad: 4 });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  container.replaceChildren(svg);
}
