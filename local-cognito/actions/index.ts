import type { ActionEntry } from '../context.ts';
import { AdminConfirmSignUp } from './AdminConfirmSignUp.ts';
import { AdminCreateUser } from './AdminCreateUser.ts';
import { AdminDeleteUser } from './AdminDeleteUser.ts';
import { AdminDisableUser } from './AdminDisableUser.ts';
import { AdminEnableUser } from './AdminEnableUser.ts';
import { AdminForgetDevice } from './AdminForgetDevice.ts';
import { AdminGetDevice } from './AdminGetDevice.ts';
import { AdminGetUser } from './AdminGetUser.ts';
import { AdminListDevices } from './AdminListDevices.ts';
import { AdminResetUserPassword } from './AdminResetUserPassword.ts';
import { AdminSetUserMFAPreference } from './AdminSetUserMFAPreference.ts';
import { AdminSetUserPassword } from './AdminSetUserPassword.ts';
import { AdminUpdateDeviceStatus } from './AdminUpdateDeviceStatus.ts';
import { AdminUserGlobalSignOut } from './AdminUserGlobalSignOut.ts';
import { AssociateSoftwareToken } from './AssociateSoftwareToken.ts';
import { ChangePassword } from './ChangePassword.ts';
import { CompleteWebAuthnRegistration } from './CompleteWebAuthnRegistration.ts';
import { ConfirmDevice } from './ConfirmDevice.ts';
import { ConfirmForgotPassword } from './ConfirmForgotPassword.ts';
import { ConfirmSignUp } from './ConfirmSignUp.ts';
import { CreateUserPool } from './CreateUserPool.ts';
import { CreateUserPoolClient } from './CreateUserPoolClient.ts';
import { DeleteUser } from './DeleteUser.ts';
import { DeleteWebAuthnCredential } from './DeleteWebAuthnCredential.ts';
import { DescribeUserPool } from './DescribeUserPool.ts';
import { DescribeUserPoolClient } from './DescribeUserPoolClient.ts';
import { ForgetDevice } from './ForgetDevice.ts';
import { ForgotPassword } from './ForgotPassword.ts';
import { GetDevice } from './GetDevice.ts';
import { GetTokensFromRefreshToken } from './GetTokensFromRefreshToken.ts';
import { GetUser } from './GetUser.ts';
import { GetUserAttributeVerificationCode } from './GetUserAttributeVerificationCode.ts';
import { GetUserPoolMfaConfig } from './GetUserPoolMfaConfig.ts';
import { GlobalSignOut } from './GlobalSignOut.ts';
import { InitiateAuth } from './InitiateAuth.ts';
import { ListDevices } from './ListDevices.ts';
import { ListUserPoolClients } from './ListUserPoolClients.ts';
import { ListUserPools } from './ListUserPools.ts';
import { ListUsers } from './ListUsers.ts';
import { ListWebAuthnCredentials } from './ListWebAuthnCredentials.ts';
import { ResendConfirmationCode } from './ResendConfirmationCode.ts';
import { RespondToAuthChallenge } from './RespondToAuthChallenge.ts';
import { RevokeToken } from './RevokeToken.ts';
import { SetUserMFAPreference } from './SetUserMFAPreference.ts';
import { SetUserPoolMfaConfig } from './SetUserPoolMfaConfig.ts';
import { SignUp } from './SignUp.ts';
import { StartWebAuthnRegistration } from './StartWebAuthnRegistration.ts';
import { UpdateDeviceStatus } from './UpdateDeviceStatus.ts';
import { UpdateUserAttributes } from './UpdateUserAttributes.ts';
import { UpdateUserPool } from './UpdateUserPool.ts';
import { UpdateUserPoolClient } from './UpdateUserPoolClient.ts';
import { VerifySoftwareToken } from './VerifySoftwareToken.ts';
import { VerifyUserAttribute } from './VerifyUserAttribute.ts';

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
  GetTokensFromRefreshToken: rider(GetTokensFromRefreshToken),
  GetUser: rider(GetUser),
  UpdateUserAttributes: rider(UpdateUserAttributes),
  GetUserAttributeVerificationCode: rider(GetUserAttributeVerificationCode),
  VerifyUserAttribute: rider(VerifyUserAttribute),
  ChangePassword: rider(ChangePassword),
  GlobalSignOut: rider(GlobalSignOut),
  RevokeToken: rider(RevokeToken),
  DeleteUser: rider(DeleteUser),
  ConfirmDevice: rider(ConfirmDevice),
  ListDevices: rider(ListDevices),
  GetDevice: rider(GetDevice),
  UpdateDeviceStatus: rider(UpdateDeviceStatus),
  ForgetDevice: rider(ForgetDevice),
  AssociateSoftwareToken: rider(AssociateSoftwareToken),
  VerifySoftwareToken: rider(VerifySoftwareToken),
  SetUserMFAPreference: rider(SetUserMFAPreference),
  StartWebAuthnRegistration: rider(StartWebAuthnRegistration),
  CompleteWebAuthnRegistration: rider(CompleteWebAuthnRegistration),
  ListWebAuthnCredentials: rider(ListWebAuthnCredentials),
  DeleteWebAuthnCredential: rider(DeleteWebAuthnCredential),

  CreateUserPool: operator(CreateUserPool),
  DescribeUserPool: operator(DescribeUserPool),
  UpdateUserPool: operator(UpdateUserPool),
  ListUserPools: operator(ListUserPools),
  CreateUserPoolClient: operator(CreateUserPoolClient),
  DescribeUserPoolClient: operator(DescribeUserPoolClient),
  UpdateUserPoolClient: operator(UpdateUserPoolClient),
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
  AdminListDevices: operator(AdminListDevices),
  AdminGetDevice: operator(AdminGetDevice),
  AdminUpdateDeviceStatus: operator(AdminUpdateDeviceStatus),
  AdminForgetDevice: operator(AdminForgetDevice),
  AdminSetUserMFAPreference: operator(AdminSetUserMFAPreference),
  SetUserPoolMfaConfig: operator(SetUserPoolMfaConfig),
  GetUserPoolMfaConfig: operator(GetUserPoolMfaConfig),
};
