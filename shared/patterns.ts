// The shapes of the values every program checks before it uses them: AWS region names, user pool
// and app client IDs, and a rider's email address. The site validates VITE_COGNITO_* with them, the
// scripts their flags, the local pool its --region and the email attributes it stores.

/** An AWS region name: `us-east-1`, `ap-southeast-10`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** `<region>_<id>`, the rule amazon-cognito-identity-js enforces in its CognitoUserPool constructor. */
export const USER_POOL_ID_PATTERN = /^([\w-]+)_[0-9a-zA-Z]+$/;
export const USER_POOL_ID_MAX_LENGTH = 55;

/** An app client ID: letters, digits, `_` and `+`, at most 128 (the API's ClientIdType). */
export const CLIENT_ID_PATTERN = /^[\w+]{1,128}$/;

/**
 * A rider's email address: one @, no spaces, and a domain of non-empty dot-separated labels with at
 * least one dot. Looser checks (`a@b..c`, `a@.example.com`) let through addresses no mail can reach,
 * and a rider whose code cannot be delivered can never confirm the account; stricter ones (RFC 5322
 * in full) refuse real addresses. Cognito does its own check after this one.
 */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The email is the username in the rider pool, and a Cognito username has at most 128 characters. */
export const EMAIL_MAX_LENGTH = 128;

/** The region part of a well-formed pool ID (`us-east-1_AbC123xyz` → `us-east-1`), or null. */
export function regionOfPoolId(poolId: string): string | null {
  if (poolId.length > USER_POOL_ID_MAX_LENGTH) return null;
  return USER_POOL_ID_PATTERN.exec(poolId)?.[1] ?? null;
}
