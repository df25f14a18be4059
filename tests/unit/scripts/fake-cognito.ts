// A small stateful stand-in for the pool/client management API, wired into aws-sdk-client-mock,
// so a second provision run sees what the first one created.

import type {
  CognitoIdentityProviderClient,
  GetUserPoolMfaConfigResponse,
  SetUserPoolMfaConfigCommandInput,
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Stub = AwsClientStub<CognitoIdentityProviderClient>;

export class FakeCognito {
  pools: UserPoolType[] = [];
  clients: UserPoolClientType[] = [];
  /** GetUserPoolMfaConfig's answer per pool ID (a new pool: MFA OFF, nothing configured). */
  mfa = new Map<string, GetUserPoolMfaConfigResponse>();
  private seq = 0;

  /** Page size for List* calls, small to exercise pagination. */
  constructor(private readonly pageSize = 2) {}

  addPool(pool: Partial<UserPoolType> & { Name: string }): UserPoolType {
    const full: UserPoolType = {
      Id: `us-east-1_Pool${String(++this.seq).padStart(5, '0')}`,
      UsernameAttributes: ['email'],
      ...pool,
    };
    this.pools.push(full);
    return full;
  }

  /** A pool as `npm run provision` leaves it: remembered devices on opt-in, MFA optional with TOTP. */
  addRiderPool(pool: Partial<UserPoolType> & { Name: string }): UserPoolType {
    const full = this.addPool({
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      MfaConfiguration: 'OPTIONAL',
      ...pool,
    });
    this.mfa.set(full.Id!, {
      MfaConfiguration: full.MfaConfiguration ?? 'OFF',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    return full;
  }

  addClient(appClient: Partial<UserPoolClientType> & { UserPoolId: string; ClientName: string }): UserPoolClientType {
    const full: UserPoolClientType = {
      ClientId: `client${String(++this.seq).padStart(20, '0')}`,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...appClient,
    };
    this.clients.push(full);
    return full;
  }

  private page<T>(items: T[], token: string | undefined): { items: T[]; next: string | undefined } {
    const start = token ? Number(token) : 0;
    const end = start + this.pageSize;
    return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
  }

  private pool(id: string | undefined): UserPoolType {
    const pool = this.pools.find((p) => p.Id === id);
    if (!pool) throw new ResourceNotFoundException({ message: `User pool ${id} does not exist.`, $metadata: {} });
    return pool;
  }

  /**
   * UpdateUserPool as Cognito does it: what the request omits goes back to its default (here:
   * absent), only the ID, name and creation-time settings stay.
   */
  private updatePool(input: UpdateUserPoolCommandInput): void {
    const pool = this.pool(input.UserPoolId);
    const { UserPoolId, PoolName, ...settings } = input;
    const replaced: UserPoolType = {
      Id: UserPoolId,
      Name: PoolName ?? pool.Name,
      ...(pool.UsernameAttributes ? { UsernameAttributes: pool.UsernameAttributes } : {}),
      ...settings,
    };
    this.pools[this.pools.indexOf(pool)] = replaced;
  }

  private updateClient(input: UpdateUserPoolClientCommandInput): UserPoolClientType {
    const index = this.clients.findIndex((c) => c.UserPoolId === input.UserPoolId && c.ClientId === input.ClientId);
    if (index < 0) throw new ResourceNotFoundException({ message: 'Client does not exist.', $metadata: {} });
    const old = this.clients[index]!;
    const replaced: UserPoolClientType = {
      ...input,
      ClientName: input.ClientName ?? old.ClientName,
      ...(old.ClientSecret ? { ClientSecret: old.ClientSecret } : {}),
    };
    this.clients[index] = replaced;
    return replaced;
  }

  private setMfa(input: SetUserPoolMfaConfigCommandInput): GetUserPoolMfaConfigResponse {
    const { UserPoolId, ...config } = input;
    const pool = this.pool(UserPoolId);
    const mfa = config.MfaConfiguration ?? 'OFF';
    this.mfa.set(UserPoolId!, { ...config, MfaConfiguration: mfa });
    this.pools[this.pools.indexOf(pool)] = { ...pool, MfaConfiguration: mfa };
    return this.mfa.get(UserPoolId!)!;
  }

  install(mock: Stub): void {
    mock.on(GetUserPoolMfaConfigCommand).callsFake((input: { UserPoolId?: string }) => {
      this.pool(input.UserPoolId);
      return this.mfa.get(input.UserPoolId!) ?? { MfaConfiguration: 'OFF' };
    });
    mock.on(SetUserPoolMfaConfigCommand).callsFake((input: SetUserPoolMfaConfigCommandInput) => this.setMfa(input));
    mock.on(UpdateUserPoolCommand).callsFake((input: UpdateUserPoolCommandInput) => {
      this.updatePool(input);
      return {};
    });
    mock
      .on(UpdateUserPoolClientCommand)
      .callsFake((input: UpdateUserPoolClientCommandInput) => ({ UserPoolClient: this.updateClient(input) }));
    mock.on(ListUserPoolsCommand).callsFake((input: { NextToken?: string }) => {
      const { items, next } = this.page(this.pools, input.NextToken);
      return { UserPools: items.map((p) => ({ Id: p.Id, Name: p.Name })), ...(next ? { NextToken: next } : {}) };
    });
    mock
      .on(DescribeUserPoolCommand)
      .callsFake((input: { UserPoolId?: string }) => ({ UserPool: this.pool(input.UserPoolId) }));
    mock.on(CreateUserPoolCommand).callsFake((input: UserPoolType & { PoolName: string }) => {
      const { PoolName, ...rest } = input;
      return { UserPool: this.addPool({ ...rest, Name: PoolName }) };
    });
    mock.on(ListUserPoolClientsCommand).callsFake((input: { UserPoolId?: string; NextToken?: string }) => {
      this.pool(input.UserPoolId);
      const mine = this.clients.filter((c) => c.UserPoolId === input.UserPoolId);
      const { items, next } = this.page(mine, input.NextToken);
      return {
        UserPoolClients: items.map((c) => ({
          ClientId: c.ClientId,
          ClientName: c.ClientName,
          UserPoolId: c.UserPoolId,
        })),
        ...(next ? { NextToken: next } : {}),
      };
    });
    mock.on(DescribeUserPoolClientCommand).callsFake((input: { UserPoolId?: string; ClientId?: string }) => {
      const found = this.clients.find((c) => c.UserPoolId === input.UserPoolId && c.ClientId === input.ClientId);
      if (!found) throw new ResourceNotFoundException({ message: 'Client does not exist.', $metadata: {} });
      return { UserPoolClient: found };
    });
    mock.on(CreateUserPoolClientCommand).callsFake((input: UserPoolClientType & { GenerateSecret?: boolean }) => {
      this.pool(input.UserPoolId);
      const { GenerateSecret, ...rest } = input;
      return {
        UserPoolClient: this.addClient({
          ...rest,
          UserPoolId: input.UserPoolId!,
          ClientName: input.ClientName!,
          ...(GenerateSecret ? { ClientSecret: 'secret' } : {}),
        }),
      };
    });
  }
}
