// A QR code as an <svg> in the page, from lean-qr's outline path (toSvgPath): built with
// createElementNS and presentation attributes only (fill, shape-rendering, viewBox), never a style
// attribute, so the strict CSP (style-src 'self') allows it; its size comes from .qr in styles.css.

const SVG = 'http://www.w3.org/2000/svg';
/** The quiet zone around the code, in modules (the QR standard asks for 4). */
const PAD = 4;

export interface QrOutline {
  /** Modules per side. */
  size: number;
  /** The dark modules as one SVG path (lean-qr's toSvgPath). */
  path: string;
}

/** Draws the outline into `container` (replacing what was there), labelled for screen readers. */
export function drawQrOutline(container: HTMLElement, { size, path }: QrOutline, label: string): void {
  const doc = container.ownerDocument;
  const svg = doc.createElementNS(SVG, 'svg');
  const side = size + 2 * PAD;
  svg.setAttribute('viewBox', `${-PAD} ${-PAD} ${side} ${side}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const background = doc.createElementNS(SVG, 'rect');
  for (const [name, value] of [
    ['x', -PAD],
    ['y', -PAD],
    ['width', side],
    ['height', side],
  ] as const) {
    background.setAttribute(name, String(value));
  }
  background.setAttribute('fill', '#ffffff');
  const modules = doc.createElementNS(SVG, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#1c1530');
  svg.append(background, modules);
  container.replaceChildren(svg);
}
