// The authenticator set-up view of the sign-in page (MFA_SETUP): the key and a QR code computed in a
// worker. A chunk of its own: only a pool that requires two-factor sign-in ever shows it.
import type { TotpSecret } from '../auth/totp-secret.ts';
import { drawQrInWorker } from '../ui/qr-lazy.ts';
import { fillTotpSetup } from '../ui/totp-setup.ts';

export const fillSetup = (root: Document, prefix: string, secret: TotpSecret): Promise<void> =>
  fillTotpSetup(root, prefix, secret, drawQrInWorker);
