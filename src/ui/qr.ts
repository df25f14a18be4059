// The QR code of the authenticator set-up, computed in the page by lean-qr (its nano build and the
// SVG outline extra): no image service, nothing sent anywhere. The account page imports this; the
// sign-in page, which needs a QR code only when a pool requires set-up, runs the same in a worker
// (qr-worker.ts) started at that moment, so it never loads lean-qr up front.
import { toSvgPath } from 'lean-qr/extras/svg';
import { generate } from 'lean-qr/nano';
import type { QrOutline } from './qr-svg.ts';
import { drawQrOutline } from './qr-svg.ts';

/** The QR code of `text` as an outline. */
export function qrOutline(text: string): QrOutline {
  const code = generate(text);
  return { size: code.size, path: toSvgPath(code) };
}

/** Draws `text` as a QR code into `container`. */
export function drawQr(container: HTMLElement, text: string, label: string): void {
  drawQrOutline(container, qrOutline(text), label);
}
