// The sign-in page's QR code, computed off the page's bundle: a module worker that Vite builds on its
// own (new Worker(new URL(…))), fetched only when a pool requires two-factor set-up at sign-in.
// Workers fall under script-src 'self' in the CSP. Message in: the text; out: its QrOutline.
import { qrOutline } from './qr.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<string>) => void) | null;
  postMessage(data: unknown): void;
};
scope.onmessage = (event) => scope.postMessage(qrOutline(event.data));
