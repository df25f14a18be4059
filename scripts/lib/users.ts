// The user-admin operations behind `npm run users`, on an injected client. In an
// email-as-username pool the email is accepted as Username by every Admin* call.

import type {
  AdminCreateUserCommandInput,
  CognitoIdentityProviderClient,
  UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminResetUserPasswordCommand,
  ListUsersCommand,
  paginateListUsers,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoCallError, call } from './errors.ts';
import { collectPages, ownInput } from './pages.ts';

/** Every user of the pool (ListUsers, all pages of 60). */
export async function listUsers(client: CognitoIdentityProviderClient, poolId: string): Promise<UserType[]> {
  const pages = paginateListUsers(
    { client, pageSize: 60, withCommand: ownInput(ListUsersCommand) },
    { UserPoolId: poolId },
  );
  return collectPages('ListUsers', pages, (page) => page.Users);
}

export function attribute(user: UserType, name: string): string | undefined {
  return user.Attributes?.find((a) => a.Name === name)?.Value;
}

function formatDate(date: Date | undefined): string {
  return date ? `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '-';
}

/** A fixed-width table: EMAIL, STATUS, ENABLED, CREATED. */
export function formatUserTable(users: UserType[]): string[] {
  const rows = users.map((user) => [
    attribute(user, 'email') ?? user.Username ?? '-',
    user.UserStatus ?? '-',
    user.Enabled === false ? 'no' : 'yes',
    formatDate(user.UserCreateDate),
  ]);
  const header = ['EMAIL', 'STATUS', 'ENABLED', 'CREATED'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';

/** AdminConfirmSignUp; a rider who is already confirmed is not an error. */
export async function confirmUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
): Promise<ConfirmOutcome> {
  try {
    await call('AdminConfirmSignUp', () =>
      client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: email })),
    );
    return 'confirmed';
  } catch (error) {
    const cause = error instanceof CognitoCallError ? error.cause : undefined;
    if (
      cause instanceof Error &&
      cause.name === 'NotAuthorizedException' &&
      /status is CONFIRMED|not UNCONFIRMED/i.test(cause.message)
    ) {
      return 'already-confirmed';
    }
    throw error;
  }
}

export interface CreateOptions {
  /** Let Cognito email the invitation (with the temporary password) instead of suppressing it. */
  invite: boolean;
  temporaryPassword: string;
}

function createUserInput(poolId: string, email: string, options: CreateOptions): AdminCreateUserCommandInput {
  return {
    UserPoolId: poolId,
    Username: email,
    TemporaryPassword: options.temporaryPassword,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
    ...(options.invite ? { DesiredDeliveryMediums: ['EMAIL'] } : { MessageAction: 'SUPPRESS' }),
  };
}

/** AdminCreateUser: the rider starts in FORCE_CHANGE_PASSWORD and sets a password at first sign-in. */
export async function createUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
  options: CreateOptions,
): Promise<UserType | undefined> {
  const input = createUserInput(poolId, email, options);
  const out = await call('AdminCreateUser', () => client.send(new AdminCreateUserCommand(input)));
  return out.User;
}

export async function deleteUser(client: CognitoIdentityProviderClient, poolId: string, email: string): Promise<void> {
  await call('AdminDeleteUser', () => client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: email })));
}

export async function resetPassword(
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
): Promise<void> {
  await call('AdminResetUserPassword', () =>
    client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: email })),
  );
}
