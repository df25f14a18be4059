// A small stateful stand-in for the pool/client management API, wired into aws-sdk-client-mock,
// so a second provision run sees what the first one created.

import type {
  CognitoIdentityProviderClient,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Stub = AwsClientStub<CognitoIdentityProviderClient>;

export class FakeCognito {
  pools: UserPoolType[] = [];
  clients: UserPoolClientType[] = [];
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

  install(mock: Stub): void {
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
