import type { CodeDeliveryDetailsType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList, maskEmail } from './attributes.ts';
import type { UserRecord } from './records.ts';
import { type Wire, wireDate } from './wire.ts';

export const userType = (u: UserRecord, attributesToGet?: string[]): Wire<UserType> => ({
  Username: u.username,
  Attributes: attributeList(
    attributesToGet ? Object.fromEntries(Object.entries(u.attributes).filter(([k]) => attributesToGet.includes(k))) : u.attributes,
  ),
  UserCreateDate: wireDate(u.createdAt),
  UserLastModifiedDate: wireDate(u.updatedAt),
  Enabled: u.enabled,
  UserStatus: u.status,
});

export const emailDelivery = (email: string): CodeDeliveryDetailsType => ({
  Destination: maskEmail(email),
  DeliveryMedium: 'EMAIL',
  AttributeName: 'email',
});
