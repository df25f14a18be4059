import { createHmac, timingSafeEqual } from 'node:crypto';
import { notAuthorized } from './errors.ts';
import type { ClientRecord } from './records.ts';

/**
 * Clients with a secret need SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)).
 * (amazon-cognito-identity-js never sends one, which is why the web app's client has no secret.)
 */
export function checkSecretHash(client: ClientRecord, secretHash: string | undefined, usernames: string[]): void {
  if (!client.secret) return;
  if (!secretHash) {
    throw notAuthorized(`Client ${client.clientId} is configured for secret but secret was not received`);
  }
  const given = Buffer.from(secretHash);
  const ok = usernames.some((u) => {
    const expected = Buffer.from(createHmac('sha256', client.secret as string).update(u + client.clientId).digest('base64'));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
}
