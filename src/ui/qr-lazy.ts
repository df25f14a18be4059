// Draws a QR code with the worker of qr-worker.ts (the sign-in page's way: see qr.ts).
import type { QrOutline } from './qr-svg.ts';
import { drawQrOutline } from './qr-svg.ts';

export function drawQrInWorker(container: HTMLElement, text: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<QrOutline>) => {
      worker.terminate();
      drawQrOutline(container, event.data, label);
      resolve();
    };
    worker.onerror = () => {
      worker.terminate();
      reject(new Error('The QR code could not be drawn.'));
    };
    worker.postMessage(text);
  });
}
