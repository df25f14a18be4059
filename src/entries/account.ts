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
import { currentSession, signOut } from '../auth/session.ts';
import { mountAccount } from '../pages/account/index.ts';
import { drawQr } from '../ui/qr.ts';
import { start } from './wire.ts';

start(({ navigate }) =>
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
      signOut,
      deleteAccount,
    },
    navigate,
    storage: window.localStorage,
    drawQr,
  }),
);
