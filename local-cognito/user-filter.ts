import { invalidParameter, MSG } from './errors.ts';
import type { UserRecord } from './records.ts';

/**
 * ListUsers' filter language: `AttributeName = "value"` (exact) or `AttributeName ^= "value"`
 * (prefix), on the attributes Cognito allows; an empty filter matches everyone.
 */
const FILTERABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

export type UserPredicate = (u: UserRecord) => boolean;

export function parseUserFilter(filter: string | undefined): UserPredicate {
  if (filter === undefined || filter.trim() === '') return () => true;
  const m = /^\s*([\w:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw invalidParameter(MSG.filterParse);
  const [, name, op, rawValue] = m as unknown as [string, string, string, string];
  if (!FILTERABLE.has(name)) throw invalidParameter(MSG.invalidSearchAttribute(name));
  const value = rawValue.replace(/\\(.)/g, '$1');
  const read = (u: UserRecord): string | undefined => {
    switch (name) {
      case 'username':
        return u.username;
      case 'cognito:user_status':
        return u.status;
      case 'status':
        return u.enabled ? 'Enabled' : 'Disabled';
      default:
        return u.attributes[name];
    }
  };
  // Cognito matches email case-insensitively in case-insensitive pools; we match attributes case-insensitively
  // for email and username, exactly otherwise.
  const fold = name === 'email' || name === 'username' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const want = fold(value);
  return (u) => {
    const got = read(u);
    if (got === undefined) return false;
    return op === '=' ? fold(got) === want : fold(got).startsWith(want);
  };
}
