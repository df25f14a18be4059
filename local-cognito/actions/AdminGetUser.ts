import type { AdminGetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList } from '../attributes';
import type { ActionFactory } from '../context';
import { POOL_ID_RULE, USERNAME_RULE } from '../input';
import { adminUser } from '../lookup';
import { type Wire, wireDate } from '../wire';

export const AdminGetUser: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<AdminGetUserResponse>> => {
    const { user } = adminUser(store, input.string('UserPoolId', POOL_ID_RULE), input.string('Username', USERNAME_RULE));
    return {
      Username: user.username,
      UserAttributes: attributeList(user.attributes),
      UserCreateDate: wireDate(user.createdAt),
      UserLastModifiedDate: wireDate(user.updatedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      MFAOptions: [],
      UserMFASettingList: [],
    };
  };
