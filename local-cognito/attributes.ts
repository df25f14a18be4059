import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { EMAIL_PATTERN } from '../shared/patterns.ts';
import { invalidParameter, MSG } from './errors.ts';
import type { AttributeInput } from './input.ts';

/** Cognito's standard attributes; with `custom:*`, the only names a user can have (and a token can carry). */
const STANDARD = new Set([
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'sub',
  'updated_at',
  'website',
  'zoneinfo',
]);
const IMMUTABLE = new Set(['sub']);
/** Stored as "true"/"false" strings, claimed in tokens as booleans. */
export const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);

export const inSchema = (name: string): boolean => STANDARD.has(name) || name.startsWith('custom:');

export const looksLikeEmail = (s: string): boolean => EMAIL_PATTERN.test(s);

/** Checks names against the schema (standard attributes or `custom:*`) and returns a map. */
export function attributeMap(list: AttributeInput[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of list ?? []) {
    if (!inSchema(Name)) {
      throw invalidParameter(MSG.attributeNotInSchema(Name));
    }
    if (IMMUTABLE.has(Name)) {
      throw invalidParameter(MSG.attributeImmutable(Name));
    }
    if (Name === 'email' && !looksLikeEmail(Value)) throw invalidParameter(MSG.invalidEmail);
    out[Name] = Value;
  }
  return out;
}

export const attributeList = (attrs: Record<string, string>): AttributeType[] =>
  Object.entries(attrs).map(([Name, Value]) => ({ Name, Value }));

/** Cognito's masked destination: `s***@g***.com` (first letters kept, the TLD kept). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${domain[0] ?? ''}***${tld}`;
}
