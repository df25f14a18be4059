import type { CodeDeliveryDetailsType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList, maskEmail } from './attributes.ts';
import type { UserRecord } from './records.ts';

/**
 * The JSON form of an SDK type: the AWS JSON protocol sends timestamps as epoch seconds, so
 * `Date` fields of `@aws-sdk/client-cognito-identity-provider` types become numbers on the wire.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Epoch seconds with milliseconds as a fraction, as AWS emits them. */
export const wireDate = (ms: number): number => ms / 1000;

/** A user as ListUsers and AdminCreateUser return it. */
export const userType = (u: UserRecord, attributesToGet?: string[]): Wire<UserType> => ({
  Username: u.username,
  Attributes: attributeList(
    attributesToGet
      ? Object.fromEntries(Object.entries(u.attributes).filter(([k]) => attributesToGet.includes(k)))
      : u.attributes,
  ),
  UserCreateDate: wireDate(u.createdAt),
  UserLastModifiedDate: wireDate(u.updatedAt),
  Enabled: u.enabled,
  UserStatus: u.status,
});

/** Where a code went, masked as Cognito shows it. */
export const emailDelivery = (email: string): CodeDeliveryDetailsType => ({
  Destination: maskEmail(email),
  DeliveryMedium: 'EMAIL',
  AttributeName: 'email',
});
