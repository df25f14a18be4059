import type { ActionEntry } from '../context';
import { AdminConfirmSignUp } from './AdminConfirmSignUp';
import { AdminCreateUser } from './AdminCreateUser';
import { AdminDeleteUser } from './AdminDeleteUser';
import { AdminDisableUser } from './AdminDisableUser';
import { AdminEnableUser } from './AdminEnableUser';
import { AdminGetUser } from './AdminGetUser';
import { AdminResetUserPassword } from './AdminResetUserPassword';
import { AdminSetUserPassword } from './AdminSetUserPassword';
import { AdminUserGlobalSignOut } from './AdminUserGlobalSignOut';
import { ChangePassword } from './ChangePassword';
import { ConfirmForgotPassword } from './ConfirmForgotPassword';
import { ConfirmSignUp } from './ConfirmSignUp';
import { CreateUserPool } from './CreateUserPool';
import { CreateUserPoolClient } from './CreateUserPoolClient';
import { DeleteUser } from './DeleteUser';
import { DescribeUserPool } from './DescribeUserPool';
import { DescribeUserPoolClient } from './DescribeUserPoolClient';
import { ForgotPassword } from './ForgotPassword';
import { GetUser } from './GetUser';
import { GetUserAttributeVerificationCode } from './GetUserAttributeVerificationCode';
import { GlobalSignOut } from './GlobalSignOut';
import { InitiateAuth } from './InitiateAuth';
import { ListUserPoolClients } from './ListUserPoolClients';
import { ListUserPools } from './ListUserPools';
import { ListUsers } from './ListUsers';
import { ResendConfirmationCode } from './ResendConfirmationCode';
import { RespondToAuthChallenge } from './RespondToAuthChallenge';
import { RevokeToken } from './RevokeToken';
import { SignUp } from './SignUp';
import { UpdateUserAttributes } from './UpdateUserAttributes';
import { VerifyUserAttribute } from './VerifyUserAttribute';

const rider = (create: ActionEntry['create']): ActionEntry => ({ admin: false, create });
const operator = (create: ActionEntry['create']): ActionEntry => ({ admin: true, create });

/** The router table: `X-Amz-Target: AWSCognitoIdentityProviderService.<name>` → action. */
export const actions: Record<string, ActionEntry> = {
  SignUp: rider(SignUp),
  ConfirmSignUp: rider(ConfirmSignUp),
  ResendConfirmationCode: rider(ResendConfirmationCode),
  InitiateAuth: rider(InitiateAuth),
  RespondToAuthChallenge: rider(RespondToAuthChallenge),
  ForgotPassword: rider(ForgotPassword),
  ConfirmForgotPassword: rider(ConfirmForgotPassword),
  GetUser: rider(GetUser),
  UpdateUserAttributes: rider(UpdateUserAttributes),
  GetUserAttributeVerificationCode: rider(GetUserAttributeVerificationCode),
  VerifyUserAttribute: rider(VerifyUserAttribute),
  ChangePassword: rider(ChangePassword),
  GlobalSignOut: rider(GlobalSignOut),
  RevokeToken: rider(RevokeToken),
  DeleteUser: rider(DeleteUser),

  CreateUserPool: operator(CreateUserPool),
  DescribeUserPool: operator(DescribeUserPool),
  ListUserPools: operator(ListUserPools),
  CreateUserPoolClient: operator(CreateUserPoolClient),
  DescribeUserPoolClient: operator(DescribeUserPoolClient),
  ListUserPoolClients: operator(ListUserPoolClients),
  AdminCreateUser: operator(AdminCreateUser),
  AdminConfirmSignUp: operator(AdminConfirmSignUp),
  AdminGetUser: operator(AdminGetUser),
  AdminDeleteUser: operator(AdminDeleteUser),
  AdminSetUserPassword: operator(AdminSetUserPassword),
  AdminResetUserPassword: operator(AdminResetUserPassword),
  AdminDisableUser: operator(AdminDisableUser),
  AdminEnableUser: operator(AdminEnableUser),
  AdminUserGlobalSignOut: operator(AdminUserGlobalSignOut),
  ListUsers: operator(ListUsers),
};
