import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import type { Clock } from './clock.ts';
import { uuid } from './ids.ts';
import type { MailMessage } from './records.ts';
import type { Store } from './store.ts';
import { emailDelivery } from './wire.ts';

/** Where the pool's "emails" go: the mailbox (page and JSON) and one console line each. */
export interface Mailer {
  send(m: { poolId: string; to: string; subject: string; text: string; code: string }): MailMessage;
}

export function createMailer(store: Store, clock: Clock, log: (line: string) => void): Mailer {
  return {
    send(m) {
      const message: MailMessage = { id: uuid(), ...m, sentAt: new Date(clock.now()).toISOString() };
      store.addMail(message);
      log(`mail to ${m.to}: ${m.subject}: ${m.code}`);
      return message;
    },
  };
}

export const messages = {
  signUp: (code: string) => ({
    subject: 'Your Wild Rydes verification code',
    text: `Your verification code is ${code}. It expires in 24 hours.`,
  }),
  reset: (code: string) => ({
    subject: 'Your Wild Rydes password reset code',
    text: `Your password reset code is ${code}. It expires in 1 hour. If you did not ask to reset your password, ignore this message.`,
  }),
  attribute: (code: string) => ({
    subject: 'Your Wild Rydes verification code',
    text: `Your verification code is ${code}. It expires in 24 hours.`,
  }),
  signIn: (code: string) => ({
    subject: 'Your Wild Rydes sign-in code',
    text: `Your sign-in code is ${code}. It expires in 3 minutes. If you did not try to sign in, ignore this message.`,
  }),
  invitation: (username: string, password: string) => ({
    subject: 'Your temporary password',
    text: `Your username is ${username} and temporary password is ${password}. Sign in and choose a new password.`,
  }),
};

/** Mails a code in the message for its purpose; returns where it went, as Cognito reports it. */
export function mailCode(
  mailer: Mailer,
  m: { poolId: string; to: string; purpose: 'signUp' | 'reset' | 'attribute'; code: string },
): CodeDeliveryDetailsType {
  mailer.send({ poolId: m.poolId, to: m.to, ...messages[m.purpose](m.code), code: m.code });
  return emailDelivery(m.to);
}
