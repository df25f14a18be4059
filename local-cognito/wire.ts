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
