import { issueCode, RESET_CODE_TTL_MS } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG } from '../errors.ts';
import { mailCode } from '../mailer.ts';
import { adminUser } from '../usernames.ts';

/** Puts the rider in RESET_REQUIRED and emails a reset code; sign-in then asks for a reset. */
export const AdminResetUserPassword: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<Record<string, never>> => {
    const { pool, user } = adminUser(store, input);
    input.optionalStringMap('ClientMetadata');
    const email = user.attributes.email;
    if (!email || user.attributes.email_verified !== 'true') throw invalidParameter(MSG.noVerifiedContact);
    const now = clock.now();
    const resetCode = issueCode(now, RESET_CODE_TTL_MS, user.resetCode);
    store.putUser({ ...user, status: 'RESET_REQUIRED', resetCode, updatedAt: now });
    mailCode(mailer, { poolId: pool.id, to: email, purpose: 'reset', code: resetCode.code });
    return {};
  };
