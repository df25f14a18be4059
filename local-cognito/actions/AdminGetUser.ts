import type { AdminGetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList } from '../attributes.ts';
import type { ActionFactory } from '../context.ts';
import { mfaSettingsOf } from '../user-mfa.ts';
import { adminUser } from '../usernames.ts';
import { type Wire, wireDate } from '../wire.ts';

export const AdminGetUser: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<AdminGetUserResponse>> => {
    const { user } = adminUser(store, input);
    return {
      Username: user.username,
      UserAttributes: attributeList(user.attributes),
      UserCreateDate: wireDate(user.createdAt),
      UserLastModifiedDate: wireDate(user.updatedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      MFAOptions: [],
      ...mfaSettingsOf(user),
    };
  };
