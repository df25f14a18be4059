import { createHmac } from 'node:crypto';

/**
 * Secrets the SRP layer derives from: kept per pool, so simulated challenges for unknown users
 * stay stable across restarts (PreventUserExistenceErrors must not leak through a changing salt).
 */
export interface SrpSecrets {
  fakeIdentitySecret(poolSecret: string): Buffer;
}

export const srpSecrets: SrpSecrets = {
  fakeIdentitySecret: (poolSecret) =>
    createHmac('sha256', Buffer.from(poolSecret, 'base64')).update('fake-srp').digest(),
};
