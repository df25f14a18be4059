// Fills in the authenticator set-up (markup: <!-- shell:totp-setup prefix="…" -->) with a secret:
// the QR code of its otpauth:// URI, and the key in groups of four for typing it in by hand.
import type { TotpSecret } from '../auth/totp-secret.ts';
import { byId } from './dom.ts';

/** Draws the QR code; the account page passes src/ui/qr.ts, the sign-in page loads it on demand. */
export type DrawQr = (container: HTMLElement, text: string, label: string) => void | Promise<void>;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read off and type. */
export const groupsOfFour = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Shows `secret` in the set-up with id prefix `prefix`; the copy button copies it without spaces. */
export async function fillTotpSetup(
  root: Document,
  prefix: string,
  { secret, uri }: TotpSecret,
  drawQr: DrawQr,
  copy: (text: string) => Promise<void> = (text) => navigator.clipboard.writeText(text),
): Promise<void> {
  byId(root, `${prefix}-secret`).textContent = groupsOfFour(secret);
  // On a phone, the otpauth: link opens the authenticator app with the account filled in.
  byId<HTMLAnchorElement>(root, `${prefix}-open`).href = uri;
  const button = byId<HTMLButtonElement>(root, `${prefix}-copy-secret`);
  button.onclick = () => {
    copy(secret).then(
      () => {
        button.textContent = 'Key copied';
      },
      () => {
        const range = root.createRange();
        range.selectNodeContents(byId(root, `${prefix}-secret`));
        root.getSelection()?.removeAllRanges();
        root.getSelection()?.addRange(range);
        button.textContent = 'Key selected: press Ctrl+C (⌘C on a Mac)';
      },
    );
  };
  button.textContent = 'Copy key';
  const code = byId<HTMLInputElement>(root, `${prefix}-code`);
  code.value = '';
  await drawQr(byId(root, `${prefix}-qr`), uri, 'QR code for adding Wild Rydes to your authenticator app');
}
