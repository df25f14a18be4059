import {
  accountOverview,
  changeEmail,
  changePassword,
  confirmEmailChange,
  deleteAccount,
  resendEmailChangeCode,
} from '../auth/account.ts';
import { forgetDevice, listDevices } from '../auth/devices.ts';
import { confirmTotpSetup, disableTotp, startTotpSetup } from '../auth/mfa.ts';
import { listPasskeys, removePasskey } from '../auth/passkeys.ts';
import { currentSession, signOut } from '../auth/session.ts';
import { settleDevice } from '../auth/settle-later.ts';
import { mountAccount } from '../pages/account/index.ts';
import { drawQr } from '../ui/qr.ts';
import { start } from './wire.ts';

start(
  ({ navigate }) =>
    mountAccount(document, {
      auth: {
        currentSession,
        accountOverview,
        changePassword,
        changeEmail,
        confirmEmailChange,
        resendEmailChangeCode,
        startTotpSetup,
        confirmTotpSetup,
        disableTotp,
        listDevices,
        forgetDevice,
        listPasskeys,
        // Creating a passkey (the WebAuthn conversions) loads when the rider chooses “Add a passkey”.
        addPasskey: () => import('../auth/add-passkey.ts').then(({ addPasskey }) => addPasskey()),
        removePasskey,
        signOut,
        deleteAccount,
      },
      navigate,
      storage: window.localStorage,
      drawQr,
    }),
  // The device of a sign-in that came straight here (the device list also waits for it).
  () => void settleDevice(),
);
